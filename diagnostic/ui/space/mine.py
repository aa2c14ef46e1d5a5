"""« Mes diagnostics et ateliers »: every diagnostic and workshop this installation holds.

Widget keys: ``space-open-<id>``, ``space-earlier-<id>``, ``space-later-<id>``,
``space-territory-<id>``, ``space-unpin-<id>`` per diagnostic (``<id>``: its number in
the database), ``space-more`` (the next 50), ``space-workshop-territory-<code>`` per workshop and
``space-dashboard-<code>`` per workshop the session runs.
"""

from __future__ import annotations

import streamlit as st

from ...errors import DiagnosticError
from ...i18n import t
from ...model import Lang
from ...storage.listing import DiagnosticEntry, WorkshopEntry
from ...typography import format_date
from .. import frame, state
from ..literal import escape_markdown
from ..wording import territory_line, tn
from ..workshop.session import session_admin
from .access import listed_territories, may_change_territory, may_see_mine
from .opening import open_dashboard, open_saved, open_territory, refuse_unless_allowed
from .siret import siret_offer

STEP = 50  # diagnostics drawn at a time: a few hundred cards would slow every run
SHOWN_KEY = "space-shown"


def render() -> None:
    """Draw the page for whoever may see it; say why not to anyone else."""
    ctx = state.context()
    lang = ctx.lang
    st.title(t("space.nav.mine", lang))
    refuse_unless_allowed(may_see_mine(), lang)
    st.markdown(t("space.mine.intro", lang))
    siret_offer(ctx)
    try:
        scope = listed_territories(ctx)
        entries = ctx.repository.list_diagnostics()
        workshops = ctx.repository.list_workshops()
        if scope is not None:
            entries = tuple(e for e in entries if e.territory_key in scope)
            workshops = tuple(w for w in workshops if w.profile.siren in scope)
    except DiagnosticError as error:
        st.error(escape_markdown(error.message(lang)))
        st.stop()
    st.header(t("space.mine.diagnostics", lang))
    if not entries:
        st.info(t("space.mine.no_diagnostic", lang))
        frame.start_button(ctx, "space-start")
    else:
        st.caption(tn("space.mine.count", len(entries), lang))
    tokens = {entry.id: entry.token for entry in entries}
    total = len(ctx.referentiel.questions)
    shown = int(st.session_state.get(SHOWN_KEY, STEP))
    changes: dict[str, bool] = {}  # per territory: may this visitor change its diagnostics
    for entry in entries[:shown]:
        key = entry.territory_key or ""
        if key not in changes:
            changes[key] = may_change_territory(key, ctx)
        diagnostic_card(ctx, entry, tokens, total, changes[key])
    if len(entries) > shown:
        more = min(STEP, len(entries) - shown)
        if st.button(tn("space.mine.more", more, lang), key="space-more"):
            st.session_state[SHOWN_KEY] = shown + STEP
            st.rerun()
    st.header(t("space.mine.workshops", lang))
    if not workshops:
        st.info(t("space.mine.no_workshop", lang))
    for workshop in workshops:
        workshop_card(workshop, lang)


def diagnostic_card(
    ctx: state.Context,
    entry: DiagnosticEntry,
    tokens: dict[int, str],
    total: int,
    changes: bool = True,
) -> None:
    """One diagnostic: territory, dates, progress, plan, its line in time, and its buttons
    (opening it, which lets one change it, only for whoever may: ``changes``)."""
    lang = ctx.lang
    with st.container(border=True, key=f"space-diagnostic-{entry.id}"):
        pin = f":material/push_pin: {t('space.mine.pinned', lang)} · " if entry.pinned else ""
        if entry.profile is not None:
            st.markdown(pin + territory_line(entry.profile, lang))
        else:
            st.markdown(pin + t("space.mine.unnamed", lang))
        st.caption(" · ".join(facts(entry, total, lang)))
        if entry.later_id is not None:
            st.caption(t("space.mine.redone", lang))
        elif entry.earlier_id is not None:
            st.caption(t("space.mine.redo_of", lang))
        buttons(ctx, entry, tokens, changes)


def facts(entry: DiagnosticEntry, total: int, lang: Lang) -> list[str]:
    """Dates, answers given out of the référentiel's questions, and the plan's size."""
    dates = t(
        "space.mine.dates",
        lang,
        created=format_date(entry.created_at.date(), lang),
        updated=format_date(entry.updated_at.date(), lang),
    )
    progress = t("space.mine.progress", lang, answered=min(entry.answered, total), total=total)
    plan = (
        tn("space.mine.plan", entry.plan_lines, lang)
        if entry.plan_lines
        else t("space.mine.no_plan", lang)
    )
    return [dates, progress, plan]


def buttons(
    ctx: state.Context, entry: DiagnosticEntry, tokens: dict[int, str], changes: bool = True
) -> None:
    """Open it, its earlier or later diagnostic (for whoever may change them), its
    territory's space; unpin it."""
    lang = ctx.lang
    row = st.columns(5)
    opens = changes and row[0].button(
        t("space.mine.open", lang), key=f"space-open-{entry.id}", type="primary"
    )
    if opens:
        open_saved(entry.token)
    for column, (name, other) in zip(
        row[1:3], (("earlier", entry.earlier_id), ("later", entry.later_id)), strict=True
    ):
        token = tokens.get(other) if other is not None and changes else None
        if token is not None and column.button(
            t(f"space.mine.open_{name}", lang), key=f"space-{name}-{entry.id}"
        ):
            open_saved(token)
    key = entry.territory_key
    if key and row[3].button(t("space.mine.territory", lang), key=f"space-territory-{entry.id}"):
        open_territory(key)
    if entry.pinned and row[4].button(t("space.mine.unpin", lang), key=f"space-unpin-{entry.id}"):
        try:
            ctx.repository.unpin_diagnostic(entry.token)
        except DiagnosticError as error:
            st.error(escape_markdown(error.message(lang)))
            return
        st.rerun()


def workshop_card(workshop: WorkshopEntry, lang: Lang) -> None:
    """One workshop: code, territory, date, status, participants; its dashboard if this
    session runs it (the admin key lives only in the adviser's link and session)."""
    with st.container(border=True, key=f"space-workshop-{workshop.code}"):
        st.markdown(
            f"**{t('space.workshop.line', lang, code=workshop.code)}** · "
            + territory_line(workshop.profile, lang)
        )
        status = t(f"space.workshop.{workshop.status}", lang)
        created = t(
            "space.workshop.created", lang, date=format_date(workshop.created_at.date(), lang)
        )
        participants = tn("space.workshop.participants", workshop.participants, lang)
        st.caption(" · ".join((created, status, participants)))
        running = session_admin()
        runs_it = running is not None and running[0] == workshop.code
        if not runs_it:
            st.caption(t("space.workshop.no_key", lang))
        left, right = st.columns(2)
        label = t("space.workshop.dashboard", lang)
        if runs_it and left.button(label, key=f"space-dashboard-{workshop.code}"):
            open_dashboard(workshop.code)
        key = workshop.profile.siren
        label = t("space.mine.territory", lang)
        if key and right.button(label, key=f"space-workshop-territory-{workshop.code}"):
            open_territory(key)
