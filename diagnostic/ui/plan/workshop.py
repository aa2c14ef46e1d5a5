"""The feuille de route on the adviser's dashboard, built with the group.

Drawn by the page run, outside the live fragment, so typing is never interrupted by a
refresh. Widget keys: ``animation-plan-*`` (see editor) and ``download-workshop-plan``.
"""

from __future__ import annotations

import streamlit as st

from ...errors import DiagnosticError
from ...i18n import t
from ...model import AnswerSheet
from ...recommend import Recommendation, recommend
from ...scoring import score_answers
from ...storage import WorkshopRecord
from ...workshop.groups import group_sheet
from .. import state
from ..literal import escape_markdown
from ..workshop.group import summarise
from .editor import PlanStore, flush_plan, plan_download, plan_editor

PREFIX = "animation-plan"


def workshop_plan_section(ctx: state.Context, workshop: WorkshopRecord, admin_key: str) -> None:
    """The plan editor fed with the group's recommended levers (none while it is hidden)."""
    lang, referentiel, code = ctx.lang, ctx.referentiel, workshop.code
    st.header(t("plan.title", lang))
    st.markdown(t("plan.app.workshop_intro", lang))
    store = PlanStore(
        save=lambda action: ctx.repository.save_workshop_plan_action(code, admin_key, action),
        delete=lambda entry: ctx.repository.delete_workshop_plan_action(code, admin_key, entry),
    )
    try:
        plan, failures = flush_plan(ctx.repository.load_workshop_plan(code), store, PREFIX, lang)
        recommendations = _group_recommendations(ctx, workshop, admin_key)
    except DiagnosticError as error:
        st.error(escape_markdown(error.message(lang)))
        return
    for failure in failures:
        st.error(escape_markdown(failure))
    plan = plan_editor(referentiel, plan, recommendations, lang, store, PREFIX)
    if plan:
        sheet = AnswerSheet(workshop.profile, plan=plan)
        file_name = f"atelier-{code.lower()}-feuille-de-route.csv"
        plan_download(referentiel, sheet, lang, file_name, "download-workshop-plan")


def _group_recommendations(
    ctx: state.Context, workshop: WorkshopRecord, admin_key: str
) -> tuple[Recommendation, ...]:
    sheets = ctx.repository.participants(workshop.code, admin_key)
    summary = summarise(ctx, sheets, workshop.motivations)
    group = group_sheet(summary.group, workshop.profile)
    if group is None:
        return ()
    return recommend(ctx.referentiel, group, score_answers(ctx.referentiel, group.answers))
