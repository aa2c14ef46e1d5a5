"""A full disk under the app's database: the last answer is said not saved, nothing saved
before is lost, and saving resumes once there is room again."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator

import pytest
from app_support import fill_profile, new_app, start, visit
from atelier_support import new_workshop
from sqlalchemy import event
from streamlit.testing.v1 import AppTest

from diagnostic.i18n import t
from diagnostic.model import Referentiel
from diagnostic.storage import Repository
from diagnostic.storage.engine import disk_full
from diagnostic.ui import resources
from diagnostic.ui.literal import escape_markdown

LONG = "Une remarque développée. " * 360  # about 9,000 characters: the base must grow


def failed(lang: str = "fr") -> str:
    return escape_markdown(t("app.save.failed", lang, reason=disk_full().message(lang)))


@pytest.fixture
def full_disk(database_url: str) -> Iterator[Callable[[bool], None]]:
    """Fill (True) or free (False) the disk of the app's own database."""
    engine = resources.repository_at(database_url)._engine

    def limit(connection: sqlite3.Connection, _record: object) -> None:
        connection.execute("PRAGMA max_page_count = 1")  # no growth beyond the file's size

    def fill(full: bool) -> None:
        if full:
            event.listen(engine, "connect", limit)
        elif event.contains(engine, "connect", limit):
            event.remove(engine, "connect", limit)
        engine.dispose()

    yield fill
    fill(False)


def errors(at: AppTest) -> list[str]:
    assert not at.exception, at.exception
    return [error.value for error in at.error]


def test_the_officer_is_told_and_saving_resumes(
    database_url: str,
    repository: Repository,
    referentiel: Referentiel,
    full_disk: Callable[[bool], None],
) -> None:
    at = new_app()
    token = start(at)
    fill_profile(at)
    at.button(key="nav-next").click().run()
    first, second = referentiel.questions_of(referentiel.motivations[0].id)[:2]
    at.radio(key=f"answer-{first.id}").set_value(2).run()
    at.text_area(key=f"comment-{first.id}").input("Avant").run()
    before = repository.load_sheet(token)
    full_disk(True)
    at.text_area(key=f"comment-{second.id}").input(LONG).run()
    assert errors(at) == [failed()]
    assert repository.load_sheet(token) == before
    full_disk(False)
    at.run()  # the next run saves what the page still shows
    assert errors(at) == []
    saved = repository.load_sheet(token)
    assert saved.answers == before.answers
    assert saved.comments == {first.id: "Avant", second.id: LONG.strip()}


def test_a_participant_is_told_in_english_and_saving_resumes(
    database_url: str,
    repository: Repository,
    referentiel: Referentiel,
    full_disk: Callable[[bool], None],
) -> None:
    workshop, _ = new_workshop(repository)
    at = visit("atelier", lang="en", code=workshop.code)
    at.radio(key="atelier-role").set_value("habitant").run()
    at.button(key="atelier-join").click().run()
    token = at.query_params["p"]
    first, second = referentiel.questions_of(referentiel.motivations[0].id)[:2]
    at.radio(key=f"atelier-answer-{first.id}").set_value(3).run()
    before = repository.load_sheet(token)
    full_disk(True)
    at.text_area(key=f"atelier-comment-{second.id}").input(LONG).run()
    assert errors(at) == [failed("en")]
    assert repository.load_sheet(token) == before
    full_disk(False)
    at.run()
    assert errors(at) == []
    assert repository.load_sheet(token).comments == {second.id: LONG.strip()}
    assert repository.load_sheet(token).answers == before.answers
