"""In Chromium: the feuille de route's drop-downs across a language switch, both ways, and
its « own action » field emptied once the action is added.

The browser keeps each widget's value as the words it showed until the server says
otherwise: after a switch these words are the other language's, and after an addition the
field would still hold the action just added.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from browser_support import Server
from browser_walk import Walker, fresh, shipped_referentiel
from playwright.sync_api import expect

from diagnostic.model import AnswerSheet, TerritoryProfile
from diagnostic.plan.model import Quarter
from diagnostic.storage import open_repository

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PROFILE = TerritoryProfile("Communauté de communes du Saintois", "cc", departement="54")


def results_page(browser: Any, server: Server) -> tuple[Walker, Any, str]:
    """A diagnostic with every question answered, open on its results in a new browser."""
    referentiel = shipped_referentiel()
    repository = open_repository(server.database_url)
    token = repository.create_diagnostic(PROFILE).token
    answers = {q.id: referentiel.scale(q.scale).values()[1] for q in referentiel.questions}
    repository.replace_sheet(token, AnswerSheet(PROFILE, answers, {}, referentiel.version))
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    walker = Walker(context.new_page(), server.url)
    walker.open(f"{server.url}/resultats?d={token}")
    walker.see("Notre feuille de route")
    return walker, repository, token


def switch_language(walker: Walker, name: str) -> None:
    """Click a language in the sidebar and wait for the page drawn in it."""
    walker.page.locator(fresh("lang")).get_by_text(name, exact=True).click()
    walker.settle()


def test_the_plan_keeps_its_quarters_and_speaks_the_new_language_after_a_switch(
    browser: Any, server: Server
) -> None:
    walker, repository, token = results_page(browser, server)
    target = Quarter.of(dt.date.today()).next(2)
    walker.click_key("plan-add")
    walker.see("0 fait(s), 0 en cours, 1 à lancer, 0 abandonné(s)")
    [line] = repository.load_plan(token)
    quarter, status = f"plan-{line.id}-quarter", f"plan-{line.id}-status"
    walker.choose(quarter, target.label("fr"))
    walker.choose(status, "en cours")
    walker.see("0 fait(s), 1 en cours, 0 à lancer, 0 abandonné(s)")

    switch_language(walker, "English")
    walker.see("Our roadmap")
    expect(walker.page.locator(f"{fresh(quarter)} input")).to_have_value(target.label("en"))
    expect(walker.page.locator(f"{fresh(status)} input")).to_have_value("under way")
    walker.type_text(f"plan-{line.id}-owner", "Economy officer")
    walker.choose(status, "done")  # a run after the owner's: its counts say both are over
    walker.see("1 done, 0 under way, 0 to start, 0 dropped")
    [saved] = repository.load_plan(token)
    assert (saved.owner, saved.quarter, saved.status) == ("Economy officer", target, "fait")

    switch_language(walker, "Français")
    walker.see("Notre feuille de route")
    expect(walker.page.locator(f"{fresh(quarter)} input")).to_have_value(target.label("fr"))
    expect(walker.page.locator(f"{fresh(status)} input")).to_have_value("fait")
    walker.type_text(f"plan-{line.id}-partners", "CRESS")
    walker.choose(status, "abandonné")
    walker.see("0 fait(s), 0 en cours, 0 à lancer, 1 abandonné(s)")
    [saved] = repository.load_plan(token)
    assert (saved.partners, saved.quarter, saved.status) == ("CRESS", target, "abandonne")
    walker.page.context.close()


def test_an_own_action_added_leaves_its_field_empty_and_is_not_added_twice(
    browser: Any, server: Server
) -> None:
    walker, repository, token = results_page(browser, server)
    field = walker.page.locator(f"{fresh('plan-own')} input")
    field.fill("Réunir les acteurs du territoire")
    field.press("Tab")
    walker.settle()
    walker.click_key("plan-add-own")
    walker.see("0 fait(s), 0 en cours, 1 à lancer, 0 abandonné(s)")
    expect(field).to_have_value("")
    walker.click_key("plan-add-own")  # the empty field is refused
    walker.see("Écrivez d’abord l’intitulé de l’action.")
    field.fill("réunir les acteurs du territoire")
    field.press("Tab")
    walker.settle()
    walker.click_key("plan-add-own")
    walker.see("Cette action est déjà dans la feuille de route")
    assert [a.label for a in repository.load_plan(token)] == ["Réunir les acteurs du territoire"]
    walker.page.context.close()
