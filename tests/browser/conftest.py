"""Fixtures: Debian's headless Chromium driven by Playwright, and a fresh server per test.

Without Playwright the test modules here are not collected, and without Chromium the
tests skip with the reason, except in CI (``CI=true``) where either is a failure. Screenshots go to
``$DIAGNOSTIC_TEST_OUTPUT`` (default: ``test-output/`` at the repository root).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_support import ROOT, Server
from browser_walk import TIMEOUT

try:  # every expect() waits as long as the page's actions, on a loaded machine too
    from playwright.sync_api import expect

    expect.set_options(timeout=TIMEOUT)
except ImportError:  # pragma: no cover - depends on the machine
    if os.environ.get("CI") == "true":
        raise
    # Without Playwright (pip install -e '.[dev]') the browser test modules are not collected.
    collect_ignore_glob = ["test_*.py"]


@pytest.fixture
def output_dir() -> Path:
    """Where screenshots go; created on demand."""
    folder = Path(os.environ.get("DIAGNOSTIC_TEST_OUTPUT") or ROOT / "test-output")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    """A fresh server on a fresh SQLite database."""
    running = Server(f"sqlite:///{tmp_path}/browser.sqlite3", tmp_path / "streamlit.log")
    running.start()
    yield running
    running.stop()


@pytest.fixture
def provider(tmp_path: Path) -> Iterator[Any]:
    """A real OpenID Connect provider for this test only (see oidc_support)."""
    from oidc_support import running_provider

    with running_provider(tmp_path / "provider.log") as running:
        yield running


@pytest.fixture
def signin_server(tmp_path: Path, provider: Any) -> Iterator[Server]:
    """A fresh app server started as ``serve --secrets`` with a file naming the provider."""
    from oidc_support import secrets_file

    from diagnostic.ui.secrets_file import check_secrets

    running = Server(f"sqlite:///{tmp_path}/browser.sqlite3", tmp_path / "streamlit.log")
    running.secrets = check_secrets(secrets_file(tmp_path, running.url, provider))
    running.start()
    yield running
    running.stop()
