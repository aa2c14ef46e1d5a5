"""In Chromium: the questionnaire keeps every answer given, on the single diagnostic and on a
workshop participant's page, across a language switch and across moves between steps.

The browser keeps each radio's value as the words it showed until the server says
otherwise (after a switch, the other language's words), and a step revisited in a run of
the step alone must show, and keep, the answers saved for it.
"""

from __future__ import annotations

from typing import Any

import pytest
from browser_support import Server
from browser_walk import fresh, shipped_referentiel
from playwright.sync_api import expect
from workshop_walk import PREFIX, SCREEN, WorkshopWalker, new_page

from diagnostic.model import Answer, Question, TerritoryProfile
from diagnostic.storage import Repository, open_repository

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PROFILE = TerritoryProfile("Communauté de communes du Saintois", "cc", departement="54")
PAGES = ("diagnostic", "participant")


def opened(browser: Any, server: Server, page: str) -> tuple[WorkshopWalker, Repository, str, str]:
    """A new diagnostic open on its first motivation, or a participant just joined (on the
    workshop's first step); returns the walker, the repository, the token and the keys'
    prefix."""
    repository = open_repository(server.database_url)
    walker = WorkshopWalker(new_page(browser, SCREEN), server.url)
    if page == "diagnostic":
        token = repository.create_diagnostic(PROFILE).token
        walker.open(f"{server.url}/diagnostic?d={token}&step=1")
        at_step(walker, 2)
        return walker, repository, token, ""
    workshop, _ = repository.create_workshop(PROFILE)
    walker.open(f"{server.url}/atelier?code={workshop.code}")
    token = walker.join("Élu ou élue")
    at_step(walker, 1)
    return walker, repository, token, PREFIX


def at_step(walker: WorkshopWalker, number: int) -> None:
    """Wait for step ``number`` (a participant's workshop may have fewer steps)."""
    walker.see(f"Étape {number} sur ")


def given(question: Question, lang: str) -> tuple[Answer, str]:
    """The answer given to ``question`` and its words in ``lang``."""
    referentiel = shipped_referentiel()
    answer = referentiel.scale(question.scale).values()[1]
    return answer, referentiel.scale(question.scale).label(answer, lang)


def answer(walker: WorkshopWalker, prefix: str, question: Question, lang: str) -> Answer:
    """Click the answer ``given`` to ``question``, in ``lang``."""
    value, words = given(question, lang)
    group = walker.page.locator(fresh(f"{prefix}answer-{question.id}"))
    group.get_by_text(words, exact=True).click()
    expect(group.get_by_role("radio", name=words, exact=True)).to_be_checked()
    return value


def shows(walker: WorkshopWalker, prefix: str, question: Question, lang: str) -> None:
    """Wait for the question's radio to show its answer, in ``lang``."""
    group = walker.page.locator(fresh(f"{prefix}answer-{question.id}"))
    expect(group.get_by_role("radio", name=given(question, lang)[1], exact=True)).to_be_checked()


def counted(walker: WorkshopWalker, answered: int, lang: str) -> None:
    """Wait for the progress bar to count ``answered`` answers, in ``lang``."""
    walker.see(f"Réponses\u00a0: {answered} sur " if lang == "fr" else f"Answers: {answered} of ")


def no_error(walker: WorkshopWalker) -> None:
    alerts = walker.page.locator('[data-testid="stAlertContentError"], [data-testid="stException"]')
    try:
        expect(alerts).to_have_count(0)
    except AssertionError as failure:  # say which message stayed on screen
        raise AssertionError(f"errors shown: {alerts.all_inner_texts()}") from failure


@pytest.mark.parametrize("page", PAGES)
def test_answers_given_before_and_after_a_language_switch_are_all_kept(
    browser: Any, server: Server, page: str
) -> None:
    walker, repository, token, prefix = opened(browser, server, page)
    first, second = shipped_referentiel().questions_of(shipped_referentiel().motivations[0].id)[:2]
    saved = {first.id: answer(walker, prefix, first, "fr")}
    counted(walker, 1, "fr")

    walker.page.locator(fresh("lang")).get_by_text("English", exact=True).click()
    walker.settle()
    counted(walker, 1, "en")
    shows(walker, prefix, first, "en")
    saved[second.id] = answer(walker, prefix, second, "en")
    counted(walker, 2, "en")
    no_error(walker)
    assert repository.load_sheet(token).answers == saved

    walker.page.reload()
    walker.settle()
    counted(walker, 2, "en")
    shows(walker, prefix, first, "en")
    shows(walker, prefix, second, "en")
    no_error(walker)
    assert repository.load_sheet(token).answers == saved
    walker.page.context.close()


@pytest.mark.parametrize("page", PAGES)
def test_a_step_revisited_after_a_reload_keeps_its_answers(
    browser: Any, server: Server, page: str
) -> None:
    """Reload, « Précédent », « Suivant » (and an answer), « Suivant »: after each move every
    answer given is saved, and a step shown again shows its answers."""
    walker, repository, token, prefix = opened(browser, server, page)
    first = 2 if page == "diagnostic" else 1  # the step of the first motivation
    referentiel = shipped_referentiel()
    steps = [referentiel.questions_of(m.id) for m in referentiel.motivations[:2]]
    saved = {question.id: answer(walker, prefix, question, "fr") for question in steps[0]}
    counted(walker, len(saved), "fr")
    walker.click_key(f"{prefix}nav-next")
    at_step(walker, first + 1)
    saved[steps[1][0].id] = answer(walker, prefix, steps[1][0], "fr")
    counted(walker, len(saved), "fr")

    def kept(step: int | None) -> None:
        counted(walker, len(saved), "fr")
        no_error(walker)
        assert repository.load_sheet(token).answers == saved
        if step is not None:
            for question in steps[step]:
                if question.id in saved:
                    shows(walker, prefix, question, "fr")

    walker.page.reload()
    at_step(walker, first + 1)
    kept(1)
    walker.click_key(f"{prefix}nav-back")
    at_step(walker, first)
    kept(0)
    walker.click_key(f"{prefix}nav-next")
    at_step(walker, first + 1)
    # another answer on the step shown again: the browser sends what every radio shows
    saved[steps[1][1].id] = answer(walker, prefix, steps[1][1], "fr")
    kept(1)
    walker.click_key(f"{prefix}nav-next")
    at_step(walker, first + 2)
    kept(None)
    walker.page.context.close()
