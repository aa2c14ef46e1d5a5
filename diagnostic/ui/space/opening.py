"""Opening a listed diagnostic or workshop, and the refusal shown to who may not list them."""

from __future__ import annotations

import streamlit as st

from ...i18n import t
from ...model import Lang
from .. import frame, state
from ..workshop.session import CODE_PARAM
from .access import Visit

TERRITORY_PARAM = "t"


def open_saved(token: str) -> None:
    """Open a diagnostic in the wizard, where its resume link would bring it back."""
    state.close_diagnostic()
    st.session_state.pop(state.BAD_LINK_KEY, None)
    st.switch_page(frame.DIAGNOSTIC, query_params={state.TOKEN_PARAM: token})


def open_dashboard(code: str) -> None:
    """Go to the dashboard of the workshop this session runs."""
    st.switch_page(frame.ANIMATION, query_params={CODE_PARAM: code})


def open_territory(key: str) -> None:
    """Go to a territory's space."""
    st.switch_page(frame.TERRITORY, query_params={TERRITORY_PARAM: key})


def refuse_unless_allowed(visit: Visit, lang: Lang) -> None:
    """Say plainly why the page is not shown, then stop, unless the visitor may see it."""
    if visit.allowed:
        return
    st.info(visit.message or t(visit.refusal, lang))
    st.stop()
