"""In Chromium, offline: the results page's locator and a région's map are drawn, and a
click on a territory of the map opens it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from browser_support import Server
from browser_walk import Walker, fresh, shipped_referentiel
from playwright.sync_api import expect

from diagnostic.model import AnswerSheet, TerritoryProfile
from diagnostic.storage import open_repository

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PROFILE = TerritoryProfile("CC Val d’Ille-Aubigné", "cc", siren="243500667", departement="35")
MAP_PAGE = Path(__file__).with_name("map_page.py")


def test_the_results_page_draws_the_locator_without_the_network(
    browser: Any, server: Server, output_dir: Path
) -> None:
    referentiel = shipped_referentiel()
    repository = open_repository(server.database_url)
    token = repository.create_diagnostic(PROFILE).token
    answers = {q.id: referentiel.scale(q.scale).values()[1] for q in referentiel.questions}
    repository.replace_sheet(token, AnswerSheet(PROFILE, answers, {}, referentiel.version))
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    walker = Walker(context.new_page(), server.url)
    walker.open(f"{server.url}/resultats?d={token}")
    # Bretagne's three other départements, Ille-et-Vilaine, and the EPCI.
    shapes = walker.page.locator(f"{fresh('locator-map')} path.choroplethlocation")
    expect(shapes).to_have_count(5)
    walker.see("Carte de situation")
    assert walker.external_requests() == []
    walker.screenshot(output_dir / "results-locator.png")
    context.close()


@pytest.fixture
def map_server(tmp_path: Path) -> Any:
    running = Server(f"sqlite:///{tmp_path}/map.sqlite3", tmp_path / "map.log", script=MAP_PAGE)
    running.start()
    yield running
    running.stop()


def test_a_click_on_the_region_map_opens_the_territory(browser: Any, map_server: Server) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    walker = Walker(context.new_page(), map_server.url)
    walker.open(map_server.url)
    chart = walker.page.locator(fresh("bzh-chart"))
    # Traces: no data, then never, recent, older; "never" holds Rennes Métropole alone.
    never = chart.locator(".trace.choropleth").nth(1).locator("path.choroplethlocation")
    expect(never).to_have_count(1)
    box = never.bounding_box()
    assert box is not None
    walker.page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    walker.see("Ouvert : 243500139")
    walker.click_key("bzh-open-200039022")
    walker.see("Ouvert : 200039022")
    assert walker.external_requests() == []
    context.close()
