"""What the room and phone tests measure on a page: axe-core, overflow, sizes, the keyboard."""

from __future__ import annotations

from dataclasses import dataclass

from axe_playwright_python.sync_playwright import Axe
from browser_walk import IDLE, planned_answer
from playwright.sync_api import Page
from workshop_walk import person_answer

from diagnostic.model import Referentiel, Role, TerritoryProfile
from diagnostic.storage import Repository

BLOCKING = ("serious", "critical")
PHONE = {"width": 390, "height": 844}
PROJECTOR = {"width": 1920, "height": 1080}
MAIN = '[data-testid="stMainBlockContainer"]'


@dataclass(frozen=True)
class Audit:
    """axe-core's violations on one page, by impact, with the rules that failed."""

    counts: dict[str, int]
    blocking: list[str]

    def line(self, name: str) -> str:
        shown = ", ".join(f"{impact} {count}" for impact, count in sorted(self.counts.items()))
        return f"axe {name}: {shown or 'no violation'}"


# Every element drawn at full opacity: none left stale by a run, none still fading back in
# (axe measures contrast through the opacity of the moment).
# No finite animation or transition still running either (a button fading to its colours).
SETTLED = """() => !document.querySelector('[data-stale="true"]')
  && [...document.querySelectorAll('[data-testid="stElementContainer"]')]
       .every((element) => getComputedStyle(element).opacity === '1')
  && document.getAnimations().every((animation) => animation.playState !== 'running'
       || animation.effect.getComputedTiming().iterations === Infinity)"""


def audit(page: Page) -> Audit:
    """Run axe-core (shipped with axe-playwright-python, injected locally) on the page, once
    no run is going on and every element is drawn at full opacity."""
    found = _scan(page)
    if found.blocking:
        # A violation must still be there on a second scan once the page has settled again:
        # a run that starts between the wait and the scan fades the page for a moment.
        again = _scan(page)
        return Audit(found.counts, [item for item in found.blocking if item in again.blocking])
    return found


def _scan(page: Page) -> Audit:
    page.wait_for_selector(IDLE)
    page.wait_for_function(SETTLED)
    response = Axe().run(page).response
    counts: dict[str, int] = {}
    blocking = []
    for violation in response["violations"]:
        impact = violation.get("impact") or "minor"
        counts[impact] = counts.get(impact, 0) + len(violation["nodes"])
        if impact in BLOCKING:
            targets = [node["target"] for node in violation["nodes"][:3]]
            blocking.append(f"{violation['id']} ({impact}) at {targets}")
    return Audit(counts, blocking)


def horizontal_overflow(page: Page) -> int:
    """How many pixels the page is wider than the window (0 when nothing scrolls sideways)."""
    return int(
        page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
    )


def main_width(page: Page) -> float:
    """The width of the main column, in pixels."""
    return float(
        page.evaluate(f"() => document.querySelector('{MAIN}').getBoundingClientRect().width")
    )


def settle(page: Page) -> None:
    """Wait until the current script run is over (within the page's default timeout)."""
    page.wait_for_selector(IDLE)


def charts_drawn(page: Page, count: int) -> None:
    """Wait until ``count`` plotly charts have drawn their first layer."""
    page.wait_for_function(
        "(n) => document.querySelectorAll('.js-plotly-plot .main-svg').length >= 2 * n",
        arg=count,
    )


def tab_to(page: Page, selector: str, limit: int = 60) -> None:
    """Press Tab until the focused element matches ``selector`` or sits inside it; fails
    after ``limit`` presses."""
    for _press in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(
            "(s) => document.activeElement.matches(s) || !!document.activeElement.closest(s)",
            selector,
        ):
            return
    raise AssertionError(f"Tab never reached {selector}")


def stored_diagnostic(repository: Repository, referentiel: Referentiel) -> str:
    """A fully answered diagnostic (planned answers); its token."""
    record = repository.create_diagnostic(
        TerritoryProfile("Communauté de communes du Toulois", "cc", departement="54")
    )
    for index, question in enumerate(referentiel.questions):
        repository.save_answer(record.token, question.id, planned_answer(referentiel, index))
    return record.token


def stored_group(repository: Repository, referentiel: Referentiel, code: str) -> list[str]:
    """Five participants who answered every question differently; their tokens."""
    roles: tuple[Role, ...] = ("elu", "elu", "agent", "agent", "acteur_ess")
    tokens = []
    for person, role in enumerate(roles):
        token = repository.join_workshop(code, role, f"P{person}").token
        for index, question in enumerate(referentiel.questions):
            repository.save_answer(token, question.id, person_answer(referentiel, person, index))
        tokens.append(token)
    return tokens
