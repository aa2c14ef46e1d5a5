"""A workshop in Chromium: an adviser and three participants, each in a browser context of
their own; the dashboard follows them live, without a reload."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import segno
from browser_support import Server
from browser_walk import answer_label, fresh, shipped_referentiel
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect
from workshop_walk import PHONE, SCREEN, WorkshopWalker, new_page, person_answer

from diagnostic.model import Answer, Referentiel
from diagnostic.storage import open_repository
from diagnostic.ui.workshop.qr import QR_ERROR
from diagnostic.ui.workshop.session import REFRESH_VARIABLE

pytestmark = [pytest.mark.browser, pytest.mark.slow]

TERRITORY = "Communauté de communes du Toulois"
TOTAL = len(shipped_referentiel().questions)
CLOSED = "Cet atelier est clos\u00a0: il ne reçoit plus de réponses."


@pytest.fixture
def live_server(tmp_path: Path) -> Iterator[Server]:
    """A fresh server whose dashboard refreshes every second."""
    running = Server(
        f"sqlite:///{tmp_path}/workshop.sqlite3",
        tmp_path / "streamlit.log",
        {REFRESH_VARIABLE: "1"},
    )
    running.start()
    yield running
    running.stop()


def answer_some(
    walker: WorkshopWalker, referentiel: Referentiel, person: int, count: int
) -> dict[str, Answer]:
    """Answer the first ``count`` questions as ``person`` would, and wait until they are saved."""
    given: dict[str, Answer] = {}
    for index in range(count):
        question = referentiel.questions[index]
        answer = person_answer(referentiel, person, index)
        walker.answer_as_participant(question.id, answer_label(referentiel, question.id, answer))
        given[question.id] = answer
    walker.progress(count, sum(a == "unknown" for a in given.values()))
    return given


def create_workshop(adviser: WorkshopWalker, server: Server) -> tuple[str, str]:
    """Create a workshop with the form; returns its code and the private dashboard link."""
    adviser.open(f"{server.url}/animation")
    adviser.see("Créez l’atelier")
    adviser.choose("animation-type", "Communauté de communes (CC)")
    adviser.type_text("animation-name", TERRITORY)
    adviser.page.keyboard.press("Escape")  # Tab moved on to the date, whose calendar opened
    adviser.settle()
    adviser.click_key("animation-create")
    adviser.see("Tableau de bord de l’atelier")
    query = parse_qs(urlsplit(adviser.page.url).query)
    code = query["code"][0]
    assert "key" not in query  # a projected address bar never shows the key
    sidebar = adviser.page.locator('[data-testid="stSidebar"]')
    sidebar.get_by_text("Votre lien d’animation (privé)").click()
    private = sidebar.locator('[data-testid="stCode"] code').last
    expect(private).to_contain_text(f"code={code}&key=", timeout=30_000)
    return code, private.inner_text().strip()


def test_an_adviser_runs_a_live_workshop_with_three_participants(
    browser: Any, live_server: Server, output_dir: Path
) -> None:
    referentiel = shipped_referentiel()
    repository = open_repository(live_server.database_url)
    creator = WorkshopWalker(new_page(browser, SCREEN), live_server.url)
    code, private_link = create_workshop(creator, live_server)
    assert private_link.startswith(f"{live_server.url}/animation?code={code}&key=")
    creator.page.context.close()

    # The private link opens the dashboard in a new session.
    adviser = WorkshopWalker(new_page(browser, SCREEN), live_server.url)
    adviser.open(private_link)
    adviser.see("Aucun participant pour l’instant")
    adviser.mark_page()
    join_link = f"{live_server.url}/atelier?code={code}"
    adviser.expect_main_code_block(join_link)
    expected = segno.make_qr(join_link, error=QR_ERROR, boost_error=False)
    assert adviser.qr_modules() == [[bool(cell) for cell in row] for row in expected.matrix]
    expect(adviser.page.locator(".workshop-code")).to_have_text(code)

    first = WorkshopWalker(new_page(browser, PHONE), live_server.url)
    first.open(join_link)
    first.see(TERRITORY)
    first_token = first.join("Élu ou élue", "Zoé")
    adviser.see("1 participant")

    second = WorkshopWalker(new_page(browser, PHONE), live_server.url)
    second.open(f"{live_server.url}/atelier")
    second_token = second.join("Agent ou technicien de collectivité", code=code.lower())
    adviser.page.get_by_text("2 participants", exact=True).wait_for()

    done = answer_some(first, referentiel, 0, 3)
    adviser.page.get_by_text(f"3 sur {TOTAL}", exact=True).wait_for()
    answer_some(second, referentiel, 1, 2)
    adviser.page.get_by_text(f"2 sur {TOTAL}", exact=True).wait_for()
    adviser.open_tab("Résultat du groupe")
    expect(adviser.page.get_by_text("masqué\u00a0: moins de 3 répondants").first).to_be_visible()

    third = WorkshopWalker(new_page(browser, PHONE), live_server.url)
    third.open(join_link)
    third.join("Élu ou élue")
    answer_some(third, referentiel, 2, 3)
    adviser.page.get_by_text("3 participants", exact=True).wait_for()
    charts = adviser.page.locator('[role="tabpanel"] .js-plotly-plot')
    expect(charts).to_have_count(3, timeout=30_000)
    expect(adviser.page.get_by_text("Par quoi commencer")).to_be_visible()
    for chart in charts.all():
        expect(chart.locator(".main-svg").first).to_be_visible()
    adviser.open_tab("À discuter")
    expect(adviser.page.get_by_text("réponse du groupe", exact=False).first).to_be_visible()

    first.page.reload()
    first.see("Votre lien personnel")
    for question_id, answer in done.items():
        first.expect_participant_answer(question_id, answer_label(referentiel, question_id, answer))
    first.screenshot(output_dir / "workshop-participant.png")

    adviser.open_tab("Participants")
    adviser.fold_sidebar(True)  # as for projecting
    adviser.screenshot(output_dir / "workshop-dashboard.png")
    adviser.fold_sidebar(False)
    assert adviser.never_reloaded()  # every change above came live

    adviser.settle()  # the dashboard refreshes itself: click between two runs
    adviser.click_key("animation-close")
    adviser.see("Atelier clos")
    assert repository.get_workshop(code).status == "closed"
    question = referentiel.questions[2]
    label = answer_label(referentiel, question.id, person_answer(referentiel, 1, 2))
    group = second.page.locator(fresh(f"atelier-answer-{question.id}"))
    # Whether the page already shows the workshop closed or not, the answer is refused.
    # The page may be redrawing as the click lands (its status watch saw the closing):
    # then the option is replaced under the pointer, and the click is made again once
    # the run is over.
    try:
        group.get_by_text(label, exact=True).click(force=True, timeout=5_000)
    except PlaywrightError:
        second.settle()
        group.get_by_text(label, exact=True).click(force=True)
    expect(second.page.get_by_text(CLOSED).first).to_be_visible()
    second.expect_participant_answer(question.id, label, checked=False)
    assert question.id not in repository.load_sheet(second_token).answers
    assert set(repository.load_sheet(first_token).answers) == set(done)

    for walker in (adviser, first, second, third):
        assert walker.external_requests() == []
