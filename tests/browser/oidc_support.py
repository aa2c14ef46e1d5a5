"""A real OpenID Connect provider on this machine (PyPI ``oidc-provider-mock``), and the
secrets file that points an app server at it."""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from browser_support import START_TIMEOUT, end, free_port

CLAIRE = {
    "email": "claire.martin@example.fr",
    "given_name": "Claire",
    "family_name": "Martin",
    "name": "Claire Martin",
}
SUBJECT = "claire"
DISPLAY_NAME = "Fournisseur d’essai"


@dataclass(frozen=True)
class Provider:
    """A running provider: where its discovery document is."""

    url: str

    @property
    def metadata_url(self) -> str:
        return f"{self.url}/.well-known/openid-configuration"


@contextlib.contextmanager
def running_provider(log: Path) -> Iterator[Provider]:
    """The provider in a process of its own on a free port of 127.0.0.1, knowing one user
    (« claire »); its output goes to ``log``."""
    port = free_port()
    claims = json.dumps({"sub": SUBJECT, **CLAIRE})
    command = [sys.executable, "-m", "oidc_provider_mock", "--host", "127.0.0.1"]
    command += ["--port", str(port), "--user-claims", claims]
    with log.open("ab") as output:
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT)
    provider = Provider(f"http://127.0.0.1:{port}")
    try:
        wait_for(provider, process)
        yield provider
    finally:
        end(process)


def wait_for(provider: Provider, process: subprocess.Popen[bytes]) -> None:
    """Return once the provider serves its discovery document."""
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("the OpenID Connect provider exited early")
        with (
            contextlib.suppress(OSError, urllib.error.URLError),
            urllib.request.urlopen(provider.metadata_url, timeout=2) as reply,
        ):
            if reply.status == 200:
                return
        time.sleep(0.2)
    raise RuntimeError(f"the OpenID Connect provider did not answer within {START_TIMEOUT} s")


def secrets_file(folder: Path, app_url: str, provider: Provider) -> Path:
    """A ``secrets.toml`` with an ``[auth]`` section naming ``provider`` as « essai »."""
    path = folder / "secrets.toml"
    path.write_text(
        "[auth]\n"
        f'redirect_uri = "{app_url}/oauth2callback"\n'
        'cookie_secret = "a-cookie-secret-for-the-browser-tests-only"\n'
        "\n[auth.essai]\n"
        f'display_name = "{DISPLAY_NAME}"\n'
        'client_id = "diagnostic-ess"\n'
        'client_secret = "not-a-secret"\n'
        f'server_metadata_url = "{provider.metadata_url}"\n',
        encoding="utf-8",
    )
    return path
