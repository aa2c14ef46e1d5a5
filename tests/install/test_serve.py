"""``diagnostic-ess serve`` from another folder: the project's settings, nothing sent outside."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from diagnostic.cli import main
from diagnostic.ui.serve import Launch, command_line, launch_options, project_options

ROOT = Path(__file__).resolve().parents[2]
WATCH = Path(__file__).resolve().parent / "watch"
TIMEOUT = 90.0
# What a config.toml of the working directory or of the home folder must not change.
GUARDED = {
    "browser.gatherUsageStats": False,
    "client.showErrorDetails": "none",
    "client.showErrorLinks": "false",
    "client.toolbarMode": "minimal",
    "server.maxUploadSize": 5,
    "server.showEmailPrompt": False,
}
HOSTILE = """[browser]
gatherUsageStats = true
[client]
showErrorDetails = "full"
showErrorLinks = true
toolbarMode = "developer"
[server]
maxUploadSize = 200
showEmailPrompt = true
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def entries(log: Path) -> list[dict[str, Any]]:
    if not log.exists():
        return []
    return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]


def wait_for(condition: Any, what: str) -> Any:
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        found = condition()
        if found:
            return found
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def healthy(url: str) -> bool:
    with (
        contextlib.suppress(OSError, urllib.error.URLError),
        urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as reply,
    ):
        return reply.status == 200
    return False


def test_the_project_settings_guard_privacy() -> None:
    options = project_options()
    for name, value in GUARDED.items():
        assert options[name] == value, name


def test_the_shown_address_is_given_so_streamlit_looks_up_nothing() -> None:
    assert launch_options(Launch(8501, "0.0.0.0"))["browser.serverAddress"] == "localhost"
    public = launch_options(Launch(8501, "0.0.0.0", "https://diagnostic.exemple.fr/ess"))
    assert (public["browser.serverAddress"], public["browser.serverPort"]) == (
        "diagnostic.exemple.fr",
        443,
    )
    flags = command_line(Launch(9000, "127.0.0.1"))
    assert "--browser.gatherUsageStats=false" in flags
    assert "--server.port=9000" in flags
    assert flags[flags.index("run") + 1].endswith("app.py")


@pytest.mark.parametrize("url", ["ftp://exemple.fr", "exemple.fr:8501", "http://:80", "http://h:0"])
def test_a_bad_public_url_is_one_plain_line(capsys: pytest.CaptureFixture[str], url: str) -> None:
    assert main(["serve", "--public-url", url]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Erreur\u00a0: L’adresse publique") and err.count("\n") == 1


@pytest.mark.slow
def test_serve_from_another_folder(tmp_path: Path) -> None:
    """Hostile config files in the working and home folders change nothing; no outside call."""
    home, work = tmp_path / "home", tmp_path / "work"
    for folder in (home, work):
        (folder / ".streamlit").mkdir(parents=True)
        (folder / ".streamlit" / "config.toml").write_text(HOSTILE, encoding="utf-8")
    log = tmp_path / "watch.jsonl"
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("DIAGNOSTIC_")}
    env.update(
        HOME=str(home),
        PYTHONPATH=str(WATCH),
        WATCH_LOG=str(log),
        WATCH_OPTIONS=" ".join(GUARDED),
        DIAGNOSTIC_DATABASE_URL=f"sqlite:///{tmp_path / 'base.sqlite3'}",
    )
    env.pop("DISPLAY", None)  # headless: the case where Streamlit looked its address up
    executable = shutil.which("diagnostic-ess", path=str(Path(os.sys.executable).parent))
    assert executable is not None
    command = [executable, "serve", "--port", str(port), "--address", "0.0.0.0"]
    with (tmp_path / "server.log").open("wb") as output:
        server = subprocess.Popen(command, cwd=work, env=env, stdout=output, stderr=output)
    try:
        wait_for(lambda: healthy(f"http://127.0.0.1:{port}"), "the server to answer")
        options = wait_for(
            lambda: next((e["options"] for e in entries(log) if "options" in e), None),
            "the server's settings",
        )
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as reply:
            assert reply.status == 200
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert options == GUARDED
    assert [e["outside"] for e in entries(log) if "outside" in e] == []
