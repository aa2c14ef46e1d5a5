"""Checks across the référentiel's rows and files: orders, the knowledge-gap levers, coherence."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from ..model import (
    TERRITORY_TYPES,
    Action,
    Lever,
    LeverId,
    Motivation,
    Question,
)
from .tables import META, Problems, Row


def check_orders(rows: list[Row], column: str) -> None:
    seen: dict[str, int] = {}
    for row in rows:
        value = row.text(column)
        if value in seen:
            row.problem(
                column,
                f"rang {value} déjà utilisé ligne {seen[value]}",
                f"order {value} already used on row {seen[value]}",
            )
        seen.setdefault(value, row.line)


def check_question_orders(rows: list[Row]) -> None:
    by_motivation: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        by_motivation[row.text("motivation")].append(row)
    for group in by_motivation.values():
        check_orders(group, "order")


def knowledge_gap_levers(
    meta: dict[str, Any], levers: dict[str, Lever], problems: Problems
) -> dict[LeverId, float]:
    raw = meta.get("knowledge_gap_levers", {})
    field = "knowledge_gap_levers"
    if not isinstance(raw, dict):
        problems.add(META, None, field, "attendu : levier: poids", "expected: lever: weight")
        return {}
    result: dict[LeverId, float] = {}
    for lever, weight in raw.items():
        if lever not in levers:
            problems.add(
                META, None, field, f"levier inconnu : « {lever} »", f"unknown lever: '{lever}'"
            )
        elif isinstance(weight, bool) or not isinstance(weight, int | float) or weight <= 0:
            problems.add(
                META,
                None,
                field,
                f"le poids du levier « {lever} » doit être un nombre strictement positif",
                f"the weight of lever '{lever}' must be a strictly positive number",
            )
        else:
            result[LeverId(lever)] = float(weight)
    return result


def cross_checks(
    problems: Problems,
    motivations: dict[str, Motivation],
    levers: dict[str, Lever],
    actions: dict[str, Action],
    questions: tuple[Question, ...],
) -> None:
    for motivation in motivations:
        kinds = {q.kind for q in questions if q.motivation == motivation}
        if not kinds:
            problems.add(
                "questions.csv",
                None,
                "motivation",
                f"la motivation « {motivation} » n’a aucune question",
                f"motivation '{motivation}' has no question",
            )
        for kind, name in (("priority", "de priorité"), ("maturity", "de maturité")):
            if kinds and kind not in kinds:
                problems.add(
                    "questions.csv",
                    None,
                    "kind",
                    f"la motivation « {motivation} » n’a aucune question {name} ({kind})",
                    f"motivation '{motivation}' has no {kind} question",
                )
    for question in questions:
        if not question.levers:
            problems.add(
                "weights.csv",
                None,
                "question",
                f"la question « {question.id} » n’alimente aucun levier",
                f"question '{question.id}' feeds no lever",
            )
    reached = {lever for q in questions for lever in q.levers}
    for lever in levers:
        if lever not in reached:
            problems.add(
                "weights.csv",
                None,
                "lever",
                f"aucune question n’alimente le levier « {lever} »",
                f"no question feeds lever '{lever}'",
            )
        for territory_type in TERRITORY_TYPES:
            if not any(a.lever == lever and a.applies_to(territory_type) for a in actions.values()):
                problems.add(
                    "actions.csv",
                    None,
                    "territory_types",
                    f"le levier « {lever} » n’a aucune action pour le type « {territory_type} »",
                    f"lever '{lever}' has no action for territory type '{territory_type}'",
                )
