"""Answers given with one version of the référentiel, expressed in the loaded one.

A comparison over time only makes sense question by question in one référentiel. When
an earlier diagnostic was made with another version, its answers go through the
mapping between the two versions; without a known mapping the comparison is refused.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from ..errors import AnswersError
from ..model import DECLINED, UNKNOWN, AnswerSheet, QuestionId, Referentiel
from ..referentiel.upgrade import carry_over


class MappingError(AnswersError):
    """Answers from a référentiel version that cannot be mapped to the loaded one."""


def same_version(version: str | None, referentiel: Referentiel) -> bool:
    """Whether answers given with ``version`` (None: unknown, taken as current) need no mapping."""
    return version is None or version == referentiel.version


def mappable(version: str | None, referentiel: Referentiel) -> bool:
    """Whether answers of ``version`` are, or can be, expressed in the loaded référentiel."""
    return same_version(version, referentiel) or str(version) in referentiel.upgrades


def map_raw(
    version: str | None,
    answers: Mapping[str, Any],
    comments: Mapping[str, Any],
    referentiel: Referentiel,
) -> tuple[Mapping[str, Any], Mapping[str, Any]]:
    """Raw answers and comments of référentiel ``version`` keyed by the loaded one's ids."""
    if same_version(version, referentiel):
        return answers, comments
    upgrade = referentiel.upgrades.get(str(version))
    if upgrade is not None:  # the explicit mapping of data/correspondances/
        carried = carry_over(upgrade, answers, comments)
        return carried.answers, carried.comments
    raise unmappable(version, referentiel)


def unmappable(version: str | None, referentiel: Referentiel) -> MappingError:
    """The earlier diagnostic's version has no mapping to the loaded one."""
    return MappingError(
        f"Le diagnostic précédent a été fait avec la version « {version} » du référentiel, "
        f"qui ne peut pas être mise en correspondance avec la version « {referentiel.version} » "
        "utilisée ici : la comparaison est impossible.",
        f"The earlier diagnostic was made with référentiel version '{version}', which cannot "
        f"be mapped to the version '{referentiel.version}' used here: no comparison is possible.",
    )


def expressed_in(referentiel: Referentiel, sheet: AnswerSheet) -> AnswerSheet:
    """A kept copy of another référentiel version mapped as its own diagnostic was.

    The answers that do not fit a question of the loaded référentiel are left out, as
    when the database carries saved diagnostics over (storage/upgrades.py).
    """
    if same_version(sheet.referentiel_version, referentiel):
        return sheet
    raw_answers, raw_comments = map_raw(
        sheet.referentiel_version,
        {str(q): answer for q, answer in sheet.answers.items()},
        {str(q): text for q, text in sheet.comments.items()},
        referentiel,
    )
    known = {m.id for m in referentiel.motivations}
    return dataclasses.replace(
        sheet,
        answers={
            QuestionId(q): value for q, value in raw_answers.items() if fits(referentiel, q, value)
        },
        comments={
            QuestionId(q): text
            for q, text in raw_comments.items()
            if referentiel.has_question(q) and isinstance(text, str)
        },
        priorities=tuple(m for m in sheet.priorities if m in known),
        referentiel_version=referentiel.version,
    )


def fits(referentiel: Referentiel, question_id: str, value: Any) -> bool:
    """Whether ``value`` is an answer the loaded référentiel's question offers."""
    if not referentiel.has_question(question_id):
        return False
    question = referentiel.question(question_id)
    if value == UNKNOWN:
        return True
    if value == DECLINED:
        return question.declinable
    scale = referentiel.scale(question.scale)
    return type(value) is int and value in scale.values()
