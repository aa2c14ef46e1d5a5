"""Fixtures: a fresh database per test, on SQLite always and on PostgreSQL when available."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from diagnostic.storage import Repository, close_repositories, open_repository

POSTGRES_ENV = "DIAGNOSTIC_TEST_POSTGRES_URL"
BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


def postgres_base_url() -> str:
    """The test server's URL; skips without one, but fails in CI (CI=true)."""
    url = os.environ.get(POSTGRES_ENV)
    if url:
        return url
    reason = f'{POSTGRES_ENV} is not set; start a server with: eval "$(bash .ci/postgres.sh)"'
    if os.environ.get("CI") == "true":
        pytest.fail(f"PostgreSQL is required in CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def postgres_admin() -> Iterator[Engine]:
    """A plain engine on the test server, to create and drop one schema per test."""
    engine = create_engine(postgres_base_url(), isolation_level="AUTOCOMMIT")
    yield engine
    engine.dispose()


def sqlite_url(folder: Path) -> str:
    return f"sqlite:///{folder}/data/diagnostic.sqlite3"


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def database_url(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[str]:
    """An empty database: an SQLite file in tmp_path, or a fresh PostgreSQL schema."""
    if backend == "sqlite":
        yield sqlite_url(tmp_path)
        close_repositories()
        return
    admin: Engine = request.getfixturevalue("postgres_admin")
    schema = f"test_{uuid.uuid4().hex[:12]}"
    with admin.connect() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    url = make_url(postgres_base_url()).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        close_repositories()
        with admin.connect() as connection:
            connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))


@pytest.fixture
def repo(database_url: str) -> Repository:
    """A repository on an empty, migrated database."""
    return open_repository(database_url)
