"""Check a territory profile field by field, with messages a user can act on."""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections.abc import Mapping
from typing import Any, cast

from ..errors import AnswersError
from ..model import ROLES, TERRITORY_TYPES, Role, TerritoryProfile, TerritoryType
from ..typography import format_number

Fragment = tuple[str, str]  # one problem, French and English, to be put into a sentence

NAME_MAX = 300
COMMENT_MAX = 10_000
POPULATION_MAX = 15_000_000
PROFILE_FIELDS = ("name", "type", "siren", "departement", "population", "respondent_role", "date")
SPACES = " \u00a0\u202f"  # the spaces people type or paste in a number: plain, (narrow) no-break
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


def shown(value: Any) -> str:
    """A value as the user wrote it, for a message: one line, escapes visible, 40 characters."""
    text = json.dumps(value, ensure_ascii=False)
    text = clean_text(text[1:-1] if isinstance(value, str) else text).replace("\n", " ")
    return text if len(text) <= 40 else text[:40] + "…"


def blank(value: Any) -> bool:
    """Whether an optional field is left empty: ``null`` or ``""`` mean the same as absent."""
    return value is None or value == ""


def whole(value: Any) -> Any:
    """``2.0`` -> ``2``: a JSON number with no fractional part is an integer (JSON Schema)."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def siren_is_valid(siren: str) -> bool:
    """Nine digits whose Luhn checksum is right."""
    if not re.fullmatch(r"[0-9]{9}", siren):
        return False
    total = 0
    for index, char in enumerate(reversed(siren)):
        digit = int(char) * (2 if index % 2 else 1)
        total += digit - 9 if digit > 9 else digit
    return total % 10 == 0


def normalise_departement(value: str) -> str:
    """``'1'`` -> ``'01'``, ``'2a'`` -> ``'2A'``, spaces around dropped; as typed otherwise."""
    value = value.strip(SPACES).upper()
    return value.zfill(2) if value.isdigit() and len(value) == 1 else value


def parse_profile(raw: Any) -> TerritoryProfile:
    """A TerritoryProfile from a mapping; raises AnswersError listing every bad field."""
    if not isinstance(raw, Mapping):
        raise AnswersError(*TERRITORY_SHAPE)
    problems: list[Fragment] = [unknown_fields(key) for key in raw if key not in PROFILE_FIELDS]
    name = _name(raw.get("name"), problems)
    territory_type = _type(raw.get("type"), problems)
    siren = _siren(raw.get("siren"), problems)
    departement = _departement(raw.get("departement"), problems)
    population = _population(raw.get("population"), problems)
    role = _role(raw.get("respondent_role"), problems)
    day = _date(raw.get("date"), problems)
    if problems:
        raise profile_error(problems)
    assert territory_type is not None
    return TerritoryProfile(name, territory_type, siren, departement, population, role, day)


TERRITORY_SHAPE = (
    "« territory » doit décrire le territoire (nom, type…).",
    "'territory' must describe the territory (name, type…).",
)


def profile_error(problems: list[Fragment]) -> AnswersError:
    """One line for the profile's problems: ``Profil du territoire : a ; b.``"""
    return AnswersError(
        "Profil du territoire : " + " ; ".join(fr for fr, _ in problems) + ".",
        "Territory profile: " + "; ".join(en for _, en in problems) + ".",
    )


def unknown_fields(*keys: str) -> Fragment:
    """Keys that are no field of the profile."""
    if len(keys) == 1:
        return (
            f"champ inconnu « {shown(keys[0])} » dans « territory »",
            f"unknown field '{shown(keys[0])}' in 'territory'",
        )
    fr = ", ".join(f"« {shown(key)} »" for key in keys)
    en = ", ".join(f"'{shown(key)}'" for key in keys)
    return f"champs inconnus {fr} dans « territory »", f"unknown fields {en} in 'territory'"


NAME_REQUIRED = ("le nom du territoire est obligatoire", "the territory name is required")


def name_too_long(length: int) -> Fragment:
    return (
        f"le nom dépasse {NAME_MAX} caractères ({length})",
        f"the name is longer than {NAME_MAX} characters ({length})",
    )


def told(template: Fragment, value: Any) -> Fragment:
    """A problem template with the value the user wrote in place of ``{value}``."""
    return template[0].format(value=shown(value)), template[1].format(value=shown(value))


_TYPES, _ROLES = ", ".join(TERRITORY_TYPES), ", ".join(ROLES)
TYPE_REQUIRED = (
    f"le type de territoire est obligatoire (attendu : {_TYPES})",
    f"the territory type is required (expected: {_TYPES})",
)
TYPE_UNKNOWN = (
    f"type de territoire « {{value}} » inconnu (attendu : {_TYPES})",
    f"unknown territory type '{{value}}' (expected: {_TYPES})",
)
SIREN_INVALID = (
    "le SIREN « {value} » n’est pas valide (9 chiffres, clé de contrôle fausse ?)",
    "SIREN '{value}' is not valid (9 digits, wrong check digit?)",
)
DEPARTEMENT_UNKNOWN = (
    "le département « {value} » n’existe pas (ex. 54, 2A, 974)",
    "département '{value}' does not exist (e.g. 54, 2A, 974)",
)
POPULATION_INVALID = (
    "la population « {value} » doit être un nombre entier de 0 à "
    + format_number(POPULATION_MAX, "fr"),
    f"population '{{value}}' must be a whole number from 0 to {POPULATION_MAX:,}",
)
ROLE_UNKNOWN = (
    f"rôle « {{value}} » inconnu (attendu : {_ROLES})",
    f"unknown role '{{value}}' (expected: {_ROLES})",
)
DATE_INVALID = (
    "la date « {value} » n’est pas une date valide au format AAAA-MM-JJ",
    "date '{value}' is not a valid date in YYYY-MM-DD format",
)


def _name(value: Any, problems: list[Fragment]) -> str:
    if not isinstance(value, str) or not clean_text(value).strip():
        problems.append(NAME_REQUIRED)
        return ""
    name = clean_text(value).strip()
    if len(name) > NAME_MAX:
        problems.append(name_too_long(len(name)))
    return name


def _type(value: Any, problems: list[Fragment]) -> TerritoryType | None:
    if value in TERRITORY_TYPES:
        return cast(TerritoryType, value)
    problems.append(told(TYPE_UNKNOWN, value) if value is not None else TYPE_REQUIRED)
    return None


def _siren(value: Any, problems: list[Fragment]) -> str | None:
    if blank(value):
        return None
    siren = re.sub(f"[{SPACES}]", "", str(value)) if isinstance(value, str | int) else ""
    if not siren_is_valid(siren):
        problems.append(told(SIREN_INVALID, value))
        return None
    return siren


def _departement(value: Any, problems: list[Fragment]) -> str | None:
    if blank(value):
        return None
    code = normalise_departement(str(value)) if isinstance(value, str | int) else ""
    if not _DEPARTEMENT.match(code):
        problems.append(told(DEPARTEMENT_UNKNOWN, value))
        return None
    return code


def _population(value: Any, problems: list[Fragment]) -> int | None:
    if blank(value):
        return None
    number = whole(value)
    if isinstance(number, bool) or not isinstance(number, int) or not 0 <= number <= POPULATION_MAX:
        problems.append(told(POPULATION_INVALID, value))
        return None
    return number


def _role(value: Any, problems: list[Fragment]) -> Role | None:
    if blank(value):
        return None
    if value in ROLES:
        return cast(Role, value)
    problems.append(told(ROLE_UNKNOWN, value))
    return None


def _date(value: Any, problems: list[Fragment]) -> dt.date | None:
    if blank(value):
        return None
    if isinstance(value, str) and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    problems.append(told(DATE_INVALID, value))
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
