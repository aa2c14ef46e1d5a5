"""The invitation page (``…/invitation?code=…``): what the invitation is for, sign-in first,
then « Rejoindre l’espace de … ». An unknown, expired, used or another address's invitation
gets its plain message, and nothing is written.

Widget keys: ``invitation-signin-<provider>`` (``default`` for a single provider),
``invitation-join``, ``invitation-open-space``.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from ...accounts import invitation_state
from ...errors import DiagnosticError
from ...i18n import t
from ...storage.membership import InvitationView
from ...storage.sharing import INVITATION_ERRORS
from ...typography import format_date
from .. import account, signin, state
from ..literal import escape_markdown
from .opening import open_territory
from .returning import CODE_PARAM, keep

JOINED_KEY = "invitation-joined"  # (code, territory key, name) once accepted in this session


def invitation_link(ctx: state.Context, token: str) -> str:
    """The address that opens an invitation: the public URL if set, else the browser's."""
    return f"{state.app_address(ctx)}/invitation?{CODE_PARAM}={token}"


def render() -> None:
    """Draw the invitation named in the URL for whoever opens it."""
    ctx = state.context()
    lang = ctx.lang
    st.title(t("join.invitation.title", lang))
    if not signin.configured():
        st.info(t("join.invitation.no_signin", lang))
        st.stop()
    code = (st.query_params.get(CODE_PARAM) or "").strip()
    joined = st.session_state.get(JOINED_KEY)
    if joined is not None and joined[0] == code:
        welcome(joined[1], joined[2], lang)
        st.stop()
    if not code:
        st.info(t("join.invitation.no_code", lang))
        st.stop()
    try:
        view = ctx.repository.invitation_for(code)
    except DiagnosticError as error:
        st.error(escape_markdown(error.message(lang)))
        st.stop()
    who = account.actor(ctx)
    now = dt.datetime.now(dt.UTC)
    found = view.invitation if view is not None else None
    problem = invitation_state(found, found.email if found else "", now)
    if who is not None and problem == "valid":
        problem = invitation_state(found, who.email, now)
    if problem != "valid" or view is None:
        st.error(INVITATION_ERRORS[problem][0 if lang == "fr" else 1])
        st.stop()
    describe(view, lang)
    if who is None:
        offer_sign_in(view, code, lang)
        return
    name = view.territory.name
    if st.button(t("join.invitation.join", lang, name=name), key="invitation-join", type="primary"):
        try:
            ref = ctx.repository.accept_invitation(who, code)
        except DiagnosticError as error:
            st.error(escape_markdown(error.message(lang)))
            st.stop()
        st.session_state[JOINED_KEY] = (code, ref.key, ref.name)
        st.rerun()


def describe(view: InvitationView, lang: str) -> None:
    """What the invitation is for, for whom and until when."""
    day = format_date(view.invitation.expires_at.date(), lang)
    st.markdown(t("join.invitation.what", lang, name=escape_markdown(view.territory.name)))
    email = escape_markdown(view.invitation.email)
    st.caption(t("join.invitation.terms", lang, email=email, day=day))


def offer_sign_in(view: InvitationView, code: str, lang: str) -> None:
    """The sign-in buttons; the code is kept so that the sign-in leads back here."""
    st.info(t("join.invitation.sign_in_first", lang))
    for provider in signin.providers(signin.auth_section()):
        label = t("signin.with", lang, provider=provider.label)
        if st.button(label, key=f"invitation-signin-{provider.key or 'default'}"):
            keep(view.invitation.email, code)
            signin.sign_in(provider, lang)


def welcome(key: str, name: str, lang: str) -> None:
    """The invitation accepted: say so, and open the space."""
    st.success(t("join.invitation.joined", lang, name=escape_markdown(name)))
    label = t("join.open_space", lang, name=name)
    if st.button(label, key="invitation-open-space", type="primary"):
        open_territory(key)
