"""What the repository returns, and the conversions between rows and domain objects."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal, cast

from sqlalchemy import Row

from ..model import (
    DECLINED,
    UNKNOWN,
    Answer,
    AnswerSheet,
    MotivationId,
    QuestionId,
    Role,
    TerritoryProfile,
    Text,
)

WorkshopStatus = Literal["open", "closed"]
WORKSHOP_STATUSES: tuple[WorkshopStatus, ...] = ("open", "closed")
PROFILE_COLUMNS = ("name", "type", "siren", "departement", "population", "respondent_role", "date")
# What a sheet shows for a diagnostic whose profile step has not been saved yet.
EMPTY_PROFILE = TerritoryProfile(name="", type="commune")


@dataclass(frozen=True)
class DiagnosticRecord:
    """One diagnostic, single or a workshop participant's, found by its secret token."""

    token: str
    profile: TerritoryProfile | None
    created_at: dt.datetime
    updated_at: dt.datetime
    workshop_code: str | None = None
    pseudonym: str | None = None
    role: Role | None = None


@dataclass(frozen=True)
class WorkshopRecord:
    """A workshop: several participants answer, an adviser holds the admin key."""

    code: str
    profile: TerritoryProfile
    motivations: tuple[str, ...]
    status: WorkshopStatus
    results_visible: bool
    created_at: dt.datetime


@dataclass(frozen=True)
class ParticipantSheet:
    """One participant's answers in a workshop."""

    token: str
    pseudonym: str | None
    role: Role
    sheet: AnswerSheet
    updated_at: dt.datetime


def profile_values(profile: TerritoryProfile | None) -> dict[str, Any]:
    """The profile as column values; all NULL when there is none."""
    if profile is None:
        return dict.fromkeys(PROFILE_COLUMNS)
    return {column: getattr(profile, column) for column in PROFILE_COLUMNS}


def profile_from_row(row: Row[Any]) -> TerritoryProfile | None:
    """The profile held by a row's profile columns; None when its type was never saved."""
    values = row._mapping
    if values["type"] is None:
        return None
    return TerritoryProfile(**{column: values[column] for column in PROFILE_COLUMNS})


def diagnostic_from_row(row: Row[Any], workshop_code: str | None) -> DiagnosticRecord:
    """A DiagnosticRecord from a row of the diagnostics table."""
    return DiagnosticRecord(
        token=row.token,
        profile=profile_from_row(row),
        created_at=row.created_at,
        updated_at=row.updated_at,
        workshop_code=workshop_code,
        pseudonym=row.pseudonym,
        role=cast(Role | None, row.role),
    )


def workshop_from_row(row: Row[Any]) -> WorkshopRecord:
    """A WorkshopRecord from a row of the workshops table."""
    profile = profile_from_row(row)
    assert profile is not None, "a workshop always has a profile"
    return WorkshopRecord(
        code=row.code,
        profile=profile,
        motivations=tuple(row.motivations.split()),
        status=cast(WorkshopStatus, row.status),
        results_visible=bool(row.results_visible),
        created_at=row.created_at,
    )


def answer_values(answer: Answer | None) -> dict[str, Any]:
    """An answer as the (level, dont_know, declined) columns."""
    if answer is None or answer in (UNKNOWN, DECLINED):
        return {"level": None, "dont_know": answer == UNKNOWN, "declined": answer == DECLINED}
    return {"level": answer, "dont_know": False, "declined": False}


def build_sheet(
    profile: TerritoryProfile | None,
    answer_rows: Iterable[Row[Any]],
    referentiel_version: str | None,
    priorities: str = "",
    upgrade_note: str = "",
) -> AnswerSheet:
    """An AnswerSheet from a profile, the rows of the answers table and the ranking."""
    answers: dict[QuestionId, Answer] = {}
    comments: dict[QuestionId, str] = {}
    for row in answer_rows:
        question_id = QuestionId(row.question_id)
        if row.dont_know:
            answers[question_id] = UNKNOWN
        elif row.declined:
            answers[question_id] = DECLINED
        elif row.level is not None:
            answers[question_id] = int(row.level)
        if row.comment:
            comments[question_id] = row.comment
    return AnswerSheet(
        profile or EMPTY_PROFILE,
        answers,
        comments,
        referentiel_version,
        tuple(MotivationId(m) for m in priorities.split("|") if m),
        note_from_column(upgrade_note),
    )


NOTE_SEPARATOR = "\n\n---\n\n"


def note_to_column(note: Text | None) -> str:
    """An upgrade note in its column: the French text, a separator, the English text."""
    return f"{note.fr}{NOTE_SEPARATOR}{note.en}" if note is not None else ""


def note_from_column(value: str) -> Text | None:
    if not value:
        return None
    fr, _, en = value.partition(NOTE_SEPARATOR)
    return Text(fr, en or fr)
