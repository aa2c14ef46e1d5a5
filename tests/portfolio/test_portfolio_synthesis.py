"""The regional synthesis: distributions, tallies, masking under three territories, names."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st
from portfolio_support import TODAY, action, data, facts, sheet, shipped

from diagnostic.model import UNKNOWN, Quarter
from diagnostic.portfolio.synthesis import MIN_TERRITORIES, synthesise
from diagnostic.portfolio.table import build_rows

LEVELS = (0, 4, UNKNOWN)


def rows_of(count: int, levels: tuple = LEVELS) -> list:
    territories = [facts(f"2000000{n:02d}", f"Territoire {n:02d}") for n in range(count)]
    plan = (action("a", "en_cours", Quarter(2026, 1)), action("b", "fait", None))
    diagnosed = {
        item.key: (dt.date(2026, 5, 1), "alone", sheet(levels[n % len(levels)], plan))
        for n, item in enumerate(territories)
    }
    return build_rows(shipped(), data(territories, diagnosed), None, {}, TODAY)


def test_needs_are_counted_per_band_over_every_diagnosed_territory() -> None:
    synthesis = synthesise(shipped(), rows_of(6), None)
    assert synthesis.territories == synthesis.diagnosed == 6
    for figure in synthesis.needs.values():
        assert figure.counts is not None
        assert sum(figure.counts.values()) == 6
        assert set(figure.counts) == {"fort", "moyen", "faible", "none"}


def test_unknown_answers_and_plans_are_tallied() -> None:
    synthesis = synthesise(shipped(), rows_of(6), None)
    assert synthesis.unknown.counts is not None
    # two of the six answered « je ne sais pas » everywhere
    assert set(synthesis.unknown.counts.values()) == {2}
    assert synthesis.plan_statuses.counts == {
        "a_lancer": 0,
        "en_cours": 6,
        "fait": 6,
        "abandonne": 0,
    }
    assert synthesis.late.counts == {"late": 6}
    assert synthesis.first_actions.counts


def test_under_three_territories_every_figure_is_masked() -> None:
    synthesis = synthesise(shipped(), rows_of(2), None)
    assert synthesis.diagnosed == 2
    assert all(figure.masked for figure in synthesis.needs.values())
    for figure in (synthesis.first_actions, synthesis.unknown, synthesis.declined):
        assert figure.masked and figure.base == 2
    assert synthesis.plan_statuses.masked and synthesis.late.masked


def test_only_visible_territories_are_counted_and_named() -> None:
    rows = rows_of(5)
    visible = {rows[0].key, rows[1].key, rows[2].key}
    synthesis = synthesise(shipped(), rows, visible)
    assert synthesis.territories == 3
    assert synthesis.names == tuple(row.facts.name for row in rows[:3])
    hidden = synthesise(shipped(), rows, {rows[0].key, rows[1].key})
    assert hidden.needs and all(f.masked for f in hidden.needs.values())


@settings(max_examples=25, deadline=None)
@given(st.integers(min_value=0, max_value=7))
def test_a_figure_is_shown_exactly_when_three_territories_or_more_are_behind_it(count: int) -> None:
    synthesis = synthesise(shipped(), rows_of(count), None)
    figures = [*synthesis.needs.values(), synthesis.first_actions, synthesis.unknown]
    for figure in figures:
        assert figure.masked == (figure.base < MIN_TERRITORIES)
        assert figure.base == count
