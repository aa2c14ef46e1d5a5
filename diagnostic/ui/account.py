"""The signed-in visitor as the accounts know them: the identity the permission checks take.

Sign-in itself (providers, buttons, ``st.user``) is ``signin``; here, the claims become an
``accounts.Identity`` under the configured claim names, and the sign-in is recorded once per
session (the account is created the first time). Roles are read afresh by each check.
"""

from __future__ import annotations

import streamlit as st

from ..accounts import ClaimNames, Identity, identity_from_claims
from ..errors import DiagnosticError
from . import signin
from .state import Context

SIGNED_IN_KEY = "account-signed-in"  # (e-mail, accounts.Identity) recorded this session


def actor(ctx: Context) -> Identity | None:
    """The signed-in visitor, None when nobody is signed in or sign-in is not configured;
    claims without a usable e-mail address sign nobody in, and say so."""
    user = signin.identity() if signin.configured() else None
    if user is None:
        return None
    recorded = st.session_state.get(SIGNED_IN_KEY)
    if recorded is not None and user.email is not None and recorded[0] == user.email:
        return recorded[1]
    try:
        found = identity_from_claims(user.claims, ClaimNames.from_settings(ctx.settings))
        ctx.repository.sign_in(found)
    except DiagnosticError as error:
        st.error(error.message(ctx.lang))
        return None
    st.session_state[SIGNED_IN_KEY] = (user.email, found)
    return found
