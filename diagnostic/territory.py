"""Check a territory profile field by field, with messages a user can act on."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping
from typing import Any, cast

from .errors import AnswersError
from .model import ROLES, TERRITORY_TYPES, Role, TerritoryProfile, TerritoryType
from .typography import format_number

NAME_MAX = 300
COMMENT_MAX = 10_000
POPULATION_MAX = 15_000_000
PROFILE_FIELDS = ("name", "type", "siren", "departement", "population", "respondent_role", "date")
_DEPARTEMENT = re.compile(r"^(0[1-9]|1[0-9]|2[1-9AB]|[3-8][0-9]|9[0-5]|97[1-46])$")


# Invisible format characters kept: the joiners that emoji sequences and some scripts need.
_KEPT_FORMAT = frozenset("\u200c\u200d")
_LINE_ENDS = re.compile("\r\n|[\r\u2028\u2029\x85]")
# Text made only of these needs no character-by-character look: printable ASCII, Latin-1
# but the soft hyphen, the Latin and IPA blocks, spacing modifiers, combining accents,
# Greek and Cyrillic, the typographic spaces (no zero-width ones) and punctuation, the
# currency and letterlike symbols. None of them is a control or format character
# (tests/core/test_answers.py checks it against the character-by-character path).
PLAIN_RUN = re.compile(
    "[\t\n -~\u00a0-\u00ac\u00ae-\u0377\u0384-\u04ff"
    "\u2000-\u200a\u2010-\u2027\u202f-\u205f\u20a0-\u20c0\u2100-\u214f]*"
)


def clean_text(text: str) -> str:
    """User text with line ends unified and invisible characters removed.

    Removed: control characters but tab and line feed, lone surrogates, and format
    characters (Unicode ``Cf``: bidirectional overrides and isolates such as U+202E and
    U+2066, zero-width spaces, tag characters…) except the zero-width (non-)joiners.
    """
    text = _LINE_ENDS.sub("\n", text)
    if PLAIN_RUN.fullmatch(text):
        return text
    return drop_invisible(text)


def drop_invisible(text: str) -> str:
    """``clean_text``'s removal, character by character (after the line ends are unified)."""
    return "".join(char for char in text if char in "\n\t" or _visible(char))


def _visible(char: str) -> bool:
    category = unicodedata.category(char)
    if category == "Cf":
        return char in _KEPT_FORMAT
    return category not in ("Cc", "Cs")


def siren_is_valid(siren: str) -> bool:
    """Nine digits whose Luhn checksum is right."""
    if not re.fullmatch(r"\d{9}", siren):
        return False
    total = 0
    for index, char in enumerate(reversed(siren)):
        digit = int(char) * (2 if index % 2 else 1)
        total += digit - 9 if digit > 9 else digit
    return total % 10 == 0


def normalise_departement(value: str) -> str:
    """``'1'`` -> ``'01'``, ``'2a'`` -> ``'2A'``; the value as typed otherwise."""
    value = value.strip().upper()
    return value.zfill(2) if value.isdigit() and len(value) == 1 else value


def parse_profile(raw: Any) -> TerritoryProfile:
    """A TerritoryProfile from a mapping; raises AnswersError listing every bad field."""
    if not isinstance(raw, Mapping):
        raise AnswersError(
            "« territory » doit décrire le territoire (nom, type…).",
            "'territory' must describe the territory (name, type…).",
        )
    problems: list[tuple[str, str]] = []
    for key in raw:
        if key not in PROFILE_FIELDS:
            problems.append(
                (
                    f"champ inconnu « {key} » dans « territory »",
                    f"unknown field '{key}' in 'territory'",
                )
            )
    name = _name(raw.get("name"), problems)
    territory_type = _type(raw.get("type"), problems)
    siren = _siren(raw.get("siren"), problems)
    departement = _departement(raw.get("departement"), problems)
    population = _population(raw.get("population"), problems)
    role = _role(raw.get("respondent_role"), problems)
    day = _date(raw.get("date"), problems)
    if problems:
        raise AnswersError(
            "Profil du territoire : " + " ; ".join(fr for fr, _ in problems) + ".",
            "Territory profile: " + "; ".join(en for _, en in problems) + ".",
        )
    assert territory_type is not None
    return TerritoryProfile(name, territory_type, siren, departement, population, role, day)


def _name(value: Any, problems: list[tuple[str, str]]) -> str:
    if not isinstance(value, str) or not clean_text(value).strip():
        problems.append(("le nom du territoire est obligatoire", "the territory name is required"))
        return ""
    name = clean_text(value).strip()
    if len(name) > NAME_MAX:
        problems.append(
            (
                f"le nom dépasse {NAME_MAX} caractères ({len(name)})",
                f"the name is longer than {NAME_MAX} characters ({len(name)})",
            )
        )
    return name


def _type(value: Any, problems: list[tuple[str, str]]) -> TerritoryType | None:
    if value in TERRITORY_TYPES:
        return cast(TerritoryType, value)
    allowed = ", ".join(TERRITORY_TYPES)
    problems.append(
        (
            f"type de territoire « {value} » inconnu (attendu : {allowed})",
            f"unknown territory type '{value}' (expected: {allowed})",
        )
    )
    return None


def _siren(value: Any, problems: list[tuple[str, str]]) -> str | None:
    if value in (None, ""):
        return None
    siren = re.sub(r"[\s\u00a0\u202f]", "", str(value)) if isinstance(value, str | int) else ""
    if not siren_is_valid(siren):
        problems.append(
            (
                f"le SIREN « {value} » n’est pas valide (9 chiffres, clé de contrôle fausse ?)",
                f"SIREN '{value}' is not valid (9 digits, wrong check digit?)",
            )
        )
        return None
    return siren


def _departement(value: Any, problems: list[tuple[str, str]]) -> str | None:
    if value in (None, ""):
        return None
    code = normalise_departement(str(value)) if isinstance(value, str | int) else ""
    if not _DEPARTEMENT.match(code):
        problems.append(
            (
                f"le département « {value} » n’existe pas (ex. 54, 2A, 974)",
                f"département '{value}' does not exist (e.g. 54, 2A, 974)",
            )
        )
        return None
    return code


def _population(value: Any, problems: list[tuple[str, str]]) -> int | None:
    if value in (None, ""):
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= POPULATION_MAX:
        problems.append(
            (
                f"la population « {value} » doit être un nombre entier de 0 à "
                f"{format_number(POPULATION_MAX, 'fr')}",
                f"population '{value}' must be a whole number from 0 to {POPULATION_MAX:,}",
            )
        )
        return None
    return value


def _role(value: Any, problems: list[tuple[str, str]]) -> Role | None:
    if value in (None, ""):
        return None
    if value in ROLES:
        return cast(Role, value)
    allowed = ", ".join(ROLES)
    problems.append(
        (
            f"rôle « {value} » inconnu (attendu : {allowed})",
            f"unknown role '{value}' (expected: {allowed})",
        )
    )
    return None


def _date(value: Any, problems: list[tuple[str, str]]) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    problems.append(
        (
            f"la date « {value} » n’est pas une date valide au format AAAA-MM-JJ",
            f"date '{value}' is not a valid date in YYYY-MM-DD format",
        )
    )
    return None


def profile_to_dict(profile: TerritoryProfile) -> dict[str, Any]:
    """The profile as JSON-ready values, without empty fields, in a fixed order."""
    values: dict[str, Any] = {
        "name": profile.name,
        "type": profile.type,
        "siren": profile.siren,
        "departement": profile.departement,
        "population": profile.population,
        "respondent_role": profile.respondent_role,
        "date": profile.date.isoformat() if profile.date else None,
    }
    return {key: value for key, value in values.items() if value is not None}
