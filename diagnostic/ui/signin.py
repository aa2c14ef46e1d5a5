"""Sign-in through Streamlit's OpenID Connect (``st.login``), when ``[auth]`` is configured.

Without an ``[auth]`` section in the secrets nothing changes: no sign-in is offered. With
one, the sidebar offers a button per provider (``[auth.NAME]``, shown under its
``display_name``; or the single provider written directly in ``[auth]``), then who is
signed in and « Se déconnecter ». The pages read a plain ``Identity``, never ``st.user``.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import streamlit as st
from streamlit.errors import StreamlitAuthError

from ..i18n import t
from .literal import escape_markdown

METADATA_TIMEOUT = 5.0
REQUIRED_METADATA = ("issuer", "authorization_endpoint", "token_endpoint", "jwks_uri")
SHARED_KEYS = ("client_kwargs",)


@dataclass(frozen=True)
class Provider:
    """A configured sign-in provider: its ``[auth.NAME]`` key (None for the single one)."""

    key: str | None
    label: str
    metadata_url: str | None


@dataclass(frozen=True)
class Identity:
    """Who is signed in, as the provider's ID token says."""

    email: str | None
    given_name: str | None = None
    family_name: str | None = None
    name: str | None = None
    claims: Mapping[str, Any] = field(default_factory=dict)

    def shown(self, lang: str) -> str:
        """The name to show: the full name, else first and last names, else the e-mail."""
        parts = [p for p in (self.given_name, self.family_name) if p]
        return self.name or " ".join(parts) or self.email or t("signin.unknown_name", lang)


def providers(auth: Mapping[str, Any]) -> tuple[Provider, ...]:
    """The providers of an ``[auth]`` section, in the order written."""
    found = [
        Provider(key, _label(key, section), _text(section.get("server_metadata_url")))
        for key, section in auth.items()
        if isinstance(section, Mapping) and key not in SHARED_KEYS
    ]
    if not found and auth.get("client_id"):
        found.append(Provider(None, _label(None, auth), _text(auth.get("server_metadata_url"))))
    return tuple(found)


def _label(key: str | None, section: Mapping[str, Any]) -> str:
    named = _text(section.get("display_name"))
    if named:
        return named
    return key.replace("_", " ").capitalize() if key else "OpenID Connect"


def _text(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def identity_from(user: Mapping[str, Any]) -> Identity | None:
    """The identity in ``st.user``'s values, None when nobody is signed in."""
    if not user.get("is_logged_in"):
        return None
    claims = {key: value for key, value in user.items() if key != "tokens"}
    return Identity(
        email=_text(claims.get("email")),
        given_name=_text(claims.get("given_name")),
        family_name=_text(claims.get("family_name")) or _text(claims.get("usual_name")),
        name=_text(claims.get("name")),
        claims=claims,
    )


def metadata_problem(url: str, fetch: Callable[[str], bytes] | None = None) -> bool:
    """Whether a provider's discovery document is unreachable or not an OpenID one."""
    try:
        document = json.loads((fetch or _fetch)(url))
    except (OSError, ValueError):  # down, refused, timed out, not JSON
        return True
    if not isinstance(document, dict):
        return True
    return not all(isinstance(document.get(name), str) for name in REQUIRED_METADATA)


def _fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=METADATA_TIMEOUT) as answer:
        return bytes(answer.read())


def auth_section() -> Mapping[str, Any]:
    """The ``[auth]`` section of the secrets; empty when there is none (or no secrets)."""
    try:
        if not st.secrets.load_if_toml_exists():
            return {}
        section = st.secrets.get("auth")
    except (OSError, ValueError, KeyError):  # an unreadable secrets file: no sign-in
        return {}
    return section if isinstance(section, Mapping) else {}


def configured() -> bool:
    """Whether sign-in is configured on this server."""
    return bool(providers(auth_section()))


def identity() -> Identity | None:
    """Who is signed in, None when nobody is (or sign-in is not configured)."""
    if not configured():
        return None
    return identity_from(st.user.to_dict())


def sidebar(lang: str) -> None:
    """« Se connecter » with a button per provider, or who is signed in and « Se déconnecter »."""
    found = providers(auth_section())
    if not found:
        return
    with st.sidebar:
        signed_in = identity_from(st.user.to_dict())
        if signed_in is not None:
            st.caption(t("signin.who", lang, who=escape_markdown(signed_in.shown(lang))))
            if st.button(t("signin.logout", lang), key="signin-logout"):
                st.logout()
            return
        st.subheader(t("signin.title", lang))
        for provider in found:
            label = t("signin.with", lang, provider=provider.label)
            if st.button(label, key=f"signin-{provider.key or 'default'}"):
                sign_in(provider, lang)


def sign_in(provider: Provider, lang: str) -> None:
    """Send the browser to the provider, unless it is down or the set-up is wrong."""
    if provider.metadata_url is None:
        st.error(t("signin.misconfigured", lang, provider=escape_markdown(provider.label)))
        return
    if metadata_problem(provider.metadata_url):
        st.error(t("signin.provider_down", lang, provider=escape_markdown(provider.label)))
        return
    try:
        st.login(provider.key) if provider.key else st.login()
    except StreamlitAuthError:
        st.error(t("signin.misconfigured", lang, provider=escape_markdown(provider.label)))
