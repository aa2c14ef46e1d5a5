"""Time the Portefeuille page and the regional synthesis PDF on a région's worth of diagnostics.

A région with 300 territories, 2,000 diagnostics and 100 workshops (6 participants each) is
written to a fresh database; the real app's Portefeuille page (AppTest, the descending
order ticked or unticked before each rerun, so that the whole table is sorted and shown
every time) is timed against a bare page showing the same table with the same widgets, the
sidebar's included, in the same run; then the synthesis PDF of the 300 territories. On SQLite,
and on PostgreSQL when DIAGNOSTIC_TEST_POSTGRES_URL is set. Asserts nothing.

Run: ``python benchmarks/bench_portfolio.py [--quick]``. Targets: ratio <= 1.5, PDF < 2 s.
The last two lines are ``portfolio ratio to the bare page: <X>`` and ``synthesis PDF: <S> s``.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench_app import rerun_times
from portfolio_seed import Size, has_figures_table, seed
from sqlalchemy import select
from streamlit.testing.v1 import AppTest
from timing import best_of, postgres_schema

from diagnostic.export.portfolio.synthesis import Heading, synthesis_pdf
from diagnostic.portfolio.synthesis import synthesise
from diagnostic.portfolio.table import build_rows
from diagnostic.referentiel.load import load_referentiel
from diagnostic.storage import close_repositories, open_repository
from diagnostic.storage.tables import diagnostics
from diagnostic.territory.official import official_territories
from diagnostic.ui.portfolio import page
from diagnostic.ui.portfolio.data import FRESH_SECONDS
from diagnostic.ui.portfolio.table import table_frame
from diagnostic.ui.resources import repository_at, repository_for

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app.py"
PAGE = "diagnostic/ui/pages/portefeuille.py"
POSTGRES_ENV = "DIAGNOSTIC_TEST_POSTGRES_URL"

BARE = """
import pandas as pd
import streamlit as st

@st.cache_resource
def table():
    return pd.read_pickle({path!r})

st.sidebar.radio("Langue", ["fr", "en"], horizontal=True, key="lang")
st.sidebar.button("Reconnecté", key="reconnected")
st.title("Portefeuille des territoires")
st.markdown("Texte d'introduction.")
st.text_input("Chercher", key="search")
with st.expander("Filtres", expanded=True):
    left, right = st.columns(2)
    left.multiselect("Départements", ["01", "03", "07"], key="departement")
    right.multiselect("Types", ["commune", "cc"], key="type")
    left.selectbox("Levier", ["a", "b"], key="lever")
    right.multiselect("Besoin", ["fort", "moyen"], key="need")
    left.checkbox("Sans diagnostic", key="stale")
    right.checkbox("En retard", key="late")
    left.selectbox("Trier", ["nom", "date"], key="sort")
    right.checkbox("Décroissant", key="descending")
st.caption("300 territoires")
st.dataframe(table(), hide_index=True)
st.caption("Note")
st.subheader("Télécharger")
st.caption("Aide")
for n, column in enumerate(st.columns(3)):
    column.download_button(
        f"Fichier {{n}}", data=lambda: b"x", key=f"file-{{n}}", on_click="ignore"
    )
"""


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


def measure(url: str, size: Size, repeat: int, folder: Path) -> tuple[float, float]:
    """The page's median rerun over the bare page's, and the synthesis PDF's seconds."""
    referentiel = load_referentiel(ROOT / "data")
    territories = official_territories()
    repository = open_repository(url)
    start = time.perf_counter()
    keys = seed(repository._engine, referentiel, territories, size)
    print(f"  seeded {len(keys)} territories in {time.perf_counter() - start:.1f} s")
    if not has_figures_table():
        print("  no figures table in this schema: the figures per territory are left out")
    os.environ["DIAGNOSTIC_DATABASE_URL"] = url
    repository_for.cache_clear()
    repository_at.cache_clear()
    page.is_local_request = lambda: True  # the person at the machine
    today = dt.date.today()
    start = time.perf_counter()
    data = repository.load_portfolio(referentiel, territories, None)
    loaded = time.perf_counter() - start
    rows = build_rows(referentiel, data, None, {}, today)
    built = time.perf_counter() - start - loaded
    print(f"  read {loaded * 1000:.0f} ms, rows built (batch scoring) {built * 1000:.0f} ms")
    pickle = folder / f"table-{abs(hash(url))}.pkl"
    table_frame(referentiel, rows, today, "fr").to_pickle(pickle)
    bare_path = folder / f"bare-{abs(hash(url))}.py"
    bare_path.write_text(BARE.format(path=str(pickle)), encoding="utf-8")
    app = AppTest.from_file(str(APP), default_timeout=120)
    first = time.perf_counter()
    app.run()
    app.switch_page(PAGE).run()
    cold = time.perf_counter() - first
    print(f"  first drawing of the page (rows built, then cached): {cold:.2f} s")
    assert not app.exception, app.exception
    assert len(app.dataframe[0].value) == len(keys)
    bare = AppTest.from_file(str(bare_path), default_timeout=120)
    times = rerun_times(
        (app, toggle(app, "portfolio-descending")),
        (bare, toggle(bare, "descending")),
        repeat=repeat,
    )
    page_time, bare_time = (statistics.median(spent) for spent in times)
    print(f"  page after one answer changed elsewhere: {after_a_change(app, repository):.2f} s")
    ratio = page_time / bare_time
    print(f"  page rerun median {page_time * 1000:.0f} ms, bare {bare_time * 1000:.0f} ms")
    synthesis = synthesise(referentiel, rows, None)
    heading = Heading("Auvergne-Rhône-Alpes", (), today)
    start = time.perf_counter()
    synthesis_pdf(referentiel, synthesis, heading)
    print(f"  first synthesis PDF of this process: {time.perf_counter() - start:.2f} s")
    pdf = best_of(3, lambda: synthesis_pdf(referentiel, synthesis, heading))
    total = best_of(
        3, lambda: synthesis_pdf(referentiel, synthesise(referentiel, rows, None), heading)
    )
    print(f"  synthesis PDF {pdf:.2f} s ({total:.2f} s with the synthesis)")
    close_repositories()
    return ratio, total


def main() -> None:
    quick = "--quick" in sys.argv[1:]
    repeat = 8 if quick else 25
    size = Size()
    results: list[tuple[str, float, float]] = []
    with tempfile.TemporaryDirectory() as folder:
        print(
            f"SQLite ({size.territories} territories, {size.diagnostics} diagnostics, "
            f"{size.workshops} workshops)"
        )
        url = f"sqlite:///{folder}/portfolio.sqlite3"
        results.append(("SQLite", *measure(url, size, repeat, Path(folder))))
        base = os.environ.get(POSTGRES_ENV)
        if base:
            print("PostgreSQL")
            with postgres_schema(base) as pg_url:
                results.append(("PostgreSQL", *measure(pg_url, size, repeat, Path(folder))))
        else:
            print(f"PostgreSQL skipped: {POSTGRES_ENV} is not set")
    for name, ratio, pdf in results:
        print(f"{name:<12} page/bare {ratio:.2f}   synthesis PDF {pdf:.2f} s")
    print(f"portfolio ratio to the bare page: {max(r for _, r, _ in results):.2f}")
    print(f"synthesis PDF: {max(p for _, _, p in results):.2f} s")


if __name__ == "__main__":
    main()
