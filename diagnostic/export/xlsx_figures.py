"""The workbook's « ESS du territoire » sheet: the observatory's figures as numbers."""

from __future__ import annotations

from openpyxl import Workbook

from ..i18n import t
from ..portfolio.observatory import TerritoryFigures, figure_lines, where_to_get
from .xlsx_cells import write_table

COLUMNS = ("indicator", "family", "value", "unit", "year", "source")
WIDTHS = (36, 28, 14, 24, 8, 60)
COUNT_FORMAT, SHARE_FORMAT = "#,##0", "0.0"


def add_figures_sheet(book: Workbook, figures: TerritoryFigures | None, lang: str) -> None:
    """One row per figure (value and year as numbers), or where to get them; no sheet if
    they were not looked up."""
    if figures is None:
        return
    sheet = book.create_sheet(t("observatory.sheet", lang))
    lines = figure_lines(figures.figures, lang)
    if not lines:
        sheet.cell(row=1, column=1, value=where_to_get(figures, lang))
        sheet.column_dimensions["A"].width = 120
        return
    whole = t("observatory.all_ess", lang)
    rows = [
        [line.indicator, line.family or whole, line.value, line.unit, line.year, line.source]
        for line in lines
    ]
    header = [t(f"observatory.col.{column}", lang) for column in COLUMNS]
    write_table(sheet, header, rows, WIDTHS)
    for number, line in enumerate(lines, start=2):
        share = line.unit == "%"
        sheet.cell(row=number, column=3).number_format = SHARE_FORMAT if share else COUNT_FORMAT
