"""The observatory half of the repository: import a figures file, read a territory's figures.

An import replaces, for each territory of the file, the years the file gives for it: every
figure of that territory and year goes, the file's come in, in one transaction. Other
years and other territories stay as they were.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, Row, and_, delete, func, select

from ..portfolio.figures import Figure
from . import queries
from .engine import reading, writing
from .tables import observatory_figures as figures_table

CHUNK = 500  # bound parameters per statement stay well under SQLite's limit


@dataclass(frozen=True)
class FiguresImport:
    """What an import did (or would do): figures written, figures they replace."""

    added: int
    replaced: int


def _years_by_territory(figures: Iterable[Figure]) -> dict[int, list[str]]:
    """The territories each year of the file is given for."""
    territories: dict[int, set[str]] = defaultdict(set)
    for figure in figures:
        territories[figure.year].add(figure.territory)
    return {year: sorted(codes) for year, codes in territories.items()}


def _chunks(codes: list[str]) -> Iterable[list[str]]:
    return (codes[start : start + CHUNK] for start in range(0, len(codes), CHUNK))


def _replaced(connection: Connection, figures: Sequence[Figure]) -> int:
    """How many saved figures the file's territories and years hold."""
    count = 0
    for year, codes in _years_by_territory(figures).items():
        for chunk in _chunks(codes):
            query = select(func.count()).where(
                and_(figures_table.c.year == year, figures_table.c.territory.in_(chunk))
            )
            count += connection.execute(query).scalar_one()
    return count


def _figure(row: Row[Any]) -> Figure:
    return Figure(row.territory, row.indicator, row.family, row.year, float(row.value), row.source)


class FiguresMethods:
    """The observatory's figures of communes and EPCI, as CRESS load them."""

    _engine: Engine

    def figures_replaced(self, figures: Sequence[Figure]) -> FiguresImport:
        """What importing ``figures`` would do, nothing written."""
        with reading(self._engine) as connection:
            return FiguresImport(len(figures), _replaced(connection, figures))

    def import_figures(self, figures: Sequence[Figure]) -> FiguresImport:
        """Replace the file's territories' years by its figures, all or nothing."""
        now = queries.utcnow()
        rows = [
            {
                "territory": figure.territory,
                "indicator": figure.indicator,
                "family": figure.family,
                "year": figure.year,
                "value": figure.value,
                "source": figure.source,
                "imported_at": now,
            }
            for figure in figures
        ]
        replaced = 0
        with writing(self._engine) as connection:
            for year, codes in _years_by_territory(figures).items():
                for chunk in _chunks(codes):
                    done = connection.execute(
                        delete(figures_table).where(
                            and_(figures_table.c.year == year, figures_table.c.territory.in_(chunk))
                        )
                    )
                    replaced += done.rowcount
            for start in range(0, len(rows), CHUNK):
                connection.execute(figures_table.insert(), rows[start : start + CHUNK])
        return FiguresImport(len(rows), replaced)

    def territory_figures(self, code: str) -> tuple[Figure, ...]:
        """A territory's latest figure of each indicator and family, in no set order."""
        latest = (
            select(
                figures_table.c.indicator,
                figures_table.c.family,
                func.max(figures_table.c.year).label("year"),
            )
            .where(figures_table.c.territory == code)
            .group_by(figures_table.c.indicator, figures_table.c.family)
            .subquery()
        )
        query = select(figures_table).join(
            latest,
            and_(
                figures_table.c.indicator == latest.c.indicator,
                figures_table.c.family == latest.c.family,
                figures_table.c.year == latest.c.year,
            ),
        )
        with reading(self._engine) as connection:
            rows = connection.execute(query.where(figures_table.c.territory == code)).all()
        return tuple(_figure(row) for row in rows)

    def territories_with_figures(self) -> frozenset[str]:
        """The codes (INSEE or SIREN) of every territory with at least one figure."""
        query = select(figures_table.c.territory).distinct()
        with reading(self._engine) as connection:
            return frozenset(connection.execute(query).scalars())

    def count_territories_with_figures(self) -> int:
        """How many territories have at least one figure."""
        query = select(func.count(func.distinct(figures_table.c.territory)))
        with reading(self._engine) as connection:
            return int(connection.execute(query).scalar_one())
