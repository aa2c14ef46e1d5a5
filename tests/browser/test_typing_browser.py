"""In Chromium: text is saved as it is typed, without Enter and without leaving the field.

A comment and a plan note are typed and left alone (no Enter, no Tab, no click elsewhere);
each test waits for the text to reach the database, types on in the same field while the
page runs again, waits for the whole text, then reloads and finds it there.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from typing import Any

import pytest
from browser_support import Server
from browser_walk import IDLE, TIMEOUT, Walker, fresh, shipped_referentiel
from playwright.sync_api import expect

from diagnostic.model import AnswerSheet, TerritoryProfile
from diagnostic.plan.model import new_action
from diagnostic.storage import open_repository

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PROFILE = TerritoryProfile("Communauté de communes du Saintois", "cc", departement="54")
SAVE_DEADLINE = 60.0  # s: a save comes about a second after the last key, on a loaded machine
FIRST = "Vu avec l’élu : « à creuser » "  # a pause after a space keeps the space
SECOND = "— puis relu, "  # and after the run that saved it
THIRD = "2 fois ; c’est noté !"
WHOLE = FIRST + SECOND + THIRD


def new_page(browser: Any) -> Any:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    return context.new_page()


def wait_saved(read: Callable[[], str], expected: str) -> None:
    """Poll the database until ``read()`` gives ``expected``, up to a deadline."""
    deadline = time.monotonic() + SAVE_DEADLINE
    seen = read()
    while seen != expected:
        if time.monotonic() > deadline:
            raise AssertionError(f"not saved within {SAVE_DEADLINE} s: {seen!r} != {expected!r}")
        time.sleep(0.2)
        seen = read()


def type_without_leaving(walker: Walker, field: Any, read: Callable[[], str]) -> None:
    """Type into ``field`` and pause; type on at once while the save's run goes on; pause
    until the page is idle, then type the end; each part reaches the database."""
    field.click()
    walker.page.keyboard.type(FIRST, delay=20)
    wait_saved(read, FIRST.strip())
    walker.page.keyboard.type(SECOND, delay=20)  # keys only: the field must keep the focus
    wait_saved(read, (FIRST + SECOND).strip())
    walker.settle()
    walker.page.keyboard.type(THIRD, delay=20)
    wait_saved(read, WHOLE)
    expect(field).to_be_focused()
    expect(field).to_have_value(WHOLE)


def test_a_comment_typed_and_left_alone_is_saved_and_survives_a_reload(
    browser: Any, server: Server
) -> None:
    referentiel = shipped_referentiel()
    repository = open_repository(server.database_url)
    token = repository.create_diagnostic(PROFILE).token
    question = referentiel.questions_of(referentiel.motivations[0].id)[0]

    walker = Walker(new_page(browser), server.url)
    walker.open(f"{server.url}/diagnostic?d={token}&step=1")
    walker.at_step(2)
    area = walker.open_comment(question.id)

    def saved() -> str:
        return repository.load_sheet(token).comments.get(question.id, "")

    type_without_leaving(walker, area, saved)
    walker.page.reload()
    walker.settle()
    walker.expect_comment(question.id, WHOLE)


def test_a_plan_note_typed_and_left_alone_is_saved_and_survives_a_reload(
    browser: Any, server: Server
) -> None:
    referentiel = shipped_referentiel()
    repository = open_repository(server.database_url)
    token = repository.create_diagnostic(PROFILE).token
    answers = {q.id: referentiel.scale(q.scale).values()[1] for q in referentiel.questions}
    repository.replace_sheet(token, AnswerSheet(PROFILE, answers, {}, referentiel.version))
    line = new_action("Former les agents à la commande publique responsable", dt.date.today())
    repository.save_plan_action(token, line)

    walker = Walker(new_page(browser), server.url)
    walker.open(f"{server.url}/resultats?d={token}")
    walker.see("Notre feuille de route")
    note = walker.page.locator(f"{fresh(f'plan-{line.id}-note')} textarea")

    def saved() -> str:
        return repository.load_plan(token)[0].note

    type_without_leaving(walker, note, saved)
    walker.page.reload()
    walker.page.wait_for_selector(IDLE, timeout=TIMEOUT)
    walker.see("Notre feuille de route")
    expect(walker.page.locator(f"{fresh(f'plan-{line.id}-note')} textarea")).to_have_value(WHOLE)


def test_a_participant_comment_typed_and_left_alone_is_saved_and_survives_a_reload(
    browser: Any, server: Server
) -> None:
    referentiel = shipped_referentiel()
    repository = open_repository(server.database_url)
    workshop, _ = repository.create_workshop(PROFILE)
    token = repository.join_workshop(workshop.code, "agent", "Camille").token
    question = referentiel.questions_of(referentiel.motivations[0].id)[0]
    key = f"atelier-comment-{question.id}"

    walker = Walker(new_page(browser), server.url)
    walker.open(f"{server.url}/atelier?p={token}")
    holder = walker.page.locator(fresh(key))
    walker.page.locator("details", has=holder).locator("summary").click()
    area = walker.page.locator(f"{fresh(key)} textarea")
    expect(area).to_be_visible()

    def saved() -> str:
        return repository.load_sheet(token).comments.get(question.id, "")

    type_without_leaving(walker, area, saved)
    walker.page.reload()
    walker.settle()
    expect(walker.page.locator(f"{fresh(key)} textarea")).to_have_value(WHOLE)


def test_leaving_before_the_pause_asks_first_and_staying_keeps_the_text(
    browser: Any, server: Server
) -> None:
    referentiel = shipped_referentiel()
    repository = open_repository(server.database_url)
    token = repository.create_diagnostic(PROFILE).token
    question = referentiel.questions_of(referentiel.motivations[0].id)[0]

    walker = Walker(new_page(browser), server.url)
    walker.open(f"{server.url}/diagnostic?d={token}&step=1")
    walker.at_step(2)
    area = walker.open_comment(question.id)
    area.click()
    walker.page.keyboard.type(SECOND.strip(), delay=5)
    # At once, within the pause: the text is still in the field only, the browser asks.
    with walker.page.expect_event("dialog") as asked:
        walker.page.evaluate("() => { setTimeout(() => window.location.reload(), 0); }")
    assert asked.value.type == "beforeunload"
    asked.value.dismiss()  # stay on the page
    wait_saved(lambda: repository.load_sheet(token).comments.get(question.id, ""), SECOND.strip())
    walker.page.reload()
    walker.settle()
    walker.expect_comment(question.id, SECOND.strip())
