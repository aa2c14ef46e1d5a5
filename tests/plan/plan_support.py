"""The miniature référentiel and ready-made sheets and plan lines for the plan's tests."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path

from diagnostic.model import AnswerSheet, Referentiel, TerritoryProfile
from diagnostic.plan.model import PlanAction, Quarter
from diagnostic.referentiel.load import load_referentiel

MINI = Path(__file__).resolve().parents[1] / "data" / "ok"
PROFILE = TerritoryProfile("Pays du Saintois", "pays_petr", date=dt.date(2026, 11, 27))
ADDED = dt.date(2026, 11, 27)


@lru_cache(maxsize=1)
def mini() -> Referentiel:
    return load_referentiel(MINI)


def lowest(referentiel: Referentiel) -> AnswerSheet:
    """Every question at the bottom of its scale."""
    answers = {q.id: referentiel.scale(q.scale).min for q in referentiel.questions}
    return AnswerSheet(PROFILE, answers, {}, referentiel.version)


def line(entry: str = "a1", **changes: object) -> PlanAction:
    """A plan line with every field filled; ``changes`` override some."""
    values: dict[str, object] = {
        "id": entry,
        "label": "Former les élus à l’ESS",
        "added": ADDED,
        "owner": "Maire",
        "partners": "CRESS, CNFPT",
        "quarter": Quarter(2027, 2),
        "status": "en_cours",
        "note": "Première session au printemps",
    }
    values.update(changes)
    return PlanAction(**values)  # type: ignore[arg-type]
