"""Writing XLSX cells: formula-safe text, numbers kept numeric, titled tables and notes."""

from __future__ import annotations

import math
from collections.abc import Sequence

from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..i18n import t
from ..territory.profile import clean_text
from .csvfmt import safe_cell

XLSX_CELL_MAX = 32_767
Row = list[object]
HEADER_FILL = PatternFill("solid", start_color="FFDCE6F0")
SCORE_FORMAT = "0.0"
SUMMARY_WIDTHS = (34, 40, 14, 60)
NOTE_WIDTH = 140  # characters across the merged cells of a note
Fact = tuple[str, object, str | None]  # label, value, number format (None: general)


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


def write_note(book_sheet: Worksheet, row: int, text: str, columns: int = 4) -> None:
    """A wrapped paragraph across the first ``columns`` cells of ``row``."""
    cell = book_sheet.cell(row=row, column=1, value=xlsx_text(text))
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    book_sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=columns)
    book_sheet.row_dimensions[row].height = 15 * math.ceil(len(text) / NOTE_WIDTH)
