"""Time the Portefeuille page, its map and the regional synthesis PDF on a région's worth of data.

A région with 300 territories, 2,000 diagnostics, 100 workshops (6 participants each) and ESS
figures for every territory (loaded through the observatory's reader and import, as a CRESS
loads its file) is written to a fresh database. Against a bare page showing the same table
and the same map with the same widgets (benchmarks/bare_portfolio.py), in the same run and
taking turns, it times:

- the page's run (AppTest, « Décroissant » ticked or unticked before each rerun, so that the
  whole table is sorted and shown, and the map drawn, every time);
- in headless Chromium (benchmarks/portfolio_browser.py), the page opened in a new tab until
  the table and every shape of the map are drawn, and « Décroissant » clicked until the run
  is over and the map drawn again;

then the synthesis PDF of the 300 territories. On SQLite, and on PostgreSQL when
DIAGNOSTIC_TEST_POSTGRES_URL is set. Asserts nothing.

Run: ``python benchmarks/bench_portfolio.py [--quick]`` (``--quick``: SQLite only, 6 reruns
and 2 browser rounds on each page instead of 25 and 8: under a minute on a quiet two-core
machine, about four at a load average of 13 to 15; the full run on both databases, 11
minutes under that load). Targets: page and map within 1.5× the bare page, synthesis PDF
under 2 s. The last two lines are ``portfolio ratio to the bare page: <X>`` (the worst median
ratio of the page and the map) and ``synthesis PDF: <S> s``.
"""

from __future__ import annotations

import datetime as dt
import os
import pickle
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import plotly.io as pio
from bench_app import rerun_times
from portfolio_browser import BARE, STEPS, browser_times
from portfolio_seed import Size, seed, seed_figures
from sqlalchemy import select
from streamlit.testing.v1 import AppTest
from timing import best_of, postgres_schema
from timing import milliseconds as ms

from diagnostic.export.maps import map_entries, region_map
from diagnostic.export.portfolio.synthesis import Heading, synthesis_pdf
from diagnostic.i18n import t
from diagnostic.model import Referentiel
from diagnostic.portfolio.map_values import status_values
from diagnostic.portfolio.synthesis import synthesise
from diagnostic.portfolio.table import PortfolioRow, build_rows
from diagnostic.referentiel.load import load_referentiel
from diagnostic.storage import close_repositories, open_repository
from diagnostic.storage.tables import diagnostics
from diagnostic.territory.contours import region_shapes
from diagnostic.territory.official import official_territories
from diagnostic.ui.literal import escape_markdown
from diagnostic.ui.portfolio import page
from diagnostic.ui.portfolio.data import FRESH_SECONDS
from diagnostic.ui.portfolio.parts import never_diagnosed, sirens_of
from diagnostic.ui.portfolio.table import table_frame
from diagnostic.ui.resources import repository_at, repository_for

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app.py"
PAGE = "diagnostic/ui/pages/portefeuille.py"
POSTGRES_ENV = "DIAGNOSTIC_TEST_POSTGRES_URL"
TARGET = 1.5

REGION = "84"  # the seeded région (benchmarks/portfolio_seed.py)
APP_STEP = "page run (AppTest rerun)"


def bare_data(referentiel: Referentiel, rows: list[PortfolioRow], path: Path) -> int:
    """Write what the bare page shows, built by the app's own builders, as the page shows it
    to the person at the machine (every EPCI of the région on the map); the map's shapes."""
    today = dt.date.today()
    values = status_values(rows, REGION, never_diagnosed(REGION))
    title = t("portfolio.map.by_status", "fr")
    figure = region_map(REGION, values, "fr", "epci", title=title)
    entries = [
        (item.code, t("maps.list.open", "fr", name=escape_markdown(item.name), detail=item.value))
        for item in map_entries(REGION, values, "fr", "epci")
    ]
    shown = {
        "table": table_frame(referentiel, rows, today, "fr"),
        "figure": pio.to_json(figure, validate=False),
        "entries": entries,
        "region": official_territories().region_name(REGION),
    }
    path.write_bytes(pickle.dumps(shown))
    return len(region_shapes(REGION).features("epci"))


def toggle(at: AppTest, key: str) -> Any:
    """A setup that ticks or unticks a checkbox before each rerun (a user's click)."""
    state = {"on": False}

    def setup() -> None:
        state["on"] = not state["on"]
        at.checkbox(key=key).set_value(state["on"])

    return setup


def after_a_change(app: AppTest, repository: Any) -> float:
    """Seconds of the page's next run once an answer was saved (its stamp read again)."""
    with repository._engine.connect() as connection:
        token = connection.execute(
            select(diagnostics.c.token).where(diagnostics.c.workshop_id.is_(None)).limit(1)
        ).scalar_one()
    repository.save_answer(token, repository_question(), 0)
    time.sleep(FRESH_SECONDS)
    start = time.perf_counter()
    app.run()
    return time.perf_counter() - start


def repository_question() -> str:
    return load_referentiel(ROOT / "data").questions[0].id


def measure(url: str, size: Size, quick: bool, folder: Path) -> dict[str, Any]:
    """Per step, the app's and the bare page's times; the synthesis PDF's seconds."""
    referentiel = load_referentiel(ROOT / "data")
    territories = official_territories()
    repository = open_repository(url)
    start = time.perf_counter()
    keys = seed(repository._engine, referentiel, territories, size)
    print(f"  seeded {len(keys)} territories in {time.perf_counter() - start:.1f} s")
    start = time.perf_counter()
    count = seed_figures(repository, territories, keys)
    print(f"  {count} ESS figures read and imported in {time.perf_counter() - start:.1f} s")
    os.environ["DIAGNOSTIC_DATABASE_URL"] = url
    repository_for.cache_clear()
    repository_at.cache_clear()
    page.is_local_request = lambda: True  # the person at the machine
    today = dt.date.today()
    start = time.perf_counter()
    data = repository.load_portfolio(referentiel, territories, None)
    loaded = time.perf_counter() - start
    figures = {key: True for key in sirens_of(repository.territories_with_figures())}
    rows = build_rows(referentiel, data, None, figures, today)
    built = time.perf_counter() - start - loaded
    print(f"  read {loaded * 1000:.0f} ms, rows built (batch scoring) {built * 1000:.0f} ms")
    print(f"  territories with figures: {len(figures)} of {len(rows)}")
    shown = folder / f"bare-{abs(hash(url))}.pkl"
    shapes = bare_data(referentiel, rows, shown)
    os.environ["PORTFOLIO_BARE"] = str(shown)
    app = AppTest.from_file(str(APP), default_timeout=120)
    first = time.perf_counter()
    app.run()
    app.switch_page(PAGE).run()
    cold = time.perf_counter() - first
    print(f"  first drawing of the page (rows built, then cached): {cold:.2f} s")
    assert not app.exception, app.exception
    assert len(app.dataframe[0].value) == len(keys)
    bare = AppTest.from_file(str(BARE), default_timeout=120)
    times = rerun_times(
        (app, toggle(app, "portfolio-descending")),
        (bare, toggle(bare, "portfolio-descending")),
        repeat=6 if quick else 25,
    )
    print(f"  page after one answer changed elsewhere: {after_a_change(app, repository):.2f} s")
    close_repositories()
    found = {APP_STEP: (times[0], times[1])}
    targets = browser_times(url, shown, shapes, 2 if quick else 8, folder)
    for step in STEPS:
        found[step] = (targets[0].times[step], targets[1].times[step])
    synthesis = synthesise(referentiel, rows, None)
    heading = Heading(official_territories().region_name(REGION), (), today)
    start = time.perf_counter()
    pdf = synthesis_pdf(referentiel, synthesis, heading)
    print(f"  first synthesis PDF of this process: {time.perf_counter() - start:.2f} s")
    print(f"  synthesis PDF of {len(rows)} territories: {len(pdf) // 1000} kB")
    total = best_of(
        3, lambda: synthesis_pdf(referentiel, synthesise(referentiel, rows, None), heading)
    )
    print(f"  synthesis PDF with the synthesis, best of 3: {total:.2f} s")
    return {"steps": found, "pdf": total}


def report(name: str, found: dict[str, Any]) -> float:
    """Print one database's table; the worst median ratio."""
    print(f"{name}: median (p95), milliseconds")
    print(f"  {'':36} {'app':>13} {'bare':>13} {'ratio':>6}")
    worst = 0.0
    for step, (mine, base) in found["steps"].items():
        ratio = statistics.median(mine) / statistics.median(base)
        worst = max(worst, ratio)
        flag = "" if ratio <= TARGET else f"  (target {TARGET}×)"
        app, bare = (f"{ms(times, 0.5):>6.0f} ({ms(times, 0.95):>5.0f})" for times in (mine, base))
        print(f"  {step:36} {app} {bare} {ratio:>6.2f}{flag}")
    print(f"  synthesis PDF: {found['pdf']:.2f} s")
    return worst


def main() -> None:
    quick = "--quick" in sys.argv[1:]
    size = Size()
    results: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory() as folder:
        print(
            f"SQLite ({size.territories} territories, {size.diagnostics} diagnostics, "
            f"{size.workshops} workshops, figures for every territory)"
        )
        url = f"sqlite:///{folder}/portfolio.sqlite3"
        results["SQLite"] = measure(url, size, quick, Path(folder))
        base = os.environ.get(POSTGRES_ENV)
        if quick:
            print("PostgreSQL skipped: --quick measures SQLite only")
        elif base:
            print("PostgreSQL")
            with postgres_schema(base) as pg_url:
                results["PostgreSQL"] = measure(pg_url, size, quick, Path(folder))
        else:
            print(f"PostgreSQL skipped: {POSTGRES_ENV} is not set")
    print(f"load average (1, 5, 15 min): {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    worst = max(report(name, found) for name, found in results.items())
    print(f"portfolio ratio to the bare page: {worst:.2f}")
    print(f"synthesis PDF: {max(found['pdf'] for found in results.values()):.2f} s")


if __name__ == "__main__":
    main()
