"""``diagnostic-ess serve``: Streamlit with the project's settings, from any folder.

Every setting of ``streamlit.toml`` goes on Streamlit's command line, where it wins over
the ``config.toml`` files of the working directory and of the user's home. The server
listens on this machine only unless another address is given. The address shown at
start-up is given too (``browser.serverAddress``): Streamlit then asks no outside
service for the machine's external address.
"""

from __future__ import annotations

import os
import sys
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from ..errors import DiagnosticError

CONFIG = Path(__file__).resolve().parent / "streamlit.toml"
SCRIPT = Path(__file__).resolve().parent / "entry" / "app.py"
WILDCARDS = ("", "0.0.0.0", "::")
PUBLIC_URL_VARIABLE = "DIAGNOSTIC_PUBLIC_URL"


@dataclass(frozen=True)
class Launch:
    """Where the server listens and the address users see."""

    port: int = 8501
    address: str | None = None
    public_url: str | None = None
    secrets: Path | None = None  # else Streamlit's own: .streamlit/secrets.toml


def project_options(config: Path = CONFIG) -> dict[str, object]:
    """The project's Streamlit settings as ``{"section.option": value}``."""
    with config.open("rb") as file:
        sections = tomllib.load(file)
    return {
        f"{section}.{name}": value
        for section, options in sections.items()
        for name, value in options.items()
    }


def check_public_url(url: str) -> str:
    """An ``http(s)://host[:port][/path]`` address without its final slash."""
    parts = urlsplit(url.strip())
    try:
        port_ok = parts.port is None or parts.port > 0
    except ValueError:
        port_ok = False
    if parts.scheme not in ("http", "https") or not parts.hostname or not port_ok:
        raise DiagnosticError(
            f"L’adresse publique « {url} » doit être de la forme http://hôte:port ou https://hôte.",
            f"The public address '{url}' must look like http://host:port or https://host.",
        )
    return url.strip().rstrip("/")


def launch_options(launch: Launch) -> dict[str, object]:
    """Every option Streamlit is started with: the project's, then where it listens."""
    options = project_options()
    options["server.port"] = launch.port
    if launch.address is not None:
        options["server.address"] = launch.address
    shown, shown_port = "localhost", launch.port
    if launch.public_url:
        public = urlsplit(launch.public_url)
        shown = public.hostname or shown
        shown_port = public.port or (443 if public.scheme == "https" else 80)
    elif launch.address not in (None, *WILDCARDS):
        shown = str(launch.address)
    options["browser.serverAddress"] = shown
    options["browser.serverPort"] = shown_port
    if launch.secrets is not None:
        options["secrets.files"] = str(launch.secrets)
    return options


def command_line(launch: Launch, script: Path = SCRIPT) -> list[str]:
    """``python -m streamlit run <the app> --section.option=value…`` (another ``script``
    runs with the same server settings: the benchmarks' bare pages)."""
    flags = [f"--{name}={_flag_value(value)}" for name, value in launch_options(launch).items()]
    return [sys.executable, "-m", "streamlit", "run", str(script), *flags]


def environment(launch: Launch, base: Mapping[str, str] | None = None) -> dict[str, str]:
    """The server's environment: ``DIAGNOSTIC_PUBLIC_URL`` set when a public URL is given."""
    env = dict(os.environ if base is None else base)
    if launch.public_url:
        env[PUBLIC_URL_VARIABLE] = launch.public_url
    return env


def serve(launch: Launch) -> None:
    """Replace this process with the Streamlit server (signals then reach it directly)."""
    command = command_line(launch)
    os.execve(command[0], command, environment(launch))


def _flag_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
