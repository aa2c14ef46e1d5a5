"""Answers given with an earlier référentiel, carried over through its explicit mapping.

The mappings are data: ``data/correspondances/<earlier version>.csv``, one row per earlier
question (see ``data/README.md``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..i18n import t
from ..model import (
    DECLINED,
    UNKNOWN,
    Question,
    QuestionId,
    QuestionMove,
    Scale,
    Text,
    Upgrade,
)
from .tables import Problems, Row, read_csv

FOLDER = "correspondances"
COLUMNS = ("old_question", "new_questions", "levels", "note_fr", "note_en")
_PAIR = re.compile(r"^\s*(\d+)\s*:\s*(\d+)\s*$")


def read_upgrades(
    directory: Path,
    questions: Mapping[str, Question],
    scales: Mapping[str, Scale],
    problems: Problems,
) -> dict[str, Upgrade]:
    """Every mapping file of ``directory/correspondances``, checked against the questions."""
    folder = directory / FOLDER
    if not folder.is_dir():
        return {}
    upgrades: dict[str, Upgrade] = {}
    for path in sorted(folder.glob("*.csv")):
        name = f"{FOLDER}/{path.name}"
        rows = read_csv(folder, path.name, COLUMNS, problems)
        if rows is None:
            continue
        for row in rows:
            row.file = name
        moves = {}
        for row in rows:
            move = _move(row, questions, scales)
            if move is not None:
                moves[move.old] = move
        upgrades[path.stem] = Upgrade(path.stem, moves)
    return upgrades


def _move(
    row: Row, questions: Mapping[str, Question], scales: Mapping[str, Scale]
) -> QuestionMove | None:
    old = row.ident("old_question")
    new = row.id_list("new_questions")
    for question in new:
        if question not in questions:
            row.problem(
                "new_questions",
                f"question inconnue : « {question} »",
                f"unknown question: '{question}'",
            )
    levels = _levels(row)
    for question in new:
        found = questions.get(question)
        scale = scales.get(found.scale) if found is not None else None
        if scale is None:
            continue
        wrong = [v for v in levels.values() if v not in scale.values()]
        if wrong:
            row.problem(
                "levels",
                f"niveau {wrong[0]} hors de l’échelle de « {question} »",
                f"level {wrong[0]} is off the scale of '{question}'",
            )
    note = row.optional_bilingual("note")
    if not new and note is None:
        row.problem(
            "note_fr",
            "une question non reprise doit dire pourquoi (note_fr, note_en)",
            "a question not carried over must say why (note_fr, note_en)",
        )
    if old is None:
        return None
    return QuestionMove(QuestionId(old), tuple(QuestionId(q) for q in new), levels, note)


def _levels(row: Row) -> dict[int, int]:
    levels: dict[int, int] = {}
    for part in row.id_list("levels"):
        match = _PAIR.match(part)
        if match is None:
            row.problem(
                "levels",
                f"« {part} » : attendu ancien:nouveau, par exemple 4:4",
                f"'{part}': expected old:new, for example 4:4",
            )
            continue
        levels[int(match.group(1))] = int(match.group(2))
    return levels


@dataclass(frozen=True)
class Carried:
    """Raw answers and comments expressed in the current référentiel, and what changed."""

    answers: dict[str, Any]
    comments: dict[str, Any]
    notes: tuple[Text, ...]
    dropped: tuple[str, ...]  # earlier question ids whose answer could not be carried over


def carry_over(
    upgrade: Upgrade, answers: Mapping[str, Any], comments: Mapping[str, Any]
) -> Carried:
    """The earlier answers and comments mapped question by question (values left unchecked)."""
    new_answers: dict[str, Any] = {}
    new_comments: dict[str, Any] = {}
    notes: list[Text] = []
    dropped: list[str] = []
    for old in dict.fromkeys([*answers, *comments]):
        move = upgrade.moves.get(QuestionId(old))
        if move is None:  # not in the mapping: left as it is, checked like any answer
            _keep(new_answers, old, answers.get(old))
            _keep(new_comments, old, comments.get(old))
            continue
        if not move.new:
            dropped.append(old)
        if move.note is not None and move.note not in notes:
            notes.append(move.note)
        value = answers.get(old)
        for new in move.new:
            _keep(new_answers, new, _level(move, value))
        if move.new:
            _keep(new_comments, move.new[0], comments.get(old))
    return Carried(new_answers, new_comments, tuple(notes), tuple(dropped))


def _keep(target: dict[str, Any], key: str, value: Any) -> None:
    if value is not None and key not in target:
        target[key] = value


def _level(move: QuestionMove, value: Any) -> Any:
    if value in (UNKNOWN, DECLINED) or isinstance(value, bool) or not isinstance(value, int):
        return value
    return move.levels.get(value, value)


def describe(carried: Carried, from_version: str, to_version: str, lang: str) -> str:
    """The plain message shown once: from which version, what changed, what was not kept."""
    lines = [t("upgrade.title", lang, old=from_version, new=to_version)]
    lines += [f"- {note.get(lang)}" for note in carried.notes]
    if carried.dropped:
        lines.append(t("upgrade.dropped", lang, count=len(carried.dropped)))
    return "\n".join(lines)
