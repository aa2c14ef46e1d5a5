"""The adviser's page: create a workshop, or run one from its private link.

``…/animation`` shows the creation form; ``…/animation?code=K7M2QX&key=<admin key>``
opens the dashboard. A participant's link or an incomplete one shows a message and no data.
"""

from __future__ import annotations

import streamlit as st

from ...i18n import t
from ...storage import normalise_code
from .. import pending, state
from . import create, dashboard
from .session import (
    CODE_PARAM,
    KEY_PARAM,
    PARTICIPANT_PARAM,
    query,
    session_admin,
)


def render() -> None:
    """Draw the creation form or the dashboard, depending on the link and the session."""
    ctx = state.context()
    pending.flush_left_behind(ctx)
    lang = ctx.lang
    if query(PARTICIPANT_PARAM) is not None:
        st.error(t("atelier.dash.participant_link", lang))
        st.stop()
    opened = admin_to_open(lang, query(CODE_PARAM), query(KEY_PARAM))
    if opened is None:
        create.render(ctx)
        return
    dashboard.render(ctx, *opened)


def admin_to_open(lang: str, code: str | None, admin_key: str | None) -> tuple[str, str] | None:
    """(code, key) of the dashboard to open, or None for the creation form.

    From the link when it carries both; a code alone opens only the workshop this session
    already runs (the key left the address bar after the first load).
    """
    remembered = session_admin()
    if code is not None and admin_key is not None:
        return code, admin_key
    if admin_key is not None:
        st.error(t("atelier.dash.no_key", lang))
        st.stop()
    if code is None:
        return remembered
    if remembered is not None and remembered[0] == normalise_code(code):
        return remembered
    st.error(t("atelier.dash.no_key", lang))
    st.stop()
