"""What the région's map shows for each territory of the portfolio: its diagnosis status, or
its need for one lever (pure; the map itself is drawn by export.maps)."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence

from ..model import LeverId
from .table import PortfolioRow

RECENT_DAYS = 365  # « moins de 12 mois »


def regions_of(rows: Iterable[PortfolioRow]) -> list[str]:
    """The régions of the rows, the one with most territories first, then by code."""
    counts: dict[str, int] = {}
    for row in rows:
        if row.facts.region:
            counts[row.facts.region] = counts.get(row.facts.region, 0) + 1
    return sorted(counts, key=lambda region: (-counts[region], region))


def status_values(
    rows: Sequence[PortfolioRow], region: str, never: Collection[str] = ()
) -> dict[str, str]:
    """Per territory key of ``region``: « recent » (diagnosed within twelve months), « older »,
    or « never »; ``never`` names the territories known to have no diagnosis at all (only
    said of territories the visitor could see diagnosed, never guessed)."""
    values = dict.fromkeys(never, "never")
    for row in rows:
        if row.facts.region != region:
            continue
        if row.age_days is None:
            values[row.key] = "never"
        else:
            values[row.key] = "recent" if row.age_days <= RECENT_DAYS else "older"
    return values


def need_values(rows: Sequence[PortfolioRow], region: str, lever: LeverId) -> dict[str, float]:
    """Per territory key of ``region`` whose last diagnosis bears on ``lever``: its need figure."""
    values: dict[str, float] = {}
    for row in rows:
        if row.facts.region != region or row.reading is None:
            continue
        score = row.reading.scores.get(lever)
        if score is not None:
            values[row.key] = round(score)
    return values
