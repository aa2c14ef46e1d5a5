"""Speed where people feel it: headless Chromium on the app and on a bare page, in one run.

Two real servers on 127.0.0.1 run side by side: the app (on a temporary SQLite file) and
a bare Streamlit page with the same widgets and server settings (benchmarks/bare_room.py).
Debian's Chromium, driven by Playwright, measures on each, taking turns so that a slow
patch of the machine weighs on both alike:

- first open of the join link in a new session → the join button drawn and the run over;
- an answer click → the run it started is over (the answer saved, for the app);
- « Suivant » → the next step's first question drawn and the run over;
- a results page opened in a new session → its charts drawn and the run over;
- the single diagnostic: a step opened in a new session → its first question drawn and the
  run over; an answer click; a comment typed, then committed (Ctrl+Enter, as the app's
  own script does after a pause) → its run over; « Suivant » → the next step drawn.

A run's end is the ``script_finished`` message the browser receives on its websocket (the
page's run, or the run of the fragment the action is in), then the expected element drawn
and the page idle.
Prints the median and 95th percentile of ``--repeat`` rounds (5 by default) and their
ratios app / bare page; target: each median within 1.3×. Its last line is
``worst ratio to the bare page: <X>`` (of the medians).
Run: ``python benchmarks/bench_browser.py [--repeat N]``.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from room_support import APP, BARE, CHROMIUM_ARGS, Server, chromium_path
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from timing import milliseconds, random_answers

from diagnostic.i18n import t
from diagnostic.model import Referentiel, TerritoryProfile
from diagnostic.referentiel.load import load_referentiel
from diagnostic.settings import Settings
from diagnostic.storage import close_repositories, open_repository

TIMEOUT = 60_000
TARGET = 1.3
PROFILE = TerritoryProfile(name="Communauté de communes du Toulois", type="cc")
PHONE = {"width": 390, "height": 844}
STEPS = (
    "first open",
    "answer click",
    "« Suivant »",
    "results page",
    "diagnostic: first open",
    "diagnostic: answer click",
    "diagnostic: comment typed",
    "diagnostic: « Suivant »",
)
COMMENT = "Vu avec la CRESS : une première réunion en mars, à confirmer."
CHARTS = 3  # the results page's charts; the bare page draws as many
CHARTS_DRAWN = f"""() => {{
  const charts = [...document.querySelectorAll('.js-plotly-plot')];
  return charts.length >= {CHARTS} && charts.every((c) => c.querySelector('.main-svg'));
}}"""
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'


def fresh(key: str) -> str:
    """The element with widget key ``key`` from the latest run (not a stale leftover, nor
    one Streamlit retains hidden where a later run drew another element)."""
    return f'.st-key-{key}:not([data-stale="true"]):not([data-retained="true"])'


class Target:
    """One server (app or bare page) and the links the rounds open on it."""

    def __init__(
        self,
        name: str,
        server: Server,
        join_url: str,
        results_url: str,
        diagnostic_urls: Callable[[], str],
    ) -> None:
        self.name = name
        self.server = server
        self.join_url = join_url
        self.results_url = results_url
        self.diagnostic_urls = diagnostic_urls  # a new diagnostic's step 2 for each round
        self.times: dict[str, list[float]] = {step: [] for step in STEPS}


class RunsSeen:
    """Counts the runs a page's websocket reports finished, but for those of timers.

    A run is the page's (full) or some fragments' own; the runs of fragments on a timer
    (the group's refresh) are left out: they are not the run an action started.
    """

    def __init__(self, page: Any) -> None:
        self.page = page
        self.count = 0
        self.timers: set[str] = set()
        page.on("websocket", lambda socket: socket.on("framereceived", self.frame))

    def frame(self, payload: str | bytes) -> None:
        if isinstance(payload, str):
            return
        message = ForwardMsg()
        message.ParseFromString(payload)
        kind = message.WhichOneof("type")
        if kind == "auto_rerun":
            self.timers.add(message.auto_rerun.fragment_id)
        elif kind == "script_finished":
            status, ran = message.script_finished, set(message.metadata.run.fragment_ids)
            if status == ForwardMsg.FINISHED_SUCCESSFULLY:
                self.count += 1
            elif status == ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY:
                self.count += bool(ran - self.timers)

    def wait_beyond(self, count: int) -> None:
        """Wait until more than ``count`` runs have finished (at most TIMEOUT)."""
        deadline = time.monotonic() + TIMEOUT / 1000
        while self.count <= count:
            if time.monotonic() > deadline:
                raise TimeoutError("no script_finished on the websocket")
            self.page.wait_for_timeout(5)


def timed(run: Callable[[], None]) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def one_round(browser: Any, target: Target, referentiel: Referentiel) -> None:
    """A new phone: open, join, answer, next; then a new session opens the results."""
    context = browser.new_context(viewport=PHONE, locale="fr-FR")
    page = context.new_page()
    page.set_default_timeout(TIMEOUT)
    runs = RunsSeen(page)
    join = f"{fresh('atelier-join')} button"

    def first_open() -> None:
        page.goto(target.join_url)
        page.locator(join).wait_for()
        page.wait_for_selector(IDLE)

    target.times["first open"].append(timed(first_open))
    role = t("role.agent", "fr")
    page.locator(fresh("atelier-role")).get_by_text(role, exact=True).click()
    page.wait_for_selector(IDLE)
    page.locator(join).click()
    motivations = referentiel.motivations
    first, second = (referentiel.questions_of(m.id)[0] for m in motivations[:2])
    page.locator(fresh(f"atelier-answer-{first.id}")).wait_for()
    page.wait_for_selector(IDLE)

    def after_a_run(action: Callable[[], None], drawn: str) -> Callable[[], None]:
        def run() -> None:
            before = runs.count
            action()
            runs.wait_beyond(before)
            page.locator(drawn).first.wait_for()
            page.wait_for_selector(IDLE)

        return run

    label = referentiel.scale(first.scale).label(referentiel.scale(first.scale).values()[1], "fr")
    radio = page.locator(fresh(f"atelier-answer-{first.id}"))
    click = after_a_run(
        lambda: radio.get_by_text(label, exact=True).click(),
        f"{fresh(f'atelier-answer-{first.id}')} input:checked",
    )
    target.times["answer click"].append(timed(click))
    following = after_a_run(
        lambda: page.locator(f"{fresh('atelier-nav-next')} button").click(),
        fresh(f"atelier-answer-{second.id}"),
    )
    target.times["« Suivant »"].append(timed(following))
    context.close()

    context = browser.new_context(viewport=PHONE, locale="fr-FR")
    page = context.new_page()
    page.set_default_timeout(TIMEOUT)

    def results() -> None:
        page.goto(target.results_url)
        page.wait_for_function(CHARTS_DRAWN, timeout=TIMEOUT)
        page.wait_for_selector(IDLE)

    target.times["results page"].append(timed(results))
    context.close()


def timed_run(page: Any, runs: RunsSeen, action: Callable[[], None], drawn: str) -> float:
    """The time from ``action`` until the run it started is over and ``drawn`` is drawn."""

    def run() -> None:
        before = runs.count
        action()
        runs.wait_beyond(before)
        page.locator(drawn).first.wait_for()
        page.wait_for_selector(IDLE)

    return timed(run)


def diagnostic_round(browser: Any, target: Target, referentiel: Referentiel) -> None:
    """A new phone on a single diagnostic's second step: open, answer, comment, next."""
    context = browser.new_context(viewport=PHONE, locale="fr-FR")
    page = context.new_page()
    page.set_default_timeout(TIMEOUT)
    runs = RunsSeen(page)
    motivations = referentiel.motivations
    first, second = (referentiel.questions_of(m.id)[0] for m in motivations[:2])
    answer = fresh(f"answer-{first.id}")
    url = target.diagnostic_urls()

    def first_open() -> None:
        page.goto(url)
        page.locator(answer).wait_for()
        page.wait_for_selector(IDLE)

    target.times["diagnostic: first open"].append(timed(first_open))
    scale = referentiel.scale(first.scale)
    label = scale.label(scale.values()[1], "fr")
    target.times["diagnostic: answer click"].append(
        timed_run(
            page,
            runs,
            lambda: page.locator(answer).get_by_text(label, exact=True).click(),
            f"{answer} input:checked",
        )
    )
    area = page.locator(f"{fresh(f'comment-{first.id}')} textarea")
    page.locator("details", has=page.locator(fresh(f"comment-{first.id}"))).locator(
        "summary"
    ).click()
    area.fill(COMMENT)
    target.times["diagnostic: comment typed"].append(
        timed_run(page, runs, lambda: area.press("Control+Enter"), answer)
    )
    target.times["diagnostic: « Suivant »"].append(
        timed_run(
            page,
            runs,
            lambda: page.locator(f"{fresh('nav-next')} button").click(),
            fresh(f"answer-{second.id}"),
        )
    )
    context.close()


def complete_diagnostic(url: str, referentiel: Referentiel) -> str:
    """A single diagnostic with a profile and every question answered; its token."""
    repository = open_repository(url)
    record = repository.create_diagnostic(PROFILE)
    answers = random_answers(referentiel, np.random.default_rng(13), unanswered=0.0)
    for question_id, answer in answers.items():
        repository.save_answer(record.token, question_id, answer)
    close_repositories()
    return record.token


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=5, help="rounds on each page")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    referentiel = load_referentiel(Settings.from_env().referentiel_dir)
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        url = f"sqlite:///{folder}/browser.sqlite3"
        repository = open_repository(url)
        workshop, _ = repository.create_workshop(PROFILE)
        close_repositories()
        token = complete_diagnostic(url, referentiel)
        repository = open_repository(url)
        fresh_ones = [
            repository.create_diagnostic(PROFILE).token for _ in range(2 * (args.repeat + 1))
        ]
        close_repositories()
        app = Server(url, folder / "app.log", script=APP)
        bare = Server(f"sqlite:///{folder}/bare.sqlite3", folder / "bare.log", script=BARE)
        targets = [
            Target(
                "app",
                app,
                f"{app.url}/atelier?code={workshop.code}",
                f"{app.url}/resultats?d={token}",
                lambda: f"{app.url}/diagnostic?d={fresh_ones.pop()}&step=1",
            ),
            Target(
                "bare",
                bare,
                f"{bare.url}/atelier?code=BARE00",
                f"{bare.url}/resultats",
                lambda: f"{bare.url}/diagnostic",
            ),
        ]
        for target in targets:
            target.server.start()
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=str(chromium_path()), args=CHROMIUM_ARGS
                )
                for target in targets:  # warm-up: imports, caches, first compilation
                    one_round(browser, target, referentiel)
                    diagnostic_round(browser, target, referentiel)
                    target.times = {step: [] for step in STEPS}
                for _ in range(args.repeat):
                    for target in targets:
                        one_round(browser, target, referentiel)
                        diagnostic_round(browser, target, referentiel)
                browser.close()
        finally:
            for target in targets:
                target.server.stop()
    report(targets, args.repeat)


def report(targets: list[Target], repeat: int) -> None:
    app, bare = targets
    print(f"browser benchmark: headless Chromium, phone viewport, {repeat} rounds")
    columns = f"{'median: app':>12} {'bare':>7} {'ratio':>6}   {'p95: app':>9} {'bare':>7}"
    print(f"{'':28} {columns} {'ratio':>6}")
    worst = 0.0
    for step in STEPS:
        mine, base = app.times[step], bare.times[step]
        median, base_median = statistics.median(mine) * 1000, statistics.median(base) * 1000
        high, base_high = milliseconds(mine, 0.95), milliseconds(base, 0.95)
        ratio = median / base_median
        worst = max(worst, ratio)
        flag = "" if ratio <= TARGET else f"   (target {TARGET}× at the median)"
        print(
            f"{step:28} {median:10.0f}ms {base_median:5.0f}ms {ratio:6.2f}"
            f"   {high:7.0f}ms {base_high:5.0f}ms {high / base_high:6.2f}{flag}"
        )
    print(f"worst ratio to the bare page: {worst:.2f}")


if __name__ == "__main__":
    main()
