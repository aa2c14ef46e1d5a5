"""The discussion in Chromium: an adviser and three phones; the adviser projects a question
with the phones' comments, hides one, records then changes the group's retained answer, and
moves on with the keyboard."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_support import Server
from browser_walk import answer_label, current, fresh, shipped_referentiel
from playwright.sync_api import expect
from workshop_walk import PHONE, SCREEN, WorkshopWalker, new_page, person_answer

from diagnostic.model import TerritoryProfile
from diagnostic.storage import Repository, open_repository
from diagnostic.ui.workshop.session import REFRESH_VARIABLE
from diagnostic.workshop.discussion import comment_ref

pytestmark = [pytest.mark.browser, pytest.mark.slow]

COMMENTS = ("On manque de chiffres", "Marie Dupont bloque tout", "Les clauses existent déjà")
NOTE = "retenu après discussion : la ville-centre a commencé"
WAIT = 30.0  # seconds, the longest a saved value may take to reach the database


@pytest.fixture
def live_server(tmp_path: Path) -> Iterator[Server]:
    running = Server(
        f"sqlite:///{tmp_path}/discussion.sqlite3",
        tmp_path / "streamlit.log",
        {REFRESH_VARIABLE: "1"},
    )
    running.start()
    yield running
    running.stop()


def until(page: Any, condition: Callable[[], bool], what: str) -> None:
    """Wait until ``condition`` holds (the database caught up), or fail saying ``what``."""
    deadline = time.monotonic() + WAIT
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"still waiting for {what}")
        page.wait_for_timeout(100)


def comment_as_participant(phone: WorkshopWalker, question_id: str, text: str) -> None:
    """Unfold the comment box of a question on a phone, type, commit with Ctrl+Enter."""
    holder = phone.page.locator(fresh(f"atelier-comment-{question_id}"))
    area = holder.locator("textarea")
    phone.page.locator("details", has=holder).locator("summary").click()
    expect(area).to_be_visible()
    area.fill(text)
    area.press("Control+Enter")
    phone.settle()


def comments_saved(repository: Repository, code: str, key: str, question: str) -> bool:
    sheets = repository.participants(code, key)
    return sorted(own.sheet.comments.get(question, "") for own in sheets) == sorted(COMMENTS)


def test_the_adviser_projects_moderates_and_records_what_the_group_retains(
    browser: Any, live_server: Server
) -> None:
    referentiel = shipped_referentiel()
    question = referentiel.questions[0]
    repository = open_repository(live_server.database_url)
    workshop, key = repository.create_workshop(
        TerritoryProfile("Communauté de communes du Toulois", "cc"), [question.motivation]
    )
    code = workshop.code
    adviser = WorkshopWalker(new_page(browser, SCREEN), live_server.url)
    adviser.open(f"{live_server.url}/animation?code={code}&key={key}")
    adviser.see("Tableau de bord de l’atelier")

    tokens = []
    roles = ("Élu ou élue", "Élu ou élue", "Agent ou technicien de collectivité")
    for person, (role, text) in enumerate(zip(roles, COMMENTS, strict=True)):
        phone = WorkshopWalker(new_page(browser, PHONE), live_server.url)
        phone.open(f"{live_server.url}/atelier?code={code}")
        tokens.append(phone.join(role))
        answer = person_answer(referentiel, person, 0)
        phone.answer_as_participant(question.id, answer_label(referentiel, question.id, answer))
        comment_as_participant(phone, question.id, text)
    until(adviser.page, lambda: comments_saved(repository, code, key, question.id), "comments")
    adviser.see("3 participants")

    adviser.open_tab("Discussion")
    adviser.click_key(f"animation-discuss-pick-{question.id}")
    wording = adviser.page.locator(current(".discussion-wording"))
    expect(wording).to_have_text(question.label.fr)
    for text in COMMENTS:
        expect(adviser.page.get_by_text(f"« {text} »", exact=True)).to_have_count(1)

    hidden = comment_ref(tokens[1], question.id)
    adviser.settle()  # the click lands on the projection drawn, not during its run
    adviser.click_key(f"animation-discuss-hide-{hidden}")
    expect(adviser.page.locator(fresh(f"animation-discuss-comment-{hidden}"))).to_have_count(0)
    until(adviser.page, lambda: repository.discussion(code).hidden == {hidden}, "the hiding")
    expect(adviser.page.locator(fresh(f"animation-discuss-hide-{hidden}"))).to_have_count(0)

    levels = referentiel.scale(question.scale).values()
    first, second = levels[-1], levels[0]
    choices = adviser.page.locator(fresh(f"animation-discuss-answer-{question.id}"))
    adviser.settle()
    choices.get_by_text(answer_label(referentiel, question.id, first), exact=True).click()
    note = adviser.page.locator(f"{fresh(f'animation-discuss-note-{question.id}')} textarea")
    note.fill(NOTE)
    note.press("Tab")
    adviser.settle()
    adviser.click_key("animation-discuss-retain")
    adviser.see("Réponse retenue enregistrée.")

    def retained(answer: object) -> bool:
        kept = repository.discussion(code).retained.get(question.id)
        return kept is not None and kept.answer == answer and kept.note == NOTE

    until(adviser.page, lambda: retained(first), "the retained answer")
    expect(adviser.page.locator(fresh("animation-discuss-retain"))).to_contain_text(
        "Changer la réponse retenue"
    )
    choices = adviser.page.locator(fresh(f"animation-discuss-answer-{question.id}"))
    adviser.settle()
    choices.get_by_text(answer_label(referentiel, question.id, second), exact=True).click()
    adviser.settle()
    adviser.click_key("animation-discuss-retain")
    until(adviser.page, lambda: retained(second), "the changed retained answer")
    label = answer_label(referentiel, question.id, second)
    adviser.see(f"Réponse retenue\u00a0: {label}")

    adviser.open_tab("Résultat du groupe")
    adviser.see("1 réponse retenue par le groupe remplace la réponse calculée")
    adviser.open_tab("Discussion")
    adviser.settle()
    adviser.page.evaluate("() => document.activeElement && document.activeElement.blur()")
    adviser.page.keyboard.press("ArrowRight")
    expect(wording).not_to_have_text(question.label.fr)
    adviser.page.keyboard.press("ArrowLeft")
    expect(wording).to_have_text(question.label.fr)
