"""Reusable results display: what to do first, who to call, why; gaps; strengths; figures.

Every function takes plain arguments (référentiel, sheet, scores, language, key prefix)
so the single diagnostic and a workshop's group results share them.
"""

from __future__ import annotations

import streamlit as st

from ..advice.confidence import assess, describe
from ..advice.recommend import (
    ChosenAction,
    Reason,
    Recommendation,
    describe_reason,
    recommend,
    strengths,
    who_knows,
)
from ..advice.scoring import Scores
from ..i18n import t
from ..model import AnswerSheet, Referentiel
from .figures import figures_view
from .wording import join_words, score_text, tn


def results_view(
    referentiel: Referentiel,
    sheet: AnswerSheet,
    scores: Scores,
    lang: str,
    key_prefix: str = "",
) -> None:
    """The whole results: where to start (one card per top lever), gaps, strengths, figures."""
    recommendations = recommend(referentiel, sheet, scores)
    st.header(t("app.results.first_title", lang))
    if not recommendations:
        st.markdown(t("app.results.no_lever", lang))
    else:
        st.caption(t("app.results.first_note", lang))
    confidence_view(referentiel, scores, lang)
    for recommendation in recommendations:
        lever_card(referentiel, recommendation, lang)
    knowledge_gaps(referentiel, scores, lang)
    choices_view(referentiel, scores, lang)
    strengths_view(referentiel, sheet, scores, lang)
    figures_view(referentiel, scores, lang, key_prefix)


def short_name(name: str) -> str:
    """A provider's acronym: its name before the dash (« CRESS — Chambre… » -> « CRESS »)."""
    return name.split(" — ")[0].strip()


def need_text(rec: Recommendation, lang: str) -> str:
    """« Besoin **fort** (72 sur 100) »: the lever's need in words, then its score."""
    word = t(f"need.{rec.need}", lang)
    return t("app.card.need", lang, word=word, score=score_text(rec.need_score, lang))


def reason_text(referentiel: Referentiel, reason: Reason, lang: str) -> str:
    """One short sentence: the answer that led to the lever, and how much it weighed."""
    return describe_reason(referentiel, reason, lang)


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
    """One lever in four lines (need, whom to call, first action, why), the rest folded."""
    colon = t("app.colon", lang)
    with st.container(border=True):
        st.subheader(f"{rec.rank}. {rec.lever.label.get(lang)}")
        lines = [need_text(rec, lang)]
        if rec.providers:
            who = ", ".join(short_name(p.name.get(lang)) for p in rec.providers)
            lines.append(f"**{t('app.card.who', lang)}**{colon}{who}")
        if rec.actions:
            first = rec.actions[0].label.get(lang)
            lines.append(f"**{t('app.card.first_action', lang)}**{colon}{first}")
        st.markdown("  \n".join(lines))
        with st.expander(t("app.card.why", lang)):
            st.markdown("\n".join(f"- {reason_text(referentiel, r, lang)}" for r in rec.reasons))
        with st.expander(t("app.card.more", lang)):
            st.markdown(rec.lever.description.get(lang))
            st.markdown(f"**{t('app.card.providers', lang)}**")
            st.markdown(
                "\n".join(
                    f"- **{p.name.get(lang)}**{colon}{p.description.get(lang)}"
                    for p in rec.providers
                )
            )
            st.markdown(f"**{t('app.card.actions', lang)}**")
            st.markdown(
                "\n".join(
                    f"{n}. {action_line(referentiel, a, lang)}"
                    for n, a in enumerate(rec.actions, 1)
                )
            )


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
