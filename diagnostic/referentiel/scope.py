"""The questions a territory is asked: those whose ``territory_types`` include its type."""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from ..model import AnswerSheet, QuestionId, Referentiel, TerritoryType


@lru_cache(maxsize=64)
def for_territory(referentiel: Referentiel, territory_type: TerritoryType) -> Referentiel:
    """The référentiel as a territory of this type sees it: the questions not asked of it left out.

    Handed back unchanged when every question is asked of the type, so caches keyed on the
    référentiel object (the scoring model) keep serving it.
    """
    asked = tuple(q for q in referentiel.questions if q.asked_of(territory_type))
    if len(asked) == len(referentiel.questions):
        return referentiel
    return replace(referentiel, questions=asked)


def set_aside(referentiel: Referentiel, sheet: AnswerSheet) -> tuple[QuestionId, ...]:
    """Answers the sheet holds to questions not asked of its territory type: kept, not used."""
    return tuple(
        q.id
        for q in referentiel.questions
        if q.id in sheet.answers and not q.asked_of(sheet.territory.type)
    )


def asked_sheet(referentiel: Referentiel, sheet: AnswerSheet) -> tuple[Referentiel, AnswerSheet]:
    """The référentiel and the answers as the sheet's territory sees them (set-aside ones out)."""
    scoped = for_territory(referentiel, sheet.territory.type)
    if scoped is referentiel:
        return referentiel, sheet
    kept = {q: a for q, a in sheet.answers.items() if scoped.has_question(q)}
    return scoped, replace(sheet, answers=kept)
