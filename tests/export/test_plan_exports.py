"""The plan and the comparison in the PDF, the XLSX and the CSV, read back."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
from pathlib import Path

import pytest
from export_support import (
    DAY,
    HOSTILE_COMMENTS,
    LONG_COMMENT,
    MINI,
    body_text,
    fold,
    mini_sheet,
    pdf_pages,
)
from openpyxl import load_workbook
from workshop_export_support import stored_workshop

from diagnostic.export.pdf import to_pdf
from diagnostic.export.plan.pdf import comparison_pdf
from diagnostic.export.plan.tabular import comparison_xlsx, plan_csv
from diagnostic.export.plan.wording import quarter_text
from diagnostic.export.tabular import to_xlsx
from diagnostic.export.workshop.pdf import workshop_pdf
from diagnostic.export.workshop.tabular import workshop_xlsx
from diagnostic.model import UNKNOWN, AnswerSheet, QuestionId
from diagnostic.plan.compare import compare
from diagnostic.plan.model import TEXT_MAX, PlanAction, Quarter

ADDED = dt.date(2026, 3, 2)
FORMULA = '=HYPERLINK("http://exemple.invalid","clic")'


def plan_line(number: int, **changes: object) -> PlanAction:
    line = PlanAction(
        f"l{number}",
        f"Action {number} : réunir les acteurs",
        ADDED,
        lever=MINI.levers[number % len(MINI.levers)].id,
        owner="Vice-présidente à l’économie",
        partners="CRESS, URSCOP",
        quarter=Quarter(2027, 1 + number % 4),
        status="en_cours",
        note="Première réunion en mairie",
    )
    return dataclasses.replace(line, **changes)  # type: ignore[arg-type]


def planned_sheet() -> AnswerSheet:
    plan = (
        plan_line(1),
        plan_line(2, label=FORMULA, owner=HOSTILE_COMMENTS[1], note=LONG_COMMENT * 2),
        plan_line(3, status="fait", quarter=None),
    )
    return dataclasses.replace(mini_sheet(), plan=plan)


def redone_sheet() -> AnswerSheet:
    earlier = mini_sheet()
    answers = dict(earlier.answers)
    answers[QuestionId("emploi_clauses")] = 3
    answers[QuestionId("innov_tiers_lieux")] = UNKNOWN
    later_profile = dataclasses.replace(earlier.territory, date=dt.date(2027, 3, 5))
    return dataclasses.replace(
        planned_sheet(), territory=later_profile, answers=answers, previous=earlier
    )


def test_the_pdf_has_our_plan_after_the_summary_with_room_to_sign() -> None:
    pages = pdf_pages(to_pdf(MINI, planned_sheet(), "fr", generated_on=DAY))
    titles = [fold(page).split(" ")[:3] for page in pages]
    summary = next(i for i, page in enumerate(pages) if page.startswith("L’essentiel"))
    assert pages[summary + 1].startswith("Notre feuille de route")
    assert ["Notre", "feuille", "de"] in titles
    text = body_text(to_pdf(MINI, planned_sheet(), "fr", generated_on=DAY))
    assert "1. Action 1 : réunir les acteurs" in text
    assert "Porteur (élu, service) : Vice-présidente à l’économie" in text
    assert "Échéance : 2e trimestre 2027" in text
    assert "Statut : fait" in text and "Échéance : non fixée" in text
    assert f"2. {FORMULA}" in text
    assert fold(HOSTILE_COMMENTS[1]) in text  # markup shown literally
    assert fold(LONG_COMMENT) in text
    assert "Feuille de route validée par : Nom et fonction Date Signature" in text
    assert "Notre feuille de route" in fold(pages[0])  # in the contents


def test_the_pdf_of_a_re_diagnosis_shows_what_moved() -> None:
    text = body_text(to_pdf(MINI, redone_sheet(), "fr", generated_on=DAY))
    assert "Ce qui a bougé Diagnostic du 2 mars 2026 comparé à celui du 5 mars 2027." in text
    assert "En progrès" in text and "Autres changements" in text
    clauses = MINI.question("emploi_clauses").label.fr
    assert fold(clauses) in text
    english = body_text(to_pdf(MINI, redone_sheet(), "en", generated_on=DAY))
    assert "What moved Diagnostic of 2 March 2026 compared with that of 5 March 2027." in english


def test_a_comparison_with_itself_says_no_difference() -> None:
    sheet = mini_sheet()
    comparison = compare(MINI, sheet, sheet)
    text = body_text(comparison_pdf(MINI, sheet, comparison, "fr", DAY))
    assert "Aucune différence entre les deux diagnostics." in text
    book = load_workbook(io.BytesIO(comparison_xlsx(MINI, sheet, comparison, "fr")))
    assert book["Comparaison"]["A3"].value == "Aucune différence entre les deux diagnostics."


def test_the_workbook_has_a_plan_sheet_with_a_status_list_and_filters() -> None:
    book = load_workbook(io.BytesIO(to_xlsx(MINI, planned_sheet(), "fr")))
    sheet = book["Feuille de route"]
    header = [cell.value for cell in sheet[1]]
    assert header[:8] == [
        "N°",
        "Action",
        "Levier",
        "Porteur (élu, service)",
        "Partenaires",
        "Échéance",
        "Statut",
        "Note",
    ]
    assert sheet["B2"].value == "Action 1 : réunir les acteurs"
    assert sheet["B3"].value == "'" + FORMULA  # a formula shown as text, never run
    assert sheet["D3"].value == HOSTILE_COMMENTS[1]
    assert sheet["G4"].value == "fait"
    assert sheet["F4"].value == "non fixée" and sheet["F2"].value == "2e\u00a0trimestre 2027"
    assert sheet.auto_filter.ref == "A1:I4"
    [validation] = sheet.data_validations.dataValidation
    assert validation.type == "list"
    assert validation.formula1 == '"à lancer,en cours,fait,abandonné"'
    assert "G2" in validation.sqref and "G4" in validation.sqref
    assert "Comparaison" not in book.sheetnames


def test_the_workbook_of_a_re_diagnosis_has_the_comparison() -> None:
    book = load_workbook(io.BytesIO(to_xlsx(MINI, redone_sheet(), "en")))
    rows = [[cell.value for cell in row] for row in book["Comparison"].iter_rows()]
    flat = [value for row in rows for value in row if value is not None]
    assert "Levers: need for support" in flat
    assert "Moved up" in flat and "Other changes" in flat
    clauses = next(row for row in rows if row[0] == MINI.question("emploi_clauses").label.en)
    assert clauses[3] == "Moved up"


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("fr", ["2e\u00a0trimestre 2027", "3e\u00a0trimestre 2027", "non fixée"]),
        ("en", ["Q2 2027", "Q3 2027", "not set"]),
    ],
)
def test_every_export_words_the_targets_as_the_screen_does(lang: str, words: list[str]) -> None:
    sheet = planned_sheet()
    assert [quarter_text(line.quarter, lang) for line in sheet.plan] == words
    name = "Feuille de route" if lang == "fr" else "Roadmap"
    book = load_workbook(io.BytesIO(to_xlsx(MINI, sheet, lang)))
    assert [row[5].value for row in book[name].iter_rows(min_row=2)] == words
    rows = list(
        csv.reader(io.StringIO(plan_csv(MINI, sheet, lang).decode("utf-8-sig")), delimiter=";")
    )
    assert [row[5] for row in rows[1:]] == words
    text = body_text(to_pdf(MINI, sheet, lang, generated_on=DAY))
    target = "Échéance : " if lang == "fr" else "Target: "
    assert all(fold(target + word) in text for word in words)
    later = redone_sheet()
    comparison = compare(MINI, later.previous, later)  # type: ignore[arg-type]
    book = load_workbook(io.BytesIO(comparison_xlsx(MINI, later, comparison, lang)))
    assert [row[5].value for row in book[name].iter_rows(min_row=2)] == words
    assert not any("2027-Q" in str(cell.value) for row in book[name].iter_rows() for cell in row)


def test_the_plan_csv_neutralises_formulas() -> None:
    text = plan_csv(MINI, planned_sheet(), "fr").decode("utf-8-sig")
    lines = text.split("\r\n")
    assert lines[0].startswith("N°;Action;Levier;Porteur (élu, service);Partenaires;Échéance")
    assert "'=HYPERLINK" in text and "\n=HYPERLINK" not in text and ";=HYPERLINK" not in text
    assert lines[1].endswith(";2026-03-02")


def test_every_field_at_its_longest_and_hostile_is_laid_out_and_shown_literally() -> None:
    longest = ("<b>x</b> =1+1 & **gras** " * 500)[:TEXT_MAX]
    line = plan_line(1, label=longest, owner=longest, partners=longest, note=longest)
    sheet = dataclasses.replace(mini_sheet(), plan=(line,))
    text = body_text(to_pdf(MINI, sheet, "fr", generated_on=DAY))
    assert text.count(fold(longest)) == 4
    row = list(load_workbook(io.BytesIO(to_xlsx(MINI, sheet, "fr")))["Feuille de route"][2])
    assert row[1].value == longest and row[7].value == longest


def test_the_workshop_reports_carry_the_group_plan(tmp_path: Path) -> None:
    plan = (plan_line(1), plan_line(2, status="fait"))
    with stored_workshop(tmp_path) as example:
        pdf = workshop_pdf(MINI, example.record, example.sheets, generated_on=DAY, plan=plan)
        book = workshop_xlsx(MINI, example.record, example.sheets, plan=plan)
        plain = workshop_xlsx(MINI, example.record, example.sheets)
    pages = pdf_pages(pdf)
    summary = next(i for i, page in enumerate(pages) if "Notre feuille de route" in page)
    assert pages[summary].startswith("Notre feuille de route")
    assert "Action 2 : réunir les acteurs" in body_text(pdf)
    sheet = load_workbook(io.BytesIO(book))["Feuille de route"]
    assert [sheet["G2"].value, sheet["G3"].value] == ["en cours", "fait"]
    assert [sheet["F2"].value, sheet["F3"].value] == [
        "2e\u00a0trimestre 2027",
        "3e\u00a0trimestre 2027",
    ]
    assert "Feuille de route" not in load_workbook(io.BytesIO(plain)).sheetnames


def test_a_report_leaves_out_a_comparison_that_cannot_be_made() -> None:
    earlier = dataclasses.replace(mini_sheet(), referentiel_version="1999.1")
    sheet = dataclasses.replace(planned_sheet(), previous=earlier)
    assert "Ce qui a bougé" not in body_text(to_pdf(MINI, sheet, "fr", generated_on=DAY))
    assert "Comparaison" not in load_workbook(io.BytesIO(to_xlsx(MINI, sheet, "fr"))).sheetnames
