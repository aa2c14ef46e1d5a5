"""The plan and the comparison as spreadsheets: an XLSX sheet each, and a French-Excel CSV."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ...i18n import t
from ...model import AnswerSheet, Referentiel
from ...plan.codec import status_label
from ...plan.compare import Comparison
from ...plan.model import STATUSES, Plan
from ..csvfmt import to_french_csv_bytes
from ..xlsx_cells import SCORE_FORMAT, write_table, write_titled, xlsx_text
from .wording import (
    answer_text,
    date_text,
    lever_text,
    quarter_text,
    status_name,
    status_text,
)

PLAN_COLUMNS = ("number", "action", "lever", "owner", "partners", "quarter", "status", "note")
PLAN_WIDTHS = (6, 48, 28, 30, 30, 20, 14, 48, 12)
STATUS_COLUMN = PLAN_COLUMNS.index("status") + 1
# Rows below the plan where a typed line still gets the status list.
ROOM = 50


def plan_header(lang: str) -> list[str]:
    """Columns of the plan table."""
    return [t(f"plan.col.{key}", lang) for key in (*PLAN_COLUMNS, "added")]


def plan_rows(referentiel: Referentiel, plan: Plan, lang: str) -> list[list[object]]:
    """One row per line: number, wording, lever, owner, partners, target, status, note, date."""
    return [
        [
            number,
            action.label,
            lever_text(referentiel, action, lang) or None,
            action.owner or None,
            action.partners or None,
            quarter_text(action.quarter, lang),
            status_text(action, lang),
            action.note or None,
            action.added,
        ]
        for number, action in enumerate(plan, start=1)
    ]


def plan_csv(referentiel: Referentiel, sheet: AnswerSheet, lang: str = "fr") -> bytes:
    """The plan as a French-Excel CSV (formulas neutralised)."""
    rows = [
        [*row[:-1], row[-1].isoformat() if hasattr(row[-1], "isoformat") else row[-1]]
        for row in plan_rows(referentiel, sheet.plan, lang)
    ]
    return to_french_csv_bytes(plan_header(lang), rows)


def add_plan_sheet(book: Workbook, referentiel: Referentiel, plan: Plan, lang: str) -> Worksheet:
    """A « Feuille de route » sheet: filters on every column, status picked from a list."""
    sheet = book.create_sheet(t("plan.sheet", lang))
    rows = plan_rows(referentiel, plan, lang)
    write_table(sheet, plan_header(lang), rows, PLAN_WIDTHS)
    last = len(rows) + 1
    for row in range(2, last + 1):
        sheet.cell(row=row, column=len(PLAN_WIDTHS)).number_format = "dd/mm/yyyy"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(PLAN_WIDTHS))}{last}"
    choices = ",".join(status_label(status, lang) for status in STATUSES)
    validation = DataValidation(
        type="list", formula1=f'"{choices}"', allow_blank=True, showErrorMessage=True
    )
    validation.error = t("plan.col.status", lang) + t("app.colon", lang) + choices
    column = get_column_letter(STATUS_COLUMN)
    validation.add(f"{column}2:{column}{last + ROOM}")
    sheet.add_data_validation(validation)
    return sheet


def add_comparison_sheet(
    book: Workbook, referentiel: Referentiel, comparison: Comparison, lang: str
) -> Worksheet:
    """A « Comparaison » sheet: motivations, levers, answers that moved, plan statuses."""
    sheet = book.create_sheet(t("compare.sheet", lang))
    before = date_text(comparison.earlier_date, lang)
    after = date_text(comparison.later_date, lang)
    sheet.cell(
        row=1, column=1, value=xlsx_text(t("compare.intro", lang, before=before, after=after))
    )
    row = 3
    if comparison.unchanged:
        sheet.cell(row=row, column=1, value=t("compare.none", lang))
        row += 2
    keys = ("priority_before", "priority_after", "maturity_before", "maturity_after")
    header = [t("report.col.motivation", lang)] + [t(f"compare.col.{k}", lang) for k in keys]
    rows: list[list[object]] = [
        [
            referentiel.motivation(m.id).label.get(lang),
            _round(m.priority.before),
            _round(m.priority.after),
            _round(m.maturity.before),
            _round(m.maturity.after),
        ]
        for m in comparison.motivations
    ]
    formats = dict.fromkeys(range(1, 5), SCORE_FORMAT)
    widths = (52, 18, 18, 18, 18)
    row = write_titled(sheet, row, t("compare.motivations", lang), header, rows, formats, widths)
    header = [t("report.col.lever", lang)] + [
        t(f"compare.col.{k}", lang) for k in ("need_before", "need_after", "delta")
    ]
    rows = [
        [
            referentiel.lever(c.id).label.get(lang),
            _round(c.need.before),
            _round(c.need.after),
            _round(c.need.delta),
        ]
        for c in comparison.levers
    ]
    row = write_titled(sheet, row, t("compare.levers", lang), header, rows, formats, widths)
    header = [t("report.col.question", lang), t("compare.col.before", lang)]
    header += [t("compare.col.after", lang), t("compare.col.direction", lang)]
    rows = [
        [
            referentiel.question(c.question).label.get(lang),
            answer_text(referentiel, c.question, c.before, lang),
            answer_text(referentiel, c.question, c.after, lang),
            t(f"compare.{c.direction}", lang),
        ]
        for c in comparison.answers
    ]
    row = write_titled(sheet, row, t("compare.answers", lang), header, rows, widths=widths)
    header = [t(f"plan.col.{key}", lang) for key in ("action", "before", "status")]
    rows = [
        [line.action.label, status_name(line.before, lang), status_text(line.action, lang)]
        for line in comparison.plan
    ]
    write_titled(sheet, row, t("compare.plan", lang), header, rows, widths=widths)
    return sheet


def comparison_xlsx(
    referentiel: Referentiel, later: AnswerSheet, comparison: Comparison, lang: str = "fr"
) -> bytes:
    """A workbook with the comparison sheet, and the later plan's sheet when there is one."""
    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    add_comparison_sheet(book, referentiel, comparison, lang)
    if later.plan:
        add_plan_sheet(book, referentiel, later.plan, lang)
    book.properties.title = f"{referentiel.title.get(lang)} — {xlsx_text(later.territory.name)}"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)
