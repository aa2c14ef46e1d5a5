"""Server-side time of one app rerun, against bare Streamlit pages with the same widgets.

Runs the real app with AppTest on a temporary SQLite database holding a complete
diagnostic, then generated bare pages with exactly the same number of widgets of each
kind, all in this process. Prints figures; asserts nothing.
Run: ``python benchmarks/bench_app.py [repeat]``. Targets: step <= 1.5x, results <= 3x.
The results page's drawing is cached per set of answers; its first drawing is timed too.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import plotly.io

from diagnostic.advice.scoring import score_answers
from diagnostic.export import charts
from diagnostic.model import UNKNOWN, QuestionId, TerritoryProfile
from diagnostic.referentiel.load import load_referentiel
from diagnostic.storage import open_repository

ROOT = Path(__file__).resolve().parents[1]
WIDGET_KINDS = (
    "radio",
    "selectbox",
    "text_area",
    "text_input",
    "checkbox",
    "button",
    "download_button",
    "file_uploader",
)
WARM_UP = 3


Setup = Callable[[], object]


def rerun_times(*apps: tuple[Any, Setup | None], repeat: int) -> list[list[float]]:
    """Seconds taken by ``repeat`` reruns of each app, after a warm-up.

    Each app comes with an optional setup called (untimed) before each of its reruns.
    The apps take turns, one rerun each, so that a slow patch of the machine (two
    cores, other processes) weighs on all of them alike.
    """
    for at, _ in apps:
        for _ in range(WARM_UP):
            at.run()
    times: list[list[float]] = [[] for _ in apps]
    for _ in range(repeat):
        for (at, setup), spent in zip(apps, times, strict=True):
            if setup is not None:
                setup()
            start = time.perf_counter()
            at.run()
            spent.append(time.perf_counter() - start)
    for at, _ in apps:
        assert not at.exception, at.exception
    return times


def toggling(at: Any, key: str, values: tuple[object, object]) -> Setup:
    """A setup that changes a radio's value before each rerun (a user's click)."""
    turn = iter(range(1_000_000))

    def setup() -> None:
        at.radio(key=key).set_value(values[next(turn) % 2])

    return setup


def widget_counts(at: object) -> Counter[str]:
    """How many widgets of each kind the page shows (main area and sidebar)."""
    return Counter({kind: len(at.get(kind)) for kind in WIDGET_KINDS})  # type: ignore[attr-defined]


def bare_script(counts: Counter[str], figures: Path | None = None, tables: int = 0) -> str:
    """A page with only ``counts`` widgets (and, if given, the same charts and tables)."""
    lines = ["import streamlit as st", "import pandas as pd", "import plotly.io"]
    for kind, count in counts.items():
        for n in range(count):
            lines.append(_bare_widget(kind, n))
    if figures is not None:
        lines += [
            "@st.cache_resource",
            "def figures():",
            f"    text = open({str(figures)!r}).read()",
            "    return [plotly.io.from_json(part) for part in text.split('\\0')]",
            "for n, fig in enumerate(figures()):",
            "    st.plotly_chart(fig, key=f'chart-{n}')",
        ]
    for n in range(tables):
        lines.append(f"st.table(pd.DataFrame({{'n': [{n}] * 7, 'label': ['texte'] * 7}}))")
    return "\n".join(lines)


def _bare_widget(kind: str, n: int) -> str:
    key = f"key='{kind}-{n}'"
    return {
        "radio": f"st.radio('Question {n}', [0, 1, 2, 3, 'unknown'], index=None, {key})",
        "selectbox": f"st.selectbox('Choix {n}', list(range(9)), {key})",
        "text_area": f"st.text_area('Commentaire {n}', {key})",
        "text_input": f"st.text_input('Champ {n}', {key})",
        "checkbox": f"st.checkbox('Case {n}', {key})",
        "button": f"st.button('Bouton {n}', {key})",
        "download_button": f"st.download_button('Fichier {n}', data=b'x', {key})",
        "file_uploader": f"st.file_uploader('Fichier {n}', {key})",
    }[kind]


def complete_diagnostic(database_url: str) -> str:
    """A diagnostic with a profile and every question answered; returns its token."""
    referentiel = load_referentiel(ROOT / "data")
    repository = open_repository(database_url)
    record = repository.create_diagnostic(TerritoryProfile("Communauté de communes", "cc"))
    for index, question in enumerate(referentiel.questions):
        values = referentiel.scale(question.scale).values()
        answer = UNKNOWN if index % 4 == 3 else values[index % len(values)]
        repository.save_answer(record.token, QuestionId(question.id), answer)
    return record.token


def figure_file(folder: Path, token: str, database_url: str) -> Path:
    """The results page's three figures as plotly JSON, for the bare comparison page."""
    referentiel = load_referentiel(ROOT / "data")
    scores = score_answers(referentiel, open_repository(database_url).load_sheet(token).answers)
    figures = [
        charts.radar_figure(charts.motivation_table(referentiel, scores, "fr"), "fr"),
        charts.lever_figure(charts.lever_table(referentiel, scores, "fr"), "fr"),
        charts.source_figure(charts.source_table(referentiel, scores, "fr"), "fr"),
    ]
    path = folder / "figures.json"
    path.write_text("\0".join(plotly.io.to_json(f) for f in figures), encoding="utf-8")
    return path


def report(name: str, times: list[float], baseline: list[float] | None = None) -> None:
    best, median = min(times), statistics.median(times)
    line = f"{name:<54} best {best * 1000:6.1f} ms  median {median * 1000:6.1f} ms"
    if baseline is not None:
        ratio_best = best / min(baseline)
        ratio_median = median / statistics.median(baseline)
        line += f"  ratio {ratio_best:4.2f} (median {ratio_median:4.2f})"
    print(line)


def main(repeat: int = 50) -> None:
    from streamlit.testing.v1 import AppTest

    from diagnostic.ui.views.resultats import drawn_results

    referentiel = load_referentiel(ROOT / "data")
    asked = referentiel.questions_of(referentiel.motivations[0].id)[0].id
    with tempfile.TemporaryDirectory() as folder:
        database_url = f"sqlite:///{folder}/bench.sqlite3"
        os.environ["DIAGNOSTIC_DATABASE_URL"] = database_url
        token = complete_diagnostic(database_url)

        step = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        step.query_params.update({"d": token, "step": "1"})
        step.run().switch_page("diagnostic/ui/pages/diagnostic.py").run()
        step_counts = widget_counts(step)
        bare_step = AppTest.from_string(bare_script(step_counts), default_timeout=60)
        step_times, bare_step_times = rerun_times((step, None), (bare_step, None), repeat=repeat)
        click_times, bare_click_times = rerun_times(
            (step, toggling(step, f"answer-{asked}", (1, 2))),
            (bare_step, toggling(bare_step, "radio-0", (1, 2))),
            repeat=repeat,
        )

        results = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        results.query_params["d"] = token
        results.run().switch_page("diagnostic/ui/pages/resultats.py").run()
        results_counts = widget_counts(results)
        charts_shown, tables_shown = len(results.get("plotly_chart")), len(results.table)
        bare_results = AppTest.from_string(bare_script(results_counts), default_timeout=60)
        figures = figure_file(Path(folder), token, database_url)
        rich = bare_script(results_counts, figures, tables_shown)
        bare_rich = AppTest.from_string(rich, default_timeout=60)
        results_times, bare_results_times, bare_rich_times, cold_times = rerun_times(
            (results, None),
            (bare_results, None),
            (bare_rich, None),
            (results, drawn_results.clear),
            repeat=repeat,
        )

    print(f"reruns: best and median of {repeat}, after {WARM_UP} warm-up runs (AppTest)")
    print(f"questionnaire step widgets: {dict(step_counts)}")
    print(f"results page widgets: {dict(results_counts)}")
    print(f"results page charts: {charts_shown}, tables: {tables_shown}")
    print()
    report("bare page, same widgets as a questionnaire step", bare_step_times)
    report("questionnaire step (6 questions), plain rerun", step_times, bare_step_times)
    print("  target: <= 1.5")
    report("bare page, after a click on a radio", bare_click_times)
    report("questionnaire step, after an answer (saved to SQLite)", click_times, bare_click_times)
    print()
    report("bare page, same widgets as the results page", bare_results_times)
    report("results page, rerun", results_times, bare_results_times)
    print("  target: <= 3")
    report("bare page, same widgets + the same charts and tables", bare_rich_times)
    report("results page, rerun", results_times, bare_rich_times)
    report("results page, first drawing (nothing cached)", cold_times, bare_rich_times)
    print(
        "  The results page draws 3 charts and 3 tables; a bare page of 6 buttons draws\n"
        "  nothing, so the second baseline, with the same charts and tables, says what\n"
        "  the app's own work (scores, recommendations, texts) costs on top of drawing."
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50)
