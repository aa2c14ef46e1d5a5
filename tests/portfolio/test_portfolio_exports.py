"""The portfolio's XLSX, and the regional synthesis as PDF and XLSX: what they say, cell by cell."""

from __future__ import annotations

import datetime as dt
import io
import re

from openpyxl import load_workbook
from portfolio_support import TODAY, shipped
from pypdf import PdfReader
from test_portfolio_synthesis import rows_of

from diagnostic.export.portfolio.synthesis import Heading, synthesis_pdf, synthesis_xlsx
from diagnostic.export.portfolio.table import portfolio_xlsx
from diagnostic.portfolio.synthesis import synthesise

HEADING = Heading("Auvergne-Rhône-Alpes", ("Départements : 69",), TODAY)


def pdf_text(pdf: bytes) -> str:
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]
    return re.sub(r"\s+", " ", " ".join(pages))


def test_the_table_workbook_has_a_line_per_territory_with_typed_cells() -> None:
    rows = rows_of(4)
    book = load_workbook(io.BytesIO(portfolio_xlsx(shipped(), rows, TODAY)))
    sheet = book.active
    assert sheet is not None
    header = [cell.value for cell in sheet[1]]
    assert header[:5] == ["Territoire", "Type", "Département", "Population", "Dernier diagnostic"]
    assert sheet.max_row == 5
    first = [cell.value for cell in sheet[2]]
    assert first[0] == "Territoire 00"
    assert first[3] == 1000
    assert first[4] == dt.datetime(2026, 5, 1)
    assert first[5] == 7  # months since the diagnosis
    assert first[6] == "seul"
    assert "(" in first[8]  # « Levier (besoin) »
    assert header[-1] == "Chiffres ESS chargés" and first[-1] == "non"


def test_the_table_workbook_in_english() -> None:
    book = load_workbook(io.BytesIO(portfolio_xlsx(shipped(), rows_of(3), TODAY, "en")))
    sheet = book.active
    assert sheet is not None
    assert sheet["A1"].value == "Territory" and sheet["G2"].value == "alone"


def test_the_synthesis_pdf_is_dated_names_its_territories_and_explains_its_method() -> None:
    synthesis = synthesise(shipped(), rows_of(4), None)
    text = pdf_text(synthesis_pdf(shipped(), synthesis, HEADING))
    assert "Synthèse régionale" in text
    assert "6 décembre 2026" in text
    assert "Auvergne-Rhône-Alpes" in text
    assert "Les besoins par levier" in text and "Besoin fort" in text
    assert "Territoire 00, Territoire 01, Territoire 02, Territoire 03" in text
    assert "Note de méthode" in text and "moins de 3 territoires est masqué" in text
    assert "moins de 3 territoires —" not in text


def test_a_synthesis_over_two_territories_shows_no_figure() -> None:
    synthesis = synthesise(shipped(), rows_of(2), None)
    text = pdf_text(synthesis_pdf(shipped(), synthesis, HEADING))
    assert text.count("moins de 3 territoires —") == 5
    assert "Besoin fort" not in text


def test_the_synthesis_pdf_in_english() -> None:
    synthesis = synthesise(shipped(), rows_of(3), None)
    text = pdf_text(synthesis_pdf(shipped(), synthesis, HEADING, "en"))
    assert "Regional synthesis" in text and "6 December 2026" in text


def test_the_synthesis_workbook_holds_the_same_figures() -> None:
    synthesis = synthesise(shipped(), rows_of(6), None)
    book = load_workbook(io.BytesIO(synthesis_xlsx(shipped(), synthesis, HEADING)))
    assert book.sheetnames[0] == "Synthèse" and book.sheetnames[-1] == "Territoires"
    needs = book[book.sheetnames[1]]
    assert needs["A1"].value == "Les besoins par levier"
    lever = shipped().levers[0]
    assert needs["A3"].value == lever.label.fr
    figure = synthesis.needs[lever.id]
    assert figure.counts is not None
    assert [needs.cell(row=3, column=c).value for c in range(2, 6)] == [
        figure.counts[band] for band in ("fort", "moyen", "faible", "none")
    ]
    names = book["Territoires"]
    assert [names.cell(row=r, column=1).value for r in range(2, 8)] == list(synthesis.names)


def test_a_masked_workbook_says_so() -> None:
    synthesis = synthesise(shipped(), rows_of(1), None)
    book = load_workbook(io.BytesIO(synthesis_xlsx(shipped(), synthesis, HEADING)))
    assert book[book.sheetnames[1]]["A3"].value == "moins de 3 territoires"
