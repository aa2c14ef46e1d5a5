"""Two diagnostics of one territory, any two the format allows: every command and builder
runs, and every figure the comparison shows is the one ``score`` gives for that file.

Levels, « je ne sais pas », « non pertinent », rankings, comments, plans, files of the
référentiel 2026.1 (carried over by data/correspondances/) and 2026.2, a later file
carrying the earlier one under ``previous``: the journey of a territory over a year.
"""

from __future__ import annotations

import contextlib
import io
import json
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from pypdf import PdfReader
from test_answers_properties import SHIPPED, WORDS, answers, plan_lines, territories

from diagnostic.cli import main
from diagnostic.export.jsonio import from_json
from diagnostic.model import DECLINED, UNKNOWN, TerritoryProfile
from diagnostic.plan.compare import comparison_of
from diagnostic.portfolio.readings import read_sheets
from diagnostic.settings import Settings
from diagnostic.storage import Repository, close_repositories, open_repository
from diagnostic.ui.state import Context
from diagnostic.ui.workshop.participation import Participation

JOURNEYS = settings(
    max_examples=5,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
OLD = "2026.1"
MOVES = SHIPPED.upgrades[OLD].moves
MOTIVATIONS = [m.id for m in SHIPPED.motivations]


def old_values(old: str) -> list[Any]:
    """The answers an old question could hold that its new questions all accept."""
    targets = [SHIPPED.question(new) for new in MOVES[old].new]  # type: ignore[index]
    if not targets:  # a question taken out: its answer is dropped, whatever it was
        return [0, 1, 2, UNKNOWN]
    levels = set.intersection(*(set(SHIPPED.scale(q.scale).values()) for q in targets))
    declinable = all(q.declinable for q in targets)
    return [*sorted(levels), UNKNOWN, *([DECLINED] * declinable)]


@st.composite
def old_answers(draw: st.DrawFn) -> dict[str, Any]:
    """Answers given with the référentiel 2026.1, keyed by its question ids."""
    chosen = draw(st.lists(st.sampled_from(sorted(MOVES)), unique=True))
    return {old: draw(st.sampled_from(old_values(old))) for old in chosen}


@st.composite
def diagnostic_files(draw: st.DrawFn, territory: dict[str, Any]) -> dict[str, Any]:
    """One answers file of ``territory``, of either référentiel version."""
    version = draw(st.sampled_from([SHIPPED.version, OLD]))
    given = draw(old_answers()) if version == OLD else draw(answers(SHIPPED))
    asked = [key for key, value in given.items() if value is not None]
    raw: dict[str, Any] = {
        "format": "diagnostic-ess-answers",
        "format_version": 1,
        "referentiel_version": version,
        "territory": territory,
        "priorities": draw(st.lists(st.sampled_from(MOTIVATIONS), unique=True, max_size=3)),
        "answers": given,
        "comments": draw(st.dictionaries(st.sampled_from(asked), WORDS)) if asked else {},
        "plan": draw(plan_lines(SHIPPED)),
    }
    return raw


@st.composite
def journeys(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, Any]]:
    """An earlier and a later file of one territory; the later one may carry the earlier."""
    territory = draw(territories())
    earlier = draw(diagnostic_files(territory))
    later = draw(diagnostic_files(territory))
    if draw(st.booleans()):
        carried = {k: v for k, v in earlier.items() if k not in ("format", "format_version")}
        later["previous"] = carried
    return earlier, later


def run(*args: str) -> tuple[int, str, str]:
    """The command line as a user runs it: exit code, standard output, standard error."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["--lang", "fr", *args])
    return code, out.getvalue(), err.getvalue()


def scored(path: Path) -> dict[str, Any]:
    code, out, err = run("score", str(path), "--format", "json")
    assert code == 0, err
    return dict(json.loads(out))


@pytest.fixture(scope="module")
def repository() -> Iterator[Repository]:
    """One database for the module's workshops (one workshop per example)."""
    with tempfile.TemporaryDirectory() as folder:
        yield open_repository(f"sqlite:///{folder}/journeys.sqlite3")
        close_repositories()


def bring_in(repository: Repository, data: bytes) -> None:
    """A participant brings the diagnostic into a workshop of its territory."""
    sheet = from_json(data, SHIPPED)
    workshop, _ = repository.create_workshop(TerritoryProfile("Atelier", "cc"))
    record = repository.join_workshop(workshop.code, "elu")
    ctx = Context("fr", Settings.from_env({}), SHIPPED, repository)
    participation = Participation(ctx, record.token, record, workshop)
    kept = participation.bring(sheet)
    brought = repository.load_sheet(record.token)
    assert kept == len(brought.answers)
    assert dict(brought.answers) == dict(sheet.answers)


def same_figure(shown: float | None, scored: float | None) -> None:
    if shown is None or scored is None:
        assert shown is scored is None
    else:
        assert shown == pytest.approx(scored, abs=0.011)


def check_figures(
    comparison: dict[str, Any], earlier: dict[str, Any], later: dict[str, Any]
) -> None:
    """Each figure of the comparison equals the one ``score`` gave for its own file."""
    for side, result in (("before", earlier), ("after", later)):
        levers = {lever["id"]: lever["score"] for lever in result["levers"]}
        for lever in comparison["levers"]:
            same_figure(lever["need"][side], levers[lever["id"]])
        motivations = {m["id"]: m for m in result["motivations"]}
        for m in comparison["motivations"]:
            same_figure(m["priority"][side], motivations[m["id"]]["priority"])
            same_figure(m["maturity"][side], motivations[m["id"]]["maturity"])


@JOURNEYS
@given(journeys())
def test_every_command_runs_and_the_comparison_shows_the_scores(
    repository: Repository, journey: tuple[dict[str, Any], dict[str, Any]]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        here = Path(folder)
        paths = []
        for name, raw in zip(("avant", "apres"), journey, strict=True):
            path = here / f"{name}.json"
            path.write_text(json.dumps(raw, ensure_ascii=False), "utf-8")
            paths.append(path)
            outputs = [here / f"{name}.{kind}" for kind in ("pdf", "csv", "l.csv", "xlsx", "json")]
            options = ("--pdf", "--csv", "--levers-csv", "--xlsx", "--json")
            pairs = [str(item) for pair in zip(options, outputs, strict=True) for item in pair]
            code, _, err = run("report", str(path), *pairs)
            assert code == 0, err
            assert all(output.stat().st_size > 0 for output in outputs)
            bring_in(repository, path.read_bytes())
        earlier, later = (scored(path) for path in paths)
        for first, second, before, after in (
            (paths[0], paths[1], earlier, later),
            (paths[1], paths[0], later, earlier),
        ):
            pdf, xlsx = here / "c.pdf", here / "c.xlsx"
            written = ("--pdf", str(pdf), "--xlsx", str(xlsx))
            code, text, err = run("compare", str(first), str(second), *written)
            assert code == 0, err
            assert text.strip()
            code, out, err = run("compare", str(first), str(second), "--format", "json")
            assert code == 0, err
            check_figures(json.loads(out), before, after)
            assert "Ce qui a bougé" in " ".join(
                page.extract_text() for page in PdfReader(io.BytesIO(pdf.read_bytes())).pages
            )
            assert load_workbook(io.BytesIO(xlsx.read_bytes())).sheetnames[0] == "Comparaison"
        # The portfolio reads both files in one batch, each as its own results page.
        sheets = [from_json(path.read_bytes(), SHIPPED) for path in paths]
        for reading, result in zip(read_sheets(SHIPPED, sheets), (earlier, later), strict=True):
            figures = {x["id"]: x["score"] for x in result["levers"]}
            for lever, need in reading.scores.items():
                if need is not None:
                    same_figure(need, figures[lever])
        carried = from_json(paths[1].read_bytes(), SHIPPED)
        if carried.previous is not None:  # the report's comparison section, as the app's
            comparison = comparison_of(SHIPPED, carried)
            assert comparison is not None
            before = {x["id"]: x["score"] for x in earlier["levers"]}
            after = {x["id"]: x["score"] for x in later["levers"]}
            for lever in comparison.levers:
                same_figure(lever.need.before, before[lever.id])
                same_figure(lever.need.after, after[lever.id])
