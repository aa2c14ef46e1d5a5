"""Every interface string the app asks for exists in French and English, typeset."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from app_support import ROOT, new_app

from diagnostic.i18n import catalogue

APP_STRINGS = ROOT / "diagnostic" / "locales" / "app.yaml"
SOURCES = [
    *sorted((ROOT / "diagnostic" / "ui").rglob("*.py")),
    ROOT / "diagnostic" / "export" / "charts.py",
]
LITERAL_KEY = re.compile(r"""\bt\(\s*["']((?:app|charts)\.[\w.-]+)["']""")
PLURAL_KEY = re.compile(r"""\btn\(\s*["']((?:app|charts)\.[\w.-]+)["']""")


def used_keys(path: Path) -> set[str]:
    text = path.read_text(encoding="utf-8")
    plurals = {f"{key}.{form}" for key in PLURAL_KEY.findall(text) for form in ("one", "many")}
    return set(LITERAL_KEY.findall(text)) | plurals


def test_every_key_the_code_names_exists_in_both_languages() -> None:
    strings = catalogue()
    assert sum(len(used_keys(path)) for path in SOURCES) > 50  # the patterns still match
    for path in SOURCES:
        for key in used_keys(path):
            assert key in strings, f"{path.name}: {key}"
            assert strings[key]["fr"].strip() and strings[key]["en"].strip(), key


def test_the_app_strings_are_typeset_the_french_way() -> None:
    raw = yaml.safe_load(APP_STRINGS.read_text(encoding="utf-8"))
    strings = catalogue()
    for key in raw:
        french = strings[key]["fr"]
        assert "'" not in french, key
        assert not re.search(r" [:;?!»]", french), key
        assert "« " not in french, key


def test_the_configured_language_is_the_default(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DIAGNOSTIC_LANG", "en")
    at = new_app().run()
    assert at.title[0].value == "Territorial SSE diagnostic"
    assert at.radio(key="lang").value == "en"
    assert "lang" not in at.query_params
