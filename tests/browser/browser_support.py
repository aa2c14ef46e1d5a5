"""The app under test: a real ``diagnostic-ess serve`` on a free port, and Chromium's path.

The room benchmarks and the multi-server test use the same server (benchmarks/ puts this
folder on its path).
"""

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
APP = ROOT / "app.py"
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
TICKS = os.sysconf("SC_CLK_TCK")


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
    """The app as ``diagnostic-ess serve`` starts it (or ``streamlit run script``) on
    127.0.0.1, a port and a database; can be stopped and started again, or killed."""

    def __init__(
        self,
        database_url: str,
        log: Path,
        environment: Mapping[str, str] | None = None,
        script: Path | None = None,
    ) -> None:
        self.database_url = database_url
        self.port = free_port()
        self.log = log
        self.environment = dict(environment or {})
        self.script = script or APP
        self.secrets: Path | None = None  # as ``serve --secrets``: set before start()
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        env = {k: v for k, v in os.environ.items() if not k.startswith("DIAGNOSTIC_")}
        env["DIAGNOSTIC_DATABASE_URL"] = self.database_url
        env["STREAMLIT_SERVER_HEADLESS"] = "true"  # never open a browser window
        env.update(self.environment)
        # What ``diagnostic-ess serve`` execs, without starting one interpreter more; a bare
        # page of the benchmarks runs with the same server settings, for a fair comparison.
        launch = Launch(self.port, "127.0.0.1", secrets=self.secrets)
        if self.script.resolve() == APP.resolve():
            command = command_line(launch)
        else:
            command = command_line(launch, script=self.script)
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

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def kill(self) -> None:
        """SIGKILL, as a crash would: no clean-up of any kind."""
        if self.process is not None:
            self.process.kill()
            self.process.wait(timeout=30)
            self.process = None

    def cpu_seconds(self) -> float:
        """User + system CPU time of the server process so far (Linux /proc)."""
        fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / TICKS

    def rss_bytes(self) -> int:
        """Resident memory of the server process now (Linux /proc)."""
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
        return 0

    def stop(self) -> None:
        if self.process is not None:
            end(self.process)
        self.process = None


def end(process: subprocess.Popen[bytes]) -> None:
    """Ask a process to stop; kill it if it has not within 20 seconds."""
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
