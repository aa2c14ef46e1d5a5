"""Sign-in: nothing without ``[auth]``; a button per provider; a provider that is down or
answers garbage gets a plain message and the app keeps working."""

from __future__ import annotations

import json

import pytest
from app_support import go, new_app, screen
from space_support import AUTH, SIGNED_IN, TOUL

from diagnostic.i18n import t
from diagnostic.storage import Repository
from diagnostic.ui.signin import Identity, Provider, identity_from, metadata_problem, providers
from diagnostic.ui.state import TOKEN_KEY

GOOD = {
    "issuer": "https://auth.example.fr",
    "authorization_endpoint": "https://auth.example.fr/authorize",
    "token_endpoint": "https://auth.example.fr/token",
    "jwks_uri": "https://auth.example.fr/jwks",
}


def test_named_providers_in_the_order_written_with_their_display_names() -> None:
    auth = {
        "redirect_uri": "http://localhost:8501/oauth2callback",
        "client_kwargs": {"prompt": "login"},
        "proconnect": {"display_name": "ProConnect", "server_metadata_url": "https://a/x"},
        "google_workspace": {"server_metadata_url": "https://b/x"},
    }
    assert providers(auth) == (
        Provider("proconnect", "ProConnect", "https://a/x"),
        Provider("google_workspace", "Google workspace", "https://b/x"),
    )


def test_a_single_provider_written_in_auth_itself() -> None:
    auth = {"client_id": "x", "server_metadata_url": "https://a/x", "display_name": "Keycloak"}
    assert providers(auth) == (Provider(None, "Keycloak", "https://a/x"),)
    assert providers({}) == ()
    assert providers({"redirect_uri": "http://localhost/oauth2callback"}) == ()


def test_the_identity_read_from_the_user_claims() -> None:
    assert identity_from({"is_logged_in": False, "email": "x@example.fr"}) is None
    assert identity_from({}) is None
    found = identity_from({**SIGNED_IN, "siret": "20007056300012", "tokens": {"id": "secret"}})
    assert found is not None
    assert (found.email, found.shown("fr")) == ("claire.martin@example.fr", "Claire Martin")
    assert found.claims["siret"] == "20007056300012" and "tokens" not in found.claims
    proconnect = identity_from({"is_logged_in": True, "given_name": "Ana", "usual_name": "Roy"})
    assert proconnect is not None and proconnect.shown("en") == "Ana Roy"
    assert Identity(email=None).shown("fr") == t("signin.unknown_name", "fr")


@pytest.mark.parametrize(
    "answer",
    [
        b"<html>502 Bad Gateway</html>",
        b"[]",
        json.dumps({**GOOD, "jwks_uri": None}).encode(),
        json.dumps({"issuer": "x"}).encode(),
    ],
)
def test_a_discovery_document_that_is_garbage_is_a_problem(answer: bytes) -> None:
    assert metadata_problem("https://a/x", lambda url: answer)


def test_a_provider_down_is_a_problem() -> None:
    def refused(url: str) -> bytes:
        raise ConnectionRefusedError(url)

    assert metadata_problem("https://a/x", refused)
    assert metadata_problem("http://127.0.0.1:9/.well-known/openid-configuration")
    assert not metadata_problem("https://a/x", lambda url: json.dumps(GOOD).encode())


def test_without_auth_nothing_is_offered(database_url: str) -> None:
    at = new_app().run()
    assert not at.exception
    assert not [b for b in at.button if b.key.startswith("signin-")]
    assert t("signin.title", "fr") not in screen(at)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_provider_that_is_down_gets_a_plain_message(lang: str, database_url: str) -> None:
    at = new_app(lang=lang)
    at.secrets["auth"] = AUTH  # its discovery address answers nothing
    at.user = {"is_logged_in": False}
    at.run()
    assert t("signin.title", lang) in screen(at)
    at.button(key="signin-proconnect").click().run()
    assert not at.exception
    expected = t("signin.provider_down", lang, provider="ProConnect")
    assert [error.value for error in at.error] == [expected]
    go(at, "methode")  # the rest of the app keeps working
    assert not at.exception and at.title[0].value == t("app.method.title", lang)


def test_a_provider_without_discovery_address_is_said_misconfigured(database_url: str) -> None:
    at = new_app()
    at.secrets["auth"] = {**AUTH, "proconnect": {"client_id": "x", "display_name": "ProConnect"}}
    at.user = {"is_logged_in": False}
    at.run()
    at.button(key="signin-proconnect").click().run()
    expected = t("signin.misconfigured", "fr", provider="ProConnect")
    assert [error.value for error in at.error] == [expected]


def test_signing_out_leaves_the_session_signed_out(database_url: str) -> None:
    at = new_app()
    at.secrets["auth"] = AUTH
    at.user = dict(SIGNED_IN)
    at.run()
    assert t("signin.who", "fr", who="Claire Martin") in screen(at)
    at.button(key="signin-logout").click().run()
    assert not at.exception
    assert at.user == {"is_logged_in": False}
    at.run()  # a browser reloads the app once signed out
    assert at.button(key="signin-proconnect")
    assert "Claire Martin" not in screen(at)


def test_without_an_account_the_resume_link_still_opens_its_diagnostic(
    repository: Repository,
) -> None:
    token = repository.create_diagnostic(TOUL).token
    at = new_app(token=token)
    at.secrets["auth"] = AUTH
    at.user = {"is_logged_in": False}
    at.run()
    assert not at.exception
    assert at.session_state[TOKEN_KEY] == token
    assert not at.error and t("app.resume.bad_link", "fr") not in screen(at)
    assert not [b for b in at.button if b.key in ("space-pin", "space-unpin")]
