"""The baseline of the room benchmarks: a bare Streamlit page with the participant's widgets.

The same widgets, with the same keys and labels, as the workshop's participant page (join
form, then one motivation's questions a step, the step selector, back and next buttons,
the group's fragment refreshed on the same timer), and a results page with the same
number of charts; no database, no scoring: what Streamlit itself costs.
Run by the benchmarks as ``streamlit run benchmarks/bare_room.py``.
"""

from __future__ import annotations

import secrets

import plotly.graph_objects as go
import streamlit as st

from diagnostic.i18n import t
from diagnostic.model import ROLES, UNKNOWN
from diagnostic.referentiel import load_referentiel
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
    """As many charts as the results page draws, from fixed figures."""
    ref = referentiel()
    st.title(t("app.nav.results", LANG))
    labels = [m.label.get(LANG) for m in ref.motivations]
    for number in range(3):
        figure = go.Figure(go.Bar(x=[50 + 5 * i for i in range(len(labels))], y=labels))
        st.plotly_chart(figure, key=f"bare-chart-{number}")


st.sidebar.radio("Langue · Language", ("fr", "en"), horizontal=True, key="lang")
st.navigation(
    [
        st.Page(home, title="Accueil", default=True),  # served at "/", as the app's home
        st.Page(participant, title="Atelier", url_path="atelier"),
        st.Page(results, title="Résultats", url_path="resultats"),
    ]
).run()
