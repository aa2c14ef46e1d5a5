"""In Chromium, at the machine the app runs on: « Mes diagnostics et ateliers » lists a
diagnostic made before, « Épingler » puts it first, and « Ouvrir » opens it."""

from __future__ import annotations

import re
from typing import Any

import pytest
from browser_support import Server
from browser_walk import fresh
from playwright.sync_api import expect
from workshop_walk import SCREEN, WorkshopWalker, new_page

from diagnostic.model import TerritoryProfile
from diagnostic.storage import open_repository

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SAINTOIS = TerritoryProfile("Communauté de communes du Saintois", "cc", siren="245400171")
NANCY = TerritoryProfile("Métropole du Grand Nancy", "metropole", siren="245400676")
CARDS = '[class*="st-key-space-diagnostic-"]:not([data-stale="true"]):not([data-retained="true"])'


def test_the_person_at_the_machine_pins_and_opens_a_diagnostic(
    browser: Any, server: Server
) -> None:
    repository = open_repository(server.database_url)
    saintois = repository.create_diagnostic(SAINTOIS).token
    repository.create_diagnostic(NANCY)  # changed last: first in the list until the pin
    walker = WorkshopWalker(new_page(browser, SCREEN), server.url)
    page = walker.page

    walker.open(f"{server.url}/mes-diagnostics")
    walker.see("Mes diagnostics et ateliers")
    expect(page.locator(CARDS)).to_have_count(2)
    expect(page.locator(CARDS).first).to_contain_text(NANCY.name)

    walker.open(f"{server.url}/diagnostic?d={saintois}")
    walker.click_key("space-pin")
    walker.see("Ce diagnostic est épinglé")
    assert repository.is_pinned(saintois)

    walker.open(f"{server.url}/mes-diagnostics")
    expect(page.locator(CARDS)).to_have_count(2)
    first = page.locator(CARDS).first
    expect(first).to_contain_text(SAINTOIS.name)
    expect(first).to_contain_text("Épinglé")
    entry = repository.list_diagnostics()[0]
    page.locator(f"{fresh(f'space-open-{entry.id}')} button").click()
    expect(page).to_have_url(re.compile(rf"/diagnostic\?d={saintois}"))
    walker.see("Étape 2 sur ")
