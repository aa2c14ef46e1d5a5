"""In Chromium: build a feuille de route, restart the server, find it intact, redo the diagnostic
and see the comparison chart."""

from __future__ import annotations

from typing import Any

import pytest
from browser_support import Server
from browser_walk import TIMEOUT, Walker, fresh, shipped_referentiel
from playwright.sync_api import expect

from diagnostic.model import AnswerSheet, TerritoryProfile
from diagnostic.storage import open_repository

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PROFILE = TerritoryProfile("Communauté de communes du Saintois", "cc", departement="54")
OWNER = "Vice-présidente à l’économie <b>sociale</b>"


def new_page(browser: Any) -> Any:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    return context.new_page()


def test_a_plan_survives_a_restart_and_a_redone_diagnostic_shows_what_moved(
    browser: Any, server: Server
) -> None:
    referentiel = shipped_referentiel()
    repository = open_repository(server.database_url)
    token = repository.create_diagnostic(PROFILE).token
    answers = {q.id: referentiel.scale(q.scale).values()[1] for q in referentiel.questions}
    repository.replace_sheet(token, AnswerSheet(PROFILE, answers, {}, referentiel.version))
    results = f"{server.url}/resultats?d={token}"

    walker = Walker(new_page(browser), server.url)
    walker.open(results)
    walker.see("Notre feuille de route")
    walker.click_key("plan-add")
    walker.see("0 fait(s), 0 en cours, 1 à lancer, 0 abandonné(s)")
    [line] = repository.load_plan(token)
    walker.type_text(f"plan-{line.id}-owner", OWNER)
    walker.settle()
    walker.choose(f"plan-{line.id}-status", "en cours")
    walker.see("0 fait(s), 1 en cours, 0 à lancer, 0 abandonné(s)")
    walker.page.context.close()

    server.stop()
    server.start()

    walker = Walker(new_page(browser), server.url)
    walker.open(results)
    walker.see("Notre feuille de route")
    owner = walker.page.locator(f"{fresh(f'plan-{line.id}-owner')} input")
    expect(owner).to_have_value(OWNER, timeout=TIMEOUT)
    status = walker.page.locator(f"{fresh(f'plan-{line.id}-status')} input")
    expect(status).to_have_value("en cours", timeout=TIMEOUT)
    walker.see("0 fait(s), 1 en cours, 0 à lancer, 0 abandonné(s)")

    walker.page.locator(fresh("redo-answers")).get_by_text(
        "Partir des réponses actuelles", exact=True
    ).click()
    walker.settle()
    walker.click_key("redo-start")
    walker.page.wait_for_url(lambda url: "d=" in url and token not in url)
    walker.settle()
    later = walker.page.url.split("d=")[1].split("&")[0]
    assert [a.status for a in repository.load_plan(later)] == ["en_cours"]
    first = referentiel.questions[0]
    repository.save_answer(later, first.id, referentiel.scale(first.scale).max)

    walker.open(f"{server.url}/resultats?d={later}")
    walker.see("Comparaison avec le diagnostic précédent")
    # The results' three charts, then the comparison's two: levers, then motivations.
    charts = walker.page.locator(".js-plotly-plot")
    expect(charts).to_have_count(5, timeout=TIMEOUT)
    levers = charts.nth(3).locator(".barlayer .point")
    expect(levers).to_have_count(2 * len(referentiel.levers), timeout=TIMEOUT)
    motivations = charts.nth(4).locator(".barlayer .point")
    expect(motivations).to_have_count(2 * len(referentiel.motivations), timeout=TIMEOUT)
    walker.see(first.label.fr)
    assert walker.external_requests() == []
