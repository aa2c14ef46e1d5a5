"""The filtered portfolio table as an XLSX workbook."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence

from openpyxl import Workbook

from ...i18n import t
from ...model import Referentiel
from ...portfolio.table import PortfolioRow
from ..xlsx_cells import write_table
from .wording import table_header, table_row

WIDTHS = (34, 28, 12, 12, 14, 12, 14, 10, 30, 30, 30, 12, 12, 12, 12, 18, 12, 12)
DATE_FORMAT = "DD/MM/YYYY"


def portfolio_xlsx(
    referentiel: Referentiel, rows: Sequence[PortfolioRow], today: dt.date, lang: str = "fr"
) -> bytes:
    """One sheet: a line per territory shown, dates as dates and counts as numbers."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = t("portfolio.sheet.table", lang)
    cells = [table_row(referentiel, row, today, lang) for row in rows]
    write_table(sheet, table_header(lang), cells, WIDTHS, {3: "#,##0"})
    for offset, row in enumerate(rows, start=2):
        if row.last_day is not None:
            sheet.cell(row=offset, column=5).number_format = DATE_FORMAT
    book.properties.title = t("portfolio.title", lang)
    book.properties.created = dt.datetime.combine(today, dt.time())
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
