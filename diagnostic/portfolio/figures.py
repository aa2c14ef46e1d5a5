"""An observatory's figures file (French Excel CSV), checked whole before anything is saved.

One row per territory, indicator, ESS family (empty: the whole ESS) and year:
``territoire;indicateur;famille;valeur;annee;source``. The territory is a commune's INSEE
code or an EPCI's SIREN (a commune's SIREN is read as its INSEE code). Every problem is
reported at once, with its line and column; a file with one problem gives no figure.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..errors import FiguresError, Problem
from ..territory.official import Territories
from .indicators import Catalogue, Indicator

COLUMNS = ("territoire", "indicateur", "famille", "valeur", "annee", "source")
ALIASES = {"année": "annee", "annees": "annee"}
MAX_BYTES = 20_000_000
FIRST_YEAR = 1990
SOURCE_MAX = 300
_BLANKS = re.compile(r"[\s\u00a0\u202f]+")
_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")
_YEAR = re.compile(r"^\d{4}$")


@dataclass(frozen=True)
class Figure:
    """One figure of one territory: ``family`` is ``""`` for the whole ESS."""

    territory: str  # INSEE code of a commune, SIREN of an EPCI
    indicator: str
    family: str
    year: int
    value: float
    source: str

    @property
    def key(self) -> tuple[str, str, str, int]:
        return (self.territory, self.indicator, self.family, self.year)


class _Line:
    """One data line of the file, collecting its problems."""

    def __init__(self, file: str, number: int, cells: dict[str, str], found: list[Problem]):
        self.file, self.number, self.cells, self.found = file, number, cells, found

    def problem(self, column: str | None, fr: str, en: str) -> None:
        self.found.append(Problem(self.file, self.number, column, fr, en))

    def text(self, column: str) -> str:
        return self.cells.get(column, "").strip()


def read_figures(
    data: bytes,
    file: str,
    territories: Territories,
    catalogue: Catalogue,
    today: dt.date | None = None,
) -> tuple[Figure, ...]:
    """Every figure of the file; FiguresError listing every problem if there is one."""
    found: list[Problem] = []
    text = _decoded(data, file, found)
    lines = [] if text is None else list(_lines(text, file, found))
    if text is not None and not lines and not found:
        found.append(Problem(file, None, None, "aucune ligne de chiffres", "no figure in the file"))
    last_year = (today or dt.date.today()).year
    figures: list[Figure] = []
    seen: dict[tuple[str, str, str, int], int] = {}
    for line in lines:
        figure = _figure(line, territories, catalogue, last_year)
        if figure is None:
            continue
        if figure.key in seen:
            line.problem(
                None,
                f"même territoire, indicateur, famille et année qu’à la ligne {seen[figure.key]}",
                f"same territory, indicator, family and year as row {seen[figure.key]}",
            )
            continue
        seen[figure.key] = line.number
        figures.append(figure)
    if found:
        raise FiguresError(sorted(found, key=lambda p: p.row or 0))
    return tuple(figures)


def _decoded(data: bytes, file: str, found: list[Problem]) -> str | None:
    """The file's text (UTF-8, with or without BOM), or None after saying why not."""
    if len(data) > MAX_BYTES:
        found.append(
            Problem(
                file,
                None,
                None,
                f"fichier trop gros (plus de {MAX_BYTES // 1_000_000} Mo)",
                f"file too large (over {MAX_BYTES // 1_000_000} MB)",
            )
        )
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        found.append(
            Problem(
                file,
                line,
                None,
                "le fichier n’est pas en UTF-8 : dans Excel, enregistrez-le au format "
                "« CSV UTF-8 »",
                "the file is not UTF-8: in Excel, save it as 'CSV UTF-8'",
            )
        )
        return None
    if not text.strip():
        found.append(Problem(file, None, None, "le fichier est vide", "the file is empty"))
        return None
    return text


def _lines(text: str, file: str, found: list[Problem]) -> Iterator[_Line]:
    """The data lines, once the header is right; blank lines (« ;;;; ») skipped."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=";")
    header = [_column_name(cell) for cell in next(reader)]
    if header != list(COLUMNS):
        found.extend(_bad_header(file, header))
        return
    start = reader.line_num + 1
    for cells in reader:
        number, start = start, reader.line_num + 1
        if not any(cell.strip() for cell in cells):
            continue
        line = _Line(file, number, dict(zip(COLUMNS, cells, strict=False)), found)
        if len(cells) != len(COLUMNS) and any(cell.strip() for cell in cells[len(COLUMNS) :]):
            line.problem(
                None,
                f"{len(cells)} colonnes au lieu de {len(COLUMNS)} (un « ; » de trop ?)",
                f"{len(cells)} columns instead of {len(COLUMNS)} (one ';' too many?)",
            )
            continue
        yield line


def _column_name(cell: str) -> str:
    name = cell.strip().lower()
    return ALIASES.get(name, name)


def _bad_header(file: str, header: list[str]) -> list[Problem]:
    """One problem per column of the header that is not the expected one."""
    expected = ";".join(COLUMNS)
    if len(header) == 1 and "," in header[0]:
        return [
            Problem(
                file,
                1,
                None,
                f"les colonnes doivent être séparées par des points-virgules : {expected}",
                f"columns must be separated by semicolons: {expected}",
            )
        ]
    found = []
    for number in range(max(len(header), len(COLUMNS))):
        given = header[number] if number < len(header) else None
        wanted = COLUMNS[number] if number < len(COLUMNS) else None
        if given == wanted:
            continue
        if wanted is None:
            fr, en = f"colonne « {given} » en trop", f"column '{given}' not expected"
        elif not given:
            fr, en = f"colonne « {wanted} » manquante", f"missing column '{wanted}'"
        else:
            fr, en = f"« {given} » au lieu de « {wanted} »", f"'{given}' instead of '{wanted}'"
        found.append(Problem(file, 1, f"colonne {number + 1}", fr, en))
    return found


def _figure(
    line: _Line, territories: Territories, catalogue: Catalogue, last_year: int
) -> Figure | None:
    """The line's figure, or None once its problems are recorded (all of them)."""
    territory = _territory(line, territories)
    indicator = _indicator(line, catalogue)
    family = _family(line, catalogue)
    value = _value(line, indicator)
    year = _year(line, last_year)
    source = _source(line)
    if (
        territory is None
        or indicator is None
        or family is None
        or value is None
        or year is None
        or source is None
    ):
        return None
    return Figure(territory, indicator.id, family, year, value, source)


def _territory(line: _Line, territories: Territories) -> str | None:
    code = _BLANKS.sub("", line.text("territoire")).upper()
    if not code:
        line.problem("territoire", "code manquant", "missing code")
        return None
    found = territories.by_siren(code)
    if found is not None:
        return found.code
    if len(code) == 4 and code.isdigit():
        line.problem(
            "territoire",
            f"code « {code} » inconnu : Excel a-t-il retiré le zéro du début (0{code}) ?",
            f"unknown code '{code}': did Excel drop the leading zero (0{code})?",
        )
        return None
    line.problem(
        "territoire",
        f"« {code} » n’est ni le code INSEE d’une commune ni le SIREN d’un EPCI",
        f"'{code}' is neither a commune's INSEE code nor an EPCI's SIREN",
    )
    return None


def _indicator(line: _Line, catalogue: Catalogue) -> Indicator | None:
    name = line.text("indicateur")
    found = catalogue.indicator(name)
    if found is None:
        known = ", ".join(item.id for item in catalogue.indicators)
        line.problem(
            "indicateur",
            f"indicateur « {name} » inconnu (attendu : {known})",
            f"unknown indicator '{name}' (expected: {known})",
        )
    return found


def _family(line: _Line, catalogue: Catalogue) -> str | None:
    name = line.text("famille")
    if not name or catalogue.family(name) is not None:
        return name
    known = ", ".join(item.id for item in catalogue.families)
    line.problem(
        "famille",
        f"famille « {name} » inconnue (attendu : vide pour toute l’ESS, ou {known})",
        f"unknown family '{name}' (expected: empty for the whole ESS, or {known})",
    )
    return None


def _value(line: _Line, indicator: Indicator | None) -> float | None:
    raw = line.text("valeur")
    text = _BLANKS.sub("", raw).removesuffix("%").replace(",", ".")
    if not raw:
        line.problem("valeur", "valeur manquante", "missing value")
        return None
    if not _NUMBER.match(text):
        line.problem("valeur", f"« {raw} » n’est pas un nombre", f"'{raw}' is not a number")
        return None
    value = float(text)
    if value < 0:
        line.problem("valeur", f"valeur négative ({raw})", f"negative value ({raw})")
        return None
    if indicator is None:
        return value
    if indicator.kind == "share" and value > 100:
        line.problem(
            "valeur",
            f"une part ne dépasse pas 100 % ({raw})",
            f"a share cannot be over 100% ({raw})",
        )
        return None
    if indicator.kind == "count" and not value.is_integer():
        line.problem(
            "valeur",
            f"un nombre entier est attendu ({raw})",
            f"a whole number is expected ({raw})",
        )
        return None
    return value


def _year(line: _Line, last_year: int) -> int | None:
    raw = line.text("annee")
    if not raw:
        line.problem("annee", "année manquante", "missing year")
        return None
    if not _YEAR.match(raw) or not FIRST_YEAR <= int(raw) <= last_year:
        line.problem(
            "annee",
            f"année « {raw} » invalide (de {FIRST_YEAR} à {last_year})",
            f"invalid year '{raw}' (from {FIRST_YEAR} to {last_year})",
        )
        return None
    return int(raw)


def _source(line: _Line) -> str | None:
    source = " ".join(line.text("source").split())
    if not source:
        line.problem("source", "source manquante", "missing source")
        return None
    if len(source) > SOURCE_MAX:
        line.problem(
            "source",
            f"source trop longue (plus de {SOURCE_MAX} caractères)",
            f"source too long (over {SOURCE_MAX} characters)",
        )
        return None
    return source


def template_csv(catalogue: Catalogue) -> bytes:
    """The template: the header, then one row per indicator and family with the rest to fill."""
    rows = [";".join(COLUMNS)]
    for indicator in catalogue.indicators:
        for family in ("", *(item.id for item in catalogue.families)):
            rows.append(f";{indicator.id};{family};;;")
    return ("\r\n".join(rows) + "\r\n").encode("utf-8-sig")
