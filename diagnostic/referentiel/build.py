"""The référentiel's rows built into objects, each reference checked, every problem kept."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from typing import Any, cast

from ..model import (
    KINDS,
    TERRITORY_TYPES,
    Action,
    ActionId,
    Kind,
    Level,
    Lever,
    LeverId,
    Motivation,
    MotivationId,
    Provider,
    ProviderId,
    Question,
    QuestionId,
    Scale,
    ScaleId,
    TerritoryType,
    Text,
)
from .action_rules import read_next_levels, read_stage
from .tables import Row


def by_id(rows: list[Row], build: Any) -> dict[str, Any]:
    """Build each row's object, keyed by id; a repeated id is a problem."""
    seen: dict[str, int] = {}
    built: dict[str, Any] = {}
    for row in rows:
        ident = row.ident("id")
        item = build(row)
        if ident is None:
            continue
        if ident in seen:
            row.problem(
                "id",
                f"identifiant « {ident} » déjà utilisé ligne {seen[ident]}",
                f"identifier '{ident}' already used on row {seen[ident]}",
            )
            continue
        seen[ident] = row.line
        if item is not None:
            built[ident] = item
    return built


_NOUNS = {
    "motivation": ("motivation inconnue", "motivation manquante"),
    "lever": ("levier inconnu", "levier manquant"),
    "scale": ("échelle inconnue", "échelle manquante"),
    "question": ("question inconnue", "question manquante"),
}


def _reference(row: Row, column: str, known: dict[str, Any]) -> bool:
    """Whether ``column`` names a known id; an unknown or empty reference is a problem."""
    value = row.text(column)
    if value in known:
        return True
    unknown_fr, missing_fr = _NOUNS[column]
    if value:
        row.problem(column, f"{unknown_fr} : « {value} »", f"unknown {column}: '{value}'")
    else:
        row.problem(column, missing_fr, f"missing {column}")
    return False


def build_scales(rows: list[Row]) -> dict[str, Scale]:
    levels: dict[str, list[tuple[Row, int, Text]]] = defaultdict(list)
    for row in rows:
        scale_id = row.ident("scale")
        value = row.integer("level", minimum=0)
        label = row.bilingual("label")
        if scale_id is not None and value is not None:
            levels[scale_id].append((row, value, label))
    scales: dict[str, Scale] = {}
    for scale_id, entries in levels.items():
        values = [value for _, value, _ in entries]
        duplicates = {v for v in values if values.count(v) > 1}
        for row, value, _ in entries:
            if value in duplicates:
                row.problem(
                    "level",
                    f"niveau {value} en double dans l’échelle « {scale_id} »",
                    f"level {value} repeated in scale '{scale_id}'",
                )
        ordered = sorted(set(values))
        last_row = entries[-1][0]
        if len(ordered) < 2:
            last_row.problem(
                "level",
                f"l’échelle « {scale_id} » doit avoir au moins deux niveaux",
                f"scale '{scale_id}' needs at least two levels",
            )
        elif ordered != list(range(ordered[0], ordered[-1] + 1)):
            last_row.problem(
                "level",
                f"les niveaux de l’échelle « {scale_id} » doivent se suivre de 1 en 1 "
                f"(trouvé : {', '.join(map(str, ordered))})",
                f"the levels of scale '{scale_id}' must follow each other by steps of 1 "
                f"(found: {', '.join(map(str, ordered))})",
            )
        by_value = {value: label for _, value, label in entries}
        scales[scale_id] = Scale(ScaleId(scale_id), tuple(Level(v, by_value[v]) for v in ordered))
    return scales


def build_motivation(row: Row) -> Motivation:
    order = row.integer("order", minimum=1) or 0
    label, description = row.bilingual("label"), row.bilingual("description")
    return Motivation(MotivationId(row.text("id")), order, label, description)


def build_provider(row: Row) -> Provider:
    name, description = row.bilingual("name"), row.bilingual("description")
    return Provider(ProviderId(row.text("id")), name, description)


def build_lever(row: Row, providers: dict[str, Provider]) -> Lever:
    order = row.integer("order", minimum=1) or 0
    label, description = row.bilingual("label"), row.bilingual("description")
    ids = row.id_list("providers")
    if not ids:
        row.problem("providers", "aucun acteur indiqué", "no provider given")
    for provider in ids:
        if provider not in providers:
            row.problem(
                "providers", f"acteur inconnu : « {provider} »", f"unknown provider: '{provider}'"
            )
    return Lever(
        LeverId(row.text("id")),
        order,
        label,
        description,
        tuple(ProviderId(p) for p in ids if p in providers),
    )


def build_action(
    row: Row, levers: dict[str, Lever], questions: dict[str, Question], scales: dict[str, Scale]
) -> Action | None:
    lever_ok = _reference(row, "lever", levers)
    label, detail = row.bilingual("label"), row.bilingual("detail")
    next_step = row.optional_bilingual("next")
    types = _territory_types(row)
    low = row.optional_integer("min_population", minimum=0)
    high = row.optional_integer("max_population", minimum=0)
    if low is not None and high is not None and low > high:
        row.problem(
            "max_population",
            f"la population maximale ({high}) est inférieure à la minimale ({low})",
            f"the maximum population ({high}) is lower than the minimum ({low})",
        )
    linked = _action_questions(row, questions)
    if types is not None:
        _within_questions(row, types, linked, questions)
    done_from = _done_from(row, linked, questions, scales)
    stage = read_stage(row)
    next_levels = read_next_levels(row, next_step is not None, done_from)
    if not lever_ok or types is None:
        return None
    return Action(
        ActionId(row.text("id")),
        LeverId(row.text("lever")),
        types,
        label,
        detail,
        questions=tuple(QuestionId(q) for q in linked),
        done_from=done_from,
        next=next_step,
        next_levels=next_levels,
        stage=stage,
        min_population=low,
        max_population=high,
    )


def _action_questions(row: Row, questions: dict[str, Question]) -> list[str]:
    linked = row.id_list("questions")
    for question in linked:
        if question not in questions:
            row.problem(
                "questions",
                f"question inconnue : « {question} »",
                f"unknown question: '{question}'",
            )
    return [q for q in linked if q in questions]


def _within_questions(
    row: Row, types: frozenset[TerritoryType], linked: list[str], questions: dict[str, Question]
) -> None:
    """An action follows from its questions: it cannot be for a type they are not asked of."""
    for question_id in linked:
        question = questions.get(question_id)
        if not isinstance(question, Question):
            continue
        beyond = [kind for kind in TERRITORY_TYPES if kind in types - question.territory_types]
        if beyond:
            row.problem(
                "territory_types",
                f"l’action vaut pour des types où la question « {question_id} » n’est pas "
                f"posée : {', '.join(beyond)}",
                f"the action is for types the question '{question_id}' is not asked of: "
                f"{', '.join(beyond)}",
            )


def _done_from(
    row: Row, linked: list[str], questions: dict[str, Question], scales: dict[str, Scale]
) -> int | None:
    """The level from which the action is done; required exactly when questions are named."""
    if not linked:
        if row.text("done_from"):
            row.problem(
                "done_from",
                "niveau donné sans question dans « questions »",
                "level given without any question in 'questions'",
            )
        return None
    if not row.text("done_from"):
        row.problem(
            "done_from",
            "niveau manquant : à partir de quel niveau l’action est-elle faite ?",
            "missing level: from which level is the action done?",
        )
        return None
    level = row.integer("done_from", minimum=1)
    for question_id in linked:
        question = questions.get(question_id)
        scale = scales.get(question.scale) if isinstance(question, Question) else None
        if level is not None and isinstance(scale, Scale) and level > scale.max:
            row.problem(
                "done_from",
                f"niveau {level} hors de l’échelle de « {question_id} » (maximum {scale.max})",
                f"level {level} is off the scale of '{question_id}' (maximum {scale.max})",
            )
    return level


def _territory_types(row: Row, empty_means_all: bool = False) -> frozenset[TerritoryType] | None:
    """The types a row is for: ``*``, or a ``|`` list of known types (empty only if allowed)."""
    if row.text("territory_types") == "*" or (empty_means_all and not row.text("territory_types")):
        return frozenset(TERRITORY_TYPES)
    values = row.id_list("territory_types")
    wrong = [value for value in values if value not in TERRITORY_TYPES]
    if not values or wrong:
        shown = ", ".join(wrong) if wrong else "(vide)"
        allowed = ", ".join(TERRITORY_TYPES)
        row.problem(
            "territory_types",
            f"type de territoire inconnu : {shown} ; attendu * ou parmi {allowed}",
            f"unknown territory type: {shown}; expected * or some of {allowed}",
        )
        return None
    return frozenset(cast(TerritoryType, value) for value in values)


def build_question(
    row: Row,
    motivations: dict[str, Motivation],
    scales: dict[str, Scale],
    providers: dict[str, Provider],
) -> Question:
    """The question; a bad field is recorded and a stand-in keeps references resolvable."""
    _reference(row, "motivation", motivations)
    _reference(row, "scale", scales)
    kind = row.text("kind")
    if kind not in KINDS:
        row.problem(
            "kind",
            f"type de question « {kind} » inconnu : attendu priority ou maturity",
            f"unknown question kind '{kind}': expected priority or maturity",
        )
    order = row.integer("order", minimum=1) or 0
    label, help_text = row.bilingual("label"), row.bilingual("help")
    short = row.bilingual("short")
    who_knows = row.id_list("who_knows")
    for provider in who_knows:
        if provider not in providers:
            row.problem(
                "who_knows", f"acteur inconnu : « {provider} »", f"unknown provider: '{provider}'"
            )
    declinable, foundation = row.flag("declinable"), row.flag("foundation")
    optional = row.flag("optional")
    types = _territory_types(row, empty_means_all=True)
    if foundation and kind == "priority":
        row.problem(
            "foundation",
            "une question de priorité ne peut pas être un socle",
            "a priority question cannot be a foundation",
        )
    if types is not None and kind == "priority" and len(types) < len(TERRITORY_TYPES):
        row.problem(
            "territory_types",
            "une question de priorité est posée à tous les types de territoire (*)",
            "a priority question is asked of every territory type (*)",
        )
    if optional and (kind == "priority" or foundation):
        row.problem(
            "optional",
            "un sujet facultatif ne peut être ni une question de priorité ni un socle",
            "an optional subject can be neither a priority question nor a foundation",
        )
    return Question(
        id=QuestionId(row.text("id")),
        motivation=MotivationId(row.text("motivation")),
        kind=cast(Kind, kind if kind in KINDS else "maturity"),
        scale=ScaleId(row.text("scale")),
        order=order,
        label=label,
        help=help_text,
        short=short,
        declinable=declinable,
        foundation=foundation,
        optional=optional,
        who_knows=tuple(ProviderId(p) for p in who_knows if p in providers),
        territory_types=frozenset(TERRITORY_TYPES) if types is None else types,
    )


def build_weights(
    rows: list[Row], questions: dict[str, Question], levers: dict[str, Lever]
) -> dict[str, dict[LeverId, float]]:
    weights: dict[str, dict[LeverId, float]] = defaultdict(dict)
    seen: dict[tuple[str, str], int] = {}
    for row in rows:
        question_ok = _reference(row, "question", questions)
        lever_ok = _reference(row, "lever", levers)
        weight = row.number("weight")
        if weight is not None and weight <= 0:
            row.problem(
                "weight",
                f"le poids doit être strictement positif (trouvé : {row.text('weight')})",
                f"the weight must be strictly positive (found: {row.text('weight')})",
            )
            weight = None
        pair = (row.text("question"), row.text("lever"))
        if pair in seen:
            row.problem(
                None,
                f"le couple question « {pair[0]} » – levier « {pair[1]} » est déjà "
                f"donné ligne {seen[pair]}",
                f"the pair question '{pair[0]}' – lever '{pair[1]}' is already given "
                f"on row {seen[pair]}",
            )
            continue
        seen[pair] = row.line
        if question_ok:  # a bad lever or weight is already reported: keep the link
            weights[pair[0]][LeverId(pair[1])] = weight if weight is not None and lever_ok else 1.0
    return weights


def sorted_questions(
    questions: dict[str, Question], motivations: dict[str, Motivation]
) -> list[Question]:
    def key(question: Question) -> tuple[int, int]:
        motivation = motivations.get(question.motivation)
        return (motivation.order if motivation else 0, question.order)

    return sorted(questions.values(), key=key)


def with_levers(question: Question, weights: dict[LeverId, float]) -> Question:
    return replace(question, levers=dict(weights))
