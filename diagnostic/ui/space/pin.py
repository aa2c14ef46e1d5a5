"""« Épingler à Mes diagnostics »: in the sidebar of an open diagnostic, for whoever may
see that list. Widget keys: ``space-pin`` and ``space-unpin``."""

from __future__ import annotations

import streamlit as st

from ...errors import DiagnosticError
from ...i18n import t
from ..literal import escape_markdown
from ..state import Context
from .access import may_pin


def pin_control(ctx: Context, token: str) -> None:
    """Pin the open diagnostic, or unpin it; nothing for who may not see the list."""
    if not may_pin().allowed:
        return
    lang = ctx.lang
    try:
        pinned = ctx.repository.is_pinned(token)
        if pinned:
            st.caption(t("space.pin.pinned", lang))
            if st.button(t("space.pin.unpin", lang), key="space-unpin"):
                ctx.repository.unpin_diagnostic(token)
                st.rerun()
        elif st.button(t("space.pin.button", lang), key="space-pin", icon=":material/push_pin:"):
            ctx.repository.pin_diagnostic(token)
            st.rerun()
    except DiagnosticError as error:
        st.error(escape_markdown(error.message(lang)))
