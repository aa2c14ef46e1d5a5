"""Every page in Chromium, on a phone (390×844) and a projector (1920×1080), in French and
English: no serious or critical axe-core violation and nothing wider than the window; the
dashboard as projected; the whole questionnaire with the keyboard alone."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

try:
    import axe_playwright_python  # noqa: F401
    import playwright.sync_api  # noqa: F401
except ImportError:  # pragma: no cover - depends on the machine
    if os.environ.get("CI") == "true":
        raise
    pytest.skip(
        "Playwright or axe is not installed (pip install -e '.[dev]')", allow_module_level=True
    )

from browser_support import Server
from browser_walk import TIMEOUT, Walker, fresh, shipped_referentiel
from page_checks import (
    PHONE,
    PROJECTOR,
    audit,
    charts_drawn,
    horizontal_overflow,
    main_width,
    settle,
    stored_diagnostic,
    stored_group,
    tab_to,
)
from playwright.sync_api import Page, expect

from diagnostic.i18n import t
from diagnostic.model import Referentiel, TerritoryProfile
from diagnostic.storage import Repository, open_repository
from diagnostic.ui.workshop.session import REFRESH_VARIABLE

pytestmark = [pytest.mark.browser, pytest.mark.slow]

TERRITORY = TerritoryProfile("Communauté de communes du Toulois", "cc")
LOAD_TIMEOUT = 4 * TIMEOUT  # a whole page with its charts, on a machine shared by many
# Pages whose fragments rerun every few seconds: on a busy machine a run may always be
# going, so they are waited on by what they draw, never by an idle app.
LIVE = ("participant", "dashboard")


@dataclass(frozen=True)
class Site:
    """A server holding one answered diagnostic and one workshop whose result is shown."""

    server: Server
    repository: Repository
    referentiel: Referentiel
    pages: dict[str, tuple[str, str]]  # name -> (path, a selector that marks it drawn)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    folder = tmp_path_factory.mktemp("room")
    server = Server(
        f"sqlite:///{folder}/room.sqlite3", folder / "streamlit.log", {REFRESH_VARIABLE: "3"}
    )
    server.start()
    repository = open_repository(server.database_url)
    referentiel = shipped_referentiel()
    token = stored_diagnostic(repository, referentiel)
    workshop, key = repository.create_workshop(TERRITORY)
    tokens = stored_group(repository, referentiel, workshop.code)
    repository.set_results_visible(workshop.code, key, True)
    first = referentiel.questions_of(referentiel.motivations[0].id)[0].id
    summary = len(referentiel.motivations) + 1
    pages = {
        "home": ("/", fresh("start")),
        "profile": (f"/diagnostic?d={token}&step=0", fresh("profile-name")),
        "step": (f"/diagnostic?d={token}&step=1", fresh(f"answer-{first}")),
        "summary": (f"/diagnostic?d={token}&step={summary}", fresh("to-results")),
        "results": (f"/resultats?d={token}", fresh("download-pdf")),
        "method": ("/methode", "h1"),
        "join": (f"/atelier?code={workshop.code}", fresh("atelier-join")),
        "participant": (f"/atelier?p={tokens[0]}", fresh("atelier-nav-step")),
        "dashboard": (f"/animation?code={workshop.code}&key={key}", ".workshop-code"),
    }
    yield Site(server, repository, referentiel, pages)
    server.stop()


def open_page(browser: Any, site: Site, name: str, lang: str, viewport: dict[str, int]) -> Page:
    """A fresh visitor on one page, once it is drawn (its charts too)."""
    page: Page = browser.new_context(viewport=viewport, locale="fr-FR").new_page()
    page.set_default_timeout(LOAD_TIMEOUT)
    path, marker = site.pages[name]
    if lang == "en":
        path += ("&" if "?" in path else "?") + "lang=en"
    page.goto(site.server.url + path)
    page.locator(marker).first.wait_for()
    if name not in LIVE:
        settle(page)
    if name in ("results", "participant"):
        charts_drawn(page, 3)
    if name == "dashboard":
        expect(page.get_by_role("tab").first).to_be_visible()
    return page


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_page_passes_axe_and_fits_a_phone(
    browser: Any, site: Site, lang: str, output_dir: Path
) -> None:
    """Every page on a phone, and the dashboard as projected too (axe does not depend on
    the width otherwise: the same elements, the same colours)."""
    problems = []
    visits = [(name, PHONE) for name in site.pages] + [("dashboard", PROJECTOR)]
    for name, viewport in visits:
        page = open_page(browser, site, name, lang, viewport)
        found = audit(page)
        label = f"{name} {lang} {viewport['width']}px"
        print(found.line(label))
        problems += [f"{label}: {item}" for item in found.blocking]
        overflow = horizontal_overflow(page)
        if overflow > 0:
            problems.append(f"{label}: {overflow} px wider than the window")
        page.screenshot(path=str(output_dir / f"page-{name}-{lang}-{viewport['width']}.png"))
        page.context.close()
    assert problems == []


def test_the_dashboard_keeps_its_width_and_reaches_phones(
    browser: Any, site: Site, output_dir: Path
) -> None:
    workshop, key = site.repository.create_workshop(TERRITORY)
    tokens = stored_group(site.repository, site.referentiel, workshop.code)
    adviser = Walker(browser.new_context(viewport=PROJECTOR).new_page(), site.server.url)
    page = adviser.page
    page.set_default_timeout(LOAD_TIMEOUT)
    page.goto(f"{site.server.url}/animation?code={workshop.code}&key={key}")
    expect(page.locator(".workshop-code")).to_have_text(workshop.code)
    expect(page.get_by_role("tab").first).to_be_visible()
    page.locator(fresh("animation-show-results")).wait_for()
    # The key leaves the address bar, and stays in the sidebar to copy.
    page.wait_for_url(lambda url: "key=" not in url and f"code={workshop.code}" in url)
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.get_by_text(t("atelier.side.private_title", "fr")).click()
    expect(sidebar.locator('[data-testid="stCode"] code').last).to_contain_text(f"key={key}")
    # Projected: the tabs on the first screen, body text of 24 px and more.
    tabs_top = page.get_by_role("tab").first.bounding_box()
    assert tabs_top is not None and tabs_top["y"] + tabs_top["height"] <= PROJECTOR["height"]
    sizes = page.evaluate(
        """() => [...document.querySelectorAll('[data-testid="stMain"] td, '
        + '[data-testid="stMain"] [data-testid="stMarkdownContainer"] p')]
        .map(e => parseFloat(getComputedStyle(e).fontSize))"""
    )
    assert sizes and min(sizes) >= 24
    page.screenshot(path=str(output_dir / "dashboard-projected.png"))

    phone = browser.new_context(viewport=PHONE).new_page()
    phone.set_default_timeout(LOAD_TIMEOUT)
    phone.goto(f"{site.server.url}/atelier?p={tokens[0]}")
    phone.get_by_text(t("atelier.group.waiting", "fr")).wait_for()

    before = main_width(page)
    print(f"dashboard main width before: {before:.0f} px")
    for button, then in (
        ("animation-show-results", "animation-hide-results"),
        ("animation-hide-results", "animation-show-results"),
        ("animation-close", "animation-reopen"),
        ("animation-reopen", "animation-close"),
    ):
        adviser.settle()  # the dashboard refreshes itself: click between two runs
        adviser.click_key(button)
        page.locator(fresh(then)).wait_for()  # the run after the click has drawn
        shown = time.monotonic()  # saved, and shown on the dashboard
        width = main_width(page)
        print(f"dashboard main width after {button}: {width:.0f} px")
        assert width == before
        if button == "animation-show-results":
            phone.get_by_text(t("app.results.first_title", "fr")).first.wait_for()
            print(f"the result reached the phone {time.monotonic() - shown:.1f} s later")
        if button == "animation-close":
            closed = t("atelier.me.read_only", "fr")
            phone.get_by_text(closed).first.wait_for()
            print(f"the closing reached the phone {time.monotonic() - shown:.1f} s later")
    page.context.close()
    phone.context.close()


def test_the_whole_questionnaire_with_the_keyboard_alone(browser: Any, site: Site) -> None:
    referentiel = site.referentiel
    walker = Walker(
        browser.new_context(viewport={"width": 1280, "height": 900}).new_page(), site.server.url
    )
    page = walker.page
    walker.open(site.server.url)
    tab_to(page, fresh("start"))
    page.keyboard.press("Enter")
    walker.at_step(1)
    tab_to(page, fresh("profile-type"))
    page.keyboard.type("Communauté de communes")
    page.keyboard.press("Enter")
    expect(page.locator(f"{fresh('profile-type')} input")).to_have_value(
        "Communauté de communes (CC)"
    )
    walker.settle()
    tab_to(page, fresh("profile-name"))
    page.keyboard.type("Pays du Saintois")
    page.keyboard.press("Tab")
    walker.settle()
    answered = 0
    for position, motivation in enumerate(referentiel.motivations):
        tab_to(page, fresh("nav-next"))
        page.keyboard.press("Enter")
        walker.at_step(position + 2)
        for question in referentiel.questions_of(motivation.id):
            tab_to(page, f"{fresh(f'answer-{question.id}')} input[type=radio]")
            page.keyboard.press("Space")  # the first level
            answered += 1
            walker.progress(answered, 0)
    tab_to(page, fresh("nav-next"))
    page.keyboard.press("Enter")
    walker.see(t("app.summary.all_done", "fr"))
    page.context.close()


def test_streamlit_says_in_french_that_the_server_is_gone(browser: Any, server: Server) -> None:
    walker = Walker(browser.new_context(viewport=PHONE).new_page(), server.url)
    walker.open(f"{server.url}/methode")
    walker.see(t("app.method.title", "fr"))
    expect(walker.page.get_by_text("Aller au contenu principal")).to_have_count(1)
    server.stop()  # as when it restarts: the page stays, Streamlit's dialog opens
    walker.page.get_by_text(t("app.connection_lost", "fr")).wait_for(timeout=LOAD_TIMEOUT)
    expect(walker.page.get_by_text("Connexion perdue")).to_be_visible()
    walker.page.context.close()
