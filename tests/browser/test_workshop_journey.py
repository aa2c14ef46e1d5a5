"""A territory's year in a workshop, in Chromium: last year's diagnostic brought in from a
phone, two more participants, the group result, the feuille de route built on the dashboard,
the exports; every page reloaded on the way finds what it showed.

As in test_year_journey, failed expectations are recorded with their step and the journey
goes on; the test fails at the end if any did.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from browser_support import Server
from browser_walk import answer_label, fresh, shipped_referentiel
from journey_support import (
    Journey,
    cells,
    download,
    first_year,
    label_of,
    lever_labels,
    near,
    pdf_text,
    pick_first,
    pick_option,
    results_levers,
    spaced,
    wait_until,
    xlsx_levers,
)
from playwright.sync_api import expect
from workshop_walk import PHONE, SCREEN, WorkshopWalker, new_page, person_answer

from diagnostic.i18n import t
from diagnostic.model import UNKNOWN, AnswerSheet, TerritoryProfile
from diagnostic.plan.codec import status_label
from diagnostic.plan.model import Quarter
from diagnostic.storage import open_repository
from diagnostic.ui.wording import tn

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PROFILE = TerritoryProfile("CC Val d’Ille-Aubigné", "cc", departement="35", siren="243500667")
COMMENT = "Chiffres à demander à l’observatoire de la CRESS"
OWN = "Présenter la feuille de route au conseil communautaire"
OWNER = "Service développement économique"
AGENT = "Agent ou technicien de collectivité"
ELU = "Élu ou élue"


def plan_counts(done: int, doing: int, todo: int) -> str:
    return t("plan.app.counts", "fr", done=done, doing=doing, todo=todo, dropped=0)


def first_step_of(walker: WorkshopWalker, question_id: str) -> None:
    """Go to the questionnaire's first step (a reload opens the first one left blank)."""
    pick_option(walker, "atelier-nav-step", 0)
    expect(walker.page.locator(fresh(f"atelier-answer-{question_id}"))).to_be_visible()
    walker.settle()


def test_a_workshop_over_a_year(browser: Any, server: Server, output_dir: Path) -> None:
    referentiel = shipped_referentiel()
    repository = open_repository(server.database_url)
    motivation = referentiel.motivations[0]
    first_step = referentiel.questions_of(motivation.id)
    first = first_step[0].id
    quarter = Quarter.of(dt.date.today()).next(2)

    # Last year's diagnostic, and this year's workshop on the same territory.
    year = first_year(referentiel)
    token = repository.create_diagnostic(PROFILE).token
    priorities = (referentiel.motivations[2].id, motivation.id)
    sheet = AnswerSheet(PROFILE, year, {first: COMMENT}, referentiel.version, priorities)
    repository.replace_sheet(token, sheet)
    workshop, key = repository.create_workshop(PROFILE)
    code = workshop.code

    adviser = WorkshopWalker(new_page(browser, SCREEN), server.url)
    journey = Journey(adviser, output_dir)
    # The key leaves the address bar once the dashboard is open: reopening the private link
    # is how an adviser comes back (a reload would open no dashboard, by design).
    private = f"{server.url}/animation?code={code}&key={key}"
    adviser.open(private)
    adviser.see(t("atelier.tab.group", "fr"))
    join_link = f"{server.url}/atelier?code={code}"

    # The officer brings last year's answers in, from a phone.
    officer = WorkshopWalker(new_page(browser, PHONE), server.url)
    officer.open(join_link)
    officer_token = officer.join(AGENT, "Chargée de mission")
    officer.page.get_by_text(t("atelier.bring.title", "fr"), exact=True).click()
    officer.type_text("atelier-bring-link", f"{server.url}/diagnostic?d={token}")
    officer.settle()
    officer.click_key("atelier-bring-go")
    officer.see(tn("atelier.bring.done", len(year), "fr"))
    assert dict(repository.load_sheet(officer_token).answers) == year
    first_step_of(officer, first)
    with journey.stage("the brought-in answers and comments show on the phone", officer):
        officer.progress(len(year), sum(a == UNKNOWN for a in year.values()))
        for question in first_step:
            label = label_of(referentiel, question.id, year[question.id])
            officer.expect_participant_answer(question.id, label)
        area = officer.page.locator(f"{fresh(f'atelier-comment-{first}')} textarea")
        expect(area).to_have_value(COMMENT)
    officer.page.reload()
    officer.see(t("atelier.bring.title", "fr"))
    first_step_of(officer, first)
    with journey.stage("a reload of the phone keeps the brought-in answers", officer):
        for question in first_step:
            label = label_of(referentiel, question.id, year[question.id])
            officer.expect_participant_answer(question.id, label)
        expect(officer.page.locator(f"{fresh(f'atelier-comment-{first}')} textarea")).to_have_value(
            COMMENT
        )

    # Two elected officials answer the first step from their phones.
    phones = []
    for person in (1, 2):
        phone = WorkshopWalker(new_page(browser, PHONE), server.url)
        phone.open(join_link)
        phone.join(ELU)
        given = {}
        for question in first_step:
            answer = person_answer(referentiel, person, referentiel.questions.index(question))
            phone.answer_as_participant(question.id, answer_label(referentiel, question.id, answer))
            given[question.id] = answer
        phone.progress(len(given), sum(a == UNKNOWN for a in given.values()))
        phones.append((phone, given))
    adviser.page.get_by_text("3 participants", exact=True).wait_for()

    # The group result on the dashboard.
    adviser.open_tab(t("atelier.tab.group", "fr"))
    charts = adviser.page.locator('[role="tabpanel"] .js-plotly-plot')
    expect(charts).to_have_count(3)
    adviser.see(t("app.results.first_title", "fr"))
    group = results_levers(adviser)
    assert set(group) == set(lever_labels(referentiel))

    # The feuille de route, built on the dashboard with the group (the page drawn again:
    # the live part alone redraws on its own).
    adviser.open(private)
    adviser.see(t("plan.title", "fr"))
    pick_first(adviser, "animation-plan-pick")
    adviser.click_key("animation-plan-add")
    adviser.see(plan_counts(0, 0, 1))
    adviser.type_text("animation-plan-own", OWN)
    adviser.settle()
    adviser.click_key("animation-plan-add-own")
    adviser.see(plan_counts(0, 0, 2))
    lines = repository.load_workshop_plan(code)
    assert [line.label for line in lines][1] == OWN
    ids = [line.id for line in lines]
    # The quarter after next: « non fixée », this quarter, the next, then it.
    pick_option(adviser, f"animation-plan-{ids[0]}-quarter", 3)
    wait_until(lambda: repository.load_workshop_plan(code)[0].quarter, quarter, "quarter")
    adviser.settle()
    adviser.choose(f"animation-plan-{ids[0]}-status", status_label("en_cours", "fr"))
    adviser.type_text(f"animation-plan-{ids[1]}-owner", OWNER)
    adviser.settle()
    wait_until(lambda: repository.load_workshop_plan(code)[1].owner, OWNER, "owner")
    adviser.see(plan_counts(0, 1, 1))

    adviser.open(private)
    adviser.see(t("plan.title", "fr"))
    with journey.stage("a reload of the dashboard keeps the plan"):
        page = adviser.page
        expect(page.locator(f"{fresh(f'animation-plan-{ids[0]}-quarter')} input")).to_have_value(
            spaced(quarter.label("fr"))
        )
        expect(page.locator(f"{fresh(f'animation-plan-{ids[0]}-status')} input")).to_have_value(
            status_label("en_cours", "fr")
        )
        expect(page.locator(f"{fresh(f'animation-plan-{ids[1]}-owner')} input")).to_have_value(
            OWNER
        )
    adviser.open_tab(t("atelier.tab.group", "fr"))
    expect(charts).to_have_count(3)
    # Exports: the group's figures and its feuille de route. The workbook is built from the
    # database at download time; the page's live part may show a result cached a moment
    # earlier, so the page is waited on until it agrees with the workbook.
    names = lever_labels(referentiel)
    workbook = download(adviser, "animation-download-xlsx")
    needs = xlsx_levers(workbook, names)

    def agrees() -> bool:
        try:
            shown = results_levers(adviser)
        except AssertionError:  # the table is not drawn yet
            return False
        return all(near(shown[name], needs.get(name)) for name in names)

    with journey.stage("after a reload, the dashboard shows the workbook's group result"):
        wait_until(agrees, True, "the dashboard's group result equal to the workbook's")
    with journey.stage("the workshop workbook shows the dashboard's needs and the plan"):
        assert set(needs) == set(names), needs
        values = [str(value) for value in cells(workbook)]
        assert OWN in values and OWNER in values, "the plan is not in the workbook"
        assert any(quarter.label("fr") in value for value in values), "no quarter in words"
        assert not any(str(quarter) in value for value in values), f"{quarter} written as code"
    with journey.stage("the workshop report holds the plan and no one's name"):
        text = " ".join(pdf_text(download(adviser, "animation-download-pdf")).split())
        assert OWN in text
        assert "Chargée de mission" not in text and COMMENT not in text
    with journey.stage("the plan's CSV holds both actions"):
        plan_csv = download(adviser, "download-workshop-plan").decode("utf-8-sig")
        assert OWN in plan_csv and OWNER in plan_csv

    # Every phone, reloaded, finds its answers.
    for phone, given in phones:
        phone.page.reload()
        phone.see(t("atelier.bring.title", "fr"))
        first_step_of(phone, first)
        with journey.stage("a reload of a participant's phone keeps their answers", phone):
            for question_id, answer in given.items():
                phone.expect_participant_answer(
                    question_id, answer_label(referentiel, question_id, answer)
                )
    for walker in (adviser, officer, *(phone for phone, _ in phones)):
        assert walker.external_requests() == []
    journey.done()
