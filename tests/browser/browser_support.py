"""The app under test: a real ``diagnostic-ess serve`` on a free port, and Chromium's path."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Mapping
from pathlib import Path

import pytest

from diagnostic.ui.serve import Launch, command_line

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
START_TIMEOUT = 120.0


def unavailable(reason: str) -> None:
    """Skip, or fail in CI (``CI=true``) where the browser tests must run."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"the browser tests must run in CI: {reason}")
    pytest.skip(reason)


def chromium_path() -> Path:
    """Debian's Chromium, or the one on PATH."""
    if CHROMIUM.exists():
        return CHROMIUM
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        unavailable("Chromium is not installed (Debian: apt-get install chromium)")
    return Path(str(found))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Server:
    """The app as ``diagnostic-ess serve`` starts it, on a port and a database; can be
    stopped and started again."""

    def __init__(
        self, database_url: str, log: Path, environment: Mapping[str, str] | None = None
    ) -> None:
        self.database_url = database_url
        self.port = free_port()
        self.log = log
        self.environment = dict(environment or {})
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        env = {k: v for k, v in os.environ.items() if not k.startswith("DIAGNOSTIC_")}
        env["DIAGNOSTIC_DATABASE_URL"] = self.database_url
        env["STREAMLIT_SERVER_HEADLESS"] = "true"  # never open a browser window
        env.update(self.environment)
        # What ``diagnostic-ess serve`` execs, without starting one interpreter more.
        command = command_line(Launch(self.port, "127.0.0.1"))
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
            )
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"streamlit exited early, see {self.log}")
            health = f"{self.url}/_stcore/health"
            with (
                contextlib.suppress(OSError, urllib.error.URLError),
                urllib.request.urlopen(health, timeout=2) as reply,
            ):
                if reply.status == 200:
                    return
            time.sleep(0.2)
        raise RuntimeError(f"streamlit did not answer on {self.url} within {START_TIMEOUT} s")

    def stop(self) -> None:
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process = None
