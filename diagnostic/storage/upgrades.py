"""Carry saved answers over to the current référentiel, once, through its explicit mappings."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Engine, select, update

from ..errors import AnswersError
from ..model import Referentiel, Text, Upgrade
from ..referentiel.upgrade import Carried, carry_over, describe
from ..schema.answers import check_answer
from . import queries
from .checks import check_comment, sheet_rows
from .engine import reading, writing
from .records import build_sheet, note_to_column
from .tables import answers, diagnostics


def upgrade_saved(engine: Engine, referentiel: Referentiel) -> int:
    """Map every diagnostic saved with an earlier version that has a mapping; returns how many.

    Each diagnostic is mapped in its own transaction, after checking that no other
    process mapped it meanwhile; an answer that does not fit the new question is dropped
    and said so in the diagnostic's note.
    """
    done = 0
    for version, upgrade in referentiel.upgrades.items():
        if version == referentiel.version:
            continue
        with reading(engine) as connection:
            ids = connection.execute(
                select(diagnostics.c.id).where(diagnostics.c.referentiel_version == version)
            ).scalars()
            pending = list(ids)
        for diagnostic_id in pending:
            with writing(engine) as connection:
                done += _upgrade_one(connection, diagnostic_id, upgrade, referentiel)
    return done


def _upgrade_one(
    connection: Connection, diagnostic_id: int, upgrade: Upgrade, referentiel: Referentiel
) -> int:
    row = connection.execute(
        select(diagnostics).where(diagnostics.c.id == diagnostic_id)
    ).one_or_none()
    if row is None or row.referentiel_version != upgrade.from_version:
        return 0
    rows = connection.execute(select(answers).where(answers.c.diagnostic_id == diagnostic_id))
    sheet = build_sheet(None, rows.all(), upgrade.from_version)
    raw_answers: dict[str, Any] = {str(q): a for q, a in sheet.answers.items()}
    raw_comments: dict[str, Any] = {str(q): c for q, c in sheet.comments.items()}
    carried = carry_over(upgrade, raw_answers, raw_comments)
    kept, dropped = _fitting(carried, referentiel)
    note = _note(carried, dropped, upgrade, referentiel)
    new_rows = sheet_rows(type(sheet)(sheet.territory, kept["answers"], kept["comments"]))
    queries.delete_answers_of(connection, [diagnostic_id])
    queries.insert_answers(connection, diagnostic_id, new_rows)
    connection.execute(
        update(diagnostics)
        .where(diagnostics.c.id == diagnostic_id)
        .values(referentiel_version=referentiel.version, upgrade_note=note_to_column(note))
    )
    return 1


def _fitting(carried: Carried, referentiel: Referentiel) -> tuple[dict[str, Any], list[str]]:
    """The carried answers and comments that fit the référentiel, and the questions left out."""
    kept_answers: dict[str, Any] = {}
    kept_comments: dict[str, Any] = {}
    dropped: list[str] = []
    for question_id, value in carried.answers.items():
        try:
            kept_answers[question_id] = check_answer(referentiel, question_id, value)
        except AnswersError:
            dropped.append(question_id)
    for question_id, text in carried.comments.items():
        if referentiel.has_question(question_id):
            kept_comments[question_id] = check_comment(question_id, text)
        else:
            dropped.append(question_id)
    return {"answers": kept_answers, "comments": kept_comments}, dropped


def _note(
    carried: Carried, dropped: list[str], upgrade: Upgrade, referentiel: Referentiel
) -> Text | None:
    if not carried.notes and not carried.dropped and not dropped:
        return None
    everything = Carried(
        carried.answers,
        carried.comments,
        carried.notes,
        tuple(dict.fromkeys([*carried.dropped, *dropped])),
    )
    texts = [
        describe(everything, upgrade.from_version, referentiel.version, lang)
        for lang in ("fr", "en")
    ]
    return Text(texts[0], texts[1])
