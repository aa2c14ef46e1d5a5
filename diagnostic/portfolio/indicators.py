"""The closed lists of the observatory's indicators and ESS families (data/observatoire/)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

from ..errors import ReferentielError
from ..model import Text
from ..referentiel.tables import Problems, Row, read_csv
from ..settings import PROJECT_DATA

FOLDER = "observatoire"
INDICATORS_FILE = "indicateurs.csv"
FAMILIES_FILE = "familles.csv"
INDICATOR_COLUMNS = (
    "id",
    "kind",
    "label_fr",
    "label_en",
    "unit_one_fr",
    "unit_fr",
    "unit_one_en",
    "unit_en",
)
FAMILY_COLUMNS = ("id", "label_fr", "label_en")
IndicatorKind = Literal["count", "share"]
KINDS: tuple[IndicatorKind, ...] = ("count", "share")


@dataclass(frozen=True)
class Indicator:
    """A figure an observatory publishes: a count (whole, 0 or more) or a share (0 to 100)."""

    id: str
    kind: IndicatorKind
    label: Text
    unit_one: Text
    unit: Text


@dataclass(frozen=True)
class Family:
    """A family of the ESS (associations, coopératives…) a figure may be given for."""

    id: str
    label: Text


@dataclass(frozen=True)
class Catalogue:
    """Every indicator and family a figures file may name, in the files' order."""

    indicators: tuple[Indicator, ...]
    families: tuple[Family, ...]

    def indicator(self, indicator_id: str) -> Indicator | None:
        return next((found for found in self.indicators if found.id == indicator_id), None)

    def family(self, family_id: str) -> Family | None:
        return next((found for found in self.families if found.id == family_id), None)


def load_catalogue(folder: Path) -> Catalogue:
    """The indicators and families of ``folder``; ReferentielError listing every problem."""
    problems = Problems()
    indicator_rows = read_csv(folder, INDICATORS_FILE, INDICATOR_COLUMNS, problems) or []
    family_rows = read_csv(folder, FAMILIES_FILE, FAMILY_COLUMNS, problems) or []
    indicators = [_indicator(row) for row in indicator_rows]
    families = [Family(row.ident() or "", row.bilingual("label")) for row in family_rows]
    for name, ids in (
        (INDICATORS_FILE, [item.id for item in indicators if item]),
        (FAMILIES_FILE, [item.id for item in families]),
    ):
        for twice in sorted({found for found in ids if ids.count(found) > 1}):
            problems.add(name, None, "id", f"« {twice} » figure deux fois", f"'{twice}' twice")
    if not indicators and not problems.items:
        problems.add(INDICATORS_FILE, None, None, "aucun indicateur", "no indicator")
    if problems.items:
        raise ReferentielError(problems.items)
    return Catalogue(tuple(item for item in indicators if item), tuple(families))


def _indicator(row: Row) -> Indicator | None:
    ident, kind = row.ident(), row.text("kind")
    if kind not in KINDS:
        row.problem("kind", f"« {kind} » : attendu count ou share", f"'{kind}': count or share")
    texts = [row.bilingual(prefix) for prefix in ("label", "unit_one", "unit")]
    if ident is None or kind not in KINDS:
        return None
    return Indicator(ident, kind, *texts)


@lru_cache(maxsize=1)
def shipped_catalogue() -> Catalogue:
    """The shipped indicators and families, loaded once per process."""
    return load_catalogue(PROJECT_DATA / FOLDER)
