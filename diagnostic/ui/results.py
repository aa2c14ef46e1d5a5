"""Reusable results display: what to do first, who to call, why; gaps; strengths; figures.

Every function takes plain arguments (référentiel, sheet, scores, language, key prefix)
so the single diagnostic and a workshop's group results share them.
"""

from __future__ import annotations

import streamlit as st

from ..confidence import assess, describe
from ..i18n import t
from ..model import AnswerSheet, Referentiel
from ..recommend import (
    ChosenAction,
    Recommendation,
    describe_reason,
    recommend,
    strengths,
    who_knows,
)
from ..scoring import Scores
from .figures import figures_view
from .wording import join_words, score_text, tn

FIRST_ACTIONS = 3


def results_view(
    referentiel: Referentiel,
    sheet: AnswerSheet,
    scores: Scores,
    lang: str,
    key_prefix: str = "",
) -> None:
    """The whole results: first steps, one card per top lever, gaps, strengths, figures."""
    recommendations = recommend(referentiel, sheet, scores)
    first_steps(recommendations, lang)
    confidence_view(referentiel, scores, lang)
    if recommendations:
        st.header(t("app.results.levers_title", lang))
        for recommendation in recommendations:
            lever_card(referentiel, recommendation, lang)
    knowledge_gaps(referentiel, scores, lang)
    choices_view(referentiel, scores, lang)
    strengths_view(referentiel, sheet, scores, lang)
    figures_view(referentiel, scores, lang, key_prefix)


def short_name(name: str) -> str:
    """A provider's acronym: its name before the dash (« CRESS — Chambre… » -> « CRESS »)."""
    return name.split(" — ")[0].strip()


def first_steps(recommendations: tuple[Recommendation, ...], lang: str) -> None:
    """In three lines: which levers first, who to call, the first action of each."""
    with st.container(border=True):
        st.subheader(t("app.results.first_title", lang))
        if not recommendations:
            st.markdown(t("app.results.no_lever", lang))
            return
        lines = []
        for rec in recommendations:
            who = ", ".join(short_name(p.name.get(lang)) for p in rec.providers)
            first = rec.actions[0].label.get(lang) if rec.actions else ""
            lines.append(
                t(
                    "app.results.first_line",
                    lang,
                    rank=rec.rank,
                    lever=rec.lever.label.get(lang),
                    who=who,
                    action=first,
                )
            )
        st.markdown("\n".join(lines))
        st.caption(t("app.results.first_note", lang))


def confidence_view(referentiel: Referentiel, scores: Scores, lang: str) -> None:
    """Plain words before a ranking that is thin or too close to call."""
    lines = describe(referentiel, assess(referentiel, scores), lang)
    if lines:
        st.info("\n\n".join(lines), icon=":material/forum:")


def action_line(referentiel: Referentiel, action: ChosenAction, lang: str) -> str:
    """An action in bold with how to go about it, and the answers it follows from."""
    text = f"**{action.label.get(lang)}**{t('app.colon', lang)}{action.detail.get(lang)}"
    if action.because:
        shorts = ", ".join(referentiel.question(q).short_label.get(lang) for q in action.because)
        text += f" _({t('app.card.because', lang, answers=shorts)})_"
    return text


def lever_card(referentiel: Referentiel, rec: Recommendation, lang: str) -> None:
    """One lever: its need, what it brings, who provides it, first actions, and why."""
    with st.container(border=True):
        st.subheader(f"{rec.rank}. {rec.lever.label.get(lang)}")
        need = t(f"need.{rec.need}", lang)
        st.markdown(t("app.card.need", lang, score=score_text(rec.score, lang), word=need))
        st.markdown(rec.lever.description.get(lang))
        who, what = st.columns([1, 2], gap="medium")
        with who:
            st.markdown(f"**{t('app.card.who', lang)}**")
            st.markdown("\n".join(f"- {p.name.get(lang)}" for p in rec.providers))
            with st.expander(t("app.card.providers", lang)):
                st.markdown(
                    "\n\n".join(
                        f"**{short_name(p.name.get(lang))}**{t('app.colon', lang)}"
                        f"{p.description.get(lang)}"
                        for p in rec.providers
                    )
                )
        with what:
            st.markdown(f"**{t('app.card.actions', lang)}**")
            st.markdown(
                "\n".join(
                    f"{n}. {action_line(referentiel, a, lang)}"
                    for n, a in enumerate(rec.actions[:FIRST_ACTIONS], 1)
                )
            )
            if len(rec.actions) > FIRST_ACTIONS:
                with st.expander(t("app.card.more_actions", lang)):
                    st.markdown(
                        "\n".join(f"- {a.label.get(lang)}" for a in rec.actions[FIRST_ACTIONS:])
                    )
        st.markdown(f"**{t('app.card.why', lang)}**")
        st.markdown("\n".join(f"- {describe_reason(referentiel, r, lang)}" for r in rec.reasons))


def knowledge_gaps(referentiel: Referentiel, scores: Scores, lang: str) -> None:
    """The "je ne sais pas" answers, listed as a finding of their own."""
    st.header(t("app.gaps.title", lang))
    gaps = scores.knowledge_gaps
    if not gaps:
        st.markdown(t("app.gaps.none", lang))
        return
    levers = join_words(
        [referentiel.lever(lever).label.get(lang) for lever in referentiel.knowledge_gap_levers],
        lang,
    )
    st.markdown(tn("app.gaps.intro", len(gaps), lang, levers=levers))
    for motivation in referentiel.motivations:
        found = [q for q in gaps if referentiel.question(q).motivation == motivation.id]
        if found:
            st.markdown(f"**{motivation.label.get(lang)}**")
            st.markdown("\n".join(gap_line(referentiel, q, lang) for q in found))


def gap_line(referentiel: Referentiel, question_id: str, lang: str) -> str:
    """A question answered "je ne sais pas", and who can help find the answer."""
    who = ", ".join(short_name(p.name.get(lang)) for p in who_knows(referentiel, question_id))
    label = referentiel.question(question_id).label.get(lang)
    return f"- {label} — {t('app.gaps.who', lang, who=who)}"


def choices_view(referentiel: Referentiel, scores: Scores, lang: str) -> None:
    """The subjects the territory declined on purpose: choices, not gaps."""
    if not scores.declined:
        return
    st.header(t("app.choices.title", lang))
    st.markdown(t("app.choices.intro", lang))
    st.markdown("\n".join(f"- {referentiel.question(q).label.get(lang)}" for q in scores.declined))


def strengths_view(referentiel: Referentiel, sheet: AnswerSheet, scores: Scores, lang: str) -> None:
    """Motivations where the territory is already well advanced: what to build on."""
    found = strengths(referentiel, sheet, scores)
    if not found:
        return
    st.header(t("app.strengths.title", lang))
    for strength in found:
        label = referentiel.motivation(strength.motivation).label.get(lang)
        st.markdown(
            t(
                "app.strengths.line",
                lang,
                motivation=label,
                score=score_text(strength.maturity, lang),
            )
        )
        if strength.questions:
            st.markdown(
                "\n".join(
                    f"- {referentiel.question(q).label.get(lang)}" for q in strength.questions
                )
            )
