"""The results page's part for the feuille de route, the comparison and the re-diagnosis."""

from __future__ import annotations

import dataclasses

import pandas as pd
import streamlit as st

from ...advice.recommend import explain_all
from ...advice.scoring import Scores
from ...errors import DiagnosticError
from ...export.plan.tabular import plan_header, plan_rows
from ...i18n import t
from ...model import AnswerSheet
from ...plan.compare import comparison_of
from ...plan.offer import plan_offers
from .. import frame, state
from ..files import file_stem
from ..literal import escape_markdown
from .comparison import comparison_view
from .editor import PlanStore, flush_plan, plan_download, plan_editor
from .redo import redo_panel

PREFIX = "plan"


def diagnostic_store(ctx: state.Context, token: str) -> PlanStore:
    """Saves to the open diagnostic's plan."""
    return PlanStore(
        save=lambda action: ctx.repository.save_plan_action(token, action),
        delete=lambda entry: ctx.repository.delete_plan_action(token, entry),
    )


def flush_diagnostic_plan(ctx: state.Context, sheet: AnswerSheet) -> AnswerSheet:
    """Save the plan widgets' edits; the sheet with the plan as saved."""
    assert ctx.token is not None
    plan, failures = flush_plan(sheet.plan, diagnostic_store(ctx, ctx.token), PREFIX, ctx.lang)
    for failure in failures:
        st.error(escape_markdown(failure))
    return dataclasses.replace(sheet, plan=plan)


def plan_section(ctx: state.Context, sheet: AnswerSheet, scores: Scores) -> None:
    """The plan editor with its CSV, the comparison if this is a re-diagnosis, then redo.

    Once a re-diagnosis follows this diagnostic, its plan is shown read-only with a way
    to the latest diagnostic, where the line's one plan carries on.
    """
    assert ctx.token is not None
    lang, referentiel = ctx.lang, ctx.referentiel
    latest = ctx.repository.latest_token(ctx.token)
    st.header(t("plan.title", lang))
    if latest != ctx.token:
        superseded_plan(ctx, sheet, latest)
    else:
        st.markdown(t("plan.app.intro", lang))
        offers = plan_offers(referentiel, sheet, explain_all(referentiel, sheet, scores))
        store = diagnostic_store(ctx, ctx.token)
        plan = plan_editor(referentiel, sheet.plan, offers, lang, store, PREFIX)
        if plan:
            saved = dataclasses.replace(sheet, plan=plan)
            name = f"{file_stem(sheet)}-feuille-de-route.csv"
            plan_download(referentiel, saved, lang, name, "download-plan-csv")
    try:
        comparison = comparison_of(referentiel, sheet)
    except DiagnosticError as error:
        st.warning(escape_markdown(error.message(lang)))
        comparison = None
    if comparison is not None:
        comparison_view(referentiel, sheet, comparison, lang)
    if latest == ctx.token:
        redo_panel(ctx, ctx.token)


def superseded_plan(ctx: state.Context, sheet: AnswerSheet, latest: str) -> None:
    """The plan as it was when the diagnostic was redone, and a button to the latest one.

    Keys: ``plan-readonly`` (the table) and ``plan-open-latest``.
    """
    lang = ctx.lang
    st.info(t("plan.app.superseded", lang))
    if st.button(t("plan.app.open_latest", lang), key="plan-open-latest", type="primary"):
        state.forget_widgets((f"{PREFIX}-", "redo-"))
        state.open_diagnostic(latest, len(state.steps(ctx.referentiel)) - 1)
        st.switch_page(frame.RESULTS, query_params={state.TOKEN_PARAM: latest})
    if sheet.plan:
        rows = plan_rows(ctx.referentiel, sheet.plan, lang)
        table = pd.DataFrame(rows, columns=plan_header(lang), dtype=object)
        st.dataframe(table, hide_index=True, key="plan-readonly")
    else:
        st.markdown(t("plan.app.empty", lang))
