"""A sign-in provider that is down, hangs, or answers garbage, served for real on this machine:
« Se connecter » says so plainly, and the rest of the app (the home page, a diagnostic by its
link, joining a workshop) keeps working in the same session. Claims without a usable address
sign nobody in; a SIRET that names no territory gives no role."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from matrix_support import A_NAME, SIGNED_OUT, World, page_path, row_counts, seeded, session
from space_support import AUTH
from streamlit.testing.v1 import AppTest

from diagnostic.accounts import Identity
from diagnostic.i18n import t
from diagnostic.ui import signin
from diagnostic.ui.state import TOKEN_KEY

ANSWERS = {
    "/not-json": b"<html><body>502 Bad Gateway</body></html>",
    "/no-endpoints": json.dumps({"issuer": "http://127.0.0.1"}).encode(),
    "/list": b"[]",
}
NO_ADDRESS = (
    "Le service de connexion n’a pas transmis d’adresse électronique valable\u00a0: la connexion"
    " ne peut pas aboutir. Prévenez la personne qui administre l’outil."
)
RELEASED = threading.Event()  # the hanging answer waits for the module's end


class Provider(BaseHTTPRequestHandler):
    """A provider's discovery address answering garbage, or not at all (``/hangs``)."""

    def do_GET(self) -> None:
        if self.path == "/hangs":
            RELEASED.wait(timeout=60)
            return
        body = ANSWERS.get(self.path, b"not found")
        self.send_response(200 if self.path in ANSWERS else 404)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""


@pytest.fixture(scope="module")
def provider() -> Iterator[str]:
    """The base address of the local provider."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), Provider)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    RELEASED.set()
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    with seeded(tmp_path_factory.mktemp("provider")) as found:
        yield found


def closed_port() -> int:
    """A port nothing listens on: connections to it are refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def with_provider(url: str) -> AppTest:
    """A signed-out session of an app whose one provider is discovered at ``url``."""
    at = session(SIGNED_OUT)
    at.secrets["auth"] = {**AUTH, "proconnect": {**AUTH["proconnect"], "server_metadata_url": url}}
    return at.run()


def go_to(at: AppTest, page: str, **params: str) -> AppTest:
    at.query_params.clear()
    for name, value in params.items():
        at.query_params[name] = value
    return at.switch_page(page_path(page)).run()


@pytest.mark.parametrize("path", ["refused", "/not-json", "/no-endpoints", "/list", "/hangs"])
def test_a_provider_down_or_answering_garbage_leaves_the_app_working(
    path: str, provider: str, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(signin, "METADATA_TIMEOUT", 1.0)  # how long a hanging one is waited
    url = f"http://127.0.0.1:{closed_port()}/x" if path == "refused" else provider + path
    at = with_provider(url)
    at.button(key="signin-proconnect").click().run()
    assert not at.exception
    assert [e.value for e in at.error] == [t("signin.provider_down", "fr", provider="ProConnect")]

    go_to(at, "diagnostic", d=world.token_a)  # a diagnostic by its link
    assert not at.exception and not at.error
    assert at.session_state[TOKEN_KEY] == world.token_a
    go_to(at, "atelier", code=world.code)  # joining a workshop
    assert not at.exception and A_NAME in "\n".join(m.value for m in at.markdown)
    at.text_input(key="atelier-pseudonym").set_value("Inès")
    at.radio(key="atelier-role").set_value("elu")
    at.button(key="atelier-join").click().run()
    assert not at.exception and not at.error
    assert "Inès" in [p.pseudonym for p in world.repository.participants(world.code, world.key)]
    go_to(at, "accueil")  # the home page, sign-in still offered
    assert not at.exception and not at.error and at.title
    assert at.button(key="signin-proconnect")


def signed_in_as(claims: dict[str, object], page: str, **params: str) -> AppTest:
    """A session whose provider vouched for ``claims``, opened on ``page``."""
    at = session(SIGNED_OUT)
    at.user = {"is_logged_in": True, **claims}
    return go_to(at.run(), page, **params)


@pytest.mark.parametrize("email", ["pas-une-adresse", "", None])
@pytest.mark.parametrize("page", ["mes_diagnostics", "territoire", "portefeuille", "comptes"])
def test_claims_without_a_usable_address_sign_nobody_in(
    world: World, email: object, page: str
) -> None:
    before = row_counts(world.url)
    at = signed_in_as({"email": email, "given_name": "Zoé"}, page, t="200070563")
    assert not at.exception
    alerts = [str(a.value) for kind in ("error", "info", "warning") for a in getattr(at, kind)]
    assert NO_ADDRESS in alerts and A_NAME not in "\n".join(str(m.value) for m in at.markdown)
    assert not at.dataframe or A_NAME not in at.dataframe[0].value.to_string()
    assert row_counts(world.url) == before  # no account made


def test_a_siret_that_matches_no_territory_signs_in_without_a_role(world: World) -> None:
    claims = {"email": "inconnu@example.fr", "siret": "12345678900012"}
    at = signed_in_as(claims, "territoire", t="200070563")
    assert not at.exception
    assert [i.value for i in at.info] == [t("accounts.refused.not_member", "fr")]
    assert A_NAME not in "\n".join(str(m.value) for m in at.markdown)
    go_to(at, "accueil")
    assert not at.exception and not at.error
    roles = world.repository.roles_of(Identity("inconnu@example.fr"))
    assert roles is not None and not roles.grants
