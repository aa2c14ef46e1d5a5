"""Read the référentiel's CSV and YAML files into rows, collecting every problem."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import Problem
from ..model import Text
from ..typography import french

META = "referentiel.yaml"  # the référentiel's metadata and tunable rules

ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass
class Problems:
    """Collects problems while the référentiel is read; nothing stops at the first."""

    items: list[Problem] = field(default_factory=list)

    def add(self, file: str, row: int | None, column: str | None, fr: str, en: str) -> None:
        self.items.append(Problem(file, row, column, fr, en))


@dataclass
class Row:
    """One data row of a CSV file, numbered as a spreadsheet shows it."""

    file: str
    line: int
    values: dict[str, str]
    problems: Problems

    def problem(self, column: str | None, fr: str, en: str) -> None:
        self.problems.add(self.file, self.line, column, fr, en)

    def text(self, column: str) -> str:
        return (self.values.get(column) or "").strip()

    def ident(self, column: str = "id") -> str | None:
        """A well-formed identifier, or None after recording the problem."""
        value = self.text(column)
        if not value:
            self.problem(column, "identifiant vide", "empty identifier")
            return None
        if not ID_PATTERN.match(value):
            self.problem(
                column,
                f"identifiant « {value} » invalide : minuscules, chiffres et _ seulement, "
                "en commençant par une lettre",
                f"invalid identifier '{value}': lowercase letters, digits and _ only, "
                "starting with a letter",
            )
            return None
        return value

    def integer(self, column: str, minimum: int | None = None) -> int | None:
        """A whole number (at least ``minimum``), or None after recording the problem."""
        value = self.text(column)
        try:
            number = int(value)
        except ValueError:
            self.problem(
                column,
                f"« {value} » n’est pas un nombre entier",
                f"'{value}' is not a whole number",
            )
            return None
        if minimum is not None and number < minimum:
            self.problem(
                column,
                f"{number} est trop petit (minimum {minimum})",
                f"{number} is too small (minimum {minimum})",
            )
            return None
        return number

    def number(self, column: str) -> float | None:
        """A decimal number (comma or point), or None after recording the problem."""
        value = self.text(column).replace(",", ".")
        try:
            result = float(value)
        except ValueError:
            self.problem(
                column,
                f"« {self.text(column)} » n’est pas un nombre",
                f"'{self.text(column)}' is not a number",
            )
            return None
        if result != result or result in (float("inf"), float("-inf")):
            self.problem(column, "nombre non fini", "number is not finite")
            return None
        return result

    def bilingual(self, prefix: str) -> Text:
        """The ``prefix_fr`` / ``prefix_en`` pair; a missing side is a problem."""
        texts = {}
        for lang, name in (("fr", "français"), ("en", "anglais")):
            column = f"{prefix}_{lang}"
            value = self.text(column)
            if not value:
                self.problem(column, f"texte {name} manquant", f"missing {name_en(lang)} text")
            texts[lang] = value
        return Text(fr=french(texts["fr"]), en=texts["en"])

    def optional_integer(self, column: str, minimum: int | None = None) -> int | None:
        """A whole number, or None when the cell is empty (a bad value is a problem)."""
        return self.integer(column, minimum) if self.text(column) else None

    def flag(self, column: str) -> bool:
        """``oui`` / ``non`` (also ``yes`` / ``no``, empty meaning no)."""
        value = self.text(column).lower()
        if value in ("oui", "yes"):
            return True
        if value not in ("", "non", "no"):
            self.problem(
                column,
                f"« {self.text(column)} » : attendu oui ou non",
                f"'{self.text(column)}': expected oui or non (yes or no)",
            )
        return False

    def optional_bilingual(self, prefix: str) -> Text | None:
        """The ``prefix_fr`` / ``prefix_en`` pair, None when both are empty; one alone is wrong."""
        if not self.text(f"{prefix}_fr") and not self.text(f"{prefix}_en"):
            return None
        return self.bilingual(prefix)

    def id_list(self, column: str) -> list[str]:
        """A ``|``-separated list of identifiers (may be empty)."""
        return [part.strip() for part in self.text(column).split("|") if part.strip()]


def name_en(lang: str) -> str:
    return "French" if lang == "fr" else "English"


def read_csv(
    directory: Path,
    name: str,
    columns: tuple[str, ...],
    problems: Problems,
    optional: tuple[str, ...] = (),
) -> list[Row] | None:
    """All rows of ``name``; None when the file itself (presence, encoding, header) is wrong.

    ``optional`` columns may be left out of the header; a row then reads them as empty.
    """
    path = directory / name
    if not path.is_file():
        problems.add(name, None, None, "fichier introuvable", "file not found")
        return None
    try:
        content = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        problems.add(
            name,
            None,
            None,
            f"le fichier n’est pas en UTF-8 (octet illisible en position {error.start})",
            f"the file is not UTF-8 (unreadable byte at position {error.start})",
        )
        return None
    reader = csv.DictReader(io.StringIO(content, newline=""), delimiter=";")
    header = [column.strip() for column in (reader.fieldnames or [])]
    missing = [column for column in columns if column not in header]
    unknown = [column for column in header if column not in columns + optional]
    for column in missing:
        problems.add(name, 1, column, "colonne manquante", "missing column")
    for column in unknown:
        problems.add(name, 1, column or "(vide)", "colonne inconnue", "unknown column")
    if missing:
        return None
    reader.fieldnames = header
    return list(_rows(reader, name, problems))


def _rows(reader: csv.DictReader[str], name: str, problems: Problems) -> Iterator[Row]:
    for index, values in enumerate(reader):
        extra = values.pop(None, None)
        number = index + 2
        if extra:
            problems.add(
                name,
                number,
                None,
                "la ligne a plus de valeurs que l’en-tête n’a de colonnes (un « ; » de trop ?)",
                "the row has more values than the header has columns (one ';' too many?)",
            )
        clean = {key: value or "" for key, value in values.items()}
        if not any(value.strip() for value in clean.values()):
            continue
        yield Row(name, number, clean, problems)


def read_yaml(directory: Path, name: str, problems: Problems) -> dict[str, Any]:
    """The mapping in a YAML file; a missing or malformed file is a problem."""
    path = directory / name
    if not path.is_file():
        problems.add(name, None, None, "fichier introuvable", "file not found")
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError:
        problems.add(name, None, None, "le fichier n’est pas en UTF-8", "the file is not UTF-8")
        return {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        row = mark.line + 1 if mark is not None else None
        problems.add(name, row, None, "YAML mal formé", "malformed YAML")
        return {}
    if not isinstance(data, dict):
        problems.add(
            name, None, None, "le fichier doit contenir des clés", "the file must hold keys"
        )
        return {}
    return data
