"""Load and validate the référentiel in ``data/``; every problem is reported at once."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from pathlib import Path
from typing import Any, cast

from ..errors import Problem, ReferentielError
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
    Referentiel,
    Scale,
    ScaleId,
    TerritoryType,
    Text,
)
from ..typography import french
from .action_rules import read_next_levels, read_stage
from .local_names import read_local_names
from .rules import read_rules
from .tables import Problems, Row, read_csv, read_yaml
from .upgrade import read_upgrades

META = "referentiel.yaml"
FILES: dict[str, tuple[str, ...]] = {
    "motivations.csv": ("id", "order", "label_fr", "label_en", "description_fr", "description_en"),
    "levers.csv": (
        "id",
        "order",
        "label_fr",
        "label_en",
        "description_fr",
        "description_en",
        "providers",
    ),
    "providers.csv": ("id", "name_fr", "name_en", "description_fr", "description_en"),
    "actions.csv": (
        "id",
        "lever",
        "territory_types",
        "min_population",
        "max_population",
        "questions",
        "done_from",
        "stage",
        "label_fr",
        "label_en",
        "next_fr",
        "next_en",
        "next_levels",
        "detail_fr",
        "detail_en",
    ),
    "scales.csv": ("scale", "level", "label_fr", "label_en"),
    "questions.csv": (
        "id",
        "motivation",
        "kind",
        "scale",
        "order",
        "label_fr",
        "label_en",
        "short_fr",
        "short_en",
        "help_fr",
        "help_en",
        "declinable",
        "foundation",
        "optional",
        "who_knows",
    ),
    "weights.csv": ("question", "lever", "weight"),
}


def load_referentiel(directory: str | Path) -> Referentiel:
    """The validated référentiel in ``directory``; raises ReferentielError listing every problem."""
    referentiel, problems = _load(Path(directory))
    if problems or referentiel is None:
        raise ReferentielError(problems)
    return referentiel


def validate_referentiel(directory: str | Path) -> list[Problem]:
    """Every problem of the référentiel in ``directory`` (empty when it is valid)."""
    return _load(Path(directory))[1]


def _load(directory: Path) -> tuple[Referentiel | None, list[Problem]]:
    problems = Problems()
    if not directory.is_dir():
        problems.add(str(directory), None, None, "dossier introuvable", "folder not found")
        return None, problems.items
    read = {name: read_csv(directory, name, columns, problems) for name, columns in FILES.items()}
    broken = {name for name, found in read.items() if found is None}
    rows = {name: found or [] for name, found in read.items()}
    meta = read_yaml(directory, META, problems)
    scales = _known(_scales(rows["scales.csv"]), "scales.csv" in broken)
    motivations = _known(_unique(rows["motivations.csv"], _motivation), "motivations.csv" in broken)
    providers = _known(_unique(rows["providers.csv"], _provider), "providers.csv" in broken)
    levers = _known(
        _unique(rows["levers.csv"], lambda row: _lever(row, providers)), "levers.csv" in broken
    )
    questions = _known(
        _unique(rows["questions.csv"], lambda row: _question(row, motivations, scales, providers)),
        "questions.csv" in broken,
    )
    actions = _unique(rows["actions.csv"], lambda row: _action(row, levers, questions, scales))
    weights = _weights(rows["weights.csv"], questions, levers)
    _check_orders(rows["motivations.csv"], "order")
    _check_orders(rows["levers.csv"], "order")
    _check_question_orders(rows["questions.csv"])
    gap_levers = _knowledge_gap_levers(meta, levers, problems)
    rules = read_rules(meta, problems)
    upgrades = read_upgrades(directory, questions, scales, problems)
    local_names = read_local_names(directory, providers, problems)
    version = str(meta.get("version", "")).strip()
    if meta and not version:
        problems.add(META, None, "version", "version manquante", "missing version")
    title = Text(french(str(meta.get("title_fr", ""))), str(meta.get("title_en", "")))
    if meta and not (title.fr and title.en):
        problems.add(META, None, "title_fr / title_en", "titre manquant", "missing title")
    built = tuple(
        _with_levers(q, weights.get(q.id, {})) for q in _sorted_questions(questions, motivations)
    )
    if not broken:
        _cross_checks(problems, motivations, levers, actions, built)
    if problems.items:
        return None, problems.items
    referentiel = Referentiel(
        version=version,
        title=title,
        motivations=tuple(sorted(motivations.values(), key=lambda m: m.order)),
        levers=tuple(sorted(levers.values(), key=lambda lever: lever.order)),
        providers=tuple(providers.values()),
        actions=tuple(actions.values()),
        scales=tuple(scales.values()),
        questions=built,
        knowledge_gap_levers=gap_levers,
        rules=rules,
        upgrades=upgrades,
        local_names=local_names,
    )
    return referentiel, []


class _Unchecked(dict[str, Any]):
    """The ids of a file that could not be read: any reference to it is let through."""

    def __contains__(self, key: object) -> bool:
        return True


def _known(items: dict[str, Any], broken: bool) -> dict[str, Any]:
    return _Unchecked() if broken else items


def _unique(rows: list[Row], build: Any) -> dict[str, Any]:
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


def _scales(rows: list[Row]) -> dict[str, Scale]:
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


def _motivation(row: Row) -> Motivation:
    order = row.integer("order", minimum=1) or 0
    label, description = row.bilingual("label"), row.bilingual("description")
    return Motivation(MotivationId(row.text("id")), order, label, description)


def _provider(row: Row) -> Provider:
    name, description = row.bilingual("name"), row.bilingual("description")
    return Provider(ProviderId(row.text("id")), name, description)


def _lever(row: Row, providers: dict[str, Provider]) -> Lever:
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


def _action(
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


def _territory_types(row: Row) -> frozenset[TerritoryType] | None:
    if row.text("territory_types") == "*":
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


def _question(
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
    if foundation and kind == "priority":
        row.problem(
            "foundation",
            "une question de priorité ne peut pas être un socle",
            "a priority question cannot be a foundation",
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
    )


def _weights(
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


def _check_orders(rows: list[Row], column: str) -> None:
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


def _check_question_orders(rows: list[Row]) -> None:
    by_motivation: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        by_motivation[row.text("motivation")].append(row)
    for group in by_motivation.values():
        _check_orders(group, "order")


def _knowledge_gap_levers(
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


def _sorted_questions(
    questions: dict[str, Question], motivations: dict[str, Motivation]
) -> list[Question]:
    def key(question: Question) -> tuple[int, int]:
        motivation = motivations.get(question.motivation)
        return (motivation.order if motivation else 0, question.order)

    return sorted(questions.values(), key=key)


def _with_levers(question: Question, weights: dict[LeverId, float]) -> Question:
    return replace(question, levers=dict(weights))


def _cross_checks(
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
