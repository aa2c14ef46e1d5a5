"""The baseline of the room benchmarks: a bare Streamlit page with the participant's widgets.

The same widgets, with the same keys and labels, as the workshop's participant page (join
form, then one motivation's questions a step, the step selector, back and next buttons,
the group's fragment refreshed on the same timer), as the single diagnostic's step, and a
results page with the same kinds of elements in the same numbers; no database, no scoring:
what Streamlit itself costs.
Run by the benchmarks as ``streamlit run benchmarks/bare_room.py``.
"""

from __future__ import annotations

import secrets

import plotly.graph_objects as go
import streamlit as st

from diagnostic.i18n import t
from diagnostic.model import ROLES, UNKNOWN
from diagnostic.referentiel.load import load_referentiel
from diagnostic.settings import Settings
from diagnostic.ui.workshop.session import participant_refresh_seconds

LANG = "fr"
ANSWERS_KEY = "bare-answers"


@st.cache_resource
def referentiel():  # type: ignore[no-untyped-def]
    return load_referentiel(Settings.from_env().referentiel_dir)


def join() -> None:
    st.title(t("atelier.join.title", LANG))
    st.text_input(t("atelier.join.pseudonym", LANG), key="atelier-pseudonym")
    st.radio(
        t("atelier.join.role", LANG),
        ROLES,
        index=None,
        format_func=lambda role: t(f"role.{role}", LANG),
        key="atelier-role",
    )
    if st.button(t("atelier.join.button", LANG), key="atelier-join", type="primary"):
        st.query_params.pop("code", None)
        st.query_params["p"] = secrets.token_urlsafe(24)
        st.rerun()


def move(to: int) -> None:
    st.session_state["bare-step"] = to


def questionnaire() -> None:
    ref = referentiel()
    motivations = [m.id for m in ref.motivations]
    index = st.session_state.setdefault("bare-step", 0)
    st.title(t("atelier.me.title", LANG))
    st.code(f"/atelier?p={st.query_params.get('p')}", language=None)
    answers = st.session_state.setdefault(ANSWERS_KEY, {})
    st.progress(len(answers) / len(ref.questions))
    st.selectbox("Étape", range(len(motivations) + 1), index=index, key="atelier-nav-step")
    if index < len(motivations):
        motivation = ref.motivation(motivations[index])
        st.subheader(motivation.label.get(LANG))
        for question in ref.questions_of(motivation.id):
            scale = ref.scale(question.scale)
            labels = {value: scale.label(value, LANG) for value in scale.values()}
            labels[UNKNOWN] = t("answer.unknown", LANG)
            choice = st.radio(
                f"**{question.label.get(LANG)}**",
                list(labels),
                index=None,
                format_func=labels.__getitem__,
                key=f"atelier-answer-{question.id}",
                help=question.help.get(LANG),
            )
            if choice is not None:
                answers[question.id] = choice
            st.text_area("Commentaire", key=f"atelier-comment-{question.id}", height=68)
    st.button("Précédent", key="atelier-nav-back", on_click=move, args=(index - 1,))
    st.button("Suivant", key="atelier-nav-next", on_click=move, args=(index + 1,))
    st.fragment(run_every=participant_refresh_seconds())(watch)()


def wizard_move(to: int) -> None:
    st.session_state["bare-wizard-step"] = to


def diagnostic() -> None:
    """The single diagnostic's step: the same widgets, keys and labels as the app's wizard
    (resume link, progress, step selector, a motivation's questions each with its folded
    comment box, back and next), every change rerunning the whole page."""
    ref = referentiel()
    motivations = [m.id for m in ref.motivations]
    index = st.session_state.setdefault("bare-wizard-step", 1)
    answers = st.session_state.setdefault(ANSWERS_KEY, {})
    with st.popover("Lien de reprise", icon=":material/link:"):
        st.code("http://127.0.0.1/diagnostic?d=bare", language=None)
    st.progress(len(answers) / len(ref.questions), text=f"Réponses : {len(answers)}")
    st.selectbox("Étape", range(len(motivations) + 2), index=index, key="nav-step")
    if 0 < index <= len(motivations):
        motivation = ref.motivation(motivations[index - 1])
        st.title(motivation.label.get(LANG))
        st.markdown(motivation.description.get(LANG))
        for question in ref.questions_of(motivation.id):
            scale = ref.scale(question.scale)
            labels = {value: scale.label(value, LANG) for value in scale.values()}
            labels[UNKNOWN] = t("answer.unknown", LANG)
            choice = st.radio(
                f"**{question.label.get(LANG)}**",
                list(labels),
                index=None,
                format_func=labels.__getitem__,
                key=f"answer-{question.id}",
                help=question.help.get(LANG),
            )
            if choice is not None:
                answers[question.id] = choice
            with st.expander(t("app.question.comment_open", LANG)):
                st.text_area(
                    t("app.question.comment", LANG),
                    key=f"comment-{question.id}",
                    height=68,
                    label_visibility="collapsed",
                )
    with st.container(horizontal=True, horizontal_alignment="distribute"):
        st.button("Précédent", key="nav-back", on_click=wizard_move, args=(index - 1,))
        st.button("Suivant", key="nav-next", on_click=wizard_move, args=(index + 1,))


def watch() -> None:
    st.caption(t("atelier.group.waiting", LANG))


def participant() -> None:
    if st.query_params.get("p"):
        questionnaire()
    else:
        join()


def home() -> None:
    st.title("Diagnostic ESS territorial")


def results() -> None:
    """The same elements as the app's results page, of the same kinds and in the same
    numbers (title, resume link, download buttons, cards with their expanders, charts each
    followed by its table, the plan's widgets), from fixed texts and figures."""
    ref = referentiel()
    labels = [m.label.get(LANG) for m in ref.motivations]
    st.title(t("app.nav.results", LANG))
    with st.popover("Lien de reprise", icon=":material/link:"):
        st.code("http://127.0.0.1/diagnostic?d=bare", language=None)
    st.markdown("Communauté de communes du Toulois")
    st.markdown("Réponses : 44 sur 44")
    with st.container(horizontal=True):
        for number, kind in enumerate(("PDF", "CSV", "Excel", "JSON", "Markdown")):
            st.download_button(kind, b"bare", file_name=f"bare.{number}", key=f"bare-dl-{number}")
    texts = [q.label.get(LANG) for q in ref.questions]
    st.header("Par où commencer")
    for card in range(3):
        with st.container(border=True):
            st.subheader(labels[card])
            st.markdown(texts[card])
            with st.expander("Pourquoi"):
                for line in texts[card * 5 : card * 5 + 5]:
                    st.markdown(f"- {line}")
            with st.expander("En savoir plus"):
                st.markdown(texts[card + 10])
    st.header("Ce qui reste à éclaircir")
    st.info(texts[20])
    st.warning(texts[21])
    for line in texts[22:30]:
        st.markdown(line)
    st.header(t("app.figures.title", LANG))
    for number in range(3):
        st.subheader(labels[number])
        st.caption(texts[number + 30])
        figure = go.Figure(go.Bar(x=[50 + 5 * i for i in range(len(labels))], y=labels))
        st.plotly_chart(figure, key=f"bare-chart-{number}")
        scores = [f"{50 + 5 * i} / 100" for i in range(len(labels))]
        st.table({"Motivation": labels, "Score": scores})
    st.header("Qui contacter")
    for line in texts[33:44]:
        st.markdown(line)
    st.header("Feuille de route")
    st.checkbox("Montrer les actions faites", key="bare-plan-done")
    st.selectbox("Action", labels, key="bare-plan-action")
    st.text_input("Responsable", key="bare-plan-owner")
    with st.expander("Ajouter une action"):
        st.markdown(texts[0])
    for name in ("add", "save", "export"):
        st.button(name, key=f"bare-plan-{name}")
    with st.expander("Comparer"):
        st.code("bare", language=None)
    st.divider()
    st.caption(texts[1])


st.sidebar.radio("Langue · Language", ("fr", "en"), horizontal=True, key="lang")
st.navigation(
    [
        st.Page(home, title="Accueil", default=True),  # served at "/", as the app's home
        st.Page(diagnostic, title="Diagnostic", url_path="diagnostic"),
        st.Page(participant, title="Atelier", url_path="atelier"),
        st.Page(results, title="Résultats", url_path="resultats"),
    ]
).run()
