"""bench_portfolio.py in the browser: the Portefeuille page and the bare page, each served by a
real ``streamlit run`` on 127.0.0.1, opened and clicked in headless Chromium, taking turns.

Two moments, each timed until the run is over, the table drawn (its canvas) and every shape of
the région's map on screen:

- the page opened in a new session (a new tab: the page's whole run, the table and the map);
- « Décroissant » ticked or unticked (a rerun, the table sorted the other way).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench_browser import IDLE, RunsSeen, fresh
from room_support import APP, CHROMIUM_ARGS, ROOT, Server, chromium_path

BARE = ROOT / "benchmarks" / "bare_portfolio.py"
TIMEOUT = 120_000
DESKTOP = {"width": 1280, "height": 900}
STEPS = ("page opened, table and map drawn", "« Décroissant » clicked, run over")
DRAWN = """([shapes]) => {
  const table = document.querySelector('[data-testid="stDataFrame"] canvas');
  const map = document.querySelectorAll('.js-plotly-plot path.choroplethlocation');
  return table !== null && map.length >= shapes;
}"""


class Target:
    """One server (the app or the bare page) and the times measured on it."""

    def __init__(self, name: str, server: Server, url: str) -> None:
        self.name = name
        self.server = server
        self.url = url
        self.times: dict[str, list[float]] = {step: [] for step in STEPS}


def drawn(page: Any, shapes: int) -> None:
    """Wait until the table and every shape of the map are on screen and the page idle."""
    page.wait_for_function(DRAWN, arg=[shapes], timeout=TIMEOUT)
    page.wait_for_selector(IDLE, timeout=TIMEOUT)


def one_round(browser: Any, target: Target, shapes: int) -> None:
    """A new tab opens the page, then ticks « Décroissant »."""
    context = browser.new_context(viewport=DESKTOP, locale="fr-FR")
    page = context.new_page()
    page.set_default_timeout(TIMEOUT)
    runs = RunsSeen(page)
    start = time.perf_counter()
    page.goto(target.url)
    drawn(page, shapes)
    target.times[STEPS[0]].append(time.perf_counter() - start)
    box = page.locator(f"{fresh('portfolio-descending')} label")
    before = runs.count
    start = time.perf_counter()
    box.click()
    runs.wait_beyond(before)
    drawn(page, shapes)
    target.times[STEPS[1]].append(time.perf_counter() - start)
    context.close()


def browser_times(
    database_url: str, bare_data: Path, shapes: int, rounds: int, folder: Path
) -> Sequence[Target]:
    """The app's Portefeuille page on ``database_url`` and the bare page of ``bare_data``,
    ``rounds`` rounds each after one warm-up round, taking turns."""
    from playwright.sync_api import sync_playwright

    app = Server(database_url, folder / "app.log", script=APP)
    bare = Server(
        f"sqlite:///{folder}/bare.sqlite3",
        folder / "bare.log",
        environment={"PORTFOLIO_BARE": str(bare_data)},
        script=BARE,
    )
    targets = [Target("app", app, f"{app.url}/portefeuille"), Target("bare", bare, bare.url)]
    for target in targets:
        target.server.start()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(chromium_path()), args=CHROMIUM_ARGS
            )
            for target in targets:  # warm-up: imports, the rows built, caches
                one_round(browser, target, shapes)
                target.times = {step: [] for step in STEPS}
            for _ in range(rounds):
                for target in targets:
                    one_round(browser, target, shapes)
            browser.close()
    finally:
        for target in targets:
            target.server.stop()
    return targets
