"""Welcome page: what the diagnostic is, how long it takes, what it gives, that answers are kept.

Widget keys: ``start``, ``continue``, ``new-diagnostic``, ``import-new``.
"""

from __future__ import annotations

import streamlit as st

from ...i18n import t
from ...model import AnswerSheet
from .. import frame, pending, state
from ..file_check import open_new as open_file
from ..files import answers_upload
from ..space.returning import back_to_invitation
from ..wording import tn


def render() -> None:
    """Draw the welcome page."""
    ctx = state.context()
    pending.flush_left_behind(ctx)
    back_to_invitation(ctx)
    lang = ctx.lang
    st.title(ctx.referentiel.title.get(lang))
    st.markdown("\n".join(f"- {t(f'app.home.line{n}', lang)}" for n in (1, 2, 3)))
    st.caption(t("app.home.not_a_grade", lang))

    if state.has_bad_link():
        frame.bad_link_notice(ctx)
    elif ctx.token is not None:
        if st.button(t("app.home.continue", lang), key="continue", type="primary"):
            st.switch_page(frame.DIAGNOSTIC, query_params={state.TOKEN_PARAM: ctx.token})
        st.caption(t("app.home.new_keeps_old", lang))
        frame.start_button(ctx, "start", primary=False)
    else:
        frame.start_button(ctx, "start")

    with st.expander(t("app.home.from_file", lang)):
        st.markdown(t("app.home.from_file_help", lang))
        label = t("app.files.upload", lang)
        if answers_upload(ctx.referentiel, lang, lambda s: open_new(ctx, s), "import-new", label):
            token = state.context().token or ""
            st.switch_page(frame.DIAGNOSTIC, query_params={state.TOKEN_PARAM: token})


def open_new(ctx: state.Context, sheet: AnswerSheet) -> None:
    """Start a new diagnostic holding the file's answers, and say so on the page it opens."""
    open_file(ctx, sheet)
    state.flash("success", tn("app.files.imported", len(sheet.answers), ctx.lang))
