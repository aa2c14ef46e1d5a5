"""Several app servers on one PostgreSQL: a fresh schema per test, servers started on demand.

The servers are spoken to as a browser does, over Streamlit's websocket protocol
(benchmarks/streamlit_client.py), which keeps these tests light on a small machine.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "tests" / "browser"))

from timing import postgres_schema  # noqa: E402

POSTGRES_ENV = "DIAGNOSTIC_TEST_POSTGRES_URL"


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh schema on the test server; skips without one, but fails in CI (CI=true)."""
    base = os.environ.get(POSTGRES_ENV)
    if not base:
        reason = f'{POSTGRES_ENV} is not set; start a server with: eval "$(bash .ci/postgres.sh)"'
        if os.environ.get("CI") == "true":
            pytest.fail(f"PostgreSQL is required in CI: {reason}")
        pytest.skip(reason)
    with postgres_schema(base) as url:
        yield url
