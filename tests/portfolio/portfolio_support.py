"""Plain portfolio data for the tests: territories, sheets that lead to known needs, plans."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path

from diagnostic.model import (
    UNKNOWN,
    AnswerSheet,
    PlanAction,
    Quarter,
    Referentiel,
    Status,
    TerritoryProfile,
)
from diagnostic.portfolio.readings import Diagnosis, Mode
from diagnostic.portfolio.table import PortfolioData, TerritoryFacts
from diagnostic.referentiel.load import load_referentiel

ROOT = Path(__file__).resolve().parents[2]
TODAY = dt.date(2026, 12, 6)


@lru_cache(maxsize=1)
def shipped() -> Referentiel:
    return load_referentiel(ROOT / "data")


def facts(key: str, name: str, departement: str = "69", kind: str = "commune") -> TerritoryFacts:
    return TerritoryFacts(key, name, kind, departement, "84", 1_000)


def sheet(level: int | str, plan: tuple[PlanAction, ...] = ()) -> AnswerSheet:
    """Every question answered ``level`` (the scale's minimum or maximum, or « je ne sais pas »)."""
    referentiel = shipped()
    answers = {}
    for question in referentiel.questions:
        scale = referentiel.scale(question.scale)
        if level == UNKNOWN:
            answers[question.id] = UNKNOWN
        else:
            answers[question.id] = scale.min if level == 0 else scale.max
    return AnswerSheet(TerritoryProfile("x", "commune"), answers, plan=plan)


def action(entry: str, status: Status, quarter: Quarter | None) -> PlanAction:
    return PlanAction(entry, f"Action {entry}", TODAY, status=status, quarter=quarter)


def data(
    territories: list[TerritoryFacts],
    diagnosed: dict[str, tuple[dt.date, Mode, AnswerSheet]],
    workshops: dict[str, int] | None = None,
) -> PortfolioData:
    return PortfolioData(
        territories={item.key: item for item in territories},
        latest={key: Diagnosis(key, day, mode, s) for key, (day, mode, s) in diagnosed.items()},
        diagnoses={key: 1 for key in diagnosed},
        workshops=workshops or {},
    )
