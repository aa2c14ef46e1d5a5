"""A territory's sharing with its région's CRESS advisers: the members' explicit, revocable
choice, shown with its date and who decided (only where sign-in and accounts exist)."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from ...accounts import Action
from ...errors import DiagnosticError
from ...i18n import t
from ...typography import format_date
from .. import account
from ..literal import escape_markdown
from ..state import Context


def sharing_section(ctx: Context, key: str) -> None:
    """Whether the territory shares with its région now, its history, and for a member the
    button to share or to stop sharing (revoking takes effect at once)."""
    who = account.actor(ctx)  # None too when sign-in is not configured
    if who is None:
        return
    lang = ctx.lang
    st.subheader(t("space.sharing.title", lang))
    try:
        history = ctx.repository.sharing_history(who, key)
    except DiagnosticError as error:
        st.error(escape_markdown(error.message(lang)))
        return
    active = next((record for record in history if record.revoked_at is None), None)
    if active is None:
        st.markdown(t("space.sharing.none", lang))
    else:
        day = format_date(active.decided_at.date(), lang)
        st.markdown(
            t("space.sharing.active", lang, day=day, who=escape_markdown(active.decided_by))
        )
    for record in history:
        if record.revoked_at is not None and record.revoked_by is not None:
            st.caption(
                t(
                    "space.sharing.revoked",
                    lang,
                    start=format_date(record.decided_at.date(), lang),
                    end=format_date(record.revoked_at.date(), lang),
                    who=escape_markdown(record.revoked_by),
                )
            )
    action: Action = "share_with_region" if active is None else "revoke_share"
    if not ctx.repository.may(who, action, territory=key).allowed:
        return
    if active is None:
        if st.button(t("space.sharing.share", lang), key="space-share", type="primary"):
            _change(ctx, lambda: ctx.repository.share_with_region(who, key))
    elif st.button(t("space.sharing.revoke", lang), key="space-revoke"):
        _change(ctx, lambda: ctx.repository.revoke_share(who, key))


def _change(ctx: Context, act: Callable[[], object]) -> None:
    try:
        act()
    except DiagnosticError as error:
        st.error(escape_markdown(error.message(ctx.lang)))
        return
    st.rerun()
