"""A lever no answer bears on shows « — », never 0: on the results page, in PDF, XLSX and CSV."""

from __future__ import annotations

import csv
import io
import re

from app_support import go, new_app
from openpyxl import load_workbook
from pypdf import PdfReader

from diagnostic.advice.scoring import score_sheet
from diagnostic.export.pdf import to_pdf
from diagnostic.export.tabular import levers_csv, to_xlsx
from diagnostic.model import AnswerSheet, QuestionId, Referentiel, TerritoryProfile
from diagnostic.storage import Repository

PROFILE = TerritoryProfile("Communauté de communes du Saintois", "cc", departement="54")
DASH = "—"


def one_answer(referentiel: Referentiel) -> AnswerSheet:
    """One maturity answer: it bears on some levers, and on no other."""
    question = next(q for q in referentiel.questions if q.kind == "maturity" and len(q.levers) == 1)
    low = referentiel.scale(question.scale).values()[0]
    return AnswerSheet(PROFILE, {QuestionId(question.id): low}, {}, referentiel.version)


def test_the_sheet_has_informed_and_uninformed_levers(referentiel: Referentiel) -> None:
    scores = score_sheet(referentiel, one_answer(referentiel))
    assert [lever.need is None for lever in scores.levers].count(True) == len(scores.levers) - 1
    assert all(lever.score == 0 for lever in scores.levers if lever.need is None)


def test_the_results_page_shows_a_dash(repository: Repository, referentiel: Referentiel) -> None:
    sheet = one_answer(referentiel)
    token = repository.create_diagnostic(PROFILE).token
    repository.replace_sheet(token, sheet)
    at = go(new_app(token=token).run(), "resultats")
    assert not at.exception, at.exception
    needs = levers_column(at)
    scores = score_sheet(referentiel, sheet)
    assert needs == [DASH if r.need is None else str(round(r.score)) for r in scores.levers]
    assert needs.count(DASH) == len(needs) - 1


def levers_column(at) -> list[str]:  # type: ignore[no-untyped-def]
    """The "Besoin" column of the levers' table."""
    for table in at.table:
        frame = table.value
        frame = frame.data if hasattr(frame, "data") else frame
        if "Besoin (sur 100)" in frame.columns:
            return [str(value) for value in frame["Besoin (sur 100)"]]
    raise AssertionError("no levers table")


def test_the_files_show_a_dash(referentiel: Referentiel) -> None:
    sheet = one_answer(referentiel)
    scores = score_sheet(referentiel, sheet)
    blank = {referentiel.lever(r.id).label.get("fr") for r in scores.levers if r.need is None}
    data = levers_csv(referentiel, sheet, "fr", scores).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(data), delimiter=";"))
    score_col = next(i for i, name in enumerate(rows[0]) if name.startswith("Besoin"))
    for row in rows[1:]:
        assert (row[score_col] == DASH) == (row[1] in blank), row
    book = load_workbook(io.BytesIO(to_xlsx(referentiel, sheet, "fr", scores)))
    cells = [
        (str(row[1]), row[2])
        for sheet_ in book.worksheets
        for row in sheet_.iter_rows(values_only=True)
        if len(row) > 2 and str(row[1]) in blank
    ]
    assert cells and all(value == DASH for _, value in cells), cells
    pdf = PdfReader(io.BytesIO(to_pdf(referentiel, sheet, "fr", scores)))
    text = "\n".join(page.extract_text() for page in pdf.pages)
    assert not re.search(r"(?<![0-9])0/100", text) and "—/100" in text
