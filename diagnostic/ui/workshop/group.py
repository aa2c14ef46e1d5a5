"""A workshop's group result, drawn with the single diagnostic's results components.

The same function serves the adviser's dashboard and the participants' page, so both
show exactly the same thing; below ``MIN_GROUP`` respondents it says « masqué ».
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from ...advice.scoring import score_sheet
from ...i18n import t
from ...model import Answer, AnswerSheet, QuestionId, TerritoryProfile, TerritoryType
from ...storage import ParticipantSheet
from ...workshop import Participant, WorkshopSummary, aggregate
from ..resources import referentiel_at
from ..results import results_view
from ..state import Context
from ..wording import tn


def summarise(
    ctx: Context, sheets: Sequence[ParticipantSheet], motivations: Sequence[str]
) -> WorkshopSummary:
    """The workshop's aggregation; participants are keyed by position, never by their token."""
    people = [
        Participant(str(number), own.role, own.sheet.answers)
        for number, own in enumerate(sheets, start=1)
    ]
    return aggregate(ctx.referentiel, people, motivations)


def group_result(
    ctx: Context, summary: WorkshopSummary, territory: TerritoryProfile, key_prefix: str
) -> None:
    """The group's results as for a single diagnostic, or « masqué » below 3 respondents."""
    lang = ctx.lang
    group = summary.group
    if group.hidden or group.answers is None:
        st.info(t("workshop.hidden", lang))
        st.caption(t("atelier.group.hidden_more", lang))
        return
    st.caption(t("atelier.group.intro", lang, respondents=group.respondents))
    minority_unknowns(summary, lang)
    answers = tuple(sorted(group.answers.items(), key=lambda item: item[0]))
    drawn_group(str(ctx.settings.referentiel_dir), answers, territory.type, lang, key_prefix)


def minority_unknowns(summary: WorkshopSummary, lang: str) -> None:
    """Say how many questions have « je ne sais pas » that the group's answer does not show."""
    questions = [
        q
        for q in summary.questions
        if q.spread is not None and q.unknown and q.unknown < q.spread.given
    ]
    if questions:
        people = sum(q.unknown or 0 for q in questions)
        count = len(questions)
        st.info(tn("atelier.group.minority_unknown", count, lang, people=people))


@st.cache_resource(show_spinner=False, max_entries=256)
def drawn_group(
    directory: str,
    answers: tuple[tuple[QuestionId, Answer], ...],
    territory_type: TerritoryType,
    lang: str,
    key_prefix: str,
) -> None:
    """The results display of a group answer sheet, drawn once and replayed on later runs.

    Streamlit records the elements a cached function draws and replays them on a hit,
    so a live page that refreshes every few seconds rebuilds nothing while the group's
    answers stay the same.
    """
    referentiel = referentiel_at(directory)
    sheet = AnswerSheet(TerritoryProfile("", territory_type), dict(answers))
    results_view(referentiel, sheet, score_sheet(referentiel, sheet), lang, key_prefix)
