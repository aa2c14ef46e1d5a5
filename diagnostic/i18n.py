"""French and English interface strings, kept in ``diagnostic/locales/*.yaml``.

Each file maps a key to ``{fr: …, en: …}``; keys are unique across files. French
strings go through the same typography repair as the référentiel.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from .model import Lang
from .typography import NBSP, french

LOCALES = Path(__file__).resolve().parent / "locales"
# Placeholders that hold a number (the word after them is its unit).
NUMBER_PLACEHOLDERS = [
    "count",
    "answered",
    "given",
    "levers",
    "max",
    "min",
    "motivations",
    "n",
    "page",
    "people",
    "points",
    "questions",
    "reasons",
    "respondents",
    "score",
    "strength",
    "threshold",
    "top",
    "total",
    "unknown",
]
# Not before a word that starts a phrase of its own (« 2 sur 9 », "3 of 42", « 1 a commencé »).
_FREE_AFTER = r"(?!(?:sur|of|de|à|a|ont|has|have|to|out|et|and)\b)"
_NUMBER_THEN_WORD = re.compile(
    r"(\{(?:" + "|".join(NUMBER_PLACEHOLDERS) + r")\}) " + _FREE_AFTER + r"(?=[\w«“])"
)


@lru_cache(maxsize=1)
def catalogue() -> dict[str, dict[str, str]]:
    """Every string of every locale file, French typography repaired."""
    strings: dict[str, dict[str, str]] = {}
    for path in sorted(LOCALES.glob("*.yaml")):
        entries = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for key, texts in entries.items():
            if key in strings:
                raise ValueError(f"{path.name}: key {key!r} already defined in another file")
            strings[key] = {
                "fr": bind_numbers(french(str(texts["fr"]))),
                "en": bind_numbers(str(texts["en"])),
            }
    return strings


def bind_numbers(text: str) -> str:
    """A no-break space between a number's placeholder and its unit: « +3,6 points » stays whole."""
    return _NUMBER_THEN_WORD.sub("\\1" + NBSP, text)


def t(key: str, lang: Lang | str = "fr", /, **params: object) -> str:
    """The string ``key`` in ``lang``, with ``{name}`` placeholders filled from ``params``."""
    texts = catalogue()[key]
    text = texts["en"] if lang == "en" else texts["fr"]
    return text.format(**params) if params else text
