"""The repository: one object to save and resume diagnostics and to run workshops."""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Sequence

from sqlalchemy import Engine, select, update

from ..model import Answer, AnswerSheet, Referentiel, TerritoryProfile
from . import queries
from .accounts import AccountMethods
from .attaching import sheet_values
from .checks import (
    check_answer_value,
    check_comment,
    check_priorities,
    check_profile,
    check_question_id,
    check_token,
    diagnostic_not_found,
    new_token,
    sheet_rows,
)
from .directory import DirectoryMethods
from .discussion import DiscussionMethods
from .engine import create_engine_for, forget_deleted, reading, safe_url, writing
from .figures import FiguresMethods
from .listing import ListingMethods
from .membership import MembershipMethods
from .migrate import upgrade
from .pacing import PacingMethods
from .pins import PinMethods
from .plans import (
    PlanMethods,
    check_current,
    read_plan,
    snapshot_sheet,
    write_plan,
)
from .portfolio import PortfolioMethods
from .records import (
    DiagnosticRecord,
    answer_values,
    build_sheet,
    diagnostic_from_row,
    profile_from_row,
    profile_values,
)
from .sharing import SharingMethods
from .spaces import SpaceMethods
from .tables import answers, diagnostics
from .upgrades import upgrade_saved
from .workshops import WorkshopMethods

_engines: dict[str, Engine] = {}
_engines_lock = threading.Lock()


def open_repository(url: str) -> Repository:
    """The repository behind a database URL, its schema upgraded; engines are reused."""
    with _engines_lock:
        engine = _engines.get(url)
        if engine is None:
            engine = create_engine_for(url)
            try:
                upgrade(engine)
            except BaseException:
                engine.dispose()
                raise
            _engines[url] = engine
    return Repository(engine)


def close_repositories() -> None:
    """Close every pooled connection; the next open_repository starts afresh."""
    with _engines_lock:
        for engine in _engines.values():
            engine.dispose()
        _engines.clear()


class Repository(
    PacingMethods,
    WorkshopMethods,
    PlanMethods,
    AccountMethods,
    SharingMethods,
    MembershipMethods,
    SpaceMethods,
    FiguresMethods,
    PortfolioMethods,
    ListingMethods,
    PinMethods,
    DiscussionMethods,
    DirectoryMethods,
):
    """Diagnostics and workshops in one database; every method is one transaction.

    Tokens are the only key to a diagnostic: whoever holds one may read and change it.
    Accounts, roles and sharing (``AccountMethods``, ``SharingMethods``, ``SpaceMethods``)
    check the actor's roles on every call and keep an access log.
    Text is stored as typed (escape it where it is displayed), minus invisible controls
    (see ``territory.clean_text``), within the same length limits as the forms.
    """

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    @property
    def url(self) -> str:
        """The database URL, password hidden."""
        return safe_url(self._engine.url)

    def create_diagnostic(
        self, profile: TerritoryProfile | None = None, referentiel_version: str | None = None
    ) -> DiagnosticRecord:
        """A new single diagnostic with a fresh secret token."""
        profile = check_profile(profile) if profile is not None else None
        values = {**profile_values(profile), "referentiel_version": referentiel_version}
        now = queries.utcnow()
        token = new_token()
        with writing(self._engine) as connection:
            connection.execute(
                diagnostics.insert().values(token=token, created_at=now, updated_at=now, **values)
            )
        return DiagnosticRecord(token, profile, now, now)

    def get_diagnostic(self, token: str) -> DiagnosticRecord:
        """The diagnostic behind a token; NotFoundError if unknown or malformed."""
        token = check_token(token)
        with reading(self._engine) as connection:
            row = queries.find_diagnostic(connection, token)
        return diagnostic_from_row(row, row.code)

    def save_profile(self, token: str, profile: TerritoryProfile) -> None:
        """Save the territory profile step."""
        token = check_token(token)
        values = profile_values(check_profile(profile))
        with writing(self._engine) as connection:
            queries.touch_writable(connection, token, values)

    def save_answer(self, token: str, question_id: str, answer: Answer | None) -> None:
        """Save a level or ``"unknown"``; None clears the answer but keeps the comment."""
        token = check_token(token)
        question_id = check_question_id(question_id)
        answer = check_answer_value(question_id, answer)
        with writing(self._engine) as connection:
            diagnostic_id = queries.touch_writable(connection, token)
            if answer is not None:
                queries.upsert_answer(connection, diagnostic_id, question_id, answer_values(answer))
                return
            connection.execute(
                update(answers)
                .where(answers.c.diagnostic_id == diagnostic_id)
                .where(answers.c.question_id == question_id)
                .values(**answer_values(None), updated_at=queries.utcnow())
            )
            queries.drop_if_empty(connection, diagnostic_id, question_id)

    def save_comment(self, token: str, question_id: str, comment: str) -> None:
        """Save the comment on a question, verbatim; ``""`` clears it."""
        token = check_token(token)
        question_id = check_question_id(question_id)
        comment = check_comment(question_id, comment)
        with writing(self._engine) as connection:
            diagnostic_id = queries.touch_writable(connection, token)
            queries.upsert_answer(connection, diagnostic_id, question_id, {"comment": comment})
            if not comment:
                queries.drop_if_empty(connection, diagnostic_id, question_id)

    def load_sheet(self, token: str, referentiel_version: str | None = None) -> AnswerSheet:
        """The profile, answers and comments of a diagnostic.

        Before the profile step is saved, the sheet's territory is ``EMPTY_PROFILE``
        (no name, type ``commune``): check ``get_diagnostic(token).profile`` to know.
        ``referentiel_version``, when given, replaces the version saved with the sheet.
        """
        token = check_token(token)
        with reading(self._engine) as connection:
            row = queries.find_diagnostic(connection, token)
            rows = connection.execute(
                select(answers).where(answers.c.diagnostic_id == row.id)
            ).all()
            plan = read_plan(connection, ("diagnostic_id", row.id))
        version = (
            referentiel_version if referentiel_version is not None else row.referentiel_version
        )
        sheet = build_sheet(
            profile_from_row(row), rows, version, row.priorities or "", row.upgrade_note or ""
        )
        return dataclasses.replace(sheet, plan=plan, previous=snapshot_sheet(row.previous))

    def save_priorities(self, token: str, priorities: Sequence[str]) -> None:
        """Save the officials' ranking of the motivations, first first."""
        token = check_token(token)
        value = "|".join(check_priorities(priorities))
        with writing(self._engine) as connection:
            queries.touch_writable(connection, token, {"priorities": value})

    def clear_upgrade_note(self, token: str) -> None:
        """Forget the note on carried-over answers once the user has seen it."""
        token = check_token(token)
        with writing(self._engine) as connection:
            queries.touch_writable(connection, token, {"upgrade_note": ""})

    def upgrade_saved(self, referentiel: Referentiel) -> int:
        """Carry every diagnostic saved with an earlier référentiel over to this one."""
        return upgrade_saved(self._engine, referentiel)

    def replace_sheet(self, token: str, sheet: AnswerSheet) -> None:
        """Replace profile, answers, comments, plan and previous diagnostic at once.

        On any error nothing changes.
        """
        token = check_token(token)
        values, rows = sheet_values(sheet), sheet_rows(sheet)
        with writing(self._engine) as connection:
            diagnostic_id = queries.touch_writable(connection, token, values)
            check_current(connection, diagnostic_id)
            queries.delete_answers_of(connection, [diagnostic_id])
            queries.insert_answers(connection, diagnostic_id, rows)
            write_plan(connection, ("diagnostic_id", diagnostic_id), sheet.plan)

    def delete_diagnostic(self, token: str) -> None:
        """Delete a diagnostic and its answers for good, none of its text left in the files;
        NotFoundError if unknown."""
        token = check_token(token)
        with writing(self._engine) as connection:
            found = select(diagnostics.c.id).where(diagnostics.c.token == token)
            # the diagnostic it followed, if any, carries the line's plan again
            followed = diagnostics.c.followed_by.in_(found)
            connection.execute(update(diagnostics).where(followed).values(followed_by=None))
            queries.delete_answers_of(connection, found)
            deleted = connection.execute(diagnostics.delete().where(diagnostics.c.token == token))
            if deleted.rowcount != 1:
                raise diagnostic_not_found()
        forget_deleted(self._engine)
