"""The portfolio's read: a set of territories' latest diagnoses, plans and counts, in five queries.

A diagnostic or a workshop belongs to the territory whose official code (the SIREN the
profile records when the territory was picked from the official list) it carries; those
typed by hand without one belong to no territory of the portfolio.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping
from typing import Any, cast

from sqlalchemy import Connection, Engine, Row, Select, func, literal, or_, select

from ..model import AnswerSheet, QuestionId, Referentiel, Role, TerritoryProfile
from ..portfolio.readings import Diagnosis, Mode
from ..portfolio.table import PortfolioData, TerritoryFacts
from ..territory.official import Territories
from ..workshop.aggregation import Participant, group_answers
from .engine import reading
from .plans import action_from_row
from .records import build_sheet, profile_from_row
from .tables import answers, diagnostics, plan_actions, workshops


@dataclasses.dataclass(frozen=True)
class _Latest:
    """The latest diagnosis row of a territory, before its answers are read."""

    id: int
    mode: Mode
    day: dt.date
    row: Row[Any]


class PortfolioMethods:
    """The portfolio's read of the repository."""

    _engine: Engine

    def load_portfolio(
        self, referentiel: Referentiel, territories: Territories, keys: Collection[str] | None
    ) -> PortfolioData:
        """What the portfolio rows of ``keys`` need; None: every territory diagnosed here."""
        with reading(self._engine) as connection:
            return load_portfolio(connection, referentiel, territories, keys)

    def portfolio_stamp(self) -> tuple[Any, ...]:
        """A cheap fingerprint that changes whenever the portfolio's data may have changed."""
        with reading(self._engine) as connection:
            return stamp(connection)


def _owned(statement: Select[Any], table: Any, keys: Collection[str] | None) -> Select[Any]:
    statement = statement.where(table.c.siren.is_not(None))
    return statement if keys is None else statement.where(table.c.siren.in_(sorted(keys)))


# Counts and latest changes of every table the rows are built from, built once: a change
# anywhere (a territory outside the set too) only costs the set one rebuild.
_STAMP: Select[Any] = select(
    *[
        select(aggregate).select_from(table).scalar_subquery()
        for table in (diagnostics, workshops, plan_actions)
        for aggregate in (func.count(), func.max(table.c.updated_at))
    ]
)


def stamp(connection: Connection) -> tuple[Any, ...]:
    """Counts and latest changes of the diagnostics, workshops and plans, in one query."""
    return tuple(connection.execute(_STAMP).one())


def load_portfolio(
    connection: Connection,
    referentiel: Referentiel,
    territories: Territories,
    keys: Collection[str] | None,
) -> PortfolioData:
    """Diagnostics and workshops of ``keys``, their latest one's answers and plan, the counts."""
    if keys is not None and not keys:
        return PortfolioData({}, {})
    singles = connection.execute(
        _owned(select(diagnostics), diagnostics, keys).where(diagnostics.c.workshop_id.is_(None))
    ).all()
    groups = connection.execute(_owned(select(workshops), workshops, keys)).all()
    latest = _latest(singles, groups)
    sheets = _single_sheets(connection, [x for x in latest.values() if x.mode == "alone"])
    sheets |= _group_sheets(
        connection, referentiel, [x for x in latest.values() if x.mode != "alone"]
    )
    plans = _plans(connection, latest.values())
    diagnoses = {key: sheets[(x.mode, x.id)] for key, x in latest.items()}
    found = set(keys) if keys is not None else set(latest)
    return PortfolioData(
        territories={key: _facts(territories, key, latest.get(key)) for key in sorted(found)},
        latest={
            key: Diagnosis(
                key,
                x.day,
                x.mode,
                dataclasses.replace(diagnoses[key], plan=plans.get((x.mode, x.id), ())),
            )
            for key, x in latest.items()
        },
        diagnoses=dict(Counter(row.siren for row in [*singles, *groups])),
        workshops=dict(Counter(row.siren for row in groups)),
    )


def _day(row: Row[Any]) -> dt.date:
    return row.date if row.date is not None else row.created_at.date()


def _latest(singles: Iterable[Row[Any]], groups: Iterable[Row[Any]]) -> dict[str, _Latest]:
    """Per territory, its most recent diagnosis (by its day, then its creation)."""
    found: dict[str, tuple[tuple[Any, ...], _Latest]] = {}
    for mode, rows in (("alone", singles), ("workshop", groups)):
        for row in rows:
            order = (_day(row), row.created_at, mode == "workshop", row.id)
            current = found.get(row.siren)
            if current is None or order > current[0]:
                found[row.siren] = (order, _Latest(row.id, cast(Mode, mode), _day(row), row))
    return {key: item for key, (_, item) in found.items()}


_ANSWER_COLUMNS = (
    answers.c.diagnostic_id,
    answers.c.question_id,
    answers.c.level,
    answers.c.dont_know,
    answers.c.declined,
    literal("").label("comment"),
)


def _single_sheets(
    connection: Connection, chosen: list[_Latest]
) -> dict[tuple[str, int], AnswerSheet]:
    rows_of: dict[int, list[Row[Any]]] = defaultdict(list)
    if chosen:
        ids = [x.id for x in chosen]
        statement = select(*_ANSWER_COLUMNS).where(answers.c.diagnostic_id.in_(ids))
        for row in connection.execute(statement):
            rows_of[row.diagnostic_id].append(row)
    return {
        ("alone", x.id): build_sheet(
            profile_from_row(x.row), rows_of[x.id], x.row.referentiel_version, x.row.priorities
        )
        for x in chosen
    }


def _group_sheets(
    connection: Connection, referentiel: Referentiel, chosen: list[_Latest]
) -> dict[tuple[str, int], AnswerSheet]:
    """Each workshop's retained group answers, as its dashboard computes them."""
    members: dict[int, dict[int, tuple[Role, list[Row[Any]]]]] = defaultdict(dict)
    if chosen:
        statement = (
            select(diagnostics.c.workshop_id, diagnostics.c.role, *_ANSWER_COLUMNS)
            .join(diagnostics, diagnostics.c.id == answers.c.diagnostic_id)
            .where(diagnostics.c.workshop_id.in_([x.id for x in chosen]))
        )
        for row in connection.execute(statement):
            member = members[row.workshop_id].setdefault(row.diagnostic_id, (row.role, []))
            member[1].append(row)
    known = {question.id for question in referentiel.questions}
    sheets = {}
    for x in chosen:
        participants = [
            Participant(str(member), role, _known(build_sheet(None, rows, None).answers, known))
            for member, (role, rows) in members[x.id].items()
        ]
        group = group_answers(referentiel, participants) if participants else {}
        profile = profile_from_row(x.row) or TerritoryProfile(name="", type="commune")
        sheets[("workshop", x.id)] = AnswerSheet(profile, group, {}, referentiel.version)
    return sheets


def _known(given: Mapping[QuestionId, Any], known: set[QuestionId]) -> dict[QuestionId, Any]:
    return {question: answer for question, answer in given.items() if question in known}


def _plans(connection: Connection, chosen: Iterable[_Latest]) -> dict[tuple[str, int], Any]:
    chosen = list(chosen)
    singles = [x.id for x in chosen if x.mode == "alone"]
    groups = [x.id for x in chosen if x.mode == "workshop"]
    if not singles and not groups:
        return {}
    statement = (
        select(plan_actions)
        .where(
            or_(plan_actions.c.diagnostic_id.in_(singles), plan_actions.c.workshop_id.in_(groups))
        )
        .order_by(plan_actions.c.position, plan_actions.c.id)
    )
    plans: dict[tuple[str, int], list[Any]] = defaultdict(list)
    for row in connection.execute(statement):
        owner = (
            ("alone", row.diagnostic_id)
            if row.diagnostic_id is not None
            else ("workshop", row.workshop_id)
        )
        plans[owner].append(action_from_row(row))
    return {owner: tuple(lines) for owner, lines in plans.items()}


def _facts(territories: Territories, key: str, latest: _Latest | None) -> TerritoryFacts:
    """The territory as the official data names it, else as its latest profile does."""
    profile = profile_from_row(latest.row) if latest is not None else None
    official = territories.by_siren(key)
    if official is not None:
        kind = profile.type if profile is not None else official.kind
        return TerritoryFacts(
            key, official.name, kind, official.departement, official.region, official.population
        )
    departement = (profile.departement if profile else None) or ""
    return TerritoryFacts(
        key,
        profile.name if profile else key,
        profile.type if profile else "commune",
        departement,
        territories.region_of(departement) or "",
        profile.population if profile else None,
    )
