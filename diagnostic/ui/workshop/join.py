"""Joining a workshop: its code (typed, or from the join link), a pseudonym, a role.

Widget keys: ``atelier-code``, ``atelier-pseudonym``, ``atelier-role``, ``atelier-join``.
"""

from __future__ import annotations

import streamlit as st

from ...errors import AccessError, DiagnosticError, NotFoundError
from ...i18n import t
from ...model import ROLES
from ...storage import PSEUDONYM_MAX, WorkshopRecord
from .. import state
from ..choices import translated_choice
from ..literal import escape_markdown
from ..wording import territory_line
from .session import client_id, closed_message, open_participant

CODE, PSEUDONYM, ROLE, JOIN = (f"atelier-{name}" for name in ("code", "pseudonym", "role", "join"))


def render(ctx: state.Context, code: str | None) -> None:
    """The join form; with a code from the link, the workshop's name instead of a code field."""
    lang = ctx.lang
    st.title(t("atelier.join.title", lang))
    workshop = None
    if code is not None:
        try:
            workshop = ctx.repository.get_workshop(code, client_id())
        except (NotFoundError, AccessError) as error:
            st.error(escape_markdown(error.message(lang)))
    if workshop is not None:
        st.markdown(
            t("atelier.join.workshop", lang, territory=territory_line(workshop.profile, lang))
        )
        if workshop.status != "open":
            st.warning(escape_markdown(closed_message(lang)))
            st.stop()
    st.markdown(t("atelier.join.intro", lang))
    if workshop is None:
        st.text_input(
            t("atelier.join.code", lang),
            placeholder=t("atelier.join.code_placeholder", lang),
            max_chars=20,
            key=CODE,
        )
    st.text_input(
        t("atelier.join.pseudonym", lang),
        max_chars=PSEUDONYM_MAX,
        help=t("atelier.join.pseudonym_help", lang),
        key=PSEUDONYM,
    )
    translated_choice(
        st.radio,
        t("atelier.join.role", lang),
        ROLES,
        lambda role: t(f"role.{role}", lang),
        ROLE,
        lang,
        index=None,
        help=t("atelier.join.role_help", lang),
    )
    if st.button(t("atelier.join.button", lang), key=JOIN, type="primary"):
        join(ctx, workshop)


def join(ctx: state.Context, workshop: WorkshopRecord | None) -> None:
    """Join with the form's values and open the participation, or say what is wrong."""
    lang = ctx.lang
    try:
        typed = st.session_state.get(CODE) or ""
        target = workshop or ctx.repository.get_workshop(typed, client_id())
    except (NotFoundError, AccessError) as error:
        st.error(escape_markdown(error.message(lang)))
        return
    role = st.session_state.get(ROLE)
    if role is None:
        st.error(t("atelier.join.no_role", lang))
        return
    try:
        record = ctx.repository.join_workshop(
            target.code, role, st.session_state.get(PSEUDONYM) or None, client_id()
        )
    except DiagnosticError as error:
        st.error(escape_markdown(error.message(lang)))
        return
    open_participant(record.token)
    st.rerun()
