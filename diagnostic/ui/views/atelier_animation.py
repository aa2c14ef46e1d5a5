"""The adviser's page: create a workshop, or run one from its private link.

``…/animation`` shows the creation form; ``…/animation?code=K7M2QX&key=<admin key>``
opens the dashboard. A participant's link or an incomplete one shows a message and no data.
"""

from __future__ import annotations

import streamlit as st

from ...i18n import t
from .. import pending, state
from ..workshop_session import (
    CODE_PARAM,
    KEY_PARAM,
    PARTICIPANT_PARAM,
    query,
    remember_admin,
    session_admin,
)
from . import atelier_create, atelier_dashboard


def render() -> None:
    """Draw the creation form or the dashboard, depending on the link."""
    ctx = state.context()
    pending.flush_left_behind(ctx)
    lang = ctx.lang
    code, admin_key = query(CODE_PARAM), query(KEY_PARAM)
    if query(PARTICIPANT_PARAM) is not None:
        st.error(t("atelier.dash.participant_link", lang))
        st.stop()
    if (code is None) != (admin_key is None):
        st.error(t("atelier.dash.no_key", lang))
        st.stop()
    if code is None or admin_key is None:
        remembered = session_admin()
        if remembered is None:
            atelier_create.render(ctx)
            return
        code, admin_key = remembered
        remember_admin(code, admin_key)
    atelier_dashboard.render(ctx, code, admin_key)
