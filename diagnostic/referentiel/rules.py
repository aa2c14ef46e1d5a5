"""The tunable rules of ``referentiel.yaml``: ranking of motivations, need words, confidence."""

from __future__ import annotations

from typing import Any

from ..model import Rules
from .tables import Problems

META = "referentiel.yaml"
DEFAULT = Rules()


def read_rules(meta: dict[str, Any], problems: Problems) -> Rules:
    """The rules in ``meta``; a missing section keeps its documented default."""
    ranking = _section(meta, "motivation_ranking", problems)
    words = _section(meta, "need_words", problems)
    confidence = _section(meta, "confidence", problems)
    ranking_max = _number(ranking, "motivation_ranking", "max", DEFAULT.ranking_max, problems)
    factors = _factors(ranking, problems)
    rules = Rules(
        ranking_max=int(ranking_max),
        ranking_factors=factors,
        ranking_unranked=_number(
            ranking, "motivation_ranking", "unranked", DEFAULT.ranking_unranked, problems, 1.0
        ),
        need_strong=_number(words, "need_words", "fort", DEFAULT.need_strong, problems, 100.0),
        need_medium=_number(words, "need_words", "moyen", DEFAULT.need_medium, problems, 100.0),
        need_minimum=_number(words, "need_words", "minimum", DEFAULT.need_minimum, problems, 100.0),
        close_points=_number(
            confidence, "confidence", "close_points", DEFAULT.close_points, problems, 100.0
        ),
        min_answered_share=_number(
            confidence,
            "confidence",
            "min_answered_share",
            DEFAULT.min_answered_share,
            problems,
            1.0,
        ),
    )
    if rules.ranking_max != len(rules.ranking_factors):
        problems.add(
            META,
            None,
            "motivation_ranking",
            f"« factors » doit donner un coefficient par rang ({rules.ranking_max} attendus)",
            f"'factors' must give one factor per rank ({rules.ranking_max} expected)",
        )
    if not rules.need_minimum <= rules.need_medium < rules.need_strong:
        problems.add(
            META,
            None,
            "need_words",
            "attendu : minimum ≤ moyen < fort",
            "expected: minimum ≤ moyen < fort",
        )
    return rules


def _section(meta: dict[str, Any], key: str, problems: Problems) -> dict[str, Any]:
    value = meta.get(key, {})
    if isinstance(value, dict):
        return value
    problems.add(META, None, key, "attendu : des clés et des valeurs", "expected: keys and values")
    return {}


def _number(
    section: dict[str, Any],
    name: str,
    key: str,
    default: float,
    problems: Problems,
    maximum: float | None = None,
) -> float:
    value = section.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        problems.add(
            META,
            None,
            f"{name}.{key}",
            "attendu : un nombre positif ou nul",
            "expected: a number, zero or more",
        )
        return default
    if maximum is not None and value > maximum:
        problems.add(
            META,
            None,
            f"{name}.{key}",
            f"attendu : un nombre entre 0 et {maximum:g}",
            f"expected: a number from 0 to {maximum:g}",
        )
        return default
    return float(value)


def _factors(section: dict[str, Any], problems: Problems) -> tuple[float, ...]:
    raw = section.get("factors", list(DEFAULT.ranking_factors))
    numbers = isinstance(raw, list) and all(
        isinstance(v, int | float) and not isinstance(v, bool) and 0 <= v <= 1 for v in raw
    )
    if not numbers or not raw:
        problems.add(
            META,
            None,
            "motivation_ranking.factors",
            "attendu : une liste de coefficients entre 0 et 1",
            "expected: a list of factors between 0 and 1",
        )
        return DEFAULT.ranking_factors
    return tuple(float(v) for v in raw)
