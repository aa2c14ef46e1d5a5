"""The tables an officer works from: French-Excel CSV and an XLSX workbook, formula-safe."""

from __future__ import annotations

import io
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..i18n import t
from ..model import UNKNOWN, AnswerSheet, Provider, Referentiel
from ..recommend import answer_label, describe_reason, explain_all, recommend, strengths
from ..scoring import Scores, score_answers
from ..territory import clean_text
from .csvfmt import safe_cell, to_french_csv_bytes

XLSX_CELL_MAX = 32_767
Row = list[object]
HEADER_FILL = PatternFill("solid", start_color="FFDCE6F0")
SCORE_FORMAT = "0.0"
SUMMARY_WIDTHS = (34, 40, 14, 60)
Fact = tuple[str, object, str | None]  # label, value, number format (None: general)


def answer_header(lang: str) -> list[str]:
    """Columns of the answers table."""
    keys = ("motivation", "question_id", "question", "kind", "level", "answer", "comment")
    return [t(f"report.col.{key}", lang) for key in keys]


def answer_rows(referentiel: Referentiel, sheet: AnswerSheet, lang: str) -> list[Row]:
    """One row per question in référentiel order; no level for « je ne sais pas » or no answer."""
    rows: list[Row] = []
    for question in referentiel.questions:
        answer = sheet.answer(question.id)
        rows.append(
            [
                referentiel.motivation(question.motivation).label.get(lang),
                question.id,
                question.label.get(lang),
                t(f"kind.{question.kind}", lang),
                None if answer is None or answer == UNKNOWN else answer,
                answer_label(referentiel, question.id, answer, lang),
                clean_text(sheet.comments.get(question.id, "")) or None,
            ]
        )
    return rows


def lever_header(lang: str) -> list[str]:
    """Columns of the lever scores table."""
    return [t(f"report.col.{key}", lang) for key in ("rank", "lever", "score", "providers", "why")]


def lever_rows(
    referentiel: Referentiel, sheet: AnswerSheet, lang: str, scores: Scores | None = None
) -> list[Row]:
    """Every lever in rank order: rank, label, need (one decimal), providers, reasons."""
    return [
        [
            rec.rank,
            rec.lever.label.get(lang),
            round(rec.score, 1),
            _names(rec.providers, lang),
            "\n".join(describe_reason(referentiel, reason, lang) for reason in rec.reasons),
        ]
        for rec in explain_all(referentiel, sheet, scores)
    ]


def motivation_header(lang: str) -> list[str]:
    """Columns of the motivation scores table."""
    keys = ("motivation", "priority", "maturity", "answered", "unknown", "total")
    return [t(f"report.col.{key}", lang) for key in keys]


def motivation_rows(referentiel: Referentiel, scores: Scores, lang: str) -> list[Row]:
    """Every motivation: priority and maturity (one decimal, empty if unanswered) and counts."""
    return [
        [
            referentiel.motivation(result.id).label.get(lang),
            None if result.priority is None else round(result.priority, 1),
            None if result.maturity is None else round(result.maturity, 1),
            result.answered,
            result.unknown,
            result.total,
        ]
        for result in scores.motivations
    ]


def to_csv(
    referentiel: Referentiel, sheet: AnswerSheet, lang: str = "fr", scores: Scores | None = None
) -> bytes:
    """The answers table as a French-Excel CSV; ``scores`` is unused, kept for a uniform call."""
    return to_french_csv_bytes(answer_header(lang), answer_rows(referentiel, sheet, lang))


def levers_csv(
    referentiel: Referentiel, sheet: AnswerSheet, lang: str = "fr", scores: Scores | None = None
) -> bytes:
    """The lever scores table as a French-Excel CSV."""
    rows = lever_rows(referentiel, sheet, lang, scores)
    return to_french_csv_bytes(lever_header(lang), rows)


def to_xlsx(
    referentiel: Referentiel, sheet: AnswerSheet, lang: str = "fr", scores: Scores | None = None
) -> bytes:
    """A workbook with four sheets: summary, lever scores, motivation scores, answers."""
    scores = scores or score_answers(referentiel, sheet.answers)
    book = Workbook()
    summary = book.active
    assert summary is not None
    summary.title = t("report.sheet.summary", lang)
    _summary(summary, referentiel, sheet, scores, lang)
    levers = book.create_sheet(t("report.sheet.levers", lang))
    write_table(
        levers,
        lever_header(lang),
        lever_rows(referentiel, sheet, lang, scores),
        widths=(8, 32, 14, 48, 90),
        number_formats={2: SCORE_FORMAT},
    )
    motivations = book.create_sheet(t("report.sheet.motivations", lang))
    write_table(
        motivations,
        motivation_header(lang),
        motivation_rows(referentiel, scores, lang),
        widths=(52, 16, 16, 16, 18, 12),
        number_formats={1: SCORE_FORMAT, 2: SCORE_FORMAT},
    )
    answers = book.create_sheet(t("report.sheet.answers", lang))
    write_table(
        answers,
        answer_header(lang),
        answer_rows(referentiel, sheet, lang),
        widths=(34, 30, 70, 14, 12, 34, 60),
    )
    book.properties.title = f"{referentiel.title.get(lang)} — {clean_text(sheet.territory.name)}"
    book.properties.creator = referentiel.title.get(lang)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def xlsx_text(value: str) -> str:
    """Text a cell holds and shows literally: no control character, formula-safe, not too long."""
    return str(safe_cell(clean_text(value)))[:XLSX_CELL_MAX]


def xlsx_value(value: object) -> object:
    """A cell value: text made safe, numbers (negative ones too) kept numeric."""
    return xlsx_text(value) if isinstance(value, str) else value


def write_table(
    sheet: Worksheet,
    header: Sequence[str],
    rows: Sequence[Sequence[object]],
    widths: Sequence[float],
    number_formats: dict[int, str] | None = None,
    first_row: int = 1,
) -> None:
    """A header row (bold, shaded) then wrapped, top-aligned data rows; the sheet's first
    table is frozen under its header and gets filters."""
    for column, name in enumerate(header, start=1):
        cell = sheet.cell(row=first_row, column=column, value=xlsx_text(name))
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    wrap = Alignment(wrap_text=True, vertical="top")
    formats = number_formats or {}
    for offset, values in enumerate(rows, start=1):
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row=first_row + offset, column=column, value=xlsx_value(value))
            cell.alignment = wrap
            if column - 1 in formats and isinstance(value, int | float):
                cell.number_format = formats[column - 1]
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    # The sheet's first table gets the filter buttons and stays in view under its header.
    if sheet.auto_filter.ref is None:
        last = get_column_letter(max(len(header), 1))
        sheet.auto_filter.ref = f"A{first_row}:{last}{first_row + max(len(rows), 1)}"
    if sheet.freeze_panes is None:
        sheet.freeze_panes = f"A{first_row + 1}"


def _summary(
    book_sheet: Worksheet,
    referentiel: Referentiel,
    sheet: AnswerSheet,
    scores: Scores,
    lang: str,
) -> None:
    profile = sheet.territory
    percent = "0%" if lang == "en" else '0" "%'
    facts: list[Fact] = [
        (t("report.xlsx.territory", lang), profile.name, None),
        (t("report.cover.type", lang), t(f"territory.{profile.type}", lang), None),
        (t("report.cover.departement", lang), profile.departement, None),
        (t("report.cover.population", lang), profile.population, "#,##0"),
        (t("report.cover.siren", lang), profile.siren, None),
        (
            t("report.cover.respondent", lang),
            t(f"role.{profile.respondent_role}", lang) if profile.respondent_role else None,
            None,
        ),
        (t("report.cover.date", lang), profile.date, "dd/mm/yyyy"),
        (t("report.cover.version", lang), referentiel.version, None),
        (t("report.xlsx.answered_share", lang), scores.answered_share, percent),
        (t("report.xlsx.unknown", lang), len(scores.knowledge_gaps), None),
    ]
    row = write_facts(book_sheet, facts, lang)
    write_recommendations(book_sheet, referentiel, sheet, scores, lang, row)


def write_facts(book_sheet: Worksheet, facts: Sequence[Fact], lang: str) -> int:
    """An item / value table, each value with its number format; returns the next free row."""
    header = [t("report.col.item", lang), t("report.col.value", lang)]
    write_table(book_sheet, header, [[label, value] for label, value, _ in facts], SUMMARY_WIDTHS)
    for offset, (_, value, number_format) in enumerate(facts, start=2):
        if number_format and value is not None:
            book_sheet.cell(row=offset, column=2).number_format = number_format
    return len(facts) + 3


def write_titled(
    book_sheet: Worksheet,
    row: int,
    title: str,
    header: Sequence[str],
    rows: Sequence[Sequence[object]],
    number_formats: dict[int, str] | None = None,
    widths: Sequence[float] = SUMMARY_WIDTHS,
) -> int:
    """A bold title on ``row`` with a table under it; returns the row after a blank line."""
    book_sheet.cell(row=row, column=1, value=xlsx_text(title)).font = Font(bold=True)
    write_table(book_sheet, header, rows, widths, number_formats, row + 1)
    return row + len(rows) + 3


def write_recommendations(
    book_sheet: Worksheet,
    referentiel: Referentiel,
    sheet: AnswerSheet,
    scores: Scores,
    lang: str,
    row: int,
) -> int:
    """The levers to start with, then the strengths, from ``row``; returns the next free row."""
    top = [
        [rec.rank, rec.lever.label.get(lang), round(rec.score, 1), _names(rec.providers, lang)]
        for rec in recommend(referentiel, sheet, scores)
    ]
    header = [t(f"report.col.{key}", lang) for key in ("rank", "lever", "score", "providers")]
    row = write_titled(
        book_sheet, row, t("report.xlsx.start", lang), header, top, {2: SCORE_FORMAT}
    )
    found = [
        [referentiel.motivation(s.motivation).label.get(lang), round(s.maturity, 1)]
        for s in strengths(referentiel, sheet, scores)
    ]
    header = [t("report.col.motivation", lang), t("report.col.maturity", lang)]
    title = t("report.xlsx.strengths", lang)
    return write_titled(book_sheet, row, title, header, found, {1: SCORE_FORMAT})


def _names(providers: Sequence[Provider], lang: str) -> str:
    return "\n".join(provider.name.get(lang) for provider in providers)
