"""A workshop's tables: the group result and anonymised answers as French-Excel CSV and XLSX.

Anonymisation is done in ``data``: no pseudonym, token, comment or time appears, and
a role of fewer than 3 respondents is masked (see that module).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import TYPE_CHECKING

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from ...i18n import t
from ...model import Referentiel
from ...plan.model import Plan
from ...territory.profile import clean_text
from ...workshop.groups import SUBJECTS
from ...workshop.retained import NO_DISCUSSION, Discussion
from ..csvfmt import to_french_csv_bytes
from ..plan.tabular import add_plan_sheet
from ..tabular import (
    answer_header,
    answer_rows,
    lever_header,
    lever_rows,
    motivation_header,
    motivation_rows,
    write_recommendations,
)
from ..xlsx_cells import (
    SCORE_FORMAT,
    Fact,
    Row,
    write_facts,
    write_note,
    write_table,
    write_titled,
)
from .answers import group_answer_text
from .data import (
    WorkshopData,
    anonymous_sheets,
    count_rows,
    item_label,
    uncovered_labels,
    value_rows,
)
from .retained import add_retained_sheet

if TYPE_CHECKING:
    from ...storage import ParticipantSheet, WorkshopRecord

DIVERGENCE_FORMAT = "0.000"


def anonymous_header(lang: str) -> list[str]:
    """Columns of the anonymised answers: participant, role, then the answers table's."""
    columns = [t("workshop.col.participant", lang), t("workshop.col.role", lang)]
    return columns + answer_header(lang)[:-1]  # the last column is the comment


def anonymous_rows(data: WorkshopData, lang: str) -> list[Row]:
    """One row per respondent and question, without comments (they may name people)."""
    rows: list[Row] = []
    for number, role, sheet in anonymous_sheets(data):
        who: Row = [
            t("workshop.participant", lang, number=number),
            t(f"role.{role}", lang) if role else t("workshop.masked", lang),
        ]
        rows += [who + row[:-1] for row in answer_rows(data.referentiel, sheet, lang)]
    return rows


def workshop_csv(
    referentiel: Referentiel,
    workshop: WorkshopRecord,
    sheets: Sequence[ParticipantSheet],
    lang: str = "fr",
) -> bytes:
    """The anonymised answers, one row per respondent and question, as a French-Excel CSV."""
    data = WorkshopData.build(referentiel, workshop, sheets)
    return to_french_csv_bytes(anonymous_header(lang), anonymous_rows(data, lang))


def workshop_xlsx(
    referentiel: Referentiel,
    workshop: WorkshopRecord,
    sheets: Sequence[ParticipantSheet],
    lang: str = "fr",
    plan: Plan = (),
    discussion: Discussion = NO_DISCUSSION,
) -> bytes:
    """Summary, the group's levers and motivations, divergences, roles, anonymised answers.

    ``plan``, the feuille de route built with the group, gets its own sheet; the group
    result follows the answers retained in ``discussion``, which get a sheet of their own.
    """
    data = WorkshopData.build(referentiel, workshop, sheets, discussion)
    group = data.summary.group
    book = Workbook()
    summary = book.active
    assert summary is not None
    summary.title = t("report.sheet.summary", lang)
    _summary(summary, data, lang)
    levers = book.create_sheet(t("workshop.sheet.levers", lang))
    motivations = book.create_sheet(t("workshop.sheet.motivations", lang))
    if data.group is not None and group.scores is not None:
        rows = lever_rows(referentiel, data.group, lang, group.scores)
        write_table(levers, lever_header(lang), rows, (8, 32, 14, 48, 90), {2: SCORE_FORMAT})
        rows = motivation_rows(referentiel, group.scores, lang)
        formats = {1: SCORE_FORMAT, 2: SCORE_FORMAT}
        write_table(motivations, motivation_header(lang), rows, (52, 16, 16, 16, 18, 12), formats)
    else:
        for sheet in (levers, motivations):
            write_note(sheet, 1, t("workshop.xlsx.group_hidden", lang))
    _discuss(book.create_sheet(t("workshop.sheet.discuss", lang)), data, lang)
    add_retained_sheet(book, data, lang)
    _roles(book.create_sheet(t("workshop.sheet.roles", lang)), data, lang)
    answers = book.create_sheet(t("report.sheet.answers", lang))
    write_note(answers, 1, t("workshop.xlsx.privacy", lang))
    widths = (16, 22, 34, 30, 70, 14, 12, 34)
    write_table(answers, anonymous_header(lang), anonymous_rows(data, lang), widths, first_row=3)
    answers.freeze_panes = "A4"
    if plan:
        add_plan_sheet(book, referentiel, plan, lang)
    name = clean_text(workshop.profile.name)
    book.properties.title = f"{referentiel.title.get(lang)} — {name}"
    book.properties.creator = referentiel.title.get(lang)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _summary(book_sheet: Worksheet, data: WorkshopData, lang: str) -> None:
    profile, summary = data.workshop.profile, data.summary
    facts: list[Fact] = [
        (t("report.xlsx.territory", lang), profile.name, None),
        (t("report.cover.type", lang), t(f"territory.{profile.type}", lang), None),
        (t("report.cover.departement", lang), profile.departement, None),
        (t("report.cover.population", lang), profile.population, "#,##0"),
        (t("workshop.report.date", lang), data.day, "dd/mm/yyyy"),
        (t("workshop.col.joined", lang), summary.joined, None),
        (t("workshop.col.respondents", lang), summary.respondents, None),
        (t("report.cover.version", lang), data.referentiel.version, None),
    ]
    left_out = uncovered_labels(data, lang)
    if left_out:
        facts.append((t("pacing.report.uncovered", lang), "\n".join(left_out), None))
    row = write_facts(book_sheet, facts, lang)
    group = summary.group
    if data.group is None or group.scores is None:
        write_note(book_sheet, row, t("workshop.xlsx.group_hidden", lang))
        row += 2
    else:
        row = write_recommendations(
            book_sheet, data.referentiel, data.group, group.scores, lang, row
        )
    write_note(book_sheet, row, t("workshop.xlsx.privacy", lang))


def _discuss(book_sheet: Worksheet, data: WorkshopData, lang: str) -> None:
    referentiel = data.referentiel
    top = max(scale.max for scale in referentiel.scales)
    header = [
        t("workshop.col.order", lang),
        t("report.col.motivation", lang),
        t("report.col.question_id", lang),
        t("report.col.question", lang),
        *(t(f"workshop.col.{key}", lang) for key in ("median_level", "median", "divergence")),
        *(t(f"workshop.col.{key}", lang) for key in ("given", "unknown")),
        *(t("workshop.col.count", lang, level=level) for level in range(top + 1)),
    ]
    rows: list[Row] = []
    for number, consensus in enumerate(data.summary.to_discuss, start=1):
        spread = consensus.spread
        assert spread is not None  # questions to discuss always have one
        question = referentiel.question(consensus.question)
        counts = dict(spread.counts)
        rows.append(
            [
                number,
                referentiel.motivation(question.motivation).label.get(lang),
                question.id,
                question.label.get(lang),
                spread.median,
                group_answer_text(referentiel, consensus, lang),
                round(spread.divergence, 3),
                spread.given,
                consensus.unknown,
                *(counts.get(level) for level in range(top + 1)),
            ]
        )
    widths = (6, 30, 26, 60, 14, 30, 14, 12, 14) + (12,) * (top + 1)
    write_table(book_sheet, header, rows, widths, {6: DIVERGENCE_FORMAT})


def _roles(book_sheet: Worksheet, data: WorkshopData, lang: str) -> None:
    present, widths = data.present_roles(), (18, 44, 14, 14, 14, 14, 14, 14, 14)
    header = [
        t(f"workshop.col.{key}", lang) for key in ("role", "joined", "respondents", "results")
    ]
    title = t("workshop.xlsx.role_counts", lang)
    row = write_titled(book_sheet, 1, title, header, count_rows(data, lang), None, widths)
    header = [t("workshop.col.subject", lang), t("workshop.col.item", lang)]
    header += [t("workshop.group", lang)] + [t(f"workshop.role_short.{r}", lang) for r in present]
    values = value_rows(data, present, SUBJECTS, lang)
    formats = dict.fromkeys(range(2, 3 + len(present)), SCORE_FORMAT)
    title = t("workshop.xlsx.role_values", lang)
    row = write_titled(book_sheet, row, title, header, values, formats, widths)
    gaps = [
        [
            t(f"workshop.subject.{gap.subject}", lang),
            item_label(data.referentiel, gap.subject, gap.item, lang),
            *(t(f"workshop.role_short.{role}", lang) for role in (gap.first, gap.second)),
            *(round(value, 1) for value in (gap.first_value, gap.second_value, gap.gap)),
        ]
        for gap in data.summary.role_gaps
    ]
    keys = ("subject", "item", "role", "other_role", "value", "other_value", "gap")
    header = [t(f"workshop.col.{key}", lang) for key in keys]
    formats = dict.fromkeys((4, 5, 6), SCORE_FORMAT)
    title = t("workshop.xlsx.role_gaps", lang)
    write_titled(book_sheet, row, title, header, gaps, formats, widths)
