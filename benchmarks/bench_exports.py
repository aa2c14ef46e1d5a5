"""Export speed: PDF, XLSX and CSV of one diagnostic and of a 40-respondent batch; reading
an answers file (JSON) with its JSON Schema check and, as the baseline, without it.

Prints figures; asserts nothing. Run: ``python benchmarks/bench_exports.py [--no-browser]``.

The target is one PDF in under 0.25 s warm, at least 15 times faster than exporting the
same two charts through plotly + kaleido + Chromium. When kaleido is importable that
baseline is measured here; otherwise the script prints the figure measured on this
machine (about 4 s a figure) and, unless ``--no-browser``, also measures a proxy: the two
plotly figures printed to PDF by headless Chromium.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
from timing import best_of, random_answers

from diagnostic.advice.scoring import score_answers
from diagnostic.export.jsonio import from_json, parse_json, to_json
from diagnostic.export.pdf import to_pdf
from diagnostic.export.tabular import levers_csv, to_csv, to_xlsx
from diagnostic.model import (
    AnswerSheet,
    QuestionId,
    Referentiel,
    TerritoryProfile,
)
from diagnostic.plan.model import PlanAction, Quarter
from diagnostic.referentiel.load import load_referentiel
from diagnostic.schema import check_shape
from diagnostic.schema.answers import sheet_from_dict
from diagnostic.settings import Settings

TARGET_SECONDS = 0.25
TARGET_RATIO = 15.0
DOCUMENTED_SECONDS_PER_FIGURE = 4.0
BATCH = 40
CHROMIUM = "/usr/bin/chromium"
COMMENTS = (
    "Nous n’avons pas les chiffres de l’observatoire ; à demander à la CRESS.",
    "Marché de la piscine (1,2 M€) : un premier essai de clause sociale ?",
    "La recyclerie « Le Grenier » et l’épicerie solidaire fonctionnent bien.",
)


def synthetic_sheets(referentiel: Referentiel, count: int, seed: int = 11) -> list[AnswerSheet]:
    """``count`` different answer sheets: 5 % unanswered, 10 % « je ne sais pas », comments."""
    rng = np.random.default_rng(seed)
    sheets = []
    for index in range(count):
        answers = random_answers(referentiel, rng, unanswered=0.05, unknown=0.10)
        comments: dict[QuestionId, str] = {
            question: COMMENTS[int(rng.integers(len(COMMENTS)))]
            for question in answers
            if rng.random() < 0.1
        }
        profile = TerritoryProfile(
            f"Communauté de communes n° {index + 1} du Val d’Œuvre",
            "cc",
            respondent_role="agent",
            date=dt.date(2026, 11, 20),
        )
        sheets.append(AnswerSheet(profile, answers, comments, referentiel.version))
    return sheets


def plotly_figures(referentiel: Referentiel, sheet: AnswerSheet) -> list[Any]:
    """The report's two charts drawn with plotly, for the baseline."""
    import plotly.graph_objects as go

    scores = score_answers(referentiel, sheet.answers)
    labels = [referentiel.motivation(m.id).label.fr for m in scores.motivations]
    radar = go.Figure(
        [
            go.Scatterpolar(r=[m.priority or 0 for m in scores.motivations], theta=labels),
            go.Scatterpolar(r=[m.maturity or 0 for m in scores.motivations], theta=labels),
        ]
    )
    bars = go.Figure(
        go.Bar(
            x=[lever.score for lever in scores.levers],
            y=[referentiel.lever(lever.id).label.fr for lever in scores.levers],
            orientation="h",
        )
    )
    return [radar, bars]


def kaleido_seconds(figures: list[Any]) -> float | None:
    """Seconds to export the figures through kaleido, or None when kaleido is missing."""
    try:
        import kaleido  # noqa: F401
    except ImportError:
        return None
    start = time.perf_counter()
    for figure in figures:
        figure.to_image(format="pdf")
    return time.perf_counter() - start


def chromium_seconds(figures: list[Any]) -> float | None:
    """Seconds for headless Chromium to print each figure's HTML page to PDF (a proxy)."""
    if not Path(CHROMIUM).exists():
        return None
    folder = Path(tempfile.mkdtemp(prefix="bench-exports-"))
    try:
        start = time.perf_counter()
        for index, figure in enumerate(figures):
            page = folder / f"figure{index}.html"
            figure.write_html(str(page), include_plotlyjs=True)
            subprocess.run(
                [
                    CHROMIUM,
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-dev-shm-usage",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--no-first-run",
                    f"--user-data-dir={folder / 'profile'}",
                    "--virtual-time-budget=5000",
                    "--no-pdf-header-footer",
                    f"--print-to-pdf={folder / f'figure{index}.pdf'}",
                    page.as_uri(),
                ],
                check=True,
                capture_output=True,
                timeout=120,
            )
        return time.perf_counter() - start
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def plan_lines(referentiel: Referentiel, count: int) -> tuple[PlanAction, ...]:
    """``count`` plan lines, every field filled, cycling through the référentiel's actions."""
    actions = referentiel.actions
    return tuple(
        PlanAction(
            f"l{number}",
            actions[number % len(actions)].label.fr,
            dt.date(2026, 11, 20),
            actions[number % len(actions)].id,
            actions[number % len(actions)].lever,
            owner="Vice-présidente au développement économique",
            partners="CRESS, CNFPT",
            quarter=Quarter(2027, 1 + number % 4),
            note="Point d’étape au prochain conseil communautaire.",
        )
        for number in range(count)
    )


def first_check_ms() -> float:
    """In a fresh interpreter: the first schema check (import jsonschema, build the validator)."""
    probe = (
        "import time\n"
        "from diagnostic.schema.check import _validator\n"
        "start = time.perf_counter()\n"
        "_validator()\n"
        "print((time.perf_counter() - start) * 1000)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    return float(done.stdout) if done.returncode == 0 else float("nan")


def json_read(referentiel: Referentiel, sheet: AnswerSheet) -> None:
    """Read an answers file with the schema check (from_json) and without it, same run."""
    typical = dataclasses.replace(sheet, plan=plan_lines(referentiel, 8))
    largest = dataclasses.replace(typical, plan=plan_lines(referentiel, 100), previous=typical)
    print(f"{'answers file read':<34}{'size':>8}{'no schema':>12}{'schema':>10}{'check':>9}")
    for name, one in (("typical (8 actions)", typical), ("100 actions + previous", largest)):
        data = to_json(one, referentiel)
        raw = parse_json(data.decode("utf-8"))
        without = best_of(50, lambda d=data: sheet_from_dict(parse_json(d.decode()), referentiel))
        with_schema = best_of(50, lambda d=data: from_json(d, referentiel))
        check = best_of(50, lambda r=raw: check_shape(r, referentiel))
        print(
            f"{name:<34}{len(data) / 1000:>6.1f} kB{without * 1000:>9.2f} ms"
            f"{with_schema * 1000:>7.2f} ms{check * 1000:>6.2f} ms"
            f"  (+{(with_schema / without - 1) * 100:.0f} %)"
        )
    print(f"first check in a fresh process (import jsonschema, build): {first_check_ms():.0f} ms")


def main(browser: bool = True) -> None:
    referentiel = load_referentiel(Settings.from_env().referentiel_dir)
    sheets = synthetic_sheets(referentiel, BATCH)
    one = sheets[0]
    day = dt.date(2026, 11, 27)
    to_pdf(referentiel, one, generated_on=day)  # warm-up: fonts, styles, caches
    to_xlsx(referentiel, one)

    single = {
        "PDF": best_of(7, lambda: to_pdf(referentiel, one, generated_on=day)),
        "XLSX": best_of(7, lambda: to_xlsx(referentiel, one)),
        "CSV (answers)": best_of(7, lambda: to_csv(referentiel, one)),
        "CSV (levers)": best_of(7, lambda: levers_csv(referentiel, one)),
    }
    batch = {
        "PDF": best_of(2, lambda: [to_pdf(referentiel, s, generated_on=day) for s in sheets]),
        "XLSX": best_of(2, lambda: [to_xlsx(referentiel, s) for s in sheets]),
        "CSV (answers)": best_of(2, lambda: [to_csv(referentiel, s) for s in sheets]),
        "CSV (levers)": best_of(2, lambda: [levers_csv(referentiel, s) for s in sheets]),
    }
    size = len(to_pdf(referentiel, one, generated_on=day))
    print(f"référentiel {referentiel.version}: {len(referentiel.questions)} questions")
    print(f"{'export':<15}{'one (best of 7)':>18}{f'{BATCH} sheets':>16}{'per sheet':>12}")
    for name, seconds in single.items():
        total = batch[name]
        print(
            f"{name:<15}{seconds * 1000:>15.1f} ms{total:>14.2f} s{total / BATCH * 1000:>9.1f} ms"
        )
    pdf = single["PDF"]
    verdict = "met" if pdf < TARGET_SECONDS else "MISSED"
    print(f"one PDF: {pdf:.3f} s, {size / 1000:.0f} kB (target < {TARGET_SECONDS} s: {verdict})")

    figures = plotly_figures(referentiel, one)
    measured = kaleido_seconds(figures)
    if measured is not None:
        ratio = measured / pdf
        print(f"baseline plotly + kaleido, two figures, measured now: {measured:.2f} s")
    else:
        documented = DOCUMENTED_SECONDS_PER_FIGURE * len(figures)
        ratio = documented / pdf
        print(
            "baseline plotly + kaleido + Chromium: kaleido is not installed here, so the "
            f"figure measured on this machine is used: about {DOCUMENTED_SECONDS_PER_FIGURE:.0f} s "
            f"a figure, {documented:.0f} s for the two charts (documented, not measured now)"
        )
    verdict = "met" if ratio >= TARGET_RATIO else "MISSED"
    print(f"ratio baseline / one PDF: {ratio:.0f}x (target >= {TARGET_RATIO:.0f}x: {verdict})")
    proxy = chromium_seconds(figures) if browser and measured is None else None
    if proxy is not None:
        print(
            f"proxy measured now: the two plotly charts printed to PDF by headless Chromium: "
            f"{proxy:.2f} s, {proxy / pdf:.0f}x the whole report"
        )
    json_read(referentiel, one)


if __name__ == "__main__":
    main(browser="--no-browser" not in sys.argv[1:])
