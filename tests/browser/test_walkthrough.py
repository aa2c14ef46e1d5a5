"""A new user walks a whole diagnostic in Chromium; reloads and restarts lose nothing."""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any

import pytest
from browser_support import Server
from browser_walk import Walker, answer_label, fresh, planned_answer, shipped_referentiel
from playwright.sync_api import expect

from diagnostic.model import UNKNOWN, Answer, Referentiel, TerritoryProfile
from diagnostic.storage import open_repository
from diagnostic.ui.literal import WORD_JOINER

pytestmark = [pytest.mark.browser, pytest.mark.slow]

NAME = "**gras** <b>x</b> :material/home: $x$ [lien](http://example.com)"
COMMENT = "Voir avec la CRESS : *pas* <i>sûr</i>"


def fill_profile(walker: Walker, name: str) -> None:
    walker.click_key("start")
    walker.at_step(1)
    walker.choose("profile-type", "Communauté de communes (CC)")
    walker.type_text("profile-name", name)
    walker.settle()
    walker.type_text("profile-departement", "54")
    walker.settle()
    walker.click_key("nav-next")
    walker.at_step(2)


def fill_motivation(
    walker: Walker, referentiel: Referentiel, position: int, done: dict[str, Answer]
) -> None:
    """Answer every question of the ``position``-th motivation as planned, then wait for saving."""
    motivation = referentiel.motivations[position]
    for question in referentiel.questions_of(motivation.id):
        answer = planned_answer(referentiel, referentiel.questions.index(question))
        walker.answer(question.id, answer_label(referentiel, question.id, answer))
        done[question.id] = answer
    walker.progress(len(done), sum(a == UNKNOWN for a in done.values()))


def new_page(browser: Any) -> Any:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    return context.new_page()


def test_a_new_user_walks_a_whole_diagnostic(
    browser: Any, server: Server, output_dir: Path
) -> None:
    referentiel = shipped_referentiel()
    walker = Walker(new_page(browser), server.url)
    walker.open(server.url)
    walker.see("Ce que vous obtenez")
    fill_profile(walker, NAME)
    done: dict[str, Answer] = {}
    fill_motivation(walker, referentiel, 0, done)
    first = referentiel.questions_of(referentiel.motivations[0].id)[0].id
    walker.comment(first, COMMENT)
    walker.click_key("nav-next")
    walker.at_step(3)
    fill_motivation(walker, referentiel, 1, done)

    walker.page.reload()
    walker.at_step(3)
    walker.progress(len(done), sum(a == UNKNOWN for a in done.values()))
    for question in referentiel.questions_of(referentiel.motivations[1].id):
        label = answer_label(referentiel, question.id, done[question.id])
        walker.expect_checked(question.id, label)
    walker.click_key("nav-back")
    walker.at_step(2)
    walker.expect_comment(first, COMMENT)
    for question in referentiel.questions_of(referentiel.motivations[0].id):
        label = answer_label(referentiel, question.id, done[question.id])
        walker.expect_checked(question.id, label)
    walker.click_key("nav-next")
    walker.at_step(3)

    for position in range(2, len(referentiel.motivations)):
        walker.click_key("nav-next")
        walker.at_step(position + 2)
        fill_motivation(walker, referentiel, position, done)
    walker.click_key("nav-next")
    walker.see("Toutes les questions ont une réponse")
    walker.click_key("to-results")
    walker.see("Par quoi commencer")

    page = walker.page
    charts = page.locator(".js-plotly-plot")
    expect(charts).to_have_count(3)
    for chart in charts.all():
        expect(chart.locator(".main-svg").first).to_be_visible()
    expect(page.locator(".js-plotly-plot .polarlayer .trace path").nth(1)).to_be_attached()
    # One bar per lever ranked by need, then each lever's need split by motivation (stacked
    # bars that fit a phone, where a heat map's columns overlapped).
    expect(page.locator(".js-plotly-plot .barlayer .trace")).to_have_count(
        1 + len(referentiel.motivations)
    )
    expect(page.locator('[data-testid="stTable"] table')).to_have_count(3)
    # Shown as typed (an invisible word joiner keeps the address from becoming a link).
    as_typed = re.compile(f"{WORD_JOINER}?".join(re.escape(char) for char in NAME))
    expect(page.locator('[data-testid="stMain"]')).to_contain_text(as_typed)
    walker.screenshot(output_dir / "results.png")
    assert walker.external_requests() == []

    saved = open_repository(server.database_url).load_sheet(page.url.split("d=")[1].split("&")[0])
    assert dict(saved.answers) == done
    assert saved.comments[first] == COMMENT
    assert saved.territory.name == NAME


def test_the_resume_link_survives_a_server_restart(
    browser: Any, server: Server, output_dir: Path
) -> None:
    referentiel = shipped_referentiel()
    walker = Walker(new_page(browser), server.url)
    walker.open(server.url)
    fill_profile(walker, "Pays du Lunévillois")
    done: dict[str, Answer] = {}
    fill_motivation(walker, referentiel, 0, done)
    first = referentiel.questions_of(referentiel.motivations[0].id)[0].id
    walker.comment(first, COMMENT)
    shown = walker.page.locator('[data-testid="stSidebar"] [data-testid="stCode"] code')
    expect(shown).to_contain_text(f"{server.url}/diagnostic?d=")
    link = shown.inner_text()
    walker.page.context.close()

    server.stop()
    server.start()

    walker = Walker(new_page(browser), server.url)
    walker.open(link.strip())
    walker.at_step(3)  # the first step with a question left blank
    walker.progress(len(done), sum(a == UNKNOWN for a in done.values()))
    walker.click_key("nav-back")
    walker.at_step(2)
    for question_id, answer in done.items():
        walker.expect_checked(question_id, answer_label(referentiel, question_id, answer))
    walker.expect_comment(first, COMMENT)
    walker.click_key("nav-back")
    walker.at_step(1)
    name = walker.page.locator(f"{fresh('profile-name')} input")
    expect(name).to_have_value("Pays du Lunévillois")
    walker.screenshot(output_dir / "resumed-profile.png")
    assert walker.external_requests() == []


def test_the_first_next_after_a_restart_moves_on(browser: Any, server: Server) -> None:
    """A tab left open across a server restart: its first click is not lost."""
    walker = Walker(new_page(browser), server.url)
    walker.open(server.url)
    fill_profile(walker, "Commune de Relance")
    token = walker.page.url.split("d=")[1].split("&")[0]

    server.stop()
    server.start()

    walker.click_key("nav-next")  # once, in the tab that was open all along
    walker.at_step(3)
    expect(walker.page).to_have_url(f"{server.url}/diagnostic?d={token}&step=2")
    profile = open_repository(server.database_url).get_diagnostic(token).profile
    assert profile is not None and profile.name == "Commune de Relance"


def test_an_answer_after_a_restart_is_saved(browser: Any, server: Server) -> None:
    """A tab left open across a server restart runs its page again once reconnected, so that
    an answer (a question's own run, which a new session drops until it has drawn the
    question) is saved without any other click."""
    referentiel = shipped_referentiel()
    repository = open_repository(server.database_url)
    token = repository.create_diagnostic(TerritoryProfile("Commune de Relance", "commune")).token
    question = referentiel.questions_of(referentiel.motivations[0].id)[0]
    answer = planned_answer(referentiel, 0)
    walker = Walker(new_page(browser), server.url)
    walker.open(f"{server.url}/diagnostic?d={token}&step=1")
    walker.at_step(2)

    server.stop()
    server.start()
    walker.page.wait_for_selector("body[data-reconnected]", state="attached")
    walker.settle()

    walker.answer(question.id, answer_label(referentiel, question.id, answer))
    deadline = time.monotonic() + 60
    while repository.load_sheet(token).answers.get(question.id) != answer:
        assert time.monotonic() < deadline, "the first answer after the restart was not saved"
        time.sleep(0.2)
    walker.progress(1, 0)


def test_a_link_to_no_diagnostic_says_so_and_offers_a_new_one(browser: Any, server: Server) -> None:
    walker = Walker(new_page(browser), server.url)
    walker.open(f"{server.url}/diagnostic?d={'x' * 32}")
    walker.see("Aucun diagnostic ne correspond à ce lien")
    expect(walker.page.locator('[data-testid="stException"]')).to_have_count(0)
    walker.click_key("new-diagnostic")
    walker.at_step(1)
