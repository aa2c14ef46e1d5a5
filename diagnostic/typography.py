"""French typography and number/date formatting for both languages."""

from __future__ import annotations

import datetime as dt
import re

NBSP = "\u00a0"

_MONTHS_FR = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
_MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_SPACE_BEFORE = re.compile(r"[ \u202f]+([:;?!»%])")
_SPACE_AFTER = re.compile(r"«[ \u202f]+")


def french(text: str) -> str:
    """Repair French typography: curly apostrophe, no-break spaces around « » : ; ? ! %."""
    return french_spacing(text.replace("'", "’"))


def french_spacing(text: str) -> str:
    """No-break spaces before : ; ? ! » % and after «, where a space was typed."""
    text = _SPACE_BEFORE.sub(NBSP + r"\1", text)
    return _SPACE_AFTER.sub("«" + NBSP, text)


def format_number(value: float, lang: str = "fr", decimals: int = 0) -> str:
    """A number with the language's decimal mark and thousands separator."""
    text = f"{value:,.{decimals}f}"
    if lang == "en":
        return text
    return text.replace(",", NBSP).replace(".", ",")


def format_score(value: float | None, lang: str = "fr", decimals: int = 0) -> str:
    """A 0-100 score as the language writes it, or « — » when no answer bears on it."""
    return "—" if value is None else format_number(value, lang, decimals)


def format_percent(value: float, lang: str = "fr", decimals: int = 0) -> str:
    """A share from 0 to 100 as a percentage: ``42 %`` in French, ``42%`` in English."""
    number = format_number(value, lang, decimals)
    return f"{number}%" if lang == "en" else f"{number}{NBSP}%"


def format_date(day: dt.date, lang: str = "fr") -> str:
    """A date in words: ``27 novembre 2026`` / ``27 November 2026``."""
    if lang == "en":
        return f"{day.day} {_MONTHS_EN[day.month - 1]} {day.year}"
    first = "1er" if day.day == 1 else str(day.day)
    return f"{first} {_MONTHS_FR[day.month - 1]} {day.year}"
