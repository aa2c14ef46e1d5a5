"""The workshop half of the repository: create, join, close, read and delete workshops."""

from __future__ import annotations

import dataclasses
import hmac
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, cast

from sqlalchemy import Connection, Engine, Row, Select, bindparam, exc, func, select, update

from ..errors import AccessError, NotFoundError, StorageError
from ..model import AnswerSheet, Role, TerritoryProfile
from . import queries, throttle
from .checks import (
    check_motivations,
    check_profile,
    check_pseudonym,
    check_role,
    check_status,
    check_token,
    key_hash,
    new_code,
    new_token,
    workshop_closed,
    wrong_admin_key,
)
from .engine import forget_deleted, reading, writing
from .records import (
    DiagnosticRecord,
    ParticipantSheet,
    WorkshopRecord,
    WorkshopStatus,
    build_sheet,
    diagnostic_from_row,
    profile_from_row,
    profile_values,
    workshop_from_row,
)
from .tables import answers, diagnostics, workshops

CODE_ATTEMPTS = 20


@contextmanager
def guessing(client: str | None, wrong_key_too: bool = False) -> Iterator[None]:
    """For a code someone typed or followed (``client`` names their browser session):
    refuse while they or the server are locked, and count wrong codes (and keys).

    Without ``client`` the code comes from this side (a participant's own record, a key
    already checked in this session): nothing is refused or counted.
    """
    if client is None:
        yield
        return
    throttle.CODES.check(client)
    counted: tuple[type[Exception], ...] = (
        (NotFoundError, AccessError) if wrong_key_too else (NotFoundError,)
    )
    try:
        yield
    except counted:
        throttle.CODES.failed(client)
        raise


class WorkshopMethods:
    """Workshops: a join code for participants, a secret admin key for the facilitator.

    Codes and keys that people type or follow are passed with ``client=`` (their browser
    session): wrong ones are slowed down, then refused for a while (see ``throttle``).
    """

    _engine: Engine

    def create_workshop(
        self, profile: TerritoryProfile, motivations: Sequence[str] = ()
    ) -> tuple[WorkshopRecord, str]:
        """A new open workshop and its admin key, shown once: only its hash is kept."""
        profile = check_profile(profile)
        chosen = check_motivations(motivations)
        admin_key = new_token()
        now = queries.utcnow()
        values = {
            **profile_values(profile),
            "admin_key_sha256": key_hash(admin_key),
            "motivations": " ".join(chosen),
            "status": "open",
            "results_visible": False,
            "created_at": now,
            "updated_at": now,
        }
        for _ in range(CODE_ATTEMPTS):
            code = new_code()
            try:
                with writing(self._engine) as connection:
                    taken = connection.scalar(
                        select(workshops.c.id).where(workshops.c.code == code)
                    )
                    if taken is not None:
                        continue
                    connection.execute(workshops.insert().values(code=code, **values))
            except exc.IntegrityError:  # another process took the same code meanwhile
                continue
            return WorkshopRecord(code, profile, chosen, "open", False, now), admin_key
        raise StorageError(
            "Impossible de trouver un code d’atelier libre : réessayez.",
            "Could not find a free workshop code: try again.",
        )

    def get_workshop(self, code: str, client: str | None = None) -> WorkshopRecord:
        """The workshop of a join code (any case, spaces and dashes ignored)."""
        with guessing(client), reading(self._engine) as connection:
            return workshop_from_row(queries.find_workshop(connection, code))

    def check_admin(self, code: str, admin_key: str, client: str | None = None) -> WorkshopRecord:
        """The workshop if ``admin_key`` is its key; AccessError otherwise."""
        with guessing(client, wrong_key_too=True), reading(self._engine) as connection:
            return workshop_from_row(_admin_row(connection, code, admin_key))

    def set_workshop_status(self, code: str, admin_key: str, status: WorkshopStatus) -> None:
        """Close a workshop (participants can no longer save) or reopen it."""
        self._update_workshop(code, admin_key, {"status": check_status(status)})

    def set_results_visible(self, code: str, admin_key: str, visible: bool) -> None:
        """Let participants see the group result, or hide it again."""
        self._update_workshop(code, admin_key, {"results_visible": bool(visible)})

    def _update_workshop(self, code: str, admin_key: str, values: dict[str, Any]) -> None:
        with writing(self._engine) as connection:
            row = _admin_row(connection, code, admin_key, lock=True)
            connection.execute(
                update(workshops)
                .where(workshops.c.id == row.id)
                .values(**values, updated_at=queries.utcnow())
            )

    def delete_workshop(self, code: str, admin_key: str) -> None:
        """Delete a workshop with all its participants, answers and comments."""
        with writing(self._engine) as connection:
            row = _admin_row(connection, code, admin_key, lock=True)
            # The foreign keys cascade too; deleting explicitly does not depend on them.
            members = select(diagnostics.c.id).where(diagnostics.c.workshop_id == row.id)
            queries.delete_answers_of(connection, members)
            queries.delete_discussion(connection, row.id)
            connection.execute(diagnostics.delete().where(diagnostics.c.workshop_id == row.id))
            connection.execute(workshops.delete().where(workshops.c.id == row.id))
        forget_deleted(self._engine)

    def join_workshop(
        self, code: str, role: Role, pseudonym: str | None = None, client: str | None = None
    ) -> DiagnosticRecord:
        """A new participant's diagnostic, with the workshop's profile and their role."""
        role = check_role(role)
        pseudonym = check_pseudonym(pseudonym)
        now = queries.utcnow()
        token = new_token()
        with guessing(client), writing(self._engine) as connection:
            row = queries.find_workshop(connection, code, lock="share")
            if row.status != "open":
                raise workshop_closed()
            profile = profile_from_row(row)
            assert profile is not None
            profile = dataclasses.replace(profile, respondent_role=role)
            connection.execute(
                diagnostics.insert().values(
                    token=token,
                    workshop_id=row.id,
                    pseudonym=pseudonym,
                    role=role,
                    created_at=now,
                    updated_at=now,
                    **profile_values(profile),
                )
            )
        return DiagnosticRecord(token, profile, now, now, row.code, pseudonym, role)

    def open_participation(
        self, token: str, referentiel_version: str | None = None
    ) -> tuple[DiagnosticRecord, WorkshopRecord | None, AnswerSheet]:
        """A diagnostic, its workshop (None for a single diagnostic) and its sheet, read in
        one transaction: a participant's page needs all three on every run."""
        token = check_token(token)
        with reading(self._engine) as connection:
            row = queries.find_diagnostic(connection, token)
            workshop = None
            if row.workshop_id is not None:
                found = connection.execute(
                    select(workshops).where(workshops.c.id == row.workshop_id)
                ).first()
                workshop = None if found is None else workshop_from_row(found)
            rows = connection.execute(
                select(answers).where(answers.c.diagnostic_id == row.id)
            ).all()
        version = (
            referentiel_version if referentiel_version is not None else row.referentiel_version
        )
        record = diagnostic_from_row(row, row.code)
        return record, workshop, build_sheet(profile_from_row(row), rows, version)

    def participants(self, code: str, admin_key: str) -> list[ParticipantSheet]:
        """Every participant's sheet, for the facilitator only (admin key required)."""
        with reading(self._engine) as connection:
            row = _admin_row(connection, code, admin_key)
            return _sheets(connection, row)

    def participant_count(self, code: str) -> int:
        """How many people joined the workshop (0 when there is no such workshop)."""
        with reading(self._engine) as connection:
            return int(connection.execute(_COUNT, {"code": code}).scalar_one())

    def group_sheets(self, code: str) -> list[ParticipantSheet]:
        """Every participant's sheet, to compute the group result.

        No key is asked: callers must only show aggregates (and only when
        ``results_visible``), never an individual sheet, pseudonym or token.
        """
        with reading(self._engine) as connection:
            return _sheets(connection, queries.find_workshop(connection, code))


def _admin_row(connection: Connection, code: str, admin_key: str, lock: bool = False) -> Row[Any]:
    """The workshops row if ``admin_key`` opens it; AccessError otherwise."""
    row = queries.find_workshop(connection, code, lock="update" if lock else None)
    given = key_hash(admin_key) if isinstance(admin_key, str) else ""
    if not hmac.compare_digest(given, row.admin_key_sha256):
        raise wrong_admin_key()
    return row


_COUNT: Select[Any] = (
    select(func.count())
    .select_from(diagnostics.join(workshops, diagnostics.c.workshop_id == workshops.c.id))
    .where(workshops.c.code == bindparam("code"))
)

# Every answer of a workshop's participants, without the columns a sheet does not hold
# (the dashboard reads them all at every refresh: 6,600 rows for 150 participants).
_GROUP_ANSWERS: Select[Any] = (
    select(
        answers.c.diagnostic_id,
        answers.c.question_id,
        answers.c.level,
        answers.c.dont_know,
        answers.c.declined,
        answers.c.comment,
    )
    .join(diagnostics)
    .where(diagnostics.c.workshop_id == bindparam("workshop_id"))
    .order_by(answers.c.question_id)
)


def _sheets(connection: Connection, workshop: Row[Any]) -> list[ParticipantSheet]:
    """The participants of a workshop with their sheets, oldest first."""
    members = connection.execute(
        select(diagnostics)
        .where(diagnostics.c.workshop_id == workshop.id)
        .order_by(diagnostics.c.created_at, diagnostics.c.id)
    ).all()
    rows_by_member: dict[int, list[Row[Any]]] = {member.id: [] for member in members}
    for row in connection.execute(_GROUP_ANSWERS, {"workshop_id": workshop.id}):
        rows_by_member[row.diagnostic_id].append(row)
    fallback = profile_from_row(workshop)
    return [
        ParticipantSheet(
            token=member.token,
            pseudonym=member.pseudonym,
            role=cast(Role, member.role),
            sheet=build_sheet(
                profile_from_row(member) or fallback,
                rows_by_member[member.id],
                member.referentiel_version,
            ),
            updated_at=member.updated_at,
        )
        for member in members
    ]
