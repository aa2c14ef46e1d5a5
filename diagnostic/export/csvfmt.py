"""CSV that opens cleanly in French Excel, with formula injection neutralised."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """Text starting like a formula is prefixed with ``'``; numbers stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def french_number(value: float, decimals: int = 2) -> str:
    """``12.5`` -> ``12,5`` (no thousands separator, so the cell stays numeric)."""
    text = f"{value:.{decimals}f}".rstrip("0").rstrip(".") if decimals else f"{value:.0f}"
    return text.replace(".", ",")


def _cell(value: object, decimal_comma: bool) -> object:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, float):
        return french_number(value) if decimal_comma else f"{value:.2f}".rstrip("0").rstrip(".")
    return safe_cell(value)


def to_french_csv(
    header: Sequence[str], rows: Iterable[Sequence[object]], decimal_comma: bool = True
) -> str:
    """Rows as text: ``;`` separator, CRLF line ends, decimal comma, safe cells (no BOM)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([safe_cell(name) for name in header])
    for row in rows:
        writer.writerow([_cell(value, decimal_comma) for value in row])
    return buffer.getvalue()


def to_french_csv_bytes(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """The same as a file for Excel: UTF-8 with BOM."""
    return to_french_csv(header, rows).encode("utf-8-sig")
