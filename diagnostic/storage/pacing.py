"""A workshop's pacing, written with the adviser's key only, and a workshop on the same model."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from typing import Any

from sqlalchemy import Connection, Engine, Row, select

from ..workshop.pacing import (
    FREE,
    Pacing,
    Timer,
    check_mode,
    check_timer_seconds,
    open_motivation,
    start_timer,
)
from . import queries
from .checks import check_motivations
from .engine import reading, writing
from .records import WorkshopRecord, profile_from_row
from .tables import workshop_pacing
from .workshops import WorkshopMethods, _admin_row

Change = Callable[[Pacing, Row[Any]], Pacing]


class PacingMethods(WorkshopMethods):
    """Free or paced, the open motivation, a step's timer; copying a workshop's settings."""

    _engine: Engine

    def get_pacing(self, code: str) -> Pacing:
        """The workshop's pacing (free, no timer, until the adviser changes it).

        No key is asked: every phone of the room reads it.
        """
        with reading(self._engine) as connection:
            row = queries.find_workshop(connection, code)
            return _read(connection, row.id)[0]

    def set_pacing_mode(self, code: str, admin_key: str, mode: str) -> Pacing:
        """Let everyone move at their own pace (``free``) or follow the adviser (``paced``)."""
        checked = check_mode(mode)
        return self._change_pacing(
            code, admin_key, lambda p, _: dataclasses.replace(p, mode=checked)
        )

    def open_motivation(self, code: str, admin_key: str, motivation: str) -> Pacing:
        """Open ``motivation`` on the phones (paced mode); the ones opened before stay shown."""
        return self._change_pacing(
            code,
            admin_key,
            lambda p, row: open_motivation(p, motivation, included(row, motivation)),
        )

    def start_timer(
        self, code: str, admin_key: str, seconds: int, now: dt.datetime | None = None
    ) -> Pacing:
        """Start a timer of ``seconds`` for the open step; its length is kept for the next."""
        at = now or queries.utcnow()
        return self._change_pacing(code, admin_key, lambda p, _: start_timer(p, seconds, at))

    def set_timer_length(self, code: str, admin_key: str, seconds: int) -> Pacing:
        """The length a step's timer starts with, without starting one."""
        length = check_timer_seconds(seconds)
        return self._change_pacing(
            code, admin_key, lambda p, _: dataclasses.replace(p, timer_seconds=length)
        )

    def stop_timer(self, code: str, admin_key: str) -> Pacing:
        """Take the timer off the screens."""
        return self._change_pacing(code, admin_key, lambda p, _: dataclasses.replace(p, timer=None))

    def _change_pacing(self, code: str, admin_key: str, change: Change) -> Pacing:
        with writing(self._engine) as connection:
            row = _admin_row(connection, code, admin_key, lock=True)
            before, exists = _read(connection, row.id)
            after = change(before, row)
            _write(connection, row.id, after, exists)
            return after

    def copy_workshop(self, code: str, admin_key: str) -> tuple[WorkshopRecord, str]:
        """A new open workshop on the same model: territory (dated today), motivations,
        pacing mode and timer length; no participant, answer, opened motivation or timer."""
        with reading(self._engine) as connection:
            row = _admin_row(connection, code, admin_key)
            pacing, _ = _read(connection, row.id)
            profile = profile_from_row(row)
        assert profile is not None, "a workshop always has a profile"
        today = dataclasses.replace(profile, date=dt.date.today())
        record, key = self.create_workshop(today, row.motivations.split())
        model = Pacing(mode=pacing.mode, timer_seconds=pacing.timer_seconds)
        if model != FREE:
            with writing(self._engine) as connection:
                new = queries.find_workshop(connection, record.code, lock="update")
                _write(connection, new.id, model, exists=False)
        return record, key


def included(row: Row[Any], motivation: str) -> tuple[str, ...]:
    """The workshop's motivations; on a workshop over all of them (none chosen), which the
    storage cannot list without the référentiel, any well-formed id."""
    return tuple(row.motivations.split()) or check_motivations([motivation])


def _read(connection: Connection, workshop_id: int) -> tuple[Pacing, bool]:
    """The workshop's pacing, and whether it has a row (none: free, no timer)."""
    row = connection.execute(
        select(workshop_pacing).where(workshop_pacing.c.workshop_id == workshop_id)
    ).first()
    if row is None:
        return FREE, False
    timer = None
    if row.timer_started_at is not None:
        timer = Timer(row.timer_seconds, row.timer_started_at, row.timer_step)
    pacing = Pacing(
        mode=check_mode(row.mode),
        open=row.open_motivation,
        opened=tuple(row.opened.split()),
        timer_seconds=row.timer_seconds,
        timer=timer,
    )
    return pacing, True


def _write(connection: Connection, workshop_id: int, pacing: Pacing, exists: bool) -> None:
    timer = pacing.timer
    values = {
        "mode": pacing.mode,
        "open_motivation": pacing.open,
        "opened": " ".join(pacing.opened),
        "timer_seconds": timer.seconds if timer is not None else pacing.timer_seconds,
        "timer_started_at": None if timer is None else timer.started_at,
        "timer_step": "" if timer is None else timer.step,
    }
    if exists:
        connection.execute(
            workshop_pacing.update()
            .where(workshop_pacing.c.workshop_id == workshop_id)
            .values(**values)
        )
    else:
        connection.execute(workshop_pacing.insert().values(workshop_id=workshop_id, **values))
