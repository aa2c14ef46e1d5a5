"""A paced workshop in Chromium: the adviser opens one motivation at a time and starts a
timer; three phones follow, keep the open motivation on a reload, and show the timer."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_support import Server
from browser_walk import answer_label, current, fresh, shipped_referentiel
from playwright.sync_api import expect
from workshop_walk import PHONE, SCREEN, WorkshopWalker, new_page, person_answer

from diagnostic.model import TerritoryProfile
from diagnostic.storage import open_repository
from diagnostic.ui.workshop.session import REFRESH_VARIABLE

pytestmark = [pytest.mark.browser, pytest.mark.slow]

INCLUDED = ["emploi", "innovation", "projet_ess"]
CLOCK = re.compile(r"^\d+:\d\d$")


@pytest.fixture
def live_server(tmp_path: Path) -> Iterator[Server]:
    """A fresh server whose pages look for changes every second."""
    running = Server(
        f"sqlite:///{tmp_path}/workshop.sqlite3",
        tmp_path / "streamlit.log",
        {REFRESH_VARIABLE: "1"},
    )
    running.start()
    yield running
    running.stop()


def motivation_shown(phone: WorkshopWalker, label: str, question_id: str) -> None:
    """Wait until the phone shows the motivation ``label``, with its first question."""
    expect(phone.page.get_by_role("heading", name=label, exact=True)).to_be_visible()
    expect(phone.page.locator(fresh(f"atelier-answer-{question_id}"))).to_be_visible()


def running_clock(walker: WorkshopWalker) -> None:
    """Wait until the timer is shown and counting down in the browser."""
    clock = walker.page.locator(current(".pacing-timer .pacing-timer-clock"))
    expect(clock).to_have_text(CLOCK)
    first = clock.inner_text()
    expect(clock).not_to_have_text(first, timeout=10_000)


def test_phones_follow_the_adviser_and_show_the_timer(
    browser: Any, live_server: Server, output_dir: Path
) -> None:
    referentiel = shipped_referentiel()
    repository = open_repository(live_server.database_url)
    workshop, key = repository.create_workshop(
        TerritoryProfile("Communauté de communes du Toulois", "cc"), INCLUDED
    )
    code = workshop.code
    labels = {m: referentiel.motivation(m).label.get("fr") for m in INCLUDED}
    firsts = {m: referentiel.questions_of(m)[0].id for m in INCLUDED}

    adviser = WorkshopWalker(new_page(browser, SCREEN), live_server.url)
    adviser.open(f"{live_server.url}/animation?code={code}&key={key}")
    adviser.see("Rythme de l’atelier")
    phones = []
    for role in ("elu", "agent", "habitant"):
        token = repository.join_workshop(code, role).token
        phone = WorkshopWalker(new_page(browser, PHONE), live_server.url)
        phone.open(f"{live_server.url}/atelier?p={token}")
        phone.see("Votre lien personnel")
        motivation_shown(phone, labels["emploi"], firsts["emploi"])  # free: the first step
        phones.append((phone, token))

    sidebar = adviser.page.locator('[data-testid="stSidebar"]')
    adviser.settle()  # the dashboard refreshes itself: click between two runs
    sidebar.get_by_text("Guidé\u00a0: vous ouvrez une motivation à la fois").click()
    adviser.see("aucune motivation n’est encore ouverte")
    for phone, _ in phones:
        phone.see("L’animateur ouvrira la première motivation")
        expect(phone.page.locator(fresh(f"atelier-answer-{firsts['emploi']}"))).to_have_count(0)

    adviser.settle()
    adviser.click_key("animation-pacing-next")
    adviser.see(f"Motivation ouverte\u00a0: {labels['emploi']}")
    for phone, _ in phones:
        motivation_shown(phone, labels["emploi"], firsts["emploi"])
        phone.see("L’animateur ouvrira la suite.")
    first_phone, first_token = phones[0]
    index = referentiel.questions.index(referentiel.question(firsts["emploi"]))
    answer = person_answer(referentiel, 0, index)
    first_phone.answer_as_participant(
        firsts["emploi"], answer_label(referentiel, firsts["emploi"], answer)
    )

    adviser.settle()
    adviser.click_key("animation-pacing-next")
    adviser.see(f"Motivation ouverte\u00a0: {labels['innovation']}")
    adviser.click_key("animation-timer-start")
    running_clock(adviser)
    for phone, _ in phones:
        motivation_shown(phone, labels["innovation"], firsts["innovation"])
        running_clock(phone)
    assert repository.load_sheet(first_token).answers[firsts["emploi"]] == answer

    first_phone.page.reload()
    first_phone.see("Votre lien personnel")
    motivation_shown(first_phone, labels["innovation"], firsts["innovation"])
    running_clock(first_phone)
    first_phone.screenshot(output_dir / "workshop-paced-phone.png")
    adviser.screenshot(output_dir / "workshop-paced-dashboard.png")
    for walker in (adviser, *(phone for phone, _ in phones)):
        assert walker.external_requests() == []
