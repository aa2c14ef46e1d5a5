"""The official communes and EPCI (data/territoires.json.gz) and a search over them.

The file is built by ``scripts/build_territories.py`` from INSEE's Code officiel
géographique as packaged by ``@etalab/decoupage-administratif``. It is read once per
process (``official_territories``) into flat columns; a search normalises the query
(case, accents, hyphens, apostrophes, « St » / « Ste ») and scans one joined string of
normalised names with ``str.find``, so a query costs a few milliseconds.
"""

from __future__ import annotations

import bisect
import gzip
import json
import re
import unicodedata
from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, compress, repeat
from operator import add
from pathlib import Path
from typing import Any, Literal, get_args

from ..errors import Problem, ReferentielError
from ..settings import PROJECT_DATA
from ..typography import french_spacing
from .official_data import checked_columns

TERRITORIES_FILE = "territoires.json.gz"
QUERY_MAX = 100  # longer queries are cut: no name is that long
MIN_LETTERS = 2
LIMIT = 20
CODE_WIDTH, SIREN_WIDTH = 5, 9

OfficialKind = Literal["commune", "cc", "ca", "cu", "metropole"]
OFFICIAL_KINDS: tuple[OfficialKind, ...] = get_args(OfficialKind)
EPCI_PREFIXES = frozenset({"cc", "ca", "cu"})
_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "sts": "saints", "stes": "saintes"}
_ABBREVIATED = re.compile(r"\b(?:st|ste|sts|stes)\b")
_LIGATURES = (("œ", "oe"), ("æ", "ae"), ("ß", "ss"))
_COMBINING = re.compile(r"[\u0300-\u036f]+")
_NOT_WORD = re.compile(r"[^a-z0-9\n]+")
_LINE_EDGES = re.compile(r" *\n *")
_BLANKS = re.compile(r"[\s\u00a0\u202f.]+")
_EPCI_PREFIXES = ("", "cc ", "ca ", "cu ")


def _fold(text: str) -> str:
    """Lines of lower-case ASCII words: accents, punctuation and « St » / « Ste » resolved."""
    text = text.lower()
    for ligature, letters in _LIGATURES:
        text = text.replace(ligature, letters)
    bare = _COMBINING.sub("", unicodedata.normalize("NFKD", text))
    return _ABBREVIATED.sub(lambda match: _ABBREVIATIONS[match.group()], _NOT_WORD.sub(" ", bare))


def normalise(text: str) -> str:
    """Lower-case ASCII words separated by one space: « Saint-Étienne » -> ``saint etienne``.

    Accents, hyphens, apostrophes and case do not matter; « St » and « Ste » are
    spelled out.
    """
    return " ".join(_fold(text.replace("\n", " ")).split())


@dataclass(frozen=True)
class Territory:
    """A commune or an EPCI à fiscalité propre as the official data describes it."""

    kind: OfficialKind
    name: str
    siren: str
    code: str  # INSEE code of a commune, SIREN of an EPCI
    departement: str
    region: str
    population: int
    postcodes: tuple[str, ...] = ()
    members: tuple[str, ...] = ()  # INSEE codes of an EPCI's member communes
    former_name: str | None = None  # set when the query matched a former commune's name

    @property
    def is_epci(self) -> bool:
        return self.kind != "commune"


class Territories:
    """Every current commune and EPCI in flat columns, and a search over their names.

    The search text holds one line per name (former names of communes included),
    most populated first, so the first matches of a scan are the ones to show.
    """

    def __init__(self, data: dict[str, Any], source: str = TERRITORIES_FILE) -> None:
        communes, epci, former = checked_columns(data, source)
        self.millesime: int = data["millesime"]
        self.source: dict[str, str] = data["source"]
        self.regions: dict[str, str] = data["regions"]
        self.departements: dict[str, tuple[str, str]] = {
            code: (name, region) for code, (name, region) in data["departements"].items()
        }
        count = len(communes[0]) + len(epci[0])
        self._communes = len(communes[0])
        self._kinds: list[str] = ["commune"] * self._communes + epci[2]
        self._names: list[str] = communes[1] + epci[1]
        # INSEE codes (5 characters) and SIRENs (9) as one string each: row N at N × width.
        self._code_text = "".join(communes[0])
        self._siren_text = "".join(communes[2] + epci[0])
        departements = communes[3] + epci[3]
        shared = {code: code for code in self.departements}  # one string per département
        self._departements: list[str] = list(map(shared.get, departements, departements))
        self._populations = array("l", communes[4] + epci[4])
        self._extras: list[str] = communes[5] + epci[5]  # postcodes or members
        by_code = dict(zip(communes[0], range(self._communes), strict=True))
        known = list(map(by_code.__contains__, former[2]))
        targets = [*range(count), *map(by_code.__getitem__, compress(former[2], known))]
        names = [*self._names, *compress(former[0], known)]
        weights = list(map(self._populations.__getitem__, targets))
        order = sorted(range(len(targets)), key=weights.__getitem__, reverse=True)  # stable
        self._line_targets = array("l", map(targets.__getitem__, order))
        position_of = sorted(range(len(order)), key=order.__getitem__)
        self._line_former = {position_of[line]: names[line] for line in range(count, len(names))}
        folded = _LINE_EDGES.sub("\n ", _fold("\n".join(map(names.__getitem__, order))))
        lines = (" " + folded.strip(" ")).split("\n")
        self._haystack = "\n" + "\n".join(lines) + "\n"  # every line: "\n key\n"
        self._starts = _line_starts(lines)  # the "\n" before each line, and the last one
        self._postcodes = "\n " + "\n ".join(communes[5]) + "\n"  # line N: commune N
        self._postcode_starts = _line_starts(communes[5], 2)

    def __len__(self) -> int:
        return len(self._names)

    def territory(self, index: int, former_name: str | None = None) -> Territory:
        """The territory of row ``index``."""
        kind = self._kinds[index]
        departement = self._departements[index]
        extra = tuple(self._extras[index].split())
        return Territory(
            kind=kind,  # type: ignore[arg-type]
            name=self._names[index],
            siren=self._siren(index),
            code=self._code(index),
            departement=departement,
            region=self.departements.get(departement, ("", ""))[1],
            population=self._populations[index],
            postcodes=extra if kind == "commune" else (),
            members=extra if kind != "commune" else (),
            former_name=former_name,
        )

    def by_siren(self, siren: str) -> Territory | None:
        """The commune or EPCI with this SIREN (spaces allowed), if any."""
        index = self._row_of(_BLANKS.sub("", siren))
        return None if index is None else self.territory(index)

    def members(self, epci: Territory) -> tuple[Territory, ...]:
        """An EPCI's member communes, most populated first."""
        rows = [self._row_of(code) for code in epci.members]
        found = [self.territory(row) for row in rows if row is not None]
        return tuple(sorted(found, key=lambda t: (-t.population, t.name)))

    def region_name(self, code: str) -> str:
        return self.regions.get(code, "")

    def departement_name(self, code: str) -> str:
        return self.departements.get(code, ("", ""))[0]

    def region_of(self, departement: str | None) -> str | None:
        """The région code of a département code, if the département exists."""
        found = self.departements.get(departement or "")
        return found[1] if found else None

    def search(self, query: str, limit: int = LIMIT) -> tuple[Territory, ...]:
        """The best matches for a name, a postcode, an INSEE code or a SIREN.

        Too short a query (under two letters or digits) gives no match. Names equal to
        the query come first, then names that start with it, then names holding every
        word of it; the most populated first within each group.
        """
        text = query[: QUERY_MAX * 2].strip()
        compact = _BLANKS.sub("", text)
        if compact.isdigit() or re.fullmatch(r"2[ABab]\d{3}", compact):
            return self._by_number(compact.upper(), limit)
        words = normalise(text[:QUERY_MAX]).split()
        if sum(len(word) for word in words) < MIN_LETTERS or limit <= 0:
            return ()
        phrase = " ".join(words)
        found: dict[int, str | None] = {}
        tiers = (
            self._lines_with([f"\n {prefix}{phrase}\n" for prefix in _EPCI_PREFIXES], limit),
            self._lines_with([f"\n {prefix}{phrase}" for prefix in _EPCI_PREFIXES], limit),
            self._lines_with_words(words, limit),
        )
        for lines in tiers:
            for line in lines:
                target = self._line_targets[line]
                if target not in found:
                    found[target] = self._line_former.get(line)
            if len(found) >= limit:
                break
        return tuple(self.territory(index, former) for index, former in found.items())[:limit]

    def _line_at(self, position: int) -> int:
        return bisect.bisect_right(self._starts, position) - 1

    def _lines_with(self, needles: list[str], limit: int) -> list[int]:
        """The first ``limit`` lines (most populated first) that hold one of ``needles``."""
        haystack, lines = self._haystack, set[int]()
        for needle in needles:
            position, count = haystack.find(needle), 0
            while position != -1 and count < limit:
                lines.add(self._line_at(position))
                position, count = haystack.find(needle, position + 1), count + 1
        return sorted(lines)[:limit]

    def _lines_with_words(self, words: list[str], limit: int) -> list[int]:
        """The first ``limit`` lines where every word starts a word of the name."""
        haystack, starts, lines = self._haystack, self._starts, list[int]()
        rarest = min(words, key=lambda word: haystack.count(" " + word))
        position = haystack.find(" " + rarest)
        while position != -1 and len(lines) < limit:
            line = self._line_at(position)
            key = haystack[starts[line] : starts[line + 1]]
            if all(f" {word}" in key for word in words):
                lines.append(line)
            position = haystack.find(" " + rarest, starts[line + 1])
        return lines

    def _by_number(self, digits: str, limit: int) -> tuple[Territory, ...]:
        """A SIREN (9 digits or its start) or a postcode / INSEE code (up to 5)."""
        if len(digits) < MIN_LETTERS or len(digits) > 9 or limit <= 0:
            return ()
        if len(digits) <= 5:
            code = self._row_of(digits)
            rows = [] if code is None else [code]
            postcodes, needle = self._postcodes, " " + digits
            position = postcodes.find(needle)
            while position != -1:
                line = bisect.bisect_right(self._postcode_starts, position) - 1
                rows.append(line)
                position = postcodes.find(needle, self._postcode_starts[line + 1])
            rows = [row for row in rows if self._kinds[row] == "commune"]
        elif len(digits) == 9:
            siren = self._row_of(digits)
            rows = [] if siren is None else [siren]
        else:
            rows = list(self._aligned(self._siren_text, digits, SIREN_WIDTH))
        unique = list(dict.fromkeys(rows))
        exact = [row for row in unique if digits in (self._code(row), self._siren(row))]
        others = sorted(
            (row for row in unique if row not in exact),
            key=lambda row: (-self._populations[row], self._names[row]),
        )
        return tuple(self.territory(row) for row in [*exact, *others][:limit])

    def _code(self, row: int) -> str:
        """A commune's INSEE code, an EPCI's SIREN."""
        if row >= self._communes:
            return self._siren(row)
        return self._code_text[CODE_WIDTH * row : CODE_WIDTH * (row + 1)]

    def _siren(self, row: int) -> str:
        return self._siren_text[SIREN_WIDTH * row : SIREN_WIDTH * (row + 1)]

    def _row_of(self, code: str) -> int | None:
        """The row of a commune's INSEE code or of a SIREN, if any."""
        if len(code) == CODE_WIDTH:
            return next(self._aligned(self._code_text, code, CODE_WIDTH), None)
        if len(code) == SIREN_WIDTH:
            return next(self._aligned(self._siren_text, code, SIREN_WIDTH), None)
        return None

    @staticmethod
    def _aligned(text: str, start: str, width: int) -> Iterator[int]:
        """The rows whose ``width``-character field in ``text`` begins with ``start``."""
        position = text.find(start)
        while position != -1:
            if position % width == 0:
                yield position // width
            position = text.find(start, position + 1)

    def bare_scan(self, prefix: str) -> list[str]:
        """Names starting with ``prefix`` as typed (the benchmark's baseline)."""
        return [name for name in self._names if name.startswith(prefix)]


def _line_starts(lines: list[str], extra: int = 1) -> array[int]:
    """Where the newline before each line is, the lines joined each with ``extra`` characters."""
    return array("l", accumulate(map(add, map(len, lines), repeat(extra)), initial=0))


def load_territories(path: Path) -> Territories:
    """The territories file, checked; ReferentielError naming the file if it cannot be used."""
    try:
        data = json.loads(gzip.decompress(path.read_bytes()))
    except FileNotFoundError:
        raise ReferentielError(
            [Problem(path.name, None, None, "fichier introuvable", "file not found")]
        ) from None
    except (OSError, EOFError, UnicodeDecodeError, ValueError) as error:
        kind = type(error).__name__
        raise ReferentielError(
            [Problem(path.name, None, None, f"fichier illisible ({kind})", f"unreadable ({kind})")]
        ) from None
    return Territories(data, path.name)


@lru_cache(maxsize=4)
def official_territories(path: Path | None = None) -> Territories:
    """The shipped territories, loaded once per process."""
    return load_territories(path or PROJECT_DATA / TERRITORIES_FILE)


def attribution(territories: Territories, lang: str) -> str:
    """Where the territories come from, with their millésime and licence."""
    source = territories.source
    if lang == "en":
        return (
            f"Administrative division {territories.millesime}: {source['producers']} "
            f"({source['package']}, {source['licence']})."
        )
    return french_spacing(
        f"Découpage administratif {territories.millesime} : {source['producers']} "
        f"({source['package']}, {source['licence']})."
    )
