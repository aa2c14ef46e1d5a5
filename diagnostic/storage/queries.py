"""Statements shared by the diagnostic and workshop halves of the repository."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, Literal

from sqlalchemy import Connection, Row, delete, select, update
from sqlalchemy.dialects import postgresql, sqlite

from .checks import diagnostic_not_found, normalise_code, workshop_closed, workshop_not_found
from .tables import answers, diagnostics, workshops

Lock = Literal["share", "update"] | None


def utcnow() -> dt.datetime:
    """Now, in UTC."""
    return dt.datetime.now(dt.UTC)


def find_diagnostic(connection: Connection, token: str) -> Row[Any]:
    """The diagnostics row of a token, with its workshop's ``code``; NotFoundError if none."""
    statement = (
        select(diagnostics, workshops.c.code)
        .select_from(diagnostics.outerjoin(workshops))
        .where(diagnostics.c.token == token)
    )
    row = connection.execute(statement).first()
    if row is None:
        raise diagnostic_not_found()
    return row


def find_workshop(connection: Connection, code: str, lock: Lock = None) -> Row[Any]:
    """The workshops row of a join code, typed in any case; NotFoundError if none."""
    if not isinstance(code, str):
        raise workshop_not_found("")
    statement = select(workshops).where(workshops.c.code == normalise_code(code))
    if lock is not None:
        statement = statement.with_for_update(read=lock == "share")
    row = connection.execute(statement).first()
    if row is None:
        raise workshop_not_found(code)
    return row


def touch_writable(
    connection: Connection, token: str, values: Mapping[str, Any] | None = None
) -> int:
    """Check a diagnostic may change, stamp ``updated_at`` (and ``values``), return its id.

    A participant's workshop row is share-locked first, so that closing or deleting a
    workshop waits for saves in flight; every writer locks workshop, then diagnostic.
    """
    row = connection.execute(
        select(diagnostics.c.id, diagnostics.c.workshop_id).where(diagnostics.c.token == token)
    ).first()
    if row is None:
        raise diagnostic_not_found()
    if row.workshop_id is not None:
        status = connection.scalar(
            select(workshops.c.status)
            .where(workshops.c.id == row.workshop_id)
            .with_for_update(read=True)
        )
        if status is None:
            raise diagnostic_not_found()
        if status != "open":
            raise workshop_closed()
    changes = {**(values or {}), "updated_at": utcnow()}
    touched = connection.execute(
        update(diagnostics).where(diagnostics.c.id == row.id).values(changes)
    )
    if touched.rowcount != 1:
        raise diagnostic_not_found()
    return int(row.id)


def upsert_answer(
    connection: Connection, diagnostic_id: int, question_id: str, values: Mapping[str, Any]
) -> None:
    """Insert or update one answers row atomically: concurrent saves never duplicate it."""
    changes = {**values, "updated_at": utcnow()}
    row = {"level": None, "dont_know": False, "declined": False, "comment": "", **changes}
    keys = [answers.c.diagnostic_id, answers.c.question_id]
    if connection.dialect.name == "postgresql":
        pg = postgresql.insert(answers).values(
            diagnostic_id=diagnostic_id, question_id=question_id, **row
        )
        connection.execute(pg.on_conflict_do_update(index_elements=keys, set_=changes))
    else:
        lite = sqlite.insert(answers).values(
            diagnostic_id=diagnostic_id, question_id=question_id, **row
        )
        connection.execute(lite.on_conflict_do_update(index_elements=keys, set_=changes))


def drop_if_empty(connection: Connection, diagnostic_id: int, question_id: str) -> None:
    """Delete an answers row left with neither an answer nor a comment."""
    connection.execute(
        delete(answers).where(
            answers.c.diagnostic_id == diagnostic_id,
            answers.c.question_id == question_id,
            answers.c.level.is_(None),
            answers.c.dont_know.is_(False),
            answers.c.declined.is_(False),
            answers.c.comment == "",
        )
    )


def insert_answers(
    connection: Connection, diagnostic_id: int, rows: Mapping[str, Mapping[str, Any]]
) -> None:
    """Insert a whole sheet's answers rows (the previous ones are already deleted)."""
    if not rows:
        return
    now = utcnow()
    connection.execute(
        answers.insert(),
        [
            {"diagnostic_id": diagnostic_id, "question_id": key, **row, "updated_at": now}
            for key, row in rows.items()
        ],
    )


def delete_answers_of(connection: Connection, diagnostic_ids: Any) -> None:
    """Delete the answers of the given diagnostic ids (a list or a subquery)."""
    connection.execute(delete(answers).where(answers.c.diagnostic_id.in_(diagnostic_ids)))
