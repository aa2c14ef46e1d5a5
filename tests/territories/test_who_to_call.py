"""« Qui appeler »: regional contacts where the directory has them, generic providers otherwise."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from diagnostic.advice.recommend import recommend
from diagnostic.export.pdf import to_pdf
from diagnostic.export.tabular import to_xlsx
from diagnostic.export.who_to_call import call_list, call_table, sources_note
from diagnostic.model import AnswerSheet, Referentiel, TerritoryProfile
from diagnostic.referentiel.load import load_referentiel
from diagnostic.settings import PROJECT_DATA
from diagnostic.territory import contacts


@pytest.fixture(scope="module")
def referentiel() -> Referentiel:
    return load_referentiel(PROJECT_DATA)


def needy_sheet(referentiel: Referentiel, departement: str | None) -> AnswerSheet:
    """High priority, low maturity everywhere: every lever is needed."""
    answers = {}
    for question in referentiel.questions:
        values = referentiel.scale(question.scale).values()
        answers[question.id] = values[-1] if question.kind == "priority" else values[0]
    profile = TerritoryProfile("CC Val d’Ille-Aubigné", "cc", departement=departement)
    return AnswerSheet(profile, answers)


def provider_names(referentiel: Referentiel, sheet: AnswerSheet) -> set[str]:
    recommendations = recommend(referentiel, sheet, None)
    return {p.name.get("fr").split(" — ")[0] for r in recommendations for p in r.providers}


def test_the_region_contact_comes_first(referentiel: Referentiel) -> None:
    sheet = needy_sheet(referentiel, "35")
    recommendations = recommend(referentiel, sheet, None)
    calls = call_list(referentiel, recommendations, "35", "fr")
    assert calls.region == "Bretagne"
    first = calls.lines[0]
    assert (first.who, first.website) == ("CRESS Bretagne", "https://www.ess-bretagne.org")
    assert first.role.startswith("CRESS — Chambre régionale")
    assert first.source and first.checked
    cress_levers = [
        r.lever.label.get("fr") for r in recommendations if "cress" in {p.id for p in r.providers}
    ]
    assert list(first.levers) == cress_levers
    named = calls.named
    assert [line.who for line in named] == [
        "CRESS Bretagne",
        "Union régionale des Scop et Scic de l’Ouest (Bretagne, Normandie, Loire-Atlantique)",
        "France Active Bretagne",
    ]
    assert named[1].role.startswith("URSCOP — Union régionale")
    assert named[2].role == "France Active et réseaux de finance solidaire"
    assert calls.lines[: len(named)] == named
    generic = {line.who for line in calls.lines[len(named) :]}
    kinds = {"CRESS", "URSCOP", "France Active et réseaux de finance solidaire"}
    assert not generic & kinds
    assert generic == provider_names(referentiel, sheet) - kinds
    assert all(line.source is None for line in calls.lines[len(named) :])
    assert sources_note(calls, "fr").startswith("Contacts tirés de l’annuaire régional")


@pytest.mark.parametrize(
    ("departement", "region", "note"),
    [
        (None, "", "Indiquez le département du territoire"),
        ("971", "Guadeloupe", "L’annuaire ne contient pas encore de contact pour"),
    ],
)
def test_generic_providers_without_a_regional_contact(
    referentiel: Referentiel,
    departement: str | None,
    region: str,
    note: str,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    # A directory with no row for the région: a deployment that ships none of its own.
    (tmp_path / "annuaire").mkdir()
    monkeypatch.setattr(contacts, "PROJECT_DATA", tmp_path)
    monkeypatch.setenv("DIAGNOSTIC_REFERENTIEL_DIR", str(tmp_path))
    monkeypatch.delenv("DIAGNOSTIC_ANNUAIRE_DIR", raising=False)
    sheet = needy_sheet(referentiel, departement)
    calls = call_list(referentiel, recommend(referentiel, sheet, None), departement, "fr")
    assert calls.region == region and not calls.named
    assert {line.who for line in calls.lines} == provider_names(referentiel, sheet)
    assert sources_note(calls, "fr").startswith(note)


def test_unreadable_directory_falls_back(
    referentiel: Referentiel, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / "annuaire").mkdir()
    (tmp_path / "annuaire" / "x.csv").write_text("region;name\n53;X\n", encoding="utf-8")
    monkeypatch.setattr(contacts, "PROJECT_DATA", tmp_path)
    sheet = needy_sheet(referentiel, "35")
    calls = call_list(referentiel, recommend(referentiel, sheet, None), "35", "fr")
    assert not calls.named and calls.lines


def test_table_for_the_workbook(referentiel: Referentiel) -> None:
    sheet = needy_sheet(referentiel, "35")
    header, rows = call_table(
        call_list(referentiel, recommend(referentiel, sheet, None), "35", "en"), "en"
    )
    assert header == ["Who", "Role", "Website", "For the levers", "Source", "Checked on"]
    assert (
        rows[0][0] == "CRESS Bretagne"
        and rows[0][4] == "https://www.ess-bretagne.org/rapport-moral"
    )


def test_pdf_and_xlsx_name_the_regional_contact(referentiel: Referentiel) -> None:
    sheet = needy_sheet(referentiel, "35")
    text = "\n".join(
        page.extract_text() for page in PdfReader(io.BytesIO(to_pdf(referentiel, sheet))).pages
    )
    assert "Qui appeler" in text and "CRESS Bretagne" in text
    assert "https://www.ess-bretagne.org/rapport-moral" in text
    book = load_workbook(io.BytesIO(to_xlsx(referentiel, sheet)))
    calls = book["Qui appeler"]
    assert [cell.value for cell in calls[1]][:2] == ["Qui", "Rôle"]
    assert calls["A2"].value == "CRESS Bretagne"
    notes = [row[0] for row in calls.iter_rows(values_only=True) if row[0] and not any(row[1:])]
    assert notes[0].startswith("Contacts tirés de l’annuaire régional")
    assert notes[1].startswith("Découpage administratif 2026\u00a0: INSEE")
    assert "Licence Ouverte" in notes[1]
    assert "Découpage administratif 2026" in text and "decoupage-administratif 6.0.0" in text


def test_pdf_without_departement_lists_generic_providers(referentiel: Referentiel) -> None:
    sheet = needy_sheet(referentiel, None)
    text = "\n".join(
        page.extract_text()
        for page in PdfReader(io.BytesIO(to_pdf(referentiel, sheet, "en"))).pages
    )
    assert "Who to call" in text and "CRESS Bretagne" not in text
    assert "Give the territory's département" in text


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_no_name_is_said_twice_and_no_folder_is_shown(referentiel: Referentiel, lang: str) -> None:
    sheet = needy_sheet(referentiel, "35")
    calls = call_list(referentiel, recommend(referentiel, sheet, None), "35", lang)
    assert all(line.who != line.role for line in calls.lines), calls.lines
    universities = next(line for line in calls.lines if line.who in ("Universités", "Universities"))
    assert universities.role == ""
    cress = next(line for line in calls.lines if line.who == "CRESS Bretagne")
    assert cress.role.startswith(("CRESS — ", "CRESS — "))
    assert "annuaire/" not in sources_note(calls, lang) and "data/" not in sources_note(calls, lang)
