"""Statements shared by the diagnostic and workshop halves of the repository."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from functools import lru_cache
from typing import Any, Literal

from sqlalchemy import Connection, Row, bindparam, delete, select, update
from sqlalchemy.dialects import postgresql, sqlite

from .checks import diagnostic_not_found, normalise_code, workshop_closed, workshop_not_found
from .tables import (
    answers,
    diagnostics,
    discussion_marks,
    hidden_comments,
    retained_answers,
    workshops,
)

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


# The statements of a save, built once: building a statement and its cache key costs more
# than running it, and a workshop saves an answer per tap of every participant.
_WRITABLE = select(diagnostics.c.id, diagnostics.c.workshop_id).where(
    diagnostics.c.token == bindparam("token")
)
_WORKSHOP_STATUS = (
    select(workshops.c.status)
    .where(workshops.c.id == bindparam("workshop_id"))
    .with_for_update(read=True)
)
_STAMP = update(diagnostics).where(diagnostics.c.id == bindparam("stamped_id"))
_DROP_EMPTY = delete(answers).where(
    answers.c.diagnostic_id == bindparam("diagnostic_id"),
    answers.c.question_id == bindparam("question_id"),
    answers.c.level.is_(None),
    answers.c.dont_know.is_(False),
    answers.c.declined.is_(False),
    answers.c.comment == "",
)


def touch_writable(
    connection: Connection, token: str, values: Mapping[str, Any] | None = None
) -> int:
    """Check a diagnostic may change, stamp ``updated_at`` (and ``values``), return its id.

    A participant's workshop row is share-locked first, so that closing or deleting a
    workshop waits for saves in flight; every writer locks workshop, then diagnostic.
    """
    row = connection.execute(_WRITABLE, {"token": token}).first()
    if row is None:
        raise diagnostic_not_found()
    if row.workshop_id is not None:
        status = connection.scalar(_WORKSHOP_STATUS, {"workshop_id": row.workshop_id})
        if status is None:
            raise diagnostic_not_found()
        if status != "open":
            raise workshop_closed()
    changes = {**(values or {}), "updated_at": utcnow(), "stamped_id": row.id}
    touched = connection.execute(_STAMP, changes)
    if touched.rowcount != 1:
        raise diagnostic_not_found()
    return int(row.id)


def upsert_answer(
    connection: Connection, diagnostic_id: int, question_id: str, values: Mapping[str, Any]
) -> None:
    """Insert or update one answers row atomically: concurrent saves never duplicate it."""
    row = {"level": None, "dont_know": False, "declined": False, "comment": "", **values}
    statement = _upsert(connection.dialect.name, tuple(sorted(values)))
    connection.execute(
        statement,
        {"diagnostic_id": diagnostic_id, "question_id": question_id, **row, "updated_at": utcnow()},
    )


@lru_cache(maxsize=16)
def _upsert(dialect: str, changed: tuple[str, ...]) -> Any:
    """Insert an answers row; on conflict, overwrite the ``changed`` columns and the stamp."""
    insert = postgresql.insert(answers) if dialect == "postgresql" else sqlite.insert(answers)
    return insert.on_conflict_do_update(
        index_elements=[answers.c.diagnostic_id, answers.c.question_id],
        set_={name: insert.excluded[name] for name in (*changed, "updated_at")},
    )


def drop_if_empty(connection: Connection, diagnostic_id: int, question_id: str) -> None:
    """Delete an answers row left with neither an answer nor a comment."""
    connection.execute(_DROP_EMPTY, {"diagnostic_id": diagnostic_id, "question_id": question_id})


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
    """Delete the answers of the given diagnostic ids (a list or a subquery), with the
    hidden flags and « à creuser » marks on their comments."""
    for table in (answers, hidden_comments, discussion_marks):
        connection.execute(delete(table).where(table.c.diagnostic_id.in_(diagnostic_ids)))


def delete_discussion(connection: Connection, workshop_id: int) -> None:
    """Delete what a workshop's discussion recorded: retained answers, hidden flags, marks."""
    for table in (retained_answers, hidden_comments, discussion_marks):
        connection.execute(delete(table).where(table.c.workshop_id == workshop_id))
