"""The dashboard's panels: who has joined and how far they got, what to discuss, roles.

Each takes plain arguments. Nothing here shows a participant's answers: the list shows a
pseudonym, a role and a count; the rest are aggregates, « masqué » below 3 respondents.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from ...export.workshop.answers import answer_line, group_answer_text
from ...export.workshop.data import WorkshopData, value_rows
from ...export.workshop.pdf_sections import divergence_text, gap_sentence
from ...i18n import t
from ...model import Referentiel
from ...storage import ParticipantSheet
from ...typography import format_percent
from ...workshop import WorkshopSummary
from ...workshop.divergence import QuestionConsensus
from ...workshop.groups import SUBJECTS, Subject
from ..literal import escape_markdown
from ..wording import score_text

DETAILED = 10  # questions to discuss shown with their distribution; the others in a table
TOP_GAPS = 8
BAR_CELLS = 10
FULL, EMPTY = "█", "░"


def share_bar(share: float, cells: int = BAR_CELLS) -> str:
    """A share from 0 to 1 as a bar of text cells: ``█████░░░░░``."""
    filled = round(min(max(share, 0.0), 1.0) * cells)
    return FULL * filled + EMPTY * (cells - filled)


def participant_label(sheet: ParticipantSheet, number: int, lang: str) -> str:
    """The pseudonym as typed, or « Participant n » (n: order of arrival)."""
    return sheet.pseudonym or t("workshop.participant", lang, number=number)


def participants_panel(
    sheets: Sequence[ParticipantSheet], summary: WorkshopSummary, lang: str
) -> None:
    """Each participant's pseudonym, role and progress (a count, never an answer)."""
    if not sheets:
        st.info(t("atelier.participants.none", lang))
        return
    columns = [t(f"atelier.col.{name}", lang) for name in ("participant", "role", "answered")]
    columns.append(t("atelier.col.progress", lang))
    rows = []
    for number, (own, progress) in enumerate(zip(sheets, summary.progress, strict=True), 1):
        answered = t(
            "atelier.participants.answered", lang, answered=progress.answered, total=progress.total
        )
        bar = f"{share_bar(progress.share)} {format_percent(100 * progress.share, lang)}"
        # Table cells read markdown: the pseudonym is escaped to show as typed.
        name = escape_markdown(participant_label(own, number, lang))
        rows.append([name, t(f"role.{own.role}", lang), answered, bar])
    st.table(pd.DataFrame(rows, columns=columns), hide_index=True)
    st.caption(t("atelier.participants.privacy", lang))


def discuss_panel(referentiel: Referentiel, summary: WorkshopSummary, lang: str) -> None:
    """The questions on which views diverge most, each with how the group's answers spread."""
    if summary.group.hidden:
        st.info(t("workshop.hidden", lang))
        st.caption(t("atelier.group.hidden_more", lang))
        return
    st.caption(t("workshop.report.discuss_intro", lang))
    questions = summary.to_discuss
    if not questions:
        st.success(t("workshop.report.agreement", lang))
    detailed = list(enumerate(questions[:DETAILED], start=1))
    for pair in (detailed[start : start + 2] for start in range(0, len(detailed), 2)):
        # Two by two: a projected screen shows more at once; a phone stacks them.
        for column, (number, consensus) in zip(st.columns(2), pair, strict=False):
            with column:
                question_block(referentiel, consensus, number, lang)
    if questions[DETAILED:]:
        st.subheader(t("atelier.discuss.others", lang))
        st.table(other_questions(referentiel, questions, lang), hide_index=True)
    hidden = sum(consensus.hidden for consensus in summary.questions)
    if hidden:
        st.caption(t("workshop.report.hidden_questions", lang, count=hidden))


def question_block(
    referentiel: Referentiel, consensus: QuestionConsensus, number: int, lang: str
) -> None:
    """A question, how many chose each level (the group's answer marked), its divergence."""
    spread, unknown = consensus.spread, consensus.unknown
    assert spread is not None and unknown is not None  # questions to discuss have both
    question = referentiel.question(consensus.question)
    scale = referentiel.scale(question.scale)
    people = max(consensus.respondents, 1)
    with st.container(border=True):
        st.markdown(f"**{number}. {question.label.get(lang)}**")
        motivation = referentiel.motivation(question.motivation).label.get(lang)
        st.caption(f"{motivation} — {t(f'kind.{question.kind}', lang)}")
        rows = []
        for level, count in spread.counts:
            label = scale.label(level, lang)
            if level == spread.median and not consensus.split:
                label = f"**{label} — {t('workshop.report.median_mark', lang)}**"
            rows.append([label, count, share_bar(count / people)])
        rows.append([t("answer.unknown", lang), unknown, share_bar(unknown / people)])
        columns = [t("workshop.report.col.level", lang), t("workshop.report.col.people", lang)]
        st.table(pd.DataFrame(rows, columns=[*columns, ""]), hide_index=True)
        st.markdown(f"**{answer_line(referentiel, consensus, lang)}**")
        divergence = divergence_text(spread.divergence, lang)
        line = t(
            "workshop.report.spread",
            lang,
            divergence=divergence,
            given=spread.given,
            unknown=unknown,
        )
        st.markdown(line)


def other_questions(
    referentiel: Referentiel, questions: Sequence[QuestionConsensus], lang: str
) -> pd.DataFrame:
    """The questions to discuss beyond the first ones, one line each."""
    rows = []
    for number, consensus in enumerate(questions[DETAILED:], start=DETAILED + 1):
        assert consensus.spread is not None
        question = referentiel.question(consensus.question)
        median = group_answer_text(referentiel, consensus, lang)
        divergence = divergence_text(consensus.spread.divergence, lang)
        rows.append([number, question.label.get(lang), median, divergence, consensus.unknown])
    columns = [
        t("report.table.number", lang),
        t("workshop.report.col.question", lang),
        t("workshop.report.col.median", lang),
        t("workshop.report.col.divergence", lang),
        t("report.table.unknown", lang),
    ]
    return pd.DataFrame(rows, columns=columns)


def roles_panel(data: WorkshopData, lang: str) -> None:
    """Where roles see things differently: the largest gaps in words, then the values."""
    visible = data.visible_roles()
    st.caption(t("workshop.report.roles_intro", lang))
    if not visible:
        st.info(t("workshop.report.roles_none", lang))
    else:
        st.subheader(t("workshop.report.gaps", lang))
        gaps = [gap for gap in data.summary.role_gaps if round(abs(gap.gap)) >= 1][:TOP_GAPS]
        if gaps:
            sentences = [gap_sentence(data.referentiel, gap, lang) for gap in gaps]
            st.markdown("\n".join(f"- {sentence}" for sentence in sentences))
        else:
            key = "workshop.report.gaps_none" if len(visible) < 2 else "workshop.report.gaps_equal"
            st.markdown(t(key, lang))
        st.subheader(t("atelier.roles.values", lang))
        for subject in SUBJECTS:
            st.markdown(f"**{t(f'workshop.subject.{subject}', lang)}**")
            st.table(role_values(data, subject, lang), hide_index=True)
    for role in data.present_roles():
        if role not in visible:
            label, hidden = t(f"role.{role}", lang), t("workshop.hidden", lang)
            st.caption(t("workshop.report.hidden_role", lang, role=label, hidden=hidden))


def role_values(data: WorkshopData, subject: Subject, lang: str) -> pd.DataFrame:
    """The group's and each visible role's value on every item of one subject."""
    visible = data.visible_roles()
    first = t("report.table.lever" if subject == "lever" else "report.table.motivation", lang)
    columns = [first, t("workshop.group", lang)]
    columns += [t(f"workshop.role_short.{role}", lang) for role in visible]
    rows = [
        [str(row[1]), *(_value(value, lang) for value in row[2:])]
        for row in value_rows(data, visible, (subject,), lang)
    ]
    return pd.DataFrame(rows, columns=columns)


def _value(value: object, lang: str) -> str:
    """A value out of 100 written the language's way, « masqué » as is, a dash when absent."""
    if isinstance(value, str):
        return value
    return score_text(float(value) if isinstance(value, int | float) else None, lang)
