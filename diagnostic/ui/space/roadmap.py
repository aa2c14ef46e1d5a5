"""« Feuille de route en cours » on a territory's space: the plan of its latest diagnostic
(the one no re-diagnosis follows: the line's plan carries on there), its actions by status,
the late ones and the next target quarters, and the way to edit it on its results page.

An earlier diagnostic's plan is never shown as current. Widget keys:
``space-roadmap-counts`` (the table) and ``space-roadmap-edit``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pandas as pd
import streamlit as st

from ...errors import DiagnosticError
from ...export.plan.wording import quarter_text
from ...i18n import t
from ...model import STATUSES, Lang
from ...plan.codec import status_label
from ...plan.model import Plan
from ...plan.outlook import Outlook, outlook
from ...storage.listing import DiagnosticEntry
from ...typography import format_date
from .. import frame, signin, state
from ..literal import escape_markdown
from ..wording import tn
from .allowed import allowed_actor


def current_entry(in_time: Sequence[DiagnosticEntry]) -> DiagnosticEntry | None:
    """The latest diagnostic that no re-diagnosis follows (``in_time``: oldest first)."""
    heads = [entry for entry in in_time if entry.later_id is None]
    return heads[-1] if heads else None


def roadmap_section(ctx: state.Context, key: str, in_time: Sequence[DiagnosticEntry]) -> None:
    """The current plan of the territory, from its diagnostics listed oldest first."""
    entry = current_entry(in_time)
    if entry is None:
        return
    lang = ctx.lang
    st.header(t("space.roadmap.title", lang))
    day = entry.profile.date if entry.profile and entry.profile.date else entry.created_at.date()
    st.caption(t("space.roadmap.of", lang, date=format_date(day, lang)))
    try:
        plan = ctx.repository.load_plan(entry.token)
    except DiagnosticError as error:
        st.error(escape_markdown(error.message(lang)))
        return
    if not plan:
        st.info(t("space.roadmap.empty", lang))
    else:
        outlook_view(outlook(plan, dt.date.today()), lang)
    if may_edit(ctx, key) and st.button(t("space.roadmap.edit", lang), key="space-roadmap-edit"):
        open_results(ctx, entry.token)


def outlook_view(seen: Outlook, lang: Lang) -> None:
    """The counts by status, then the late actions, the next quarters and those undated."""
    counts = {status_label(s, lang): [seen.counts[s]] for s in STATUSES}
    table = pd.DataFrame(counts, index=[t("space.roadmap.count", lang)])
    st.dataframe(table, key="space-roadmap-counts")
    if seen.late:
        st.markdown(f"**{t('space.roadmap.late', lang)}**\n\n{action_lines(seen.late, lang)}")
    for quarter, actions in seen.upcoming:
        heading = t("space.roadmap.due", lang, quarter=quarter_text(quarter, lang))
        st.markdown(f"**{heading}**\n\n{action_lines(actions, lang)}")
    if seen.later:
        st.caption(tn("space.roadmap.later", seen.later, lang))
    if seen.open_count and not seen.upcoming and not seen.late:
        st.caption(t("space.roadmap.nothing_due", lang))
    if seen.unscheduled:
        heading = t("space.roadmap.unscheduled", lang)
        st.markdown(f"**{heading}**\n\n{action_lines(seen.unscheduled, lang)}")


def action_lines(actions: Plan, lang: Lang) -> str:
    """One bullet per action: its wording, its status, who leads it."""
    lines = []
    for action in actions:
        words = [escape_markdown(action.label), status_label(action.status, lang)]
        if action.owner:
            words.append(escape_markdown(action.owner))
        lines.append("- " + " · ".join(words))
    return "\n".join(lines)


def may_edit(ctx: state.Context, key: str) -> bool:
    """Whether the visitor may change the territory's plan: at the machine without sign-in,
    else its members."""
    if not signin.configured():
        return True
    return allowed_actor(ctx, "edit_diagnostic", key) is not None


def open_results(ctx: state.Context, token: str) -> None:
    """Open the diagnostic's results page, where its plan is edited."""
    state.forget_widgets(("plan-", "redo-"))
    state.open_diagnostic(token, len(state.steps(ctx.referentiel)) - 1)
    st.switch_page(frame.RESULTS, query_params={state.TOKEN_PARAM: token})
