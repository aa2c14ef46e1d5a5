"""Two app servers on one PostgreSQL behind nginx's sticky sessions, with sign-in: a person
signed in through the proxy stays signed in whichever server answers, because both read the
same secrets file (docs/deploiement.md); a server with another ``cookie_secret`` does not
know them.

Chromium signs in at a real OpenID Connect provider; the proxy's ``diagnostic_server``
cookie, set in the browser, picks the server, and nginx's ``X-Upstream`` header says which
one answered.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

try:
    import playwright.sync_api  # noqa: F401
except ImportError:  # pragma: no cover - depends on the machine
    if os.environ.get("CI") == "true":
        raise
    pytest.skip("Playwright is not installed (pip install -e '.[dev]')", allow_module_level=True)

from browser_support import Server
from browser_walk import TIMEOUT
from oidc_support import DISPLAY_NAME, MEMBER, running_provider, secrets_file, sign_in_as
from playwright.sync_api import expect
from proxy import COOKIE, Proxy, nginx_path
from workshop_walk import SCREEN, WorkshopWalker

from diagnostic.accounts import CommandLine, Identity, member
from diagnostic.i18n import t
from diagnostic.model import TerritoryProfile
from diagnostic.storage import close_repositories, open_repository
from diagnostic.ui.secrets_file import check_secrets

pytestmark = [pytest.mark.postgres, pytest.mark.browser, pytest.mark.slow]
expect.set_options(timeout=TIMEOUT)  # as in the browser tests: a loaded machine is slow

TOUL = TerritoryProfile(
    "Communauté de communes Terres Touloises", "cc", siren="200070563", departement="54"
)
SPACE = f"/territoire?t={TOUL.siren}"
HISTORY = t("space.territory.history", "fr")  # only who may see Toul's space sees this
ASKED = t("space.access.not_signed_in", "fr")[:45]


def sticky_keys(proxy: Proxy) -> dict[int, str]:
    """A ``diagnostic_server`` value that leads to each server, by port."""
    keys: dict[int, str] = {}
    for number in range(64):
        keys.setdefault(proxy.upstream(f"browser-{number}"), f"browser-{number}")
    assert set(keys) == set(proxy.ports), keys
    return keys


class Visitor:
    """One browser reaching the app through the proxy, sent to the server it chooses."""

    def __init__(self, chromium: Any, proxy: Proxy) -> None:
        self.proxy = proxy
        self.keys = sticky_keys(proxy)
        self.context = chromium.new_context(viewport=SCREEN, locale="fr-FR")
        self.walker = WorkshopWalker(self.context.new_page(), proxy.url)
        self.page = self.walker.page

    def on(self, port: int) -> None:
        """From now on, the proxy sends this browser to the server on ``port``."""
        cookie = {"name": COOKIE, "value": self.keys[port], "url": self.proxy.url}
        self.context.add_cookies([cookie])

    def open(self, path: str, port: int) -> None:
        """Open ``path`` through the proxy, checking that the server on ``port`` answered."""
        self.on(port)
        reply = self.page.goto(f"{self.proxy.url}{path}")
        assert reply is not None
        assert reply.headers["x-upstream"] == f"127.0.0.1:{port}"
        self.walker.settle()

    def signed_in(self) -> None:
        self.walker.see(HISTORY)
        expect(self.page.get_by_text(t("signin.who", "fr", who=MEMBER.name))).to_be_visible()
        expect(self.page.get_by_text(ASKED)).to_have_count(0)

    def asked_to_sign_in(self) -> None:
        self.walker.see(ASKED)
        button = self.page.get_by_role("button", name=f"Se connecter avec {DISPLAY_NAME}")
        expect(button).to_be_visible()
        expect(self.page.get_by_text(TOUL.name)).to_have_count(0)

    def leave(self) -> None:
        """Close the page's connection (a server about to stop would otherwise be retried
        by the page, and nginx would mark it failed and send it elsewhere)."""
        self.page.goto("about:blank")


def test_signed_in_through_the_proxy_on_both_servers_not_with_another_cookie_secret(
    postgres_url: str, tmp_path: Path, browser: Any
) -> None:
    nginx_path()  # skips cleanly without nginx
    repository = open_repository(postgres_url)
    repository.create_diagnostic(TOUL)
    repository.sign_in(Identity(MEMBER.email))
    repository.grant_role(CommandLine(), MEMBER.email, member(str(TOUL.siren)))
    servers = [Server(postgres_url, tmp_path / f"streamlit-{n}.log") for n in range(2)]
    one, two = (server.port for server in servers)
    proxy = Proxy(tmp_path / "nginx", [one, two])
    with running_provider(tmp_path / "provider.log", (MEMBER,)) as provider:
        shared = check_secrets(secrets_file(tmp_path, proxy.url, provider))  # the proxy's URL
        try:
            for server in servers:
                server.secrets = shared
                server.start()
            proxy.start()
            visitor = Visitor(browser, proxy)
            visitor.open(SPACE, one)
            visitor.asked_to_sign_in()
            sign_in_as(visitor.page, proxy.url, MEMBER)
            for port in (one, two, one, two):
                visitor.open(SPACE, port)
                visitor.signed_in()

            visitor.leave()
            servers[1].stop()  # the same server again, with a cookie secret of its own
            other = secrets_file(
                tmp_path, proxy.url, provider, cookie_secret="another-secret", name="other.toml"
            )
            servers[1].secrets = check_secrets(other)
            servers[1].start()
            visitor.open(SPACE, two)
            visitor.asked_to_sign_in()
            visitor.open(SPACE, one)  # the cookie itself is untouched: still good on the first
            visitor.signed_in()
            visitor.context.close()
        finally:
            proxy.stop()
            for server in servers:
                server.stop()
            close_repositories()
