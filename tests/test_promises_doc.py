"""docs/promesses.md: every promise it lists is still said, and every test it names exists."""

from __future__ import annotations

import re
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

from diagnostic.i18n import catalogue

ROOT = Path(__file__).resolve().parent.parent
PROMISES = ROOT / "docs" / "promesses.md"
README = ROOT / "README.md"
NODE = re.compile(r"`(tests/[\w/]+\.py::\w+)`")
KEY = re.compile(r"`([a-z_]+(?:\.[a-z0-9_]+)+)`")
QUOTE = re.compile(r"«\s(.+)\s»")
SPACES = re.compile(r"[\s\u00a0\u202f]+")


def rows() -> list[list[str]]:
    """The promise tables' rows (header and rule lines left out), as lists of cells."""
    found = []
    for line in PROMISES.read_text(encoding="utf-8").splitlines():
        if not line.startswith("| ") or line.startswith(("| Où ", "|---")):
            continue
        found.append([cell.strip() for cell in line.strip().strip("|").split(" | ")])
    return found


def plain(text: str) -> str:
    """Text with every run of spaces (non-breaking ones, line ends) as one space."""
    return SPACES.sub(" ", text).strip()


@lru_cache(maxsize=1)
def collected() -> frozenset[str]:
    """The node ids pytest collects from the files the document names, without running them."""
    named = {node.split("::")[0] for row in rows() for node in NODE.findall(row[3])}
    files = sorted(name for name in named if (ROOT / name).is_file())
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", *files],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    return frozenset(line.split("[")[0] for line in done.stdout.splitlines() if "::" in line)


def test_every_row_says_where_what_and_which_test() -> None:
    assert len(rows()) >= 20
    for where, promise, meaning, tests in rows():
        assert where == "`README.md`" or KEY.search(where), where
        assert QUOTE.search(promise), promise
        assert meaning.endswith("."), meaning
        assert NODE.search(tests), tests


def test_every_locale_key_named_still_exists_in_both_languages() -> None:
    texts = catalogue()
    for where, _promise, _meaning, _tests in rows():
        if where == "`README.md`":
            continue
        for key in KEY.findall(where):
            assert key in texts, key
            assert texts[key]["fr"].strip() and texts[key]["en"].strip(), key


def test_the_promise_of_each_locale_key_is_still_said_by_one_of_them() -> None:
    texts = catalogue()
    for where, promise, _meaning, _tests in rows():
        if where == "`README.md`":
            continue
        quote = plain(QUOTE.search(promise)[1]).replace("'", "’")  # type: ignore[index]
        said = [plain(texts[key]["fr"]).replace("'", "’") for key in KEY.findall(where)]
        assert any(quote in text for text in said), (where, quote)


def test_every_readme_sentence_named_is_still_in_the_readme() -> None:
    readme = plain(README.read_text(encoding="utf-8"))
    for where, promise, _meaning, _tests in rows():
        if where == "`README.md`":
            quote = plain(QUOTE.search(promise)[1])  # type: ignore[index]
            assert quote in readme, quote


def test_every_test_named_exists() -> None:
    missing = [node for row in rows() for node in NODE.findall(row[3]) if node not in collected()]
    assert not missing, missing
