"""The results page's « Qui appeler »: the territory's regional contacts, then other providers."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from ..advice.recommend import recommend
from ..advice.scoring import Scores
from ..export.who_to_call import call_list, sources_note, territories_note
from ..i18n import t
from ..model import AnswerSheet, Referentiel
from ..territory.contacts import Contact
from .literal import escape_markdown


def who_to_call_view(
    referentiel: Referentiel,
    sheet: AnswerSheet,
    scores: Scores,
    lang: str,
    edits: Sequence[Contact] = (),
) -> None:
    """Each contact with its role, its website and the levers it serves; ``edits`` are the
    directory rows the région's advisers edited in the app."""
    recommendations = recommend(referentiel, sheet, scores)
    departement = sheet.territory.departement
    calls = call_list(referentiel, recommendations, departement, lang, edits)
    if not calls.lines:
        return
    st.header(t("contacts.title", lang))
    if calls.region:
        st.markdown(t("contacts.region", lang, region=escape_markdown(calls.region)))
    lines = []
    for line in calls.lines:
        text = f"- **{escape_markdown(line.who)}**"
        if line.role:
            text += f" ({escape_markdown(line.role)})"
        if line.website:
            text += f" — [{escape_markdown(line.website)}]({line.website})"
        if line.levers:
            levers = escape_markdown(", ".join(line.levers))
            text += f" — {t('contacts.for', lang, levers=levers)}"
        lines.append(text)
    st.markdown("\n".join(lines))
    st.caption(sources_note(calls, lang))


def sources_view(lang: str) -> None:
    """The method page's note on the official territories and the regional directory."""
    st.header(t("contacts.method.title", lang))
    note = territories_note(lang)
    if note:
        st.markdown(escape_markdown(note))
    st.markdown(t("contacts.method.directory", lang))
