"""Load and validate the référentiel in ``data/``; every problem is reported at once."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import Problem, ReferentielError
from ..model import (
    Referentiel,
    Text,
)
from ..typography import french
from .build import (
    build_action,
    build_lever,
    build_motivation,
    build_provider,
    build_question,
    build_scales,
    build_weights,
    by_id,
    sorted_questions,
    with_levers,
)
from .checks import check_orders, check_question_orders, cross_checks, knowledge_gap_levers
from .local_names import read_local_names
from .page_terms import read_acronyms, read_provider_kinds
from .rules import read_rules
from .tables import META, Problems, read_csv, read_yaml
from .upgrade import read_upgrades

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
# Columns a file may leave out (an earlier référentiel's file still loads): read as empty.
OPTIONAL_COLUMNS: dict[str, tuple[str, ...]] = {"questions.csv": ("territory_types",)}


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
    read = {
        name: read_csv(directory, name, columns, problems, OPTIONAL_COLUMNS.get(name, ()))
        for name, columns in FILES.items()
    }
    broken = {name for name, found in read.items() if found is None}
    rows = {name: found or [] for name, found in read.items()}
    meta = read_yaml(directory, META, problems)
    scales = _known(build_scales(rows["scales.csv"]), "scales.csv" in broken)
    motivations = _known(
        by_id(rows["motivations.csv"], build_motivation), "motivations.csv" in broken
    )
    providers = _known(by_id(rows["providers.csv"], build_provider), "providers.csv" in broken)
    levers = _known(
        by_id(rows["levers.csv"], lambda row: build_lever(row, providers)), "levers.csv" in broken
    )
    questions = _known(
        by_id(
            rows["questions.csv"], lambda row: build_question(row, motivations, scales, providers)
        ),
        "questions.csv" in broken,
    )
    actions = by_id(rows["actions.csv"], lambda row: build_action(row, levers, questions, scales))
    weights = build_weights(rows["weights.csv"], questions, levers)
    check_orders(rows["motivations.csv"], "order")
    check_orders(rows["levers.csv"], "order")
    check_question_orders(rows["questions.csv"])
    gap_levers = knowledge_gap_levers(meta, levers, problems)
    rules = read_rules(meta, problems)
    upgrades = read_upgrades(directory, questions, scales, problems)
    local_names = read_local_names(directory, providers, problems)
    acronyms = read_acronyms(directory, problems)
    provider_kinds = read_provider_kinds(directory, providers, problems)
    version = str(meta.get("version", "")).strip()
    if meta and not version:
        problems.add(META, None, "version", "version manquante", "missing version")
    title = Text(french(str(meta.get("title_fr", ""))), str(meta.get("title_en", "")))
    if meta and not (title.fr and title.en):
        problems.add(META, None, "title_fr / title_en", "titre manquant", "missing title")
    built = tuple(
        with_levers(q, weights.get(q.id, {})) for q in sorted_questions(questions, motivations)
    )
    if not broken:
        cross_checks(problems, motivations, levers, actions, built)
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
        acronyms=acronyms,
        provider_kinds=provider_kinds,
    )
    return referentiel, []


class _Unchecked(dict[str, Any]):
    """The ids of a file that could not be read: any reference to it is let through."""

    def __contains__(self, key: object) -> bool:
        return True


def _known(items: dict[str, Any], broken: bool) -> dict[str, Any]:
    return _Unchecked() if broken else items
