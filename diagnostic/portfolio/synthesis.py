"""The regional synthesis: what the visible territories' latest diagnoses say, put together.

Every figure is computed over a number of territories (its base); a figure whose base is
under ``MIN_TERRITORIES`` is masked (None), so that no single territory can be read off it.
Only territories in the visible (shared) set are counted or named.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from ..advice.recommend import NeedWord
from ..model import STATUSES, LeverId, Referentiel
from .table import PortfolioRow

MIN_TERRITORIES = 3
TOP_ITEMS = 10
NeedBand = Literal["fort", "moyen", "faible", "none"]
NEED_BANDS: tuple[NeedBand, ...] = ("fort", "moyen", "faible", "none")


@dataclass(frozen=True)
class Figure:
    """Counts over ``base`` territories; ``counts`` is None when the base is under three."""

    base: int
    counts: Mapping[str, int] | None

    @property
    def masked(self) -> bool:
        return self.counts is None


@dataclass(frozen=True)
class Synthesis:
    """The synthesis of a set of territories (the portfolio's filters applied)."""

    territories: int  # visible territories in the set
    diagnosed: int  # of which with a diagnosis
    names: tuple[str, ...]  # the visible territories counted, by name
    needs: Mapping[LeverId, Figure]  # per lever: territories per need band
    first_actions: Figure  # action id -> territories to which it is proposed first
    unknown: Figure  # question id -> territories answering « je ne sais pas »
    declined: Figure  # question id -> territories answering « non pertinent »
    plan_statuses: Figure  # status -> actions, over the territories with a plan
    late: Figure  # "late" -> territories with late actions, over those with a plan


def figure(base: int, counts: Mapping[str, int]) -> Figure:
    """A figure, masked when computed over fewer than three territories."""
    return Figure(base, dict(counts) if base >= MIN_TERRITORIES else None)


def most_frequent(items: Iterable[str], top: int = TOP_ITEMS) -> dict[str, int]:
    """The ``top`` most frequent items with their counts, ties in first-seen order."""
    return dict(Counter(items).most_common(top))


def synthesise(
    referentiel: Referentiel, rows: Sequence[PortfolioRow], visible: Collection[str] | None
) -> Synthesis:
    """The synthesis of ``rows`` restricted to ``visible`` keys (None: every row is visible)."""
    shown = [row for row in rows if visible is None or row.key in visible]
    read = [row.reading for row in shown if row.reading is not None]
    planned = [row for row in shown if row.plan.total]
    return Synthesis(
        territories=len(shown),
        diagnosed=len(read),
        names=tuple(sorted((row.facts.name for row in shown), key=str.casefold)),
        needs={
            lever.id: figure(len(read), _bands(r.needs.get(lever.id) for r in read))
            for lever in referentiel.levers
        },
        first_actions=figure(len(read), most_frequent(a for r in read for a in r.first_actions)),
        unknown=figure(len(read), most_frequent(q for r in read for q in r.unknown)),
        declined=figure(len(read), most_frequent(q for r in read for q in r.declined)),
        plan_statuses=figure(len(planned), _statuses(planned)),
        late=figure(len(planned), {"late": sum(row.plan.late > 0 for row in planned)}),
    )


def _bands(needs: Iterable[NeedWord | None]) -> dict[str, int]:
    counts: dict[str, int] = dict.fromkeys(NEED_BANDS, 0)
    for need in needs:
        counts[need or "none"] += 1
    return counts


def _statuses(rows: Sequence[PortfolioRow]) -> dict[str, int]:
    counts: dict[str, int] = dict.fromkeys(STATUSES, 0)
    for row in rows:
        for status, count in row.plan.counts.items():
            counts[status] += count
    return counts
