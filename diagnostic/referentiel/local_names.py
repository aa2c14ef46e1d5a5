"""A provider's name where it differs by département (``data/provider_names.csv``).

The State's employment service is a DREETS (with its DDETS) in most of France, but the
DRIEETS in Île-de-France and a DEETS in each overseas département: the territory's
département says which name to show.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..model import LocalName, Provider, ProviderId
from .tables import Problems, Row, read_csv

FILE = "provider_names.csv"
COLUMNS = ("provider", "departements", "name_fr", "name_en", "source")
_DEPARTEMENT = re.compile(r"^(\d{2}|2[AB]|97\d)$")
_URL = re.compile(r"^https?://[^\s/]+\.[^\s]+$")


def read_local_names(
    directory: Path, providers: Mapping[str, Any], problems: Problems
) -> tuple[LocalName, ...]:
    """Every row of the optional ``provider_names.csv``, checked; none when it is absent."""
    if not (directory / FILE).is_file():
        return ()
    rows = read_csv(directory, FILE, COLUMNS, problems)
    found = [_local_name(row, providers) for row in rows or []]
    return tuple(item for item in found if item is not None)


def _local_name(row: Row, providers: Mapping[str, Any]) -> LocalName | None:
    provider = row.text("provider")
    if provider not in providers:
        row.problem(
            "provider", f"acteur inconnu : « {provider} »", f"unknown provider: '{provider}'"
        )
    departements = row.id_list("departements")
    wrong = [d for d in departements if not _DEPARTEMENT.match(d)]
    if not departements or wrong:
        shown = ", ".join(wrong) or "(vide)"
        row.problem(
            "departements",
            f"numéro de département invalide : {shown}",
            f"invalid département number: {shown}",
        )
    name = row.bilingual("name")
    source = row.text("source")
    if not _URL.match(source):
        row.problem(
            "source",
            "attendu : l’adresse (https://…) de la page qui donne ce nom",
            "expected: the address (https://…) of the page that gives this name",
        )
    if provider not in providers or not departements or wrong:
        return None
    return LocalName(ProviderId(provider), frozenset(departements), name, source)


def local_provider(
    provider: Provider, names: tuple[LocalName, ...], departement: str | None
) -> Provider:
    """The provider under the name it takes in ``departement``, if it has one there."""
    for local in names:
        if local.provider == provider.id and departement in local.departements:
            return replace(provider, name=local.name)
    return provider
