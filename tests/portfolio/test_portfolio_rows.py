"""The portfolio rows, filters, search and sort, from plain data."""

from __future__ import annotations

import datetime as dt

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from portfolio_support import TODAY, action, data, facts, sheet, shipped

from diagnostic.advice.recommend import recommend
from diagnostic.advice.scoring import score_sheet
from diagnostic.model import (
    DECLINED,
    UNKNOWN,
    Answer,
    AnswerSheet,
    Quarter,
    QuestionId,
    TerritoryProfile,
)
from diagnostic.portfolio.readings import ReadingMemo, read_sheets
from diagnostic.portfolio.table import (
    Filters,
    build_rows,
    filter_rows,
    keep,
    plan_progress,
    sort_rows,
    stale_before,
)

LATE = action("a", "en_cours", Quarter(2026, 2))
AHEAD = action("b", "a_lancer", Quarter(2027, 3))
SOON = action("c", "a_lancer", Quarter(2027, 1))
DONE_LATE = action("d", "fait", Quarter(2025, 1))


def portfolio() -> list:
    territories = [
        facts("200000001", "Saint-Étienne Métropole", "42", "metropole"),
        facts("200000002", "Lyon", "69"),
        facts("200000003", "Annecy", "74"),
        facts("200000004", "Bourg-en-Bresse", "01", "ca"),
    ]
    diagnosed = {
        "200000001": (dt.date(2026, 10, 1), "workshop", sheet(0, (LATE, AHEAD, SOON, DONE_LATE))),
        "200000002": (dt.date(2025, 11, 1), "alone", sheet(4)),
        "200000003": (dt.date(2026, 1, 15), "alone", sheet(UNKNOWN)),
    }
    return build_rows(
        shipped(), data(territories, diagnosed, {"200000001": 2}), None, {"200000002": True}, TODAY
    )


def test_a_row_says_what_the_results_page_says() -> None:
    referentiel = shipped()
    rows = {row.key: row for row in portfolio()}
    metropole = rows["200000001"]
    expected = recommend(referentiel, sheet(0), score_sheet(referentiel, sheet(0)))
    assert [need.lever for need in metropole.levers] == [r.lever.id for r in expected]
    assert [need.need for need in metropole.levers] == [r.need for r in expected]
    assert metropole.reading is not None
    assert metropole.reading.first_actions == tuple(r.actions[0].id for r in expected if r.actions)
    assert metropole.mode == "workshop" and metropole.workshops == 2
    assert metropole.age_days == (TODAY - dt.date(2026, 10, 1)).days
    assert rows["200000002"].figures and not metropole.figures


def test_batch_reading_matches_one_by_one_scoring() -> None:
    referentiel = shipped()
    sheets = [sheet(0), sheet(4), sheet(UNKNOWN)]
    for reading, one in zip(read_sheets(referentiel, sheets), sheets, strict=True):
        scores = score_sheet(referentiel, one)
        assert reading.unknown == scores.knowledge_gaps
        top = recommend(referentiel, one, scores)
        assert [(n.lever, n.need) for n in reading.levers] == [(r.lever.id, r.need) for r in top]


def test_plan_progress_counts_statuses_next_target_and_late_actions() -> None:
    rows = {row.key: row for row in portfolio()}
    plan = rows["200000001"].plan
    assert plan.counts == {"a_lancer": 2, "en_cours": 1, "fait": 1, "abandonne": 0}
    assert plan.next_quarter == Quarter(2027, 1)
    assert plan.late == 1  # a done action past its quarter is not late
    assert plan_progress(None, TODAY).total == 0


def test_a_territory_never_diagnosed_has_a_row_without_diagnosis() -> None:
    never = {row.key: row for row in portfolio()}["200000004"]
    assert never.last_day is None and never.mode is None and never.levers == ()


def test_filters_by_departement_type_need_stale_and_late() -> None:
    rows = portfolio()

    def kept(**values: object) -> set[str]:
        return {row.facts.name for row in filter_rows(rows, Filters(**values), TODAY)}

    assert kept(departements=frozenset({"69", "74"})) == {"Lyon", "Annecy"}
    assert kept(types=frozenset({"metropole"})) == {"Saint-Étienne Métropole"}
    assert kept(stale=True) == {"Lyon", "Bourg-en-Bresse"}
    assert kept(late=True) == {"Saint-Étienne Métropole"}
    lever = next(iter(shipped().levers)).id
    metropole = next(r for r in rows if r.key == "200000001")
    assert metropole.reading is not None
    word = metropole.reading.needs[lever]
    assert word is not None
    assert "Saint-Étienne Métropole" in kept(needs={lever: frozenset({word})})
    assert "Bourg-en-Bresse" not in kept(needs={lever: frozenset({word})})


def test_search_ignores_accents_case_and_hyphens_and_finds_a_siren() -> None:
    rows = portfolio()
    assert [r.facts.name for r in filter_rows(rows, Filters(search="saint etienne"), TODAY)] == [
        "Saint-Étienne Métropole"
    ]
    assert [r.key for r in filter_rows(rows, Filters(search="200000003"), TODAY)] == ["200000003"]
    assert filter_rows(rows, Filters(search="Marseille"), TODAY) == []


def test_sort_puts_missing_values_last() -> None:
    rows = portfolio()
    newest = sort_rows(rows, "last_day", descending=True)
    assert [r.facts.name for r in newest] == [
        "Saint-Étienne Métropole",
        "Annecy",
        "Lyon",
        "Bourg-en-Bresse",
    ]
    assert sort_rows(rows, "name")[0].facts.name == "Annecy"


def test_twelve_months_before_a_29_february() -> None:
    assert stale_before(dt.date(2028, 2, 29)) == dt.date(2027, 2, 28)
    assert stale_before(dt.date(2026, 12, 6)) == dt.date(2025, 12, 6)


@settings(max_examples=60, deadline=None)
@given(
    departements=st.frozensets(st.sampled_from(["01", "42", "69", "74", "75"])),
    stale=st.booleans(),
    late=st.booleans(),
    search=st.sampled_from(["", "lyon", "saint", "an", "200000004", "zz"]),
)
def test_filtering_keeps_exactly_the_rows_that_pass_each_filter(
    departements: frozenset[str], stale: bool, late: bool, search: str
) -> None:
    rows = portfolio()
    filters = Filters(departements=departements, stale=stale, late=late, search=search)
    kept = filter_rows(rows, filters, TODAY)
    assert kept == [row for row in rows if keep(row, filters, TODAY)]
    both = filter_rows(kept, Filters(departements=departements), TODAY)
    assert both == kept  # filtering again changes nothing
    for row in kept:
        assert not departements or row.facts.departement in departements
        assert not late or row.plan.late > 0


@settings(max_examples=30, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=2**32 - 1), min_size=1, max_size=6))
def test_a_batch_of_random_sheets_reads_as_each_results_page(seeds: list[int]) -> None:
    referentiel = shipped()
    sheets = [sheet_from_seed(seed) for seed in seeds]
    for reading, one in zip(read_sheets(referentiel, sheets), sheets, strict=True):
        scores = score_sheet(referentiel, one)
        top = recommend(referentiel, one, scores)
        assert [n.lever for n in reading.levers] == [r.lever.id for r in top]
        assert reading.first_actions == tuple(r.actions[0].id for r in top if r.actions)
        assert reading.declined == scores.declined


def sheet_from_seed(seed: int) -> AnswerSheet:
    """Random answers (levels, « je ne sais pas », « non pertinent », blanks) from a seed."""
    rng = np.random.default_rng(seed)
    answers: dict[QuestionId, Answer] = {}
    for question in shipped().questions:
        scale = shipped().scale(question.scale)
        draw = rng.random()
        if draw < 0.1:
            continue
        if draw < 0.2:
            answers[question.id] = UNKNOWN
        elif draw < 0.25:
            answers[question.id] = DECLINED
        else:
            answers[question.id] = int(rng.integers(scale.min, scale.max + 1))
    return AnswerSheet(TerritoryProfile("x", "cc", population=20_000), answers)


def test_a_memo_scores_only_the_sheets_it_has_not_read() -> None:
    referentiel = shipped()
    memo = ReadingMemo()
    first = read_sheets(referentiel, [sheet(0), sheet(4)], memo)
    assert read_sheets(referentiel, [sheet(4), sheet(0)], memo) == [first[1], first[0]]
    changed = sheet(UNKNOWN)
    again = read_sheets(referentiel, [sheet(0), changed], memo)
    assert again[0] is first[0]
    assert again[1] == read_sheets(referentiel, [changed])[0]
