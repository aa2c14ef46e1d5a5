"""What lives in the browser: charts that a phone can read, Streamlit's own widgets in
French, the focus after « Suivant » and a focus indicator that is clearly visible."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from browser_support import Server
from browser_walk import TIMEOUT, Walker, fresh, shipped_referentiel
from page_checks import PHONE, charts_drawn, stored_diagnostic, stored_group, tab_to
from playwright.sync_api import Page, expect

from diagnostic.i18n import t
from diagnostic.model import Referentiel, TerritoryProfile
from diagnostic.storage import Repository, open_repository
from diagnostic.ui.workshop.session import REFRESH_VARIABLE
from diagnostic.ui.workshop.watch import GROUP_ANCHOR

pytestmark = [pytest.mark.browser, pytest.mark.slow]

DESKTOP = {"width": 1440, "height": 900}
FOCUS_INK = "#1f6f8b"  # the theme's primary colour, 5.6:1 on white
RED, GREEN, BLUE = (int(FOCUS_INK[i : i + 2], 16) for i in (1, 3, 5))
RING = {"width": "3px", "style": "solid", "color": f"rgb({RED}, {GREEN}, {BLUE})"}
SUMMARY = len(shipped_referentiel().motivations) + 1
# Every label of the radar inside the chart, and no radial axis line drawn across them.
RADAR = """() => {
  const plot = document.querySelector('.js-plotly-plot');
  const box = plot.getBoundingClientRect();
  const out = [...plot.querySelectorAll('.angularaxistick text')].filter((label) => {
    const r = label.getBoundingClientRect();
    return r.top < box.top || r.left < box.left || r.right > box.right || r.bottom > box.bottom;
  }).map((label) => label.textContent);
  const lines = [...plot.querySelectorAll('.radial-line line')].filter((line) => {
    const style = getComputedStyle(line);
    return style.display !== 'none' && style.visibility !== 'hidden'
      && parseFloat(style.strokeWidth || '0') > 0 && line.getAttribute('x2') !== '0';
  }).length;
  return {out, lines, modebars: document.querySelectorAll('.modebar').length};
}"""
# Streamlit's English words (shown or read out) and raw markdown in screen-reader labels.
ENGLISH = (
    "Upload",
    "Select all",
    "Clear value",
    "per file",
    "Help for",
    "Choose an option",
    "Choose options",
    "Drag and drop",
    "Copy to clipboard",
    "to apply",
)
WORDS = """(words) => {
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement.closest('script, style')) { continue; }
    const text = node.nodeValue;
    if (words.some((word) => text.includes(word))) { found.push(text.trim()); }
  }
  for (const element of document.querySelectorAll('[aria-label], [title], [placeholder]')) {
    for (const name of ['aria-label', 'title', 'placeholder']) {
      const value = element.getAttribute(name) || '';
      if (words.some((word) => value.includes(word)) || /[*]{2}/.test(value)) { found.push(value); }
    }
  }
  return found;
}"""
IN_VIEW = """(element) => { const r = element.getBoundingClientRect();
  return r.top >= 0 && r.bottom <= window.innerHeight; }"""
HELP_LABELS = """() => [...document.querySelectorAll('[aria-label]')]
  .map((element) => element.getAttribute('aria-label'))
  .filter((label) => label.startsWith('Aide') || label.startsWith('Help'))"""


@dataclass(frozen=True)
class Site:
    server: Server
    repository: Repository
    referentiel: Referentiel
    token: str
    participant: str  # joined, nothing answered yet
    code: str
    key: str  # the workshop's adviser key


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    folder = tmp_path_factory.mktemp("widgets")
    server = Server(
        f"sqlite:///{folder}/widgets.sqlite3", folder / "streamlit.log", {REFRESH_VARIABLE: "3"}
    )
    server.start()
    repository = open_repository(server.database_url)
    referentiel = shipped_referentiel()
    token = stored_diagnostic(repository, referentiel)
    workshop, key = repository.create_workshop(TerritoryProfile("Pays du Saintois", "pays_petr"))
    stored_group(repository, referentiel, workshop.code)
    participant = repository.join_workshop(workshop.code, "agent", "Zoé").token
    yield Site(server, repository, referentiel, token, participant, workshop.code, key)
    server.stop()


def visit(browser: Any, site: Site, path: str, viewport: dict[str, int]) -> Walker:
    page = browser.new_context(viewport=viewport, locale="fr-FR").new_page()
    walker = Walker(page, site.server.url)
    walker.open(site.server.url + path)
    return walker


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1440", "390"])
def test_the_radar_keeps_its_labels_and_no_toolbar_covers_a_chart(
    browser: Any, site: Site, viewport: dict[str, int], output_dir: Path
) -> None:
    walker = visit(browser, site, f"/resultats?d={site.token}", viewport)
    page = walker.page
    charts_drawn(page, 3)
    chart = page.locator(".js-plotly-plot").first
    chart.scroll_into_view_if_needed()
    chart.hover()  # where plotly would show its tool bar
    page.wait_for_function("() => document.querySelectorAll('.angularaxistick text').length >= 7")
    found = page.evaluate(RADAR)
    chart.screenshot(path=str(output_dir / f"radar-{viewport['width']}.png"))
    assert found == {"out": [], "lines": 0, "modebars": 0}, found
    page.context.close()


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_streamlit_s_own_widgets_speak_the_page_s_language(
    browser: Any, site: Site, lang: str
) -> None:
    query = "" if lang == "fr" else "&lang=en"
    walker = visit(browser, site, f"/diagnostic?d={site.token}&step={SUMMARY}{query}", DESKTOP)
    page = walker.page
    page.get_by_text(t("app.summary.files", lang)).click()
    page.locator(f"{fresh('import-replace')} [data-testid='stFileUploaderDropzone']").wait_for()
    page.locator(f"{fresh('ranking-motivations')} input").click()
    page.get_by_role("option").first.wait_for()
    if lang == "fr":
        page.get_by_text("Tout sélectionner").wait_for()
        expect(page.get_by_text("Choisir un fichier")).to_be_visible()
        expect(page.get_by_text("5 Mo au plus par fichier")).to_be_visible()
        page.wait_for_function(f"(words) => ({WORDS})(words).length === 0", arg=list(ENGLISH))
    else:
        page.get_by_text("Select all").wait_for()
        expect(page.get_by_text("5MB per file")).to_be_visible()
        expect(page.get_by_text("Choisir un fichier")).to_have_count(0)
    page.keyboard.press("Escape")
    prefix = "Aide\u00a0: " if lang == "fr" else "Help for "
    first = site.referentiel.questions[0]
    for step, marker in ((0, "profile-name"), (1, f"answer-{first.id}")):
        walker.open(f"{site.server.url}/diagnostic?d={site.token}&step={step}{query}")
        page.locator(fresh(marker)).wait_for()
        page.wait_for_function(
            f"(prefix) => ({HELP_LABELS})().length > 0"
            f" && ({HELP_LABELS})().every((l) => l.startsWith(prefix) && !l.includes('*'))",
            arg=prefix,
        )
        if step == 0:  # a text field's hint, shown while its text waits to be saved
            page.locator(f"{fresh('profile-name')} input").press_sequentially("x")
            hint = "Entrée pour enregistrer tout de suite" if lang == "fr" else "Enter to apply"
            page.get_by_text(hint).first.wait_for(state="attached")
        if lang == "fr":
            page.wait_for_function(f"(words) => ({WORDS})(words).length === 0", arg=list(ENGLISH))
    labels = page.evaluate(HELP_LABELS)
    spoken = " ".join(first.label.get(lang).split())  # Streamlit reads spaces as one
    assert prefix + spoken in labels, labels
    page.context.close()


def focused_heading(page: Page) -> str:
    return str(
        page.evaluate(
            "() => /^H[1-3]$/.test(document.activeElement.tagName)"
            " ? document.activeElement.textContent : ''"
        )
    )


@pytest.mark.parametrize("where", ["diagnostic", "participant"])
def test_after_next_the_focus_is_on_the_new_step_s_heading(
    browser: Any, site: Site, where: str
) -> None:
    referentiel = site.referentiel
    if where == "diagnostic":
        walker = visit(browser, site, f"/diagnostic?d={site.token}&step=1", DESKTOP)
        key, title = "nav-next", referentiel.motivations[1].label.get("fr")
    else:
        walker = visit(browser, site, f"/atelier?p={site.participant}", DESKTOP)
        key, title = "atelier-nav-next", ""
    page = walker.page
    page.locator(fresh(key)).wait_for()
    before = page.evaluate(
        "(key) => { const s = document.querySelector(`.st-key-${key.replace('next', 'step')}`);"
        " return [...document.querySelectorAll('h1, h2, h3')].find((h) =>"
        " s.compareDocumentPosition(h) & Node.DOCUMENT_POSITION_FOLLOWING).textContent; }",
        key,
    )
    page.locator(f"{fresh(key)} button").focus()  # then the keyboard, as a keyboard user
    page.keyboard.press("Enter")
    page.wait_for_function(
        "(before) => /^H[1-3]$/.test(document.activeElement.tagName)"
        " && document.activeElement.textContent !== before",
        arg=before,
        timeout=TIMEOUT,
    )
    if title:
        assert focused_heading(page) == title
    assert outline(page) == RING  # reached with the keyboard: the heading shows it has focus
    page.keyboard.press("Tab")  # on from the heading: the step's first control, not the top
    assert page.evaluate("() => document.activeElement.closest('[data-testid=stMain]') !== null")
    page.context.close()


def outline(page: Page) -> dict[str, str]:
    """The computed outline of the focused element, or of the label of a focused radio."""
    return dict(
        page.evaluate(
            """() => {
      let element = document.activeElement;
      if (element.matches('input[type=radio], input[type=checkbox]')) {
        element = element.closest('label');
      } else if (element.closest('[data-testid="stTextInputRootElement"]')) {
        element = element.closest('[data-testid="stTextInputRootElement"]');
      } else if (element.matches('[role=combobox]')) {
        element = element.closest('[role=group]');
      }
      const style = getComputedStyle(element);
      return {width: style.outlineWidth, style: style.outlineStyle, color: style.outlineColor};
    }"""
        )
    )


def test_the_focus_indicator_is_clearly_visible(browser: Any, site: Site) -> None:
    walker = visit(browser, site, f"/diagnostic?d={site.token}&step=0", DESKTOP)
    page = walker.page
    ring = RING
    for target in (
        f"{fresh('profile-name')} input",
        f"{fresh('profile-type')} input",
        f"{fresh('nav-next')} button",
    ):
        tab_to(page, target)
        assert outline(page) == ring, target
    walker.open(f"{site.server.url}/diagnostic?d={site.token}&step=1")
    first = site.referentiel.questions_of(site.referentiel.motivations[0].id)[0].id
    tab_to(page, f"{fresh(f'answer-{first}')} input[type=radio]")
    assert outline(page) == ring
    page.context.close()


def test_the_participant_is_told_the_result_is_shown_and_jumps_there(
    browser: Any, site: Site, output_dir: Path
) -> None:
    walker = visit(browser, site, f"/atelier?p={site.participant}", PHONE)
    page = walker.page
    page.locator(fresh("atelier-nav-next")).wait_for()
    site.repository.set_results_visible(site.code, site.key, True)
    try:
        link = page.get_by_role("link", name="voir le résultat du groupe")
        link.wait_for()  # the status watch redraws the page within a few seconds
        heading = page.locator(f"#{GROUP_ANCHOR}")
        assert not heading.evaluate(IN_VIEW)
        page.screenshot(path=str(output_dir / "participant-notice-390.png"))
        link.click()
        page.wait_for_function(f"() => ({IN_VIEW})(document.getElementById('{GROUP_ANCHOR}'))")
    finally:
        site.repository.set_results_visible(site.code, site.key, False)
    page.context.close()
