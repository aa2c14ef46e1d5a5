"""Text the PDF fonts cannot draw: replaced the documented way in the PDF, kept exactly in
the spreadsheets and the answers file."""

from __future__ import annotations

import dataclasses
import io

from export_support import SHIPPED, body_text, sample_sheet
from openpyxl import load_workbook

from diagnostic.export.jsonio import from_json, to_json
from diagnostic.export.pdf import to_pdf
from diagnostic.export.pdf_fonts import EMOJI_MARK, MISSING_MARK
from diagnostic.export.tabular import to_csv, to_xlsx
from diagnostic.model import AnswerSheet

COMMENT = "Bravo 😀 à l’équipe 🧑‍🤝‍🧑, le 𝐀𝐁𝐂 du projet 🇫🇷 漢 fin"
DRAWN = f"Bravo 😀 à l’équipe {EMOJI_MARK}, le ABC du projet {EMOJI_MARK} {MISSING_MARK} fin"


def commented() -> AnswerSheet:
    sheet = sample_sheet()
    question = SHIPPED.questions[0].id
    return dataclasses.replace(sheet, comments={**sheet.comments, question: COMMENT})


def test_the_pdf_shows_the_documented_marks() -> None:
    text = " ".join(body_text(to_pdf(SHIPPED, commented(), "fr")).split())
    assert DRAWN in text
    assert "𝐀" not in text and "\u200d" not in text


def test_the_spreadsheets_and_answers_file_keep_the_text_exactly() -> None:
    sheet = commented()
    assert COMMENT in to_csv(SHIPPED, sheet, "fr").decode("utf-8-sig")
    workbook = load_workbook(io.BytesIO(to_xlsx(SHIPPED, sheet, "fr")))
    cells = [cell.value for ws in workbook for row in ws.iter_rows() for cell in row]
    assert COMMENT in cells
    again = from_json(to_json(sheet, SHIPPED), SHIPPED)
    assert again.comments[SHIPPED.questions[0].id] == COMMENT
