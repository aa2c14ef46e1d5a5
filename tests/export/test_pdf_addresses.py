"""Web addresses in the report's tables break after « / » or « . », never inside a word."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from export_support import DAY, SHIPPED, pdf_pages
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from diagnostic.advice.recommend import recommend
from diagnostic.advice.scoring import score_sheet
from diagnostic.export.pdf import to_pdf
from diagnostic.export.pdf_contacts import WIDTHS
from diagnostic.export.pdf_fonts import FONT, register_fonts
from diagnostic.export.pdf_layout import CONTENT_WIDTH, MARGIN, PAGE_HEIGHT
from diagnostic.export.pdf_urls import address_lines
from diagnostic.export.tabular import to_xlsx
from diagnostic.export.who_to_call import call_list
from diagnostic.i18n import t
from diagnostic.schema.answers import sheet_from_dict

PERSONA = Path(__file__).resolve().parents[1] / "personas" / "ca_la_reunion.json"
SIZE = 8.5
WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz-0123456789", min_size=1, max_size=14)


def breaks_only_after_a_slash_or_a_dot(lines: list[str]) -> bool:
    return all(line.endswith(("/", ".")) for line in lines[:-1])


@given(st.lists(WORD, min_size=1, max_size=8), st.sampled_from(["/", "."]))
def test_address_lines_keep_the_address_and_break_after_a_slash_or_a_dot(
    words: list[str], separator: str
) -> None:
    register_fonts()
    address = "https://" + separator.join(words)
    lines = address_lines(address, FONT, SIZE, 60.0)
    assert "".join(lines) == address
    assert breaks_only_after_a_slash_or_a_dot(lines)


def test_a_short_address_stays_on_one_line() -> None:
    register_fonts()
    assert address_lines("https://ess.fr", FONT, SIZE, 200.0) == ["https://ess.fr"]


def sheet():  # type: ignore[no-untyped-def]
    return sheet_from_dict(json.loads(PERSONA.read_text(encoding="utf-8")), SHIPPED)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler) missing")
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_contacts_table_breaks_web_addresses_after_a_slash_or_a_dot(
    lang: str, tmp_path: Path
) -> None:
    answers = sheet()
    pdf = to_pdf(SHIPPED, answers, lang, generated_on=DAY)
    title = t("contacts.title", lang)
    number = next(i for i, p in enumerate(pdf_pages(pdf), 1) if p.startswith(title))
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    left = MARGIN + CONTENT_WIDTH * sum(WIDTHS[:2])
    column = [
        str(number), str(number), str(round(left)), "0",
        str(round(CONTENT_WIDTH * WIDTHS[2])), str(round(PAGE_HEIGHT - MARGIN)),
    ]  # fmt: skip
    crop = ["-f", column[0], "-l", column[1], "-x", column[2], "-y", column[3]]
    crop += ["-W", column[4], "-H", column[5]]
    text = subprocess.run(
        ["pdftotext", *crop, str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    scores = score_sheet(SHIPPED, answers)
    calls = call_list(SHIPPED, recommend(SHIPPED, answers, scores), "974", lang)
    websites = [line.website for line in calls.lines if line.website]
    assert any(len(w) > 24 for w in websites)  # wider than the column
    joined = "\n".join(lines)
    for website in websites:
        pieces = address_lines(website, FONT, SIZE, CONTENT_WIDTH * WIDTHS[2] - 12)
        assert "\n".join(pieces) in joined, (website, lines)
        assert len(pieces) > 1 or len(website) < 24
        assert breaks_only_after_a_slash_or_a_dot(pieces)


def test_the_workbook_keeps_each_address_exactly() -> None:
    answers = sheet()
    scores = score_sheet(SHIPPED, answers)
    workbook = load_workbook(io.BytesIO(to_xlsx(SHIPPED, answers, "fr", scores)))
    values = {cell.value for ws in workbook for row in ws.iter_rows() for cell in row}
    calls = call_list(SHIPPED, recommend(SHIPPED, answers, scores), "974", "fr")
    for line in calls.lines:
        if line.website:
            assert line.website in values
            assert not any("\u200b" in str(v) for v in values if v)
