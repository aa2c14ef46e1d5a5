"""The feuille de route on the adviser's dashboard, built with the group.

Drawn by the page run, outside the live fragment, so typing is never interrupted by a
refresh. Widget keys: ``animation-plan-*`` (see editor) and ``download-workshop-plan``.
"""

from __future__ import annotations

import streamlit as st

from ...advice.recommend import explain_all
from ...advice.scoring import score_answers
from ...errors import DiagnosticError
from ...i18n import t
from ...model import AnswerSheet
from ...plan.offer import Offers, catalogue, plan_offers
from ...storage import WorkshopRecord
from ...workshop.groups import group_sheet
from .. import state
from ..literal import escape_markdown
from ..workshop.group import summarise
from ..workshop.retained import discussed
from .editor import PlanStore, flush_plan, plan_download, plan_editor

PREFIX = "animation-plan"


def workshop_plan_section(ctx: state.Context, workshop: WorkshopRecord, admin_key: str) -> None:
    """The plan editor fed with the group's recommended actions and the référentiel's."""
    lang, referentiel, code = ctx.lang, ctx.referentiel, workshop.code
    st.header(t("plan.title", lang))
    st.markdown(t("plan.app.workshop_intro", lang))
    store = PlanStore(
        save=lambda action: ctx.repository.save_workshop_plan_action(code, admin_key, action),
        delete=lambda entry: ctx.repository.delete_workshop_plan_action(code, admin_key, entry),
    )
    try:
        plan, failures = flush_plan(ctx.repository.load_workshop_plan(code), store, PREFIX, lang)
        offers = _group_offers(ctx, workshop, admin_key)
    except DiagnosticError as error:
        st.error(escape_markdown(error.message(lang)))
        return
    for failure in failures:
        st.error(escape_markdown(failure))
    plan = plan_editor(referentiel, plan, offers, lang, store, PREFIX)
    if plan:
        sheet = AnswerSheet(workshop.profile, plan=plan)
        file_name = f"atelier-{code.lower()}-feuille-de-route.csv"
        plan_download(referentiel, sheet, lang, file_name, "download-workshop-plan")


def _group_offers(ctx: state.Context, workshop: WorkshopRecord, admin_key: str) -> Offers:
    """The group's recommended actions and the full list; the full list alone while the
    group is too small for a result."""
    referentiel = ctx.referentiel
    sheets = ctx.repository.participants(workshop.code, admin_key)
    summary, _ = discussed(ctx, workshop.code, summarise(ctx, sheets, workshop.motivations))
    group = group_sheet(summary.group, workshop.profile)
    if group is None:
        return Offers(catalogue=catalogue(referentiel, AnswerSheet(workshop.profile)))
    explained = explain_all(referentiel, group, score_answers(referentiel, group.answers))
    return plan_offers(referentiel, group, explained)
