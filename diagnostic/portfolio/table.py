"""The portfolio table: one row per territory the visitor may see, its filters, search and sort."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal, get_args

from ..advice.recommend import NeedWord
from ..model import OPEN_STATUSES, STATUSES, LeverId, Quarter, Referentiel, Status
from ..territory.official import normalise
from .readings import Diagnosis, LeverNeed, Mode, Reading, ReadingMemo, read_sheets

STALE_MONTHS = 12
SortKey = Literal["name", "departement", "population", "last_day", "late"]
SORT_KEYS: tuple[SortKey, ...] = get_args(SortKey)


@dataclass(frozen=True)
class TerritoryFacts:
    """A territory as the official data names it; ``key`` is its SIREN."""

    key: str
    name: str
    type: str  # a model.TerritoryType
    departement: str
    region: str
    population: int | None


@dataclass(frozen=True)
class PortfolioData:
    """What the rows are built from, as storage loads it for a set of territories."""

    territories: Mapping[str, TerritoryFacts]
    latest: Mapping[str, Diagnosis]  # the latest diagnosis of each territory that has one
    diagnoses: Mapping[str, int] = field(default_factory=dict)  # alone and workshops
    workshops: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class PlanProgress:
    """The feuille de route of the latest diagnosis: actions by status, next target, late."""

    counts: Mapping[Status, int]
    next_quarter: Quarter | None
    late: int

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class PortfolioRow:
    """One territory of the portfolio."""

    facts: TerritoryFacts
    last_day: dt.date | None
    age_days: int | None
    mode: Mode | None
    diagnoses: int
    workshops: int
    levers: tuple[LeverNeed, ...]
    reading: Reading | None
    plan: PlanProgress
    figures: bool
    folded_name: str = ""  # the name as search and sort compare it (see official.normalise)

    @property
    def key(self) -> str:
        return self.facts.key


@dataclass(frozen=True)
class Filters:
    """The portfolio's filters; an empty collection or False keeps every row."""

    departements: frozenset[str] = frozenset()
    types: frozenset[str] = frozenset()
    needs: Mapping[LeverId, frozenset[NeedWord]] = field(default_factory=dict)
    stale: bool = False  # no diagnosis, or none for more than twelve months
    late: bool = False  # a feuille de route with late actions
    search: str = ""


def plan_progress(diagnosis: Diagnosis | None, today: dt.date) -> PlanProgress:
    """Actions by status, the soonest target quarter still ahead, and the late actions."""
    plan = diagnosis.sheet.plan if diagnosis is not None else ()
    counts: dict[Status, int] = {status: 0 for status in STATUSES}
    for action in plan:
        counts[action.status] += 1
    now = Quarter.of(today)
    open_quarters = [a.quarter for a in plan if a.status in OPEN_STATUSES and a.quarter]
    ahead = [quarter for quarter in open_quarters if quarter >= now]
    late = sum(quarter.last_day < today for quarter in open_quarters)
    return PlanProgress(counts, min(ahead, default=None), late)


def stale_before(today: dt.date, months: int = STALE_MONTHS) -> dt.date:
    """The day ``months`` months before ``today`` (the 28th for a 29 February)."""
    year, month = divmod(today.year * 12 + today.month - 1 - months, 12)
    try:
        return today.replace(year=year, month=month + 1)
    except ValueError:
        return dt.date(year, month + 1, 28)


def build_rows(
    referentiel: Referentiel,
    data: PortfolioData,
    visible: Collection[str] | None,
    figures: Mapping[str, bool],
    today: dt.date,
    memo: ReadingMemo | None = None,
) -> list[PortfolioRow]:
    """The rows of the territories in ``visible`` (None: all of ``data``), by name; ``memo``
    keeps the readings of earlier builds."""
    keys = [key for key in data.territories if visible is None or key in visible]
    diagnosed = [key for key in keys if key in data.latest]
    readings = dict(
        zip(
            diagnosed,
            read_sheets(referentiel, [data.latest[k].sheet for k in diagnosed], memo),
            strict=True,
        )
    )
    rows = [
        _row(data, key, readings.get(key), bool(figures.get(key, False)), today) for key in keys
    ]
    return sort_rows(rows, "name")


def _row(
    data: PortfolioData, key: str, reading: Reading | None, figures: bool, today: dt.date
) -> PortfolioRow:
    diagnosis = data.latest.get(key)
    day = diagnosis.day if diagnosis is not None else None
    return PortfolioRow(
        facts=data.territories[key],
        last_day=day,
        age_days=(today - day).days if day is not None else None,
        mode=diagnosis.mode if diagnosis is not None else None,
        diagnoses=data.diagnoses.get(key, 0),
        workshops=data.workshops.get(key, 0),
        levers=reading.levers if reading is not None else (),
        reading=reading,
        plan=plan_progress(diagnosis, today),
        figures=figures,
        folded_name=normalise(data.territories[key].name),
    )


def keep(row: PortfolioRow, filters: Filters, today: dt.date) -> bool:
    """Whether a row passes every filter (``filter_rows`` checks many rows faster)."""
    return _keep(row, filters, stale_before(today), normalise(filters.search).split())


def _keep(row: PortfolioRow, filters: Filters, stale: dt.date, words: list[str]) -> bool:
    facts = row.facts
    if filters.departements and facts.departement not in filters.departements:
        return False
    if filters.types and facts.type not in filters.types:
        return False
    for lever, wanted in filters.needs.items():
        need = row.reading.needs.get(lever) if row.reading is not None else None
        if wanted and need not in wanted:
            return False
    if filters.stale and row.last_day is not None and row.last_day >= stale:
        return False
    if filters.late and row.plan.late == 0:
        return False
    return matches(row, filters.search, words)


def matches(row: PortfolioRow, query: str, words: list[str] | None = None) -> bool:
    """Whether each word of ``query`` starts a word of the name, or it is the SIREN or the dept."""
    words = normalise(query).split() if words is None else words
    if not words:
        return True
    compact = "".join(query.split())
    if compact in (row.facts.key, row.facts.departement):
        return True
    name = " " + (row.folded_name or normalise(row.facts.name))
    return all(f" {word}" in name for word in words)


def filter_rows(
    rows: Sequence[PortfolioRow], filters: Filters, today: dt.date
) -> list[PortfolioRow]:
    """The rows that pass the filters, in their order."""
    stale, words = stale_before(today), normalise(filters.search).split()
    return [row for row in rows if _keep(row, filters, stale, words)]


def sort_rows(
    rows: Sequence[PortfolioRow], by: SortKey, descending: bool = False
) -> list[PortfolioRow]:
    """Rows sorted on one column, missing values last, then by name."""
    value = {
        "name": lambda row: row.folded_name,
        "departement": lambda row: row.facts.departement,
        "population": lambda row: row.facts.population,
        "last_day": lambda row: row.last_day,
        "late": lambda row: row.plan.late,
    }[by]
    by_name = sorted(rows, key=lambda row: (row.folded_name, row.key))
    present = [row for row in by_name if value(row) is not None]
    missing = [row for row in by_name if value(row) is None]
    return sorted(present, key=value, reverse=descending) + missing
