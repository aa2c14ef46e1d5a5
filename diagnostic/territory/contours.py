"""The maps' shapes (data/contours/): a région's départements, EPCI and communes as GeoJSON.

Built by ``scripts/build_contours.py``; one gzip'd file per région, read with the standard
library only when a map of that région is drawn, and kept for the process. A commune is
keyed by its INSEE code, an EPCI by its SIREN, a département by its code; a commune can
also be found by its SIREN. Pays and PETR have no official shape.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal, get_args

from ..errors import DiagnosticError, Problem, ReferentielError
from ..settings import PROJECT_DATA
from ..typography import french_spacing

CONTOURS_FOLDER = "contours"
INDEX_FILE = "index.json"
FORMAT = 1
Level = Literal["departement", "epci", "commune"]
LEVELS: tuple[Level, ...] = get_args(Level)
Feature = dict[str, Any]


class UnknownRegionError(DiagnosticError):
    """No shapes for this région code."""


class NoShapeError(DiagnosticError):
    """No shape for this territory (a Pays, a PETR, or a code that is not official)."""


@dataclass(frozen=True)
class RegionShapes:
    """One région's shapes, level by level, and where each territory is."""

    region: str
    name: str
    levels: dict[Level, list[Feature]]
    _places: dict[str, tuple[Level, Feature]] = field(init=False, repr=False, compare=False)
    _sirens: dict[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        places = {f["id"]: (level, f) for level in LEVELS for f in self.levels[level]}
        communes = self.levels["commune"]
        sirens = {f["properties"]["siren"]: f["id"] for f in communes if f["properties"]["siren"]}
        object.__setattr__(self, "_places", places)
        object.__setattr__(self, "_sirens", sirens)

    def features(self, level: Level) -> list[Feature]:
        """The features of a level, sorted by key."""
        return self.levels[level]

    def key_of(self, code: str) -> str | None:
        """The map key of a commune's INSEE code or SIREN, an EPCI's SIREN or a département."""
        return code if code in self._places else self._sirens.get(code)

    def feature(self, code: str) -> tuple[Level, Feature] | None:
        """The level and feature of a territory of this région, if it has a shape."""
        key = self.key_of(code)
        return None if key is None else self._places[key]


def contours_folder() -> Path:
    return PROJECT_DATA / CONTOURS_FOLDER


@lru_cache(maxsize=2)
def contours_index(folder: Path | None = None) -> dict[str, Any]:
    """The index of the shapes: source, millésime, régions and their files."""
    path = (folder or contours_folder()) / INDEX_FILE
    data = _read(path, lambda raw: raw)
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise _unusable(path, "format inconnu", "unknown format")
    if not isinstance(data.get("regions"), dict) or not isinstance(data.get("source"), dict):
        raise _unusable(path, "index incomplet", "incomplete index")
    return data


def region_codes(folder: Path | None = None) -> tuple[str, ...]:
    """The régions that have shapes."""
    return tuple(sorted(contours_index(folder)["regions"]))


@lru_cache(maxsize=4)
def region_shapes(region: str, folder: Path | None = None) -> RegionShapes:
    """One région's shapes; UnknownRegionError if the région has none."""
    entry = contours_index(folder)["regions"].get(region)
    if not isinstance(entry, dict):
        raise UnknownRegionError(
            french_spacing(f"Pas de contours pour la région « {region} » : code inconnu."),
            f"No shapes for région “{region}”: unknown code.",
        )
    path = (folder or contours_folder()) / str(entry.get("file"))
    data = _read(path, gzip.decompress)
    if not isinstance(data, dict) or data.get("region") != region:
        raise _unusable(path, "contenu inattendu", "unexpected content")
    try:
        features = {level: list(data["levels"][level]["features"]) for level in LEVELS}
        return RegionShapes(region, str(data.get("name", "")), features)
    except (KeyError, TypeError):
        raise _unusable(path, "niveau mal formé", "malformed level") from None


def attribution(lang: str, folder: Path | None = None) -> str:
    """Where the shapes come from, in one sentence."""
    index = contours_index(folder)
    package, millesime = index["source"].get("package", ""), index.get("millesime", "")
    if lang == "en":
        return f"Boundaries: {package}, simplified; {millesime} communes and EPCI."
    return french_spacing(
        f"Contours : {package}, simplifiés ; communes et EPCI du découpage {millesime}."
    )


def _read(path: Path, unpack: Any) -> Any:
    """A JSON file, unpacked; ReferentielError naming the file if it cannot be read."""
    try:
        return json.loads(unpack(path.read_bytes()))
    except FileNotFoundError:
        raise _unusable(path, "fichier introuvable", "file not found") from None
    except (OSError, EOFError, UnicodeDecodeError, ValueError) as error:
        kind = type(error).__name__
        raise _unusable(path, f"fichier illisible ({kind})", f"unreadable ({kind})") from None


def _unusable(path: Path, fr: str, en: str) -> ReferentielError:
    return ReferentielError([Problem(f"{CONTOURS_FOLDER}/{path.name}", None, None, fr, en)])
