"""Joining a territory's space by SIRET, on « Mes diagnostics et ateliers ».

The sign-in service may give the person's SIRET (ProConnect does): when its first nine
digits are the SIREN of a commune or an EPCI whose space the person is not in yet, the page
offers to join it. A SIRET that names no such territory gets one plain sentence saying how
to be invited instead. Widget keys: ``siret-join``, ``siret-open-space``.
"""

from __future__ import annotations

import streamlit as st

from ...accounts import joinable_territory
from ...errors import DiagnosticError
from ...i18n import t
from ...territory.official import official_territories
from .. import account, state
from ..literal import escape_markdown
from .opening import open_territory

JOINED_KEY = "siret-joined"  # (territory key, name) joined by SIRET in this session


def siret_offer(ctx: state.Context) -> None:
    """The offer to join the space the signed-in person's SIRET names, or why there is none."""
    who = account.actor(ctx)  # None too when sign-in is not configured
    if who is None:
        return
    lang = ctx.lang
    joined = st.session_state.get(JOINED_KEY)
    if joined is not None:
        joined_notice(joined[0], joined[1], lang)
        return
    if who.siret is None:
        return
    shown = escape_markdown(who.siret[:40])
    found = joinable_territory(who, official_territories())
    if found is None:
        st.info(t("join.siret.no_match", lang, siret=shown))
        return
    try:
        roles = ctx.repository.roles_of(who)
    except DiagnosticError as error:
        st.error(escape_markdown(error.message(lang)))
        return
    if roles is not None and roles.member_of(found.siren):
        return
    with st.container(border=True, key="siret-offer"):
        name = escape_markdown(found.name)
        st.markdown(t("join.siret.offer", lang, siret=shown, name=name))
        label = t("join.siret.join", lang, name=found.name)
        if st.button(label, key="siret-join", type="primary"):
            try:
                ref = ctx.repository.join_by_siret(who, found.siren)
            except DiagnosticError as error:
                st.error(escape_markdown(error.message(lang)))
                return
            st.session_state[JOINED_KEY] = (ref.key, ref.name)
            st.rerun()


def joined_notice(key: str, name: str, lang: str) -> None:
    """Joined: say so, and open the space."""
    st.success(t("join.invitation.joined", lang, name=escape_markdown(name)))
    if st.button(t("join.open_space", lang, name=name), key="siret-open-space", type="primary"):
        st.session_state.pop(JOINED_KEY, None)
        open_territory(key)
