"""The words of a summary page: acronyms written out, and the order to call providers in.

``acronymes.csv`` gives each acronym's expansion in French and English (one side may be
empty when the acronym is not used in that language); ``provider_kinds.csv`` gives each
provider's kind, the kinds being called in CALL_ORDER. Both files are optional.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..model import CALL_ORDER, Acronym, Text
from ..typography import french
from .tables import Problems, Row, read_csv

ACRONYMS = "acronymes.csv"
ACRONYM_COLUMNS = ("acronym", "expansion_fr", "expansion_en")
KINDS = "provider_kinds.csv"
KIND_COLUMNS = ("provider", "kind")
_ACRONYM = re.compile(r"^[A-ZÀ-Ý][A-Za-zÀ-ÿ0-9]*( [A-ZÀ-Ý][A-Za-zÀ-ÿ0-9]*)*$")


def read_acronyms(directory: Path, problems: Problems) -> tuple[Acronym, ...]:
    """Every row of the optional ``acronymes.csv``, checked; none when it is absent."""
    if not (directory / ACRONYMS).is_file():
        return ()
    rows = read_csv(directory, ACRONYMS, ACRONYM_COLUMNS, problems)
    found: dict[str, Acronym] = {}
    for row in rows or []:
        acronym = _acronym(row, found)
        if acronym is not None:
            found[acronym.short] = acronym
    return tuple(found.values())


def _acronym(row: Row, found: Mapping[str, Acronym]) -> Acronym | None:
    short = row.text("acronym")
    fr, en = row.text("expansion_fr"), row.text("expansion_en")
    wrong = False
    if not _ACRONYM.match(short) or sum(c.isupper() for c in short) < 2:
        row.problem(
            "acronym",
            f"sigle « {short} » invalide : au moins deux capitales, sans ponctuation",
            f"invalid acronym '{short}': at least two capitals, no punctuation",
        )
        wrong = True
    elif short in found:
        row.problem("acronym", f"sigle « {short} » en double", f"acronym '{short}' given twice")
        wrong = True
    if not fr and not en:
        row.problem(
            "expansion_fr / expansion_en",
            "aucune forme développée : au moins une des deux langues",
            "no expansion: at least one of the two languages",
        )
        wrong = True
    return None if wrong else Acronym(short, Text(fr=french(fr), en=en))


def read_provider_kinds(
    directory: Path, providers: Mapping[str, Any], problems: Problems
) -> dict[str, str]:
    """Each provider's kind from the optional ``provider_kinds.csv``; empty when it is absent."""
    if not (directory / KINDS).is_file():
        return {}
    kinds: dict[str, str] = {}
    for row in read_csv(directory, KINDS, KIND_COLUMNS, problems) or []:
        provider, kind = row.text("provider"), row.text("kind")
        if provider not in providers:
            row.problem(
                "provider", f"acteur inconnu : « {provider} »", f"unknown provider: '{provider}'"
            )
        elif provider in kinds:
            row.problem(
                "provider", f"acteur « {provider} » en double", f"provider '{provider}' given twice"
            )
        if kind not in CALL_ORDER:
            expected = ", ".join(CALL_ORDER)
            row.problem(
                "kind",
                f"genre « {kind} » inconnu : attendu {expected}",
                f"unknown kind '{kind}': expected {expected}",
            )
        elif provider in providers:
            kinds.setdefault(provider, kind)
    return kinds


def call_rank(kinds: Mapping[str, str], provider: str) -> int:
    """Where a provider's kind comes in CALL_ORDER; a provider without a kind comes last."""
    kind = kinds.get(provider)
    return CALL_ORDER.index(kind) if kind in CALL_ORDER else len(CALL_ORDER)
