"""What this installation holds, read in two queries: diagnostics and workshops.

Each list is one statement, its counts (answers given, plan lines, participants) taken
from grouped subqueries: listing a few hundred diagnostics costs the same two queries.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Engine, Row, Select, func, or_, select

from ..model import TerritoryProfile
from .engine import reading
from .records import PROFILE_COLUMNS, WorkshopStatus, profile_from_row
from .tables import answers, diagnostics, pins, plan_actions, workshops

# What a list shows of a diagnostic: not its answers' copy from before a re-diagnosis.
LISTED_COLUMNS = (
    "id",
    "token",
    *PROFILE_COLUMNS,
    "referentiel_version",
    "created_at",
    "updated_at",
    "followed_by",
)


@dataclass(frozen=True)
class DiagnosticEntry:
    """One single diagnostic as listed: its territory, dates, progress and links in time."""

    id: int
    token: str
    profile: TerritoryProfile | None
    referentiel_version: str | None
    created_at: dt.datetime
    updated_at: dt.datetime
    answered: int
    plan_lines: int
    pinned: bool
    earlier_id: int | None  # the diagnostic this one redoes
    later_id: int | None  # the re-diagnosis that follows this one

    @property
    def territory_key(self) -> str | None:
        """The key of the territory's space: its SIREN, when the profile records one."""
        return self.profile.siren if self.profile is not None else None


@dataclass(frozen=True)
class WorkshopEntry:
    """One workshop as listed: its code, territory, date, status and participants."""

    code: str
    profile: TerritoryProfile
    status: WorkshopStatus
    created_at: dt.datetime
    participants: int


def _answered() -> Any:
    """Answers given per diagnostic: a level, « je ne sais pas » or « non pertinent »."""
    given = or_(answers.c.level.is_not(None), answers.c.dont_know, answers.c.declined)
    return (
        select(answers.c.diagnostic_id, func.count().label("answered"))
        .where(given)
        .group_by(answers.c.diagnostic_id)
        .subquery("given")
    )


def _plan_lines() -> Any:
    return (
        select(plan_actions.c.diagnostic_id, func.count().label("lines"))
        .where(plan_actions.c.diagnostic_id.is_not(None))
        .group_by(plan_actions.c.diagnostic_id)
        .subquery("lines")
    )


def diagnostics_statement(siren: str | None = None) -> Select[Any]:
    """Single diagnostics (not workshop participations), pinned first, then latest change."""
    given, lines = _answered(), _plan_lines()
    earlier = diagnostics.alias("earlier")
    listed = [diagnostics.c[name] for name in LISTED_COLUMNS]
    statement = (
        select(
            *listed,
            func.coalesce(given.c.answered, 0).label("answered"),
            func.coalesce(lines.c.lines, 0).label("plan_lines"),
            pins.c.pinned_at,
            earlier.c.id.label("earlier_id"),
        )
        .select_from(
            diagnostics.outerjoin(given, given.c.diagnostic_id == diagnostics.c.id)
            .outerjoin(lines, lines.c.diagnostic_id == diagnostics.c.id)
            .outerjoin(pins, pins.c.diagnostic_id == diagnostics.c.id)
            .outerjoin(earlier, earlier.c.followed_by == diagnostics.c.id)
        )
        .where(diagnostics.c.workshop_id.is_(None))
        .order_by(
            pins.c.pinned_at.is_(None),
            pins.c.pinned_at.desc(),
            diagnostics.c.updated_at.desc(),
            diagnostics.c.id.desc(),
        )
    )
    if siren is not None:
        statement = statement.where(diagnostics.c.siren == siren)
    return statement


def workshops_statement(siren: str | None = None) -> Select[Any]:
    """Workshops with their number of participants, latest first."""
    members = (
        select(diagnostics.c.workshop_id, func.count().label("participants"))
        .where(diagnostics.c.workshop_id.is_not(None))
        .group_by(diagnostics.c.workshop_id)
        .subquery("members")
    )
    statement = (
        select(workshops, func.coalesce(members.c.participants, 0).label("participants"))
        .select_from(workshops.outerjoin(members, members.c.workshop_id == workshops.c.id))
        .order_by(workshops.c.created_at.desc(), workshops.c.id.desc())
    )
    if siren is not None:
        statement = statement.where(workshops.c.siren == siren)
    return statement


def diagnostic_entry(row: Row[Any]) -> DiagnosticEntry:
    """A DiagnosticEntry from a row of ``diagnostics_statement``."""
    return DiagnosticEntry(
        id=int(row.id),
        token=str(row.token),
        profile=profile_from_row(row),
        referentiel_version=row.referentiel_version,
        created_at=row.created_at,
        updated_at=row.updated_at,
        answered=int(row.answered),
        plan_lines=int(row.plan_lines),
        pinned=row.pinned_at is not None,
        earlier_id=None if row.earlier_id is None else int(row.earlier_id),
        later_id=None if row.followed_by is None else int(row.followed_by),
    )


def workshop_entry(row: Row[Any]) -> WorkshopEntry:
    """A WorkshopEntry from a row of ``workshops_statement``."""
    profile = profile_from_row(row)
    assert profile is not None, "a workshop always has a profile"
    return WorkshopEntry(
        code=str(row.code),
        profile=profile,
        status=cast(WorkshopStatus, row.status),
        created_at=row.created_at,
        participants=int(row.participants),
    )


class ListingMethods:
    """Read-only lists of what the installation holds, for « Mes diagnostics et ateliers »."""

    _engine: Engine

    def list_diagnostics(self, siren: str | None = None) -> tuple[DiagnosticEntry, ...]:
        """Every single diagnostic (or a territory's, by SIREN), pinned ones first."""
        with reading(self._engine) as connection:
            rows = connection.execute(diagnostics_statement(siren)).all()
        return tuple(diagnostic_entry(row) for row in rows)

    def list_workshops(self, siren: str | None = None) -> tuple[WorkshopEntry, ...]:
        """Every workshop (or a territory's, by SIREN), latest first."""
        with reading(self._engine) as connection:
            rows = connection.execute(workshops_statement(siren)).all()
        return tuple(workshop_entry(row) for row in rows)
