"""Method: how the scores are computed, in plain words, with the référentiel's own figures."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from ...advice.matrix import NEUTRAL_PRIORITY
from ...advice.recommend import MAX_REASONS, STRENGTH_MATURITY, TOP_LEVERS
from ...i18n import t
from ...model import Referentiel
from ...typography import format_number
from .. import pending, state
from ..contacts_view import sources_view
from ..wording import join_words

METHOD_DOC = Path(__file__).resolve().parents[3] / "docs" / "methode.md"
ENGLISH_PART = "\n## In English"


def render() -> None:
    """Draw the method page: the plain explanation, the weights, then the detailed document."""
    ctx = state.context()
    pending.flush_left_behind(ctx)
    lang, ref = ctx.lang, ctx.referentiel
    st.title(t("app.method.title", lang))
    st.markdown(t("app.method.intro", lang))
    questions(ref, lang)
    st.header(t("app.method.motivations.title", lang))
    neutral = format_number(NEUTRAL_PRIORITY * 100, lang)
    st.markdown(t("app.method.motivations.body", lang, neutral=neutral))
    st.header(t("app.method.levers.title", lang))
    st.markdown(t("app.method.levers.body", lang))
    st.header(t("app.method.gaps.title", lang))
    gap_levers = join_words(
        [
            t(
                "app.method.gaps.lever",
                lang,
                lever=ref.lever(lever).label.get(lang),
                weight=format_number(weight, lang),
            )
            for lever, weight in ref.knowledge_gap_levers.items()
        ],
        lang,
    )
    st.markdown(t("app.method.gaps.body", lang, levers=gap_levers))
    st.header(t("app.method.recommend.title", lang))
    strength = format_number(STRENGTH_MATURITY, lang)
    body = t(
        "app.method.recommend.body", lang, top=TOP_LEVERS, reasons=MAX_REASONS, strength=strength
    )
    st.markdown(body)
    sources_view(lang)
    with st.expander(t("app.method.weights.title", lang)):
        st.markdown(t("app.method.weights.body", lang))
        st.table(weights_table(ref, lang), hide_index=True)
    details = detailed_method(lang)
    if details:
        with st.expander(t("app.method.details", lang)):
            st.markdown(details)


def questions(ref: Referentiel, lang: str) -> None:
    """The two kinds of question and the answer scales, levels in order."""
    st.header(t("app.method.questions.title", lang))
    counts = {
        "questions": len(ref.questions),
        "motivations": len(ref.motivations),
        "levers": len(ref.levers),
    }
    st.markdown(t("app.method.questions.body", lang, **counts))
    lines = []
    for scale in ref.scales:
        kinds = dict.fromkeys(q.kind for q in ref.questions if q.scale == scale.id)
        name = join_words([t(f"kind.{kind}", lang) for kind in kinds], lang) or scale.id
        levels = " → ".join(f"{level.label.get(lang)} ({level.value})" for level in scale.levels)
        lines.append(f"- **{name}**{t('app.colon', lang)}{levels}")
    st.markdown("\n".join(lines))
    st.markdown(t("app.method.questions.normalise", lang))


def weights_table(ref: Referentiel, lang: str) -> pd.DataFrame:
    """One row per question: its motivation, kind, and weight towards each lever."""
    rows = []
    for q in ref.questions:
        row = {
            t("charts.motivation", lang): ref.motivation(q.motivation).label.get(lang),
            t("app.method.weights.question", lang): q.label.get(lang),
            t("app.method.weights.kind", lang): t(f"kind.{q.kind}", lang),
        }
        for lever in ref.levers:
            weight = q.levers.get(lever.id)
            row[lever.label.get(lang)] = "" if weight is None else format_number(weight, lang)
        rows.append(row)
    return pd.DataFrame(rows)


def detailed_method(lang: str) -> str:
    """docs/methode.md in the page's language, without its title; empty when not shipped."""
    if not METHOD_DOC.is_file():
        return ""
    french, _, english = METHOD_DOC.read_text(encoding="utf-8").partition(ENGLISH_PART)
    if lang == "en" and english.strip():
        return english.strip()
    lines = french.strip().removesuffix("---").strip().splitlines()
    return "\n".join(lines[1:] if lines and lines[0].startswith("# ") else lines).strip()
