"""A file loaded on the summary step: what it holds and replaces is shown, and nothing changes
until the user confirms; another territory's file opens as a new diagnostic."""

from __future__ import annotations

import dataclasses
import datetime as dt

from app_support import screen
from streamlit.testing.v1 import AppTest
from test_import import TOULOIS, answers_file, at_summary, diagnostic_count

from diagnostic.model import AnswerSheet, Referentiel
from diagnostic.storage import Repository
from diagnostic.ui.literal import escape_markdown
from diagnostic.ui.state import TOKEN_KEY

CONFIRM, CANCEL = "import-replace-confirm", "import-replace-cancel"


def toulois_file(referentiel: Referentiel) -> tuple[AnswerSheet, bytes]:
    """A file of the open diagnostic's own territory, dated, with a third of the answers."""
    return answers_file(referentiel, dataclasses.replace(TOULOIS, date=dt.date(2026, 11, 27)))


def upload(at: AppTest, data: bytes) -> None:
    at.file_uploader(key="import-replace").upload("reponses.json", data, "application/json").run()
    assert not at.exception, at.exception


def test_a_file_of_the_same_territory_says_what_it_holds_and_waits_for_confirmation(
    database_url: str, repository: Repository, referentiel: Referentiel
) -> None:
    at, token = at_summary(referentiel)
    before = repository.load_sheet(token)
    sheet, data = toulois_file(referentiel)
    upload(at, data)
    shown = screen(at).replace("\u00a0", " ")
    assert "27 novembre 2026" in shown
    assert f"{len(sheet.answers)} réponses" in shown
    assert f"référentiel : {referentiel.version}" in shown
    assert "Communauté de communes du Toulois" in shown and "1 réponse" in shown
    assert at.button(key=CONFIRM).label == "Remplacer les réponses"
    assert repository.load_sheet(token) == before  # nothing yet
    at.button(key=CONFIRM).click().run()
    assert not at.exception
    assert dict(repository.load_sheet(token).answers) == dict(sheet.answers)
    loaded = f"Fichier chargé\u00a0: {len(sheet.answers)} réponses enregistrées."
    assert [s.value for s in at.success] == [escape_markdown(loaded)]
    assert CONFIRM not in keys(at)


def test_cancel_leaves_everything_as_it_was(
    database_url: str, repository: Repository, referentiel: Referentiel
) -> None:
    at, token = at_summary(referentiel)
    before = repository.load_sheet(token)
    _, data = answers_file(referentiel)
    upload(at, data)
    at.button(key=CANCEL).click().run()
    assert not at.exception
    assert repository.load_sheet(token) == before
    assert at.session_state[TOKEN_KEY] == token
    assert diagnostic_count(database_url) == 1
    assert CONFIRM not in keys(at)
    cancelled = escape_markdown("Chargement annulé\u00a0: rien n’a changé.")
    assert [i.value for i in at.info] == [cancelled]
    at.run()
    assert repository.load_sheet(token) == before and CONFIRM not in keys(at)


def test_another_territory_s_file_opens_as_a_new_diagnostic(
    database_url: str, repository: Repository, referentiel: Referentiel
) -> None:
    at, old = at_summary(referentiel)
    before = repository.load_sheet(old)
    sheet, data = answers_file(referentiel)  # Pays du Lunévillois
    upload(at, data)
    shown = screen(at).replace("\u00a0", " ")
    assert "Pays du Lunévillois" in shown and "nouveau diagnostic" in shown
    assert at.button(key=CONFIRM).label == "Ouvrir comme nouveau diagnostic"
    assert diagnostic_count(database_url) == 1
    at.button(key=CONFIRM).click().run()
    assert not at.exception
    new = at.session_state[TOKEN_KEY]
    assert new != old and at.query_params["d"] == new
    assert repository.load_sheet(old) == before
    assert repository.load_sheet(new).territory.name == "Pays du Lunévillois"
    assert dict(repository.load_sheet(new).answers) == dict(sheet.answers)
    assert diagnostic_count(database_url) == 2
    assert f"/diagnostic?d={new}" in "\n".join(c.value for c in at.sidebar.code)
    assert escape_markdown(f"/diagnostic?d={old}") in screen(at)  # the old link, not lost


def keys(at: AppTest) -> set[str]:
    return {button.key for button in at.button if button.key}
