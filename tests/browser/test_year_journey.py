"""A territory over a year, in Chromium: create, answer, rank, plan, switch language, export,
re-diagnose, change answers every way, compare on screen and in the files; reload at each step.

Each step's expectations are recorded when they fail and the journey goes on, so one run
names every step that breaks (see journey_support.Journey); the test fails if any did.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from browser_support import Server
from browser_walk import Walker, fresh, shipped_referentiel
from journey_support import (
    DECLINABLE,
    Journey,
    answers_file,
    at_results,
    cells,
    chart_pairs,
    chips,
    download,
    first_year,
    label_of,
    lever_labels,
    near,
    pdf_levers,
    pdf_pairs,
    pick_first,
    pick_option,
    pick_territory,
    rank,
    results_levers,
    results_maturity,
    second_year,
    spaced,
    switch_language,
    wait_until,
    xlsx_levers,
    xlsx_pairs,
)
from playwright.sync_api import expect

from diagnostic.advice.scoring import score_sheet
from diagnostic.i18n import t
from diagnostic.model import UNKNOWN, Answer, AnswerSheet, Referentiel
from diagnostic.plan.codec import status_label
from diagnostic.plan.model import Quarter
from diagnostic.storage import Repository, open_repository
from diagnostic.ui.wording import score_text

pytestmark = [pytest.mark.browser, pytest.mark.slow]

NAME = "CC Val d’Ille-Aubigné"
FIRST_COMMENT = "Chiffres à demander à l’observatoire de la CRESS"
CHOICE = "Choix assumé : la régie de quartier couvre déjà ce besoin"
OWN = "Réunir les acteurs de l’ESS du territoire"
NOTE = "Prévoir la salle du conseil ; inviter la CRESS"
OWNER = "Vice-présidente à l’économie"
OWNER_EN = "Economic development officer"
PARTNERS = "CRESS, RTES"


def new_page(browser: Any) -> Any:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    return context.new_page()


def token_of(url: str) -> str:
    return parse_qs(urlsplit(url).query)["d"][0]


def counts(answers: dict[str, Answer]) -> tuple[int, int]:
    return len(answers), sum(a == UNKNOWN for a in answers.values())


def plan_counts(done: int, doing: int, todo: int, lang: str = "fr") -> str:
    return t("plan.app.counts", lang, done=done, doing=doing, todo=todo, dropped=0)


def shown_levers(referentiel: Referentiel, sheet: AnswerSheet) -> dict[str, str]:
    """The needs a results page must show for ``sheet``: its own scoring, ranking included."""
    scores = score_sheet(referentiel, sheet)
    return {
        referentiel.lever(lever.id).label.fr: score_text(lever.score, "fr")
        for lever in scores.levers
    }


def answer_motivation(
    walker: Walker,
    referentiel: Referentiel,
    position: int,
    answers: dict[str, Answer],
    done: dict[str, Answer],
) -> None:
    for question in referentiel.questions_of(referentiel.motivations[position].id):
        walker.answer(question.id, label_of(referentiel, question.id, answers[question.id]))
        done[question.id] = answers[question.id]
    walker.progress(*counts(done))


def comment_left_alone(
    journey: Journey, repository: Repository, token: str, question_id: str, text: str
) -> None:
    """Type a comment and touch nothing else: saved as typed (then committed anyway)."""
    walker = journey.walker
    area = walker.open_comment(question_id)
    area.click()
    walker.page.keyboard.type(text, delay=10)
    with journey.stage(f"comment typed without Enter ({question_id}) is saved"):
        wait_until(
            lambda: repository.load_sheet(token).comments.get(question_id, ""), text, "comment"
        )
    area.press("Control+Enter")
    walker.settle()


def test_a_territory_over_a_year(browser: Any, server: Server, output_dir: Path) -> None:
    referentiel = shipped_referentiel()
    repository = open_repository(server.database_url)
    walker = Walker(new_page(browser), server.url)
    journey = Journey(walker, output_dir)
    motivations = referentiel.motivations
    ranking = [motivations[2].id, motivations[0].id]
    year1 = first_year(referentiel)
    first = referentiel.questions_of(motivations[0].id)[0].id
    today = dt.date.today()
    quarter = Quarter.of(today).next(2)

    # Created by the territory picker.
    walker.open(server.url)
    walker.click_key("start")
    walker.at_step(1)
    pick_territory(walker, "val d ille", NAME)
    walker.click_key("nav-next")
    walker.at_step(2)
    token = token_of(walker.page.url)

    # Levels, « je ne sais pas », « non pertinent », comments; reload on the way.
    done: dict[str, Answer] = {}
    for position in range(len(motivations)):
        answer_motivation(walker, referentiel, position, year1, done)
        if position == 0:
            walker.comment(first, FIRST_COMMENT)
        if "emploi_tzcld" in {q.id for q in referentiel.questions_of(motivations[position].id)}:
            comment_left_alone(journey, repository, token, "emploi_tzcld", CHOICE)
        walker.page.reload()
        walker.at_step(position + 2)
        with journey.stage(f"reload on step {position + 2} keeps its answers"):
            walker.progress(*counts(done))
            for question in referentiel.questions_of(motivations[position].id):
                walker.expect_checked(
                    question.id, label_of(referentiel, question.id, done[question.id])
                )
        walker.click_key("nav-next")
        walker.at_step(position + 3)
    walker.see(t("app.summary.all_done", "fr"))
    assert dict(repository.load_sheet(token).answers) == year1

    # The officials' ranking, kept across a reload.
    labels = [referentiel.motivation(m).label.fr for m in ranking]
    rank(walker, "ranking-motivations", labels)
    wait_until(lambda: list(repository.load_sheet(token).priorities), ranking, "ranking")
    walker.page.reload()
    walker.see(t("app.summary.all_done", "fr"))
    with journey.stage("reload on the summary keeps the ranking"):
        expect(walker.page.locator(f"{fresh('ranking-motivations')} [data-tag]")).to_have_count(2)
        assert chips(walker, "ranking-motivations") == labels

    # Results, scored with the ranking.
    walker.click_key("to-results")
    at_results(walker, t("plan.title", "fr"))
    sheet1 = repository.load_sheet(token)
    levers1 = results_levers(walker)
    with journey.stage("results show the territory's own scoring, ranking included"):
        assert levers1 == shown_levers(referentiel, sheet1)

    # A feuille de route of three actions, one of them the territory's own.
    pick_first(walker, "plan-pick")
    walker.click_key("plan-add")
    walker.see(plan_counts(0, 0, 1))
    pick_first(walker, "plan-pick")
    walker.click_key("plan-add")
    walker.see(plan_counts(0, 0, 2))
    walker.type_text("plan-own", OWN)
    walker.settle()
    walker.click_key("plan-add-own")
    walker.see(plan_counts(0, 0, 3))
    with journey.stage("the own-action field is cleared once added"):
        expect(walker.page.locator(f"{fresh('plan-own')} input")).to_have_value("")
    lines = repository.load_plan(token)
    assert [line.label for line in lines][2] == OWN and lines[0].action and lines[1].action
    ids = [line.id for line in lines]

    # The quarter after next: « non fixée », this quarter, the next, then it.
    pick_option(walker, f"plan-{ids[0]}-quarter", 3)
    wait_until(lambda: repository.load_plan(token)[0].quarter, quarter, "quarter")
    walker.settle()
    walker.choose(f"plan-{ids[0]}-status", status_label("en_cours", "fr"))
    walker.type_text(f"plan-{ids[0]}-owner", OWNER)
    walker.settle()
    walker.choose(f"plan-{ids[1]}-status", status_label("fait", "fr"))
    walker.see(plan_counts(1, 1, 1))
    note = walker.page.locator(f"{fresh(f'plan-{ids[2]}-note')} textarea")
    note.click()
    walker.page.keyboard.type(NOTE, delay=10)
    with journey.stage("a plan note typed without leaving the field is saved"):
        wait_until(lambda: repository.load_plan(token)[2].note, NOTE, "plan note")
    note.press("Tab")
    walker.settle()
    wait_until(lambda: repository.load_plan(token)[2].note, NOTE, "plan note")

    def plan_shown(lang: str) -> None:
        page = walker.page
        expect(page.locator(f"{fresh(f'plan-{ids[0]}-quarter')} input")).to_have_value(
            spaced(quarter.label(lang))
        )
        expect(page.locator(f"{fresh(f'plan-{ids[0]}-status')} input")).to_have_value(
            status_label("en_cours", lang)
        )
        expect(page.locator(f"{fresh(f'plan-{ids[1]}-status')} input")).to_have_value(
            status_label("fait", lang)
        )
        expect(page.locator(f"{fresh(f'plan-{ids[0]}-owner')} input")).to_have_value(OWNER)
        expect(page.locator(f"{fresh(f'plan-{ids[2]}-note')} textarea")).to_have_value(NOTE)

    walker.page.reload()
    walker.see(t("plan.title", "fr"))
    with journey.stage("reload keeps the plan"):
        plan_shown("fr")

    # English, editing there, then French again, editing there: the target quarter stays.
    switch_language(walker, "en", t("plan.title", "en"))
    with journey.stage("in English, the plan's drop-downs speak English"):
        plan_shown("en")
    walker.type_text(f"plan-{ids[1]}-owner", OWNER_EN)
    walker.settle()
    wait_until(lambda: repository.load_plan(token)[1].owner, OWNER_EN, "owner typed in English")
    with journey.stage("an edit in English keeps every target quarter"):
        assert repository.load_plan(token)[0].quarter == quarter
        plan_shown("en")
    walker.page.reload()
    walker.see(t("plan.title", "en"))
    with journey.stage("a reload in English keeps the language and the plan"):
        plan_shown("en")
    switch_language(walker, "fr", t("plan.title", "fr"))
    walker.type_text(f"plan-{ids[2]}-partners", PARTNERS)
    walker.settle()
    wait_until(lambda: repository.load_plan(token)[2].partners, PARTNERS, "partners")
    with journey.stage("back in French, an edit keeps every target quarter"):
        assert repository.load_plan(token)[0].quarter == quarter
        plan_shown("fr")

    # The target quarter set again, should the language switch have lost it (a step above
    # says so): the steps below check their own promise.
    pick_option(walker, f"plan-{ids[0]}-quarter", 3)
    wait_until(lambda: repository.load_plan(token)[0].quarter, quarter, "quarter")

    # Export: the answers file holds everything, the PDF and workbook the page's figures.
    names = lever_labels(referentiel)
    with journey.stage("the answers file holds answers, comments, ranking and plan"):
        saved = answers_file(download(walker, "download-json"))
        assert saved["answers"] == year1
        assert saved["priorities"] == ranking
        assert saved["comments"] == {first: FIRST_COMMENT, "emploi_tzcld": CHOICE}
        assert [line["label"] for line in saved["plan"]][2] == OWN
        assert saved["plan"][0].get("quarter") == str(quarter)
    with journey.stage("the PDF shows the results page's needs"):
        assert pdf_levers(download(walker, "download-pdf"), names) == levers1
    with journey.stage("the workbook shows the page's needs and the quarter in words"):
        workbook = download(walker, "download-xlsx")
        needs = xlsx_levers(workbook, names)
        assert all(near(levers1[name], needs.get(name)) for name in names), (levers1, needs)
        values = [str(value) for value in cells(workbook)]
        assert any(quarter.label("fr") in value for value in values), "no quarter in words"
        assert not any(str(quarter) in value for value in values), f"{quarter} written as code"

    # Re-diagnosis, pre-filled: everything carried, opened on the questions.
    redo = walker.page.locator(fresh("redo-answers"))
    # The second option, the pre-filled start (its wording may say what is carried over).
    redo.get_by_role("radio").nth(1).locator("xpath=ancestor::label[1]").click()
    expect(redo.get_by_role("radio").nth(1)).to_be_checked()
    walker.settle()
    walker.click_key("redo-start")
    walker.page.wait_for_url(lambda url: "d=" in url and token not in url)
    walker.settle()
    later = token_of(walker.page.url)
    sheet2 = repository.load_sheet(later)
    with journey.stage("the re-diagnosis carries answers, comments, ranking and plan"):
        assert dict(sheet2.answers) == year1
        assert dict(sheet2.comments) == {first: FIRST_COMMENT, "emploi_tzcld": CHOICE}
        assert list(sheet2.priorities) == ranking
        assert [(a.label, a.status, a.quarter) for a in sheet2.plan] == [
            (a.label, a.status, a.quarter) for a in repository.load_plan(token)
        ]
    with journey.stage("the re-diagnosis opens on the questions, not the summary"):
        step = parse_qs(urlsplit(walker.page.url).query).get("step", ["0"])[0]
        assert step in ("0", "1"), f"opened on step {int(step) + 1}"

    # A year later: answers move up, down, and between level, « je ne sais pas » and
    # « non pertinent », each way.
    changes = second_year(referentiel, year1)
    year2 = {**year1, **changes}
    current = dict(year1)
    for position, motivation in enumerate(motivations):
        moved = [q.id for q in referentiel.questions_of(motivation.id) if q.id in changes]
        if not moved:
            continue
        walker.open(f"{server.url}/diagnostic?d={later}&step={position + 1}")
        walker.at_step(position + 2)
        for question_id in moved:
            walker.answer(question_id, label_of(referentiel, question_id, changes[question_id]))
            current[question_id] = changes[question_id]
        walker.progress(*counts(current))
        walker.page.reload()
        walker.at_step(position + 2)
        with journey.stage(f"reload keeps the changed answers of step {position + 2}"):
            for question_id in moved:
                walker.expect_checked(
                    question_id, label_of(referentiel, question_id, changes[question_id])
                )
    wait_until(lambda: dict(repository.load_sheet(later).answers), year2, "year 2 answers")

    # Compare, on screen and in the downloads: each side as its own results page.
    walker.open(f"{server.url}/resultats?d={later}")
    at_results(walker, t("plan.title", "fr"))
    levers2 = results_levers(walker)
    maturity2 = results_maturity(walker)
    with journey.stage("the re-diagnosis' results show its own scoring"):
        assert levers2 == shown_levers(referentiel, repository.load_sheet(later))
    expected = {name: (levers1[name], levers2[name]) for name in names}

    def comparison_shown() -> None:
        walker.see(t("compare.app.title", "fr"))
        expect(walker.page.locator('[data-testid="stException"]')).to_have_count(0)
        assert chart_pairs(walker, "compare-levers-chart") == expected

    with journey.stage("the comparison shows each side's own needs"):
        comparison_shown()
    with journey.stage("the comparison's PDF download shows each side's own needs"):
        assert pdf_pairs(download(walker, "download-compare-pdf"), names) == expected
    with journey.stage("the comparison's workbook download shows each side's own needs"):
        pairs = xlsx_pairs(download(walker, "download-compare-xlsx"), names)
        for name in names:
            assert near(levers1[name], pairs[name][0]) and near(levers2[name], pairs[name][1])
    with journey.stage("the report PDF agrees with itself and with the page"):
        report = download(walker, "download-pdf")
        assert pdf_levers(report, names) == levers2
        assert pdf_pairs(report, names) == expected
    walker.page.reload()
    at_results(walker, t("plan.title", "fr"))
    with journey.stage("a reload keeps the comparison and the results"):
        assert results_levers(walker) == levers2
        assert results_maturity(walker) == maturity2
        comparison_shown()

    # The earlier diagnostic's link: its plan read-only, with the way to the current one.
    walker.open(f"{server.url}/resultats?d={token}")
    at_results(walker, t("plan.title", "fr"))
    with journey.stage("last year's results are unchanged"):
        assert results_levers(walker) == levers1
    with journey.stage("last year's plan is read-only and links to the current one"):
        walker.see("la feuille de route se poursuit dans le diagnostic le plus récent")
        expect(walker.page.locator(fresh(f"plan-{ids[0]}-owner"))).to_have_count(0)
        walker.page.locator(f"{fresh('plan-open-latest')} button").click()
        walker.page.wait_for_url(lambda url: f"d={later}" in url)
    assert walker.external_requests() == []
    journey.done()


def test_reading_helpers_follow_the_page_wording() -> None:
    """The labels the journey reads by are the référentiel's and the interface's own."""
    referentiel = shipped_referentiel()
    assert all(question in {q.id for q in referentiel.questions} for question in DECLINABLE)
    assert all(referentiel.question(question).declinable for question in DECLINABLE)
    assert re.fullmatch(spaced("1er\u00a0trimestre 2027"), "1er trimestre 2027")
