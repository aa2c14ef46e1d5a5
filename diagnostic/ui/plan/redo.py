"""« Refaire le diagnostic »: a new diagnostic of the same territory, following this one.

Widget keys: ``redo-answers`` (empty or pre-filled) and ``redo-start``.
"""

from __future__ import annotations

from typing import Literal

import streamlit as st

from ...errors import DiagnosticError
from ...i18n import t
from ...model import Referentiel
from .. import frame, state
from ..choices import translated_choice
from ..literal import escape_markdown

Start = Literal["empty", "prefill"]
STARTS: tuple[Start, ...] = ("empty", "prefill")


def first_questions_step(referentiel: Referentiel) -> int:
    """Where a re-diagnosis opens: the first questions, to go through them again in order.

    Not ``state.first_blank_step``: answers copied from the earlier diagnostic leave no
    blank, which would open the summary, and the profile is already filled in.
    """
    all_steps = state.steps(referentiel)
    return next(i for i, step in enumerate(all_steps) if step.kind == "motivation")


def redo_panel(ctx: state.Context, token: str) -> None:
    """Choose empty or pre-filled answers, then open the new diagnostic in the wizard."""
    lang = ctx.lang
    st.header(t("plan.redo.title", lang))
    st.markdown(t("plan.redo.intro", lang))
    start = translated_choice(
        st.radio,
        t("plan.redo.answers", lang),
        STARTS,
        format_func=lambda s: t(f"plan.redo.{s}", lang),
        key="redo-answers",
        lang=lang,
    )
    if not st.button(t("plan.redo.start", lang), key="redo-start", type="primary"):
        return
    try:
        record = ctx.repository.rediagnose(
            token, prefill=start == "prefill", referentiel_version=ctx.referentiel.version
        )
    except DiagnosticError as error:
        st.error(escape_markdown(error.message(lang)))
        return
    state.forget_widgets(("plan-", "redo-"))
    state.open_diagnostic(record.token, first_questions_step(ctx.referentiel))
    state.flash("success", t("plan.redo.started", lang))
    st.switch_page(frame.DIAGNOSTIC, query_params={state.TOKEN_PARAM: record.token})
