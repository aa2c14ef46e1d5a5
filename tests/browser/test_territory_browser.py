"""A user finds the territory by typing part of its name, and the profile fills itself."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from browser_support import Server
from browser_walk import Walker, fresh
from playwright.sync_api import expect

from diagnostic.storage import open_repository
from diagnostic.territory.official import official_territories
from diagnostic.ui.territory_picker import describe

pytestmark = [pytest.mark.browser, pytest.mark.slow]
SIREN = "243500667"


def test_typing_part_of_the_name_fills_the_profile(browser: Any, server: Server) -> None:
    territories = official_territories()
    epci = territories.by_siren(SIREN)
    assert epci is not None
    label = describe(epci, territories, "fr")
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    walker = Walker(context.new_page(), server.url)
    walker.open(server.url)
    walker.click_key("start")
    walker.at_step(1)

    walker.type_text("profile-search", "val d ille")
    pick = walker.page.locator(f"{fresh('profile-pick')} input")
    pick.wait_for()
    walker.settle()
    pick.click()
    option = walker.page.get_by_role("option", name=re.compile("^CC Val d’Ille-Aubigné — "))
    expect(option).to_have_count(1)
    expect(option).to_have_text(label.replace("\u00a0", " "), use_inner_text=True)
    option.click()

    page = walker.page
    expect(page.locator(f"{fresh('profile-siren')} input")).to_have_value(SIREN)
    expect(page.locator(f"{fresh('profile-name')} input")).to_have_value(epci.name)
    expect(page.locator(f"{fresh('profile-departement')} input")).to_have_value("35")
    expect(page.locator(f"{fresh('profile-population')} input")).to_have_value(str(epci.population))
    expect(page.locator(f"{fresh('profile-type')} input")).to_have_value(
        "Communauté de communes (CC)"
    )
    walker.see(f"Les {len(epci.members)} communes membres de {epci.name}")
    walker.click_key("nav-next")
    walker.at_step(2)

    token = parse_qs(urlsplit(page.url).query)["d"][0]
    saved = open_repository(server.database_url).get_diagnostic(token).profile
    assert saved is not None
    assert (saved.name, saved.type, saved.siren, saved.departement) == (
        epci.name,
        "cc",
        SIREN,
        "35",
    )
    assert walker.external_requests() == []
    context.close()
