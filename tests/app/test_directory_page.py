"""The Annuaire régional page by widget keys: who may edit, a good edit, each bad field,
revert; and the results page's « Qui appeler » showing an edit at once."""

from __future__ import annotations

import datetime as dt

import pytest
from app_support import go, new_app, screen
from streamlit.testing.v1 import AppTest

from diagnostic.accounts import CommandLine, Identity, adviser
from diagnostic.model import AnswerSheet, Referentiel, TerritoryProfile
from diagnostic.storage import Repository
from diagnostic.ui.directory import page

PAGE = "diagnostic/ui/pages/annuaire.py"
BRETAGNE = "53"
ADVISER = Identity("lea@cress-bretagne.org", "Léa")
NOBODY = Identity("sans.role@exemple.fr", "Sans rôle")
GOOD = {
    "departement": "35",
    "provider": "dla",
    "name": "DLA d’Ille-et-Vilaine",
    "website": "https://www.dla35.example.org",
    "source": "https://www.dla35.example.org/qui-sommes-nous",
    "checked": "2026-11-30",
}


def open_page(lang: str | None = None) -> AppTest:
    at = new_app(lang=lang).run()
    return at.switch_page(PAGE).run()


def pick_region(at: AppTest, region: str = BRETAGNE) -> AppTest:
    return at.selectbox(key="directory-region").set_value(region).run()


def fill(at: AppTest, **fields: str) -> AppTest:
    for field, value in fields.items():
        if field == "provider":
            at.selectbox(key="directory-provider").set_value(value)
        else:
            at.text_input(key=f"directory-{field}").set_value(value)
    return at.button(key="directory-save").click().run()


def unescaped(shown: str) -> str:
    """A message as read: markdown escapes, word joiners and non-breaking spaces undone."""
    return shown.replace("\\", "").replace("\u2060", "").replace("\u00a0", " ")


def table(at: AppTest) -> list[tuple[str, str]]:
    """The rows shown, but the région's shipped union of Scop and Scic and France Active
    association, which no test edits."""
    frame = at.dataframe[0].value
    rows = zip(frame["Nom"], frame["Origine"], strict=True)
    untouched = ("Union régionale des Scop", "France Active")
    return [row for row in rows if not row[0].startswith(untouched)]


@pytest.fixture
def local(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(page, "is_local_request", lambda: True)


@pytest.mark.usefixtures("local")
def test_the_person_at_the_machine_adds_a_row_and_deletes_it(repository: Repository) -> None:
    at = pick_region(open_page())
    assert not at.exception, at.exception
    assert table(at) == [("CRESS Bretagne", "livré avec l’outil")]
    at = fill(at, **GOOD)
    assert not at.exception, at.exception
    assert "Ligne enregistrée" in screen(at)
    names = [name for name, _origin in table(at)]
    assert names == ["CRESS Bretagne", "DLA d’Ille-et-Vilaine"]
    assert table(at)[1][1].startswith("ajouté par personne au poste le ")
    (edit,) = repository.directory_edits(BRETAGNE)
    assert edit.contact.departement == "35" and edit.edited_by == "personne au poste"
    log = [e for e in repository.access_log(CommandLine()) if e.action == "edit_directory"]
    assert [e.actor for e in log] == ["personne au poste"]
    at = at.button(key="directory-revert").click().run()
    assert "Ligne supprimée" in screen(at)
    assert table(at) == [("CRESS Bretagne", "livré avec l’outil")]
    assert repository.directory_edits(BRETAGNE) == ()


@pytest.mark.usefixtures("local")
def test_an_edit_over_the_shipped_row_then_revert(repository: Repository) -> None:
    at = pick_region(open_page())
    at = at.selectbox(key="directory-row").set_value("|cress").run()
    assert at.text_input(key="directory-name").value == "CRESS Bretagne"
    at = fill(at, name="CRESS Bretagne — Rennes")
    assert table(at)[0][0] == "CRESS Bretagne — Rennes"
    assert table(at)[0][1].startswith("modifié par")
    at = at.button(key="directory-revert").click().run()
    assert "Ligne rétablie" in screen(at)
    assert table(at) == [("CRESS Bretagne", "livré avec l’outil")]


BAD = [
    ("departement", "29x", "Le département « 29x » n’appartient pas à cette région."),
    ("departement", "44", "Le département « 44 » n’appartient pas à cette région."),
    ("provider", "", "Choisissez le type de contact dans la liste."),
    ("name", " ", "Le nom est obligatoire."),
    ("website", "", "L’adresse est obligatoire."),
    ("website", "www.dla35.fr", "« www.dla35.fr » n’est pas une adresse web"),
    ("source", "https://intranet/page", "« https://intranet/page » n’est pas une adresse web"),
    ("checked", "", "La date de vérification est obligatoire."),
    ("checked", "2026-02-30", "« 2026-02-30 » n’est pas une date"),
    ("checked", (dt.date.today() + dt.timedelta(1)).isoformat(), "dans le futur"),
]


@pytest.mark.usefixtures("local")
@pytest.mark.parametrize(("field", "value", "message"), BAD)
def test_each_bad_field_is_told_and_nothing_is_saved(
    repository: Repository, field: str, value: str, message: str
) -> None:
    at = pick_region(open_page())
    at = fill(at, **{**GOOD, field: value})
    assert not at.exception, at.exception
    errors = [unescaped(error.value) for error in at.error]
    assert any(message in error for error in errors), errors
    assert "La ligne n’est pas enregistrée : corrigez les champs signalés." in errors
    assert len(errors) == 2  # that field's message and the sentence, nothing else
    assert repository.directory_edits() == ()
    assert [e for e in repository.access_log(CommandLine()) if e.action == "edit_directory"] == []


def test_without_sign_in_only_the_machine_may_edit(repository: Repository) -> None:
    at = open_page()
    assert not at.exception
    assert "ne se modifie que depuis la machine" in screen(at)
    assert not at.get("selectbox")
    at = open_page("en")
    assert "edited only from the machine the tool runs on" in screen(at)


def test_a_signed_in_visitor_without_the_role_is_refused(
    repository: Repository, monkeypatch: pytest.MonkeyPatch
) -> None:
    repository.sign_in(NOBODY)
    monkeypatch.setattr(page, "signed_in_actor", lambda: NOBODY)
    monkeypatch.setattr(page, "is_local_request", lambda: True)  # the role decides, not the place
    at = open_page()
    assert "Seuls les chargés de mission de la région" in screen(at)
    assert not at.get("selectbox")


def test_an_adviser_edits_their_region_only(
    repository: Repository, monkeypatch: pytest.MonkeyPatch
) -> None:
    repository.sign_in(ADVISER)
    repository.grant_role(CommandLine(), ADVISER.email, adviser(BRETAGNE))
    monkeypatch.setattr(page, "signed_in_actor", lambda: ADVISER)
    at = open_page()
    assert at.selectbox(key="directory-region").options == ["Bretagne (53)"]
    at = fill(at, **GOOD)
    assert "Ligne enregistrée" in screen(at)
    (edit,) = repository.directory_edits(BRETAGNE)
    assert edit.edited_by == ADVISER.email


def test_the_results_page_shows_the_edit_at_once(
    repository: Repository, referentiel: Referentiel
) -> None:
    profile = TerritoryProfile("CC Val d’Ille-Aubigné", "cc", departement="35")
    answers = {}
    for question in referentiel.questions:
        values = referentiel.scale(question.scale).values()
        answers[question.id] = values[-1] if question.kind == "priority" else values[0]
    token = repository.create_diagnostic(profile).token
    repository.replace_sheet(token, AnswerSheet(profile, answers, {}, referentiel.version))
    at = go(new_app(token=token).run(), "resultats")
    assert "CRESS Bretagne" in screen(at)
    assert "rennes.ess-bretagne.org" not in screen(at)
    edited = page.Contact(
        BRETAGNE,
        None,
        "cress",
        "CRESS Bretagne — antenne de Rennes",
        "https://rennes.ess-bretagne.org",
        "https://rennes.ess-bretagne.org/contact",
        dt.date(2026, 11, 30),
    )
    repository.save_directory_row(CommandLine(), edited)
    at = go(new_app(token=token).run(), "resultats")
    assert not at.exception, at.exception
    assert "CRESS Bretagne — antenne de Rennes" in screen(at)
    assert "https://rennes.ess-bretagne.org" in screen(at)


@pytest.mark.usefixtures("local")
def test_the_page_in_english(repository: Repository) -> None:
    at = pick_region(open_page("en"))
    assert not at.exception, at.exception
    assert at.title[0].value == "Regional directory"
    frame = at.dataframe[0].value
    assert list(frame.columns)[:3] == ["Département", "Kind of contact", "Name"]
    assert set(frame["Origin"]) == {"shipped with the tool"}
    at = fill(at, **{**GOOD, "checked": "yesterday"})
    errors = [unescaped(error.value) for error in at.error]
    assert errors == [
        "'yesterday' is not a date: write it YYYY-MM-DD (e.g. 2026-11-30).",
        "The row is not saved: correct the fields marked.",
    ]
