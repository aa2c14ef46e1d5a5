"""A real OpenID Connect provider on this machine (PyPI ``oidc-provider-mock``), the people
it knows, signing in as one of them in Chromium, and the secrets file that points an app
server at it.

The provider is started with one ``--user-claims`` per person; its authorisation page then
shows a button per person, named by their ``sub``: a click signs that person in with the
claims given (e-mail, names). The roles themselves are the app's, given in its database.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib.util
import json
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from browser_support import START_TIMEOUT, end, free_port
from itsdangerous import TimestampSigner, URLSafeTimedSerializer

from diagnostic.i18n import t

if importlib.util.find_spec("oidc_provider_mock") is None:  # pragma: no cover - the machine's
    # A module importing this one is skipped, or fails in CI where the provider is required.
    if os.environ.get("CI") == "true":
        pytest.fail("oidc-provider-mock is required in CI", pytrace=False)
    reason = "oidc-provider-mock is not installed (pip install -e '.[dev]')"
    pytest.skip(reason, allow_module_level=True)

CLAIRE = {
    "email": "claire.martin@example.fr",
    "given_name": "Claire",
    "family_name": "Martin",
    "name": "Claire Martin",
}
SUBJECT = "claire"
DISPLAY_NAME = "Fournisseur d’essai"
COOKIE_SECRET = "a-cookie-secret-for-the-browser-tests-only"
USER_COOKIE = "_streamlit_user"  # Streamlit's signed identity cookie (web/server/starlette)


@dataclass(frozen=True)
class Person:
    """Someone the provider knows: their subject (the button on its page) and claims."""

    sub: str
    claims: Mapping[str, str] = field(hash=False)

    @property
    def email(self) -> str:
        return self.claims["email"]

    @property
    def name(self) -> str:
        return self.claims["name"]

    def option(self) -> str:
        """The provider's ``--user-claims`` value for this person."""
        return json.dumps({"sub": self.sub, **self.claims})


def person(sub: str, given_name: str, family_name: str, email: str) -> Person:
    """A person with the claims ProConnect and most providers send."""
    claims = {"email": email, "given_name": given_name, "family_name": family_name}
    return Person(sub, {**claims, "name": f"{given_name} {family_name}"})


CLAIRE_PERSON = Person(SUBJECT, CLAIRE)
# One person per role the browser tests sign in as (the roles are given by each test).
NOBODY = person("paul", "Paul", "Lefèvre", "paul.lefevre@example.fr")
MEMBER = person("marie", "Marie", "Durand", "marie.durand@toul.example.fr")
ADVISER = person("rachid", "Rachid", "Benali", "rachid.benali@cress-grandest.example.fr")
ADMIN = person("agnes", "Agnès", "Roux", "agnes.roux@example.fr")
PEOPLE = (NOBODY, MEMBER, ADVISER, ADMIN)


@dataclass(frozen=True)
class Provider:
    """A running provider: where its discovery document is."""

    url: str

    @property
    def metadata_url(self) -> str:
        return f"{self.url}/.well-known/openid-configuration"


@contextlib.contextmanager
def running_provider(log: Path, people: Sequence[Person] = (CLAIRE_PERSON,)) -> Iterator[Provider]:
    """The provider in a process of its own on a free port of 127.0.0.1, knowing ``people``
    (« claire » unless told); its output goes to ``log``."""
    port = free_port()
    command = [sys.executable, "-m", "oidc_provider_mock", "--host", "127.0.0.1"]
    command += ["--port", str(port)]
    for known in people:
        command += ["--user-claims", known.option()]
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


def secrets_file(
    folder: Path,
    app_url: str,
    provider: Provider,
    cookie_secret: str = COOKIE_SECRET,
    name: str = "secrets.toml",
) -> Path:
    """A secrets file (``name``) with an ``[auth]`` section naming ``provider`` as « essai »;
    ``app_url`` is the address the browser uses (a proxy's, behind one)."""
    path = folder / name
    path.write_text(
        "[auth]\n"
        f'redirect_uri = "{app_url}/oauth2callback"\n'
        f'cookie_secret = "{cookie_secret}"\n'
        "\n[auth.essai]\n"
        f'display_name = "{DISPLAY_NAME}"\n'
        'client_id = "diagnostic-ess"\n'
        'client_secret = "not-a-secret"\n'
        f'server_metadata_url = "{provider.metadata_url}"\n',
        encoding="utf-8",
    )
    return path


def sign_in_as(page: Any, app_url: str, who: Person) -> None:
    """From a page of the app showing « Se connecter »: sign in at the provider as ``who``,
    and wait until the app, back on its home page, says who is signed in."""
    from playwright.sync_api import expect

    page.get_by_role("button", name=f"Se connecter avec {DISPLAY_NAME}").click()
    page.get_by_role("button", name=who.sub, exact=True).click()  # the provider's page
    expect(page).to_have_url(re.compile(rf"^{re.escape(app_url)}/$"))
    expect(page.get_by_text(t("signin.who", "fr", who=who.name))).to_be_visible()


def sign_out(page: Any, app_url: str) -> None:
    """« Se déconnecter », then end the session at the provider as its page asks, and wait
    until the app, back, offers to sign in again."""
    from playwright.sync_api import expect

    page.get_by_role("button", name=t("signin.logout", "fr")).click()
    page.get_by_role("button", name="End session").click()  # the provider's page
    expect(page).to_have_url(re.compile(rf"^{re.escape(app_url)}/"))
    expect(page.get_by_role("button", name=f"Se connecter avec {DISPLAY_NAME}")).to_be_visible()


def user_cookie(context: Any) -> dict[str, Any] | None:
    """The browser's identity cookie for the app, None when it holds none."""
    for cookie in context.cookies():
        if cookie["name"] == USER_COOKIE:
            return dict(cookie)
    return None


def cookie_payload(value: str, secret: str = COOKIE_SECRET) -> dict[str, Any]:
    """What an identity cookie says (its signature checked with ``secret``)."""
    serializer = URLSafeTimedSerializer(secret, salt=USER_COOKIE)
    return dict(json.loads(serializer.loads(value)))


def signed_cookie(payload: Mapping[str, Any], secret: str, age: dt.timedelta) -> str:
    """An identity cookie value as Streamlit writes one, signed with ``secret`` as if
    ``age`` ago (Streamlit refuses one older than its 30 days and a day of grace)."""

    class Backdated(TimestampSigner):
        def get_timestamp(self) -> int:
            return int(time.time() - age.total_seconds())

    serializer = URLSafeTimedSerializer(secret, salt=USER_COOKIE, signer=Backdated)
    return str(serializer.dumps(json.dumps(dict(payload))))
