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
from diagnostic.ui.serve import CONFIG, Launch, command_line, launch_options, project_options

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


def start_and_watch(
    command: list[str], port: int, cwd: Path, tmp_path: Path
) -> tuple[dict[str, Any], list[str]]:
    """Start a server with hostile config files in the home (and ``cwd`` if it is not the
    project), wait for it to answer; the settings it runs with and its outside calls."""
    home = tmp_path / "home"
    folders = [home] if cwd == ROOT else [home, cwd]
    for folder in folders:
        (folder / ".streamlit").mkdir(parents=True)
        (folder / ".streamlit" / "config.toml").write_text(HOSTILE, encoding="utf-8")
    log = tmp_path / "watch.jsonl"
    env = {k: v for k, v in os.environ.items() if not k.startswith("DIAGNOSTIC_")}
    env.update(
        HOME=str(home),
        PYTHONPATH=str(WATCH),
        WATCH_LOG=str(log),
        WATCH_OPTIONS=" ".join([*GUARDED, "server.address"]),
        DIAGNOSTIC_DATABASE_URL=f"sqlite:///{tmp_path / 'base.sqlite3'}",
    )
    env.pop("DISPLAY", None)  # headless: the case where Streamlit looked its address up
    with (tmp_path / "server.log").open("wb") as output:
        server = subprocess.Popen(command, cwd=cwd, env=env, stdout=output, stderr=output)
    try:
        wait_for(lambda: healthy(f"http://127.0.0.1:{port}"), "the server to answer")
        options = wait_for(
            lambda: next((e["options"] for e in entries(log) if "options" in e), None),
            "the server's settings",
        )
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as reply:
            assert reply.status == 200
        reachable = [address for address in outward_addresses() if listening(address, port)]
    finally:
        server.terminate()
        server.wait(timeout=30)
    options["reachable from the network"] = reachable
    return options, [e["outside"] for e in entries(log) if "outside" in e]


def outward_addresses() -> list[str]:
    """This machine's addresses other than loopback (none in an isolated sandbox)."""
    with contextlib.suppress(OSError), socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        probe.connect(("192.0.2.1", 9))  # no packet sent: picks the outward interface
        address = str(probe.getsockname()[0])
        return [] if address.startswith("127.") or address == "0.0.0.0" else [address]
    return []


def listening(address: str, port: int) -> bool:
    with socket.socket() as client:
        client.settimeout(2)
        return client.connect_ex((address, port)) == 0


def diagnostic_ess() -> str:
    executable = shutil.which("diagnostic-ess", path=str(Path(os.sys.executable).parent))
    assert executable is not None
    return executable


@pytest.mark.slow
def test_serve_from_another_folder(tmp_path: Path) -> None:
    """Hostile config files in the working and home folders change nothing; no outside call."""
    work = tmp_path / "work"
    port = free_port()
    command = [diagnostic_ess(), "serve", "--port", str(port), "--address", "0.0.0.0"]
    options, outside = start_and_watch(command, port, work, tmp_path)
    assert options.pop("server.address") == "0.0.0.0"
    assert options.pop("reachable from the network") == outward_addresses()
    assert options == GUARDED
    assert outside == []


@pytest.mark.slow
def test_serve_listens_on_this_machine_only_by_default(tmp_path: Path) -> None:
    port = free_port()
    command = [diagnostic_ess(), "serve", "--port", str(port)]
    options, outside = start_and_watch(command, port, tmp_path / "work", tmp_path)
    assert options["server.address"] == "127.0.0.1"
    assert options["reachable from the network"] == []
    assert outside == []


@pytest.mark.slow
def test_streamlit_run_from_the_project_folder_has_the_same_settings(tmp_path: Path) -> None:
    """The first thing a Streamlit user types: the project's settings, not Streamlit's."""
    port = free_port()
    command = [os.sys.executable, "-m", "streamlit", "run", "app.py", f"--server.port={port}"]
    options, outside = start_and_watch(command, port, ROOT, tmp_path)
    assert options.pop("server.address") == "127.0.0.1"
    assert options.pop("reachable from the network") == []
    assert options == GUARDED
    assert outside == []


def test_the_project_folder_config_is_the_package_settings() -> None:
    """One source: .streamlit/config.toml is (a link to) diagnostic/ui/streamlit.toml."""
    project = ROOT / ".streamlit" / "config.toml"
    assert project.read_bytes() == CONFIG.read_bytes()
    assert project_options()["server.address"] == "127.0.0.1"
