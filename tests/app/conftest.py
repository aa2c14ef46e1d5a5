"""A fresh SQLite database per test, handed to the app through DIAGNOSTIC_DATABASE_URL."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from app_support import shipped_referentiel

from diagnostic.model import Referentiel
from diagnostic.storage import Repository, close_repositories, open_repository
from diagnostic.ui.resources import repository_at, repository_for


@pytest.fixture(autouse=True)
def _keep_main_module() -> Iterator[None]:
    """AppTest installs the app's script as ``__main__``: put pytest's back, or processes
    that later tests spawn would run the app's script first (and open the user's base)."""
    main = sys.modules["__main__"]
    yield
    sys.modules["__main__"] = main


@pytest.fixture
def database_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """An empty database for this test only; the app's cached repository is dropped after."""
    url = f"sqlite:///{tmp_path}/app.sqlite3"
    for name in ("DIAGNOSTIC_PUBLIC_URL", "DIAGNOSTIC_LANG", "DIAGNOSTIC_REFERENTIEL_DIR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DIAGNOSTIC_DATABASE_URL", url)
    yield url
    repository_for.cache_clear()
    repository_at.cache_clear()
    close_repositories()


@pytest.fixture
def repository(database_url: str) -> Repository:
    """The same database as the app's, for setting up and checking what is saved."""
    return open_repository(database_url)


@pytest.fixture(scope="session")
def referentiel() -> Referentiel:
    """The shipped référentiel (data/)."""
    return shipped_referentiel()
