"""French and English interface strings, kept in ``diagnostic/locales/*.yaml``.

Each file maps a key to ``{fr: …, en: …}``; keys are unique across files. French
strings go through the same typography repair as the référentiel.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from .model import Lang
from .typography import french

LOCALES = Path(__file__).resolve().parent / "locales"


@lru_cache(maxsize=1)
def catalogue() -> dict[str, dict[str, str]]:
    """Every string of every locale file, French typography repaired."""
    strings: dict[str, dict[str, str]] = {}
    for path in sorted(LOCALES.glob("*.yaml")):
        entries = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for key, texts in entries.items():
            if key in strings:
                raise ValueError(f"{path.name}: key {key!r} already defined in another file")
            strings[key] = {"fr": french(str(texts["fr"])), "en": str(texts["en"])}
    return strings


def t(key: str, lang: Lang | str = "fr", /, **params: object) -> str:
    """The string ``key`` in ``lang``, with ``{name}`` placeholders filled from ``params``."""
    texts = catalogue()[key]
    text = texts["en"] if lang == "en" else texts["fr"]
    return text.format(**params) if params else text
