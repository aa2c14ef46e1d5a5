"""The regional directory kept in the app: a typed row checked field by field, edits laid
over the shipped rows, and « Qui appeler » (page lines, PDF, XLSX) showing them at once."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from diagnostic.advice.recommend import recommend
from diagnostic.export.pdf import to_pdf
from diagnostic.export.tabular import to_xlsx
from diagnostic.export.who_to_call import call_list
from diagnostic.model import AnswerSheet, Referentiel, TerritoryProfile
from diagnostic.referentiel.load import load_referentiel
from diagnostic.settings import PROJECT_DATA
from diagnostic.territory.contacts import Contact, configured_directory
from diagnostic.territory.directory_edits import (
    DirectoryEdit,
    RowInput,
    as_input,
    check_row,
    host_looks_valid,
    merged,
    region_rows,
)

TODAY = dt.date(2026, 12, 6)
PROVIDERS = ("cress", "dla", "urscop", "tzcld")
BRETAGNE_DEPARTEMENTS = ("22", "29", "35", "56")
GOOD = RowInput(
    "53",
    "35",
    "dla",
    "DLA d’Ille-et-Vilaine",
    "https://www.dla35.example.org",
    "https://www.dla35.example.org/qui-sommes-nous",
    "2026-11-30",
)
EDITED_CRESS = Contact(
    "53",
    None,
    "cress",
    "CRESS Bretagne — antenne de Rennes",
    "https://rennes.ess-bretagne.org",
    "https://rennes.ess-bretagne.org/contact",
    dt.date(2026, 11, 30),
)


def check(lang: str = "fr", **changes: str) -> dict[str, str]:
    found = check_row(
        dataclasses.replace(GOOD, **changes), PROVIDERS, BRETAGNE_DEPARTEMENTS, TODAY, lang
    )
    assert (found.contact is None) == bool(found.problems)
    return {field: plain(message) for field, message in found.problems.items()}


def plain(message: str) -> str:
    """The message with its non-breaking spaces (French typography) as plain spaces."""
    return message.replace("\u00a0", " ").replace("\u202f", " ")


def test_a_good_row_becomes_a_contact() -> None:
    found = check_row(GOOD, PROVIDERS, BRETAGNE_DEPARTEMENTS, TODAY, "fr")
    assert found.problems == {}
    assert found.contact == Contact(
        "53",
        "35",
        "dla",
        "DLA d’Ille-et-Vilaine",
        GOOD.website,
        GOOD.source,
        dt.date(2026, 11, 30),
    )
    assert as_input(found.contact) == GOOD
    whole = check_row(
        dataclasses.replace(GOOD, departement=" "), PROVIDERS, (), TODAY, "fr"
    ).contact
    assert whole is not None and whole.departement is None


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"departement": "44"},
            "departement",
            "Le département « 44 » n’appartient pas à cette région.",
        ),
        ({"provider": "banque"}, "provider", "Choisissez le type de contact dans la liste."),
        ({"provider": ""}, "provider", "Choisissez le type de contact dans la liste."),
        ({"name": "  "}, "name", "Le nom est obligatoire."),
        ({"name": "x" * 301}, "name", "Le nom dépasse 300 caractères."),
        ({"website": ""}, "website", "L’adresse est obligatoire."),
        (
            {"website": "www.dla35.fr"},
            "website",
            "« www.dla35.fr » n’est pas une adresse web : elle commence par https:// ou "
            "http:// suivi d’un nom de site (ex. https://www.cress-bretagne.org).",
        ),
        (
            {"source": "ftp://dla35.fr/x"},
            "source",
            "« ftp://dla35.fr/x » n’est pas une adresse web : elle commence par https:// ou "
            "http:// suivi d’un nom de site (ex. https://www.cress-bretagne.org).",
        ),
        (
            {"source": "https://localhost/x"},
            "source",
            "« https://localhost/x » n’est pas une adresse web : elle commence par https:// ou "
            "http:// suivi d’un nom de site (ex. https://www.cress-bretagne.org).",
        ),
        ({"checked": ""}, "checked", "La date de vérification est obligatoire."),
        (
            {"checked": "2026-02-30"},
            "checked",
            "« 2026-02-30 » n’est pas une date : écrivez-la AAAA-MM-JJ (ex. 2026-11-30).",
        ),
        (
            {"checked": "30/11/2026"},
            "checked",
            "« 30/11/2026 » n’est pas une date : écrivez-la AAAA-MM-JJ (ex. 2026-11-30).",
        ),
        ({"checked": "2026-12-07"}, "checked", "La date de vérification est dans le futur."),
    ],
)
def test_each_bad_field_has_its_message(changes: dict[str, str], field: str, message: str) -> None:
    assert check(**changes) == {field: message}


def test_french_messages_keep_their_typography() -> None:
    found = check_row(
        dataclasses.replace(GOOD, checked="hier"), PROVIDERS, ("35",), TODAY, "fr"
    ).problems
    assert found == {
        "checked": "«\u00a0hier\u00a0» n’est pas une date\u00a0: écrivez-la "
        "AAAA-MM-JJ (ex. 2026-11-30)."
    }


def test_every_problem_is_told_at_once_in_english_too() -> None:
    problems = check("en", name="", website="http://", checked="2027-01-01")
    assert problems == {
        "name": "The name is required.",
        "website": "'http://' is not a web address: it starts with https:// or http:// "
        "followed by a site name (e.g. https://www.cress-bretagne.org).",
        "checked": "The date checked is in the future.",
    }


@pytest.mark.parametrize(
    ("host", "valid"),
    [
        ("www.ess-bretagne.org", True),
        ("cress.fr", True),
        ("xn--cress-bretagne-9kb.fr", True),
        ("localhost", False),
        ("192.168.1.1", False),
        ("-bad.fr", False),
        ("bad..fr", False),
        ("site.f", False),
    ],
)
def test_hosts(host: str, valid: bool) -> None:
    assert host_looks_valid(host) is valid


def test_an_edit_replaces_the_row_of_its_key_and_a_new_key_is_added() -> None:
    shipped = configured_directory().contacts
    dla = check_row(GOOD, PROVIDERS, BRETAGNE_DEPARTEMENTS, TODAY, "fr").contact
    assert dla is not None
    rows = merged(shipped, (EDITED_CRESS, dla))
    assert len(rows) == len(shipped) + 1
    bretagne = [row for row in rows if row.region == "53"]
    others = [row for row in shipped if row.region == "53" and row.provider != "cress"]
    assert bretagne == [EDITED_CRESS, *others, dla]
    at = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)
    edits = (DirectoryEdit(EDITED_CRESS, "lea@x.fr", at), DirectoryEdit(dla, "lea@x.fr", at))
    seen = region_rows("53", shipped, edits)
    assert [(row.origin, row.contact.name) for row in seen] == [
        ("edited", EDITED_CRESS.name),
        *(("shipped", row.name) for row in others),
        ("added", dla.name),
    ]
    assert seen[0].shipped is not None and seen[0].shipped.name == "CRESS Bretagne"
    assert [row.origin for row in region_rows("53", shipped, ())] == ["shipped"] * (1 + len(others))
    assert region_rows("44", shipped, edits)[0].contact.name == "CRESS Grand Est"


@pytest.fixture(scope="module")
def referentiel() -> Referentiel:
    return load_referentiel(PROJECT_DATA)


def needy_sheet(referentiel: Referentiel) -> AnswerSheet:
    """High priority, low maturity everywhere: every lever is needed, in Ille-et-Vilaine."""
    answers = {}
    for question in referentiel.questions:
        values = referentiel.scale(question.scale).values()
        answers[question.id] = values[-1] if question.kind == "priority" else values[0]
    return AnswerSheet(TerritoryProfile("CC Val d’Ille-Aubigné", "cc", departement="35"), answers)


def test_who_to_call_shows_the_edited_rows(referentiel: Referentiel) -> None:
    sheet = needy_sheet(referentiel)
    recommendations = recommend(referentiel, sheet, None)
    shipped = call_list(referentiel, recommendations, "35", "fr")
    assert shipped.lines[0].who == "CRESS Bretagne"
    calls = call_list(referentiel, recommendations, "35", "fr", (EDITED_CRESS,))
    assert (calls.lines[0].who, calls.lines[0].website) == (
        EDITED_CRESS.name,
        EDITED_CRESS.website,
    )
    assert "CRESS Bretagne" not in {line.who for line in calls.lines}
    elsewhere = call_list(referentiel, recommendations, "67", "fr", (EDITED_CRESS,))
    assert elsewhere.lines[0].who == "CRESS Grand Est"  # another région's edits stay there


def test_the_pdf_and_the_workbook_show_the_edited_rows(referentiel: Referentiel) -> None:
    sheet = needy_sheet(referentiel)
    edits = (EDITED_CRESS,)
    pdf = PdfReader(io.BytesIO(to_pdf(referentiel, sheet, "fr", directory_edits=edits)))
    text = " ".join(page.extract_text() for page in pdf.pages)
    assert "rennes.ess-bretagne.org" in text
    book = load_workbook(io.BytesIO(to_xlsx(referentiel, sheet, "fr", directory_edits=edits)))
    cells = {cell for row in book["Qui appeler"].iter_rows(values_only=True) for cell in row}
    assert EDITED_CRESS.name in cells and EDITED_CRESS.website in cells
    assert "CRESS Bretagne" not in cells
