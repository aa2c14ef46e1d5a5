"""« Membres » on a territory's space: who belongs to it and since when, « Inviter un·e
collègue » (a link shown once) and « Quitter cet espace » (confirmed first).

Only the territory's members and the administrator see this section; the advisers it
shares with see its diagnostics, not who belongs to it. Widget keys: ``members-invite-email``,
``members-invite``, ``members-invite-done``, ``members-leave``, ``members-leave-confirm``,
``members-leave-cancel``.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from ...accounts import Identity
from ...errors import DiagnosticError
from ...i18n import t
from ...model import Lang
from ...typography import format_date
from .. import account, state
from ..literal import escape_markdown
from .invitation import invitation_link

INVITED_KEY = "members-invited"  # (territory, e-mail, link, expiry) of the invitation just made
LEAVING_KEY = "members-leaving"  # the territory whose « Quitter » awaits confirmation
LEFT_KEY = "members-left"  # (territory, name) just left: the page says so, then nothing more


def members_section(ctx: state.Context, key: str) -> None:
    """The members, the invitation form and leaving, for a member or the administrator."""
    who = account.actor(ctx)  # None too when sign-in is not configured
    if who is None:
        return
    lang = ctx.lang
    try:
        roles = ctx.repository.roles_of(who)
        if roles is None or not (roles.is_admin or roles.member_of(key)):
            return
        members = ctx.repository.space_members(who, key)
    except DiagnosticError as error:
        st.error(escape_markdown(error.message(lang)))
        return
    st.subheader(t("join.members.title", lang))
    st.caption(t("join.members.intro", lang))
    lines = [
        "- " + t("join.members.line", lang, email=escape_markdown(m.email), day=day(m.since, lang))
        for m in members
    ]
    st.markdown("\n".join(lines) if lines else t("join.members.none", lang))
    if roles.member_of(key):
        invite_form(ctx, who, key)
        leave_control(ctx, who, key)


def day(moment: dt.datetime, lang: Lang) -> str:
    """A stored moment as a date in words."""
    return format_date(moment.date(), lang)


def invite_form(ctx: state.Context, who: Identity, key: str) -> None:
    """An e-mail field and a button that makes an invitation, whose link is shown once."""
    lang = ctx.lang
    st.markdown(f"**{t('join.invite.title', lang)}**")
    email = st.text_input(t("join.invite.email", lang), key="members-invite-email")
    if st.button(t("join.invite.button", lang), key="members-invite"):
        st.session_state.pop(INVITED_KEY, None)
        if not email.strip():
            st.error(t("join.invite.empty", lang))
        else:
            make_invitation(ctx, who, key, email)
    invited = st.session_state.get(INVITED_KEY)
    if invited is None or invited[0] != key:
        return
    _, address, link, expiry = invited
    made = t("join.invite.made", lang, email=escape_markdown(address), day=day(expiry, lang))
    st.success(made)
    st.code(link, language=None, wrap_lines=True)
    if st.button(t("join.invite.done", lang), key="members-invite-done"):
        st.session_state.pop(INVITED_KEY, None)
        st.rerun()


def make_invitation(ctx: state.Context, who: Identity, key: str, email: str) -> None:
    """Create the invitation and keep its link for this session's screen only."""
    try:
        token = ctx.repository.invite(who, key, email)
        view = ctx.repository.invitation_for(token)
    except DiagnosticError as error:
        st.error(escape_markdown(error.message(ctx.lang)))
        return
    if view is None:  # erased meanwhile (the account forgotten): nothing to show
        return
    link = invitation_link(ctx, token)
    st.session_state[INVITED_KEY] = (key, view.invitation.email, link, view.invitation.expires_at)


def leave_control(ctx: state.Context, who: Identity, key: str) -> None:
    """« Quitter cet espace », then a confirmation; once left, the page says so and stops."""
    lang = ctx.lang
    st.markdown(f"**{t('join.leave.title', lang)}**")
    if st.session_state.get(LEAVING_KEY) != key:
        if st.button(t("join.leave.button", lang), key="members-leave"):
            st.session_state[LEAVING_KEY] = key
            st.rerun()
        return
    st.warning(t("join.leave.confirm_text", lang))
    left, right = st.columns(2)
    if right.button(t("join.leave.cancel", lang), key="members-leave-cancel"):
        st.session_state.pop(LEAVING_KEY, None)
        st.rerun()
    if left.button(t("join.leave.confirm", lang), key="members-leave-confirm", type="primary"):
        st.session_state.pop(LEAVING_KEY, None)
        try:
            name = ctx.repository.territory(key).name
            ctx.repository.leave_territory(who, key)
        except DiagnosticError as error:
            st.error(escape_markdown(error.message(lang)))
            return
        st.session_state[LEFT_KEY] = (key, name)
        st.rerun()


def after_leaving(ctx: state.Context, key: str) -> None:
    """Right after leaving this space: say plainly it is no longer visible, and stop."""
    left = st.session_state.get(LEFT_KEY)
    if left is None or left[0] != key:
        return
    st.session_state.pop(LEFT_KEY, None)
    st.success(t("join.leave.done", ctx.lang, name=escape_markdown(left[1])))
    st.stop()
