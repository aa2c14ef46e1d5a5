"""Where a feuille de route stands on a day: counts by status, late, next quarters, no target."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from diagnostic.model import STATUSES, PlanAction, Quarter
from diagnostic.plan.outlook import outlook

TODAY = dt.date(2026, 11, 27)  # in 2026-Q4
ADDED = dt.date(2026, 1, 5)


def line(entry: str, status: str = "a_lancer", quarter: Quarter | None = None) -> PlanAction:
    return PlanAction(entry, f"Action {entry}", ADDED, quarter=quarter, status=status)  # type: ignore[arg-type]


def test_open_actions_are_late_upcoming_later_or_unscheduled() -> None:
    plan = (
        line("a", "en_cours", Quarter(2026, 3)),  # ended 30 September: late
        line("b", "fait", Quarter(2026, 2)),  # done: never late
        line("c", "a_lancer", Quarter(2026, 4)),  # this quarter
        line("d", "en_cours", Quarter(2027, 2)),
        line("e", "a_lancer", Quarter(2026, 4)),
        line("f", "a_lancer", Quarter(2028, 1)),  # beyond the next two target quarters
        line("g", "abandonne", Quarter(2027, 1)),
        line("h", "a_lancer"),
    )
    seen = outlook(plan, TODAY)
    assert seen.counts == {"a_lancer": 4, "en_cours": 2, "fait": 1, "abandonne": 1}
    assert seen.open_count == 6
    assert [a.id for a in seen.late] == ["a"]
    assert [(q, [a.id for a in actions]) for q, actions in seen.upcoming] == [
        (Quarter(2026, 4), ["c", "e"]),
        (Quarter(2027, 2), ["d"]),
    ]
    assert seen.later == 1
    assert [a.id for a in seen.unscheduled] == ["h"]


def test_an_empty_plan_has_nothing_anywhere() -> None:
    seen = outlook((), TODAY)
    assert seen.counts == dict.fromkeys(STATUSES, 0)
    assert (seen.late, seen.upcoming, seen.later, seen.unscheduled) == ((), (), 0, ())


QUARTERS = st.builds(Quarter, st.integers(2025, 2028), st.integers(1, 4))
LINES = st.lists(st.tuples(st.sampled_from(STATUSES), st.none() | QUARTERS), max_size=20).map(
    lambda pairs: tuple(line(str(n), s, q) for n, (s, q) in enumerate(pairs))
)


@given(LINES, st.dates(dt.date(2025, 1, 1), dt.date(2029, 1, 1)))
def test_every_open_action_is_in_exactly_one_place(
    plan: tuple[PlanAction, ...], day: dt.date
) -> None:
    seen = outlook(plan, day)
    placed = [a.id for a in seen.late] + [a.id for a in seen.unscheduled]
    placed += [a.id for _, actions in seen.upcoming for a in actions]
    assert len(placed) == len(set(placed))
    assert len(placed) + seen.later == seen.open_count
    assert sum(seen.counts.values()) == len(plan)
    quarters = [q for q, _ in seen.upcoming]
    assert quarters == sorted(quarters) and len(quarters) <= 2
    assert all(q.last_day >= day for q in quarters)
