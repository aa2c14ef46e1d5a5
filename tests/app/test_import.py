"""Loading an answers file: a good one replaces the answers, a bad one changes nothing."""

from __future__ import annotations

import json

import pytest
from app_support import fill_profile, go, new_app, off_scale_message, shipped_question, start
from sqlalchemy import create_engine, func, select
from streamlit.testing.v1 import AppTest

from diagnostic.export.jsonio import to_json
from diagnostic.model import UNKNOWN, AnswerSheet, QuestionId, Referentiel, TerritoryProfile
from diagnostic.storage import Repository
from diagnostic.storage.tables import diagnostics
from diagnostic.ui.literal import escape_markdown
from diagnostic.ui.state import TOKEN_KEY

OFF_SCALE = off_scale_message()
NOT_LOADED = "Le fichier n’a pas été chargé et rien n’a changé. "
BAD_FILES = [
    (b"{pas du json", "Le fichier n’est pas un JSON valide (ligne 1, colonne 2)."),
    (
        b"\xff\xfe",
        "Le fichier n’est pas encodé en UTF-8\u00a0: enregistrez-le en UTF-8 et réessayez "
        "(octet illisible en position 0).",
    ),
    (
        json.dumps(
            {
                "format": "diagnostic-ess-answers",
                "format_version": 1,
                "territory": {"name": "X", "type": "cc"},
                "answers": {"question_inconnue": 2, shipped_question().id: 9},
            }
        ).encode(),
        "Question inconnue\u00a0: «\u00a0question_inconnue\u00a0».\n" + OFF_SCALE,
    ),
    (
        json.dumps(
            {"territory": {"name": "X", "type": "cc", "siren": "200 00 0008"}, "answers": {}}
        ).encode(),
        "Profil du territoire\u00a0: le SIREN «\u00a0200 00 0008\u00a0» doit compter 9 chiffres, "
        "groupés par trois ou non (ex. 200 000 008 ou 200000008).",
    ),
    (b'{"territory": 3}', "«\u00a0territory\u00a0» doit décrire le territoire (nom, type…)."),
]
SCHEMA_EN = (
    "The file was not loaded and nothing changed. Territory profile: SIREN '200 00 0008' must "
    "have 9 digits, in groups of three or not (e.g. 200 000 008 or 200000008)."
)


LUNEVILLOIS = TerritoryProfile("Pays du Lunévillois", "pays_petr", departement="54")
TOULOIS = TerritoryProfile("Communauté de communes du Toulois", "cc", departement="54")


def answers_file(
    referentiel: Referentiel, territory: TerritoryProfile = LUNEVILLOIS
) -> tuple[AnswerSheet, bytes]:
    """A file for another territory (unless told), with a third of the questions answered."""
    answers = {
        QuestionId(q.id): (UNKNOWN if i % 5 == 0 else referentiel.scale(q.scale).max)
        for i, q in enumerate(referentiel.questions)
        if i % 3 == 0
    }
    first = referentiel.questions[0].id
    sheet = AnswerSheet(
        territory,
        answers,
        {QuestionId(first): "Repris du fichier"},
        referentiel.version,
    )
    return sheet, to_json(sheet, referentiel)


def at_summary(referentiel: Referentiel) -> tuple[AppTest, str]:
    """A diagnostic with a profile and one answer, open on its summary step."""
    at = new_app()
    token = start(at)
    fill_profile(at)
    at.button(key="nav-next").click().run()
    at.radio(key=f"answer-{referentiel.questions[1].id}").set_value(2).run()
    at.selectbox(key="nav-step").set_value(8).run()
    return at, token


def diagnostic_count(database_url: str) -> int:
    engine = create_engine(database_url)
    with engine.connect() as connection:
        count = connection.execute(select(func.count()).select_from(diagnostics)).scalar_one()
    engine.dispose()
    return int(count)


def test_a_good_file_replaces_every_answer(
    database_url: str, repository: Repository, referentiel: Referentiel
) -> None:
    at, token = at_summary(referentiel)
    sheet, data = answers_file(referentiel, TOULOIS)
    at.file_uploader(key="import-replace").upload("reponses.json", data, "application/json").run()
    at.button(key="import-replace-confirm").click().run()
    assert not at.exception
    assert [s.value for s in at.success] == [
        escape_markdown(f"Fichier chargé\u00a0: {len(sheet.answers)} réponses enregistrées.")
    ]
    saved = repository.load_sheet(token)
    assert dict(saved.answers) == dict(sheet.answers)
    assert dict(saved.comments) == dict(sheet.comments)
    assert saved.territory == TOULOIS
    at.selectbox(key="nav-step").set_value(0).run()
    assert at.text_input(key="profile-departement").value == "54"
    at.selectbox(key="nav-step").set_value(1).run()
    first = referentiel.questions[0].id
    assert at.radio(key=f"answer-{first}").value == UNKNOWN
    assert at.radio(key=f"answer-{referentiel.questions[1].id}").value is None


@pytest.mark.parametrize(("data", "reason"), BAD_FILES)
def test_a_bad_file_says_why_in_french_and_changes_nothing(
    data: bytes, reason: str, database_url: str, repository: Repository, referentiel: Referentiel
) -> None:
    at, token = at_summary(referentiel)
    before = repository.load_sheet(token)
    at.file_uploader(key="import-replace").upload("reponses.json", data, "application/json").run()
    assert not at.exception
    assert [e.value for e in at.error] == [escape_markdown(NOT_LOADED + reason)]
    assert repository.load_sheet(token) == before
    assert diagnostic_count(database_url) == 1


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "fr",
            NOT_LOADED
            + "«\u00a0notes.txt\u00a0» n’est pas un fichier de réponses\u00a0: choisissez "
            "le fichier .json téléchargé depuis le récapitulatif ou la page des résultats.",
        ),
        (
            "en",
            "The file was not loaded and nothing changed. “notes.txt” is not an answers file: "
            "choose the .json file downloaded from the summary or the results page.",
        ),
    ],
)
def test_a_text_file_is_refused_in_the_page_language_not_by_the_browser(
    lang: str, expected: str, database_url: str, repository: Repository, referentiel: Referentiel
) -> None:
    at, token = at_summary(referentiel)
    if lang == "en":
        at.radio(key="lang").set_value("en").run()
    before = repository.load_sheet(token)
    at.file_uploader(key="import-replace").upload("notes.txt", b"{}", "text/plain").run()
    assert not at.exception
    assert [e.value for e in at.error] == [escape_markdown(expected)]
    assert repository.load_sheet(token) == before


def test_a_file_that_does_not_fit_the_schema_is_told_in_english(
    database_url: str, repository: Repository, referentiel: Referentiel
) -> None:
    at, token = at_summary(referentiel)
    at.radio(key="lang").set_value("en").run()
    before = repository.load_sheet(token)
    data, _ = BAD_FILES[3]
    at.file_uploader(key="import-replace").upload("reponses.json", data, "application/json").run()
    assert not at.exception
    assert [e.value for e in at.error] == [escape_markdown(SCHEMA_EN)]
    assert repository.load_sheet(token) == before


def test_a_file_on_the_welcome_page_starts_a_new_diagnostic(
    database_url: str, repository: Repository, referentiel: Referentiel
) -> None:
    at = new_app()
    old = start(at)
    go(at, "accueil")
    sheet, data = answers_file(referentiel)
    at.file_uploader(key="import-new").upload("reponses.json", data, "application/json").run()
    assert not at.exception
    new = at.session_state[TOKEN_KEY]
    assert new != old
    assert at.query_params["d"] == new
    assert dict(repository.load_sheet(new).answers) == dict(sheet.answers)
    assert repository.load_sheet(old).answers == {}
    assert [s.value for s in at.success] == [
        escape_markdown(f"Fichier chargé\u00a0: {len(sheet.answers)} réponses enregistrées.")
    ]
    assert at.selectbox(key="nav-step").label == "Étape 9 sur 9"


def test_a_bad_file_on_the_welcome_page_creates_nothing(
    database_url: str, referentiel: Referentiel
) -> None:
    at = new_app().run()
    data, reason = BAD_FILES[2]
    at.file_uploader(key="import-new").upload("reponses.json", data, "application/json").run()
    assert not at.exception
    assert [e.value for e in at.error] == [escape_markdown(NOT_LOADED + reason)]
    assert TOKEN_KEY not in at.session_state
    assert diagnostic_count(database_url) == 0


def test_the_answers_can_be_downloaded_from_the_summary(
    database_url: str, referentiel: Referentiel
) -> None:
    at, _ = at_summary(referentiel)
    button = at.get("download_button")[0]
    assert button.proto.label == "Les réponses (JSON)"
