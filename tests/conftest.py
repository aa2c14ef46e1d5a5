"""Settings shared by the whole suite, and the one headless Chromium its browser tests share."""

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

# The suite runs on small, loaded machines: an example's duration says nothing about its
# correctness, so Hypothesis's per-example deadline would only make the suite flaky.
settings.register_profile("suite", deadline=None)
settings.load_profile("suite")

BROWSER_TESTS = Path(__file__).with_name("browser")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Chromium for the session, shared by every folder's browser tests (a
    second Playwright in the same process would refuse to start while this one runs)."""
    if str(BROWSER_TESTS) not in sys.path:
        sys.path.insert(0, str(BROWSER_TESTS))
    from browser_support import CHROMIUM_ARGS, chromium_path, unavailable

    executable = chromium_path()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("Playwright is not installed (pip install -e '.[dev]')")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(executable), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
