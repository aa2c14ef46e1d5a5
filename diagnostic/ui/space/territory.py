"""« Espace du territoire » (``…/territoire?t=<SIREN>``): a territory's diagnostics over
time, « Refaire le diagnostic » on the latest, the comparison of any two, its workshops.

Widget keys: ``territory-open-<id>`` per diagnostic, the re-diagnosis' ``redo-*`` (see
ui/plan/redo), ``territory-compare-first`` and ``territory-compare-second``, then the
comparison's own (see ui/plan/comparison).
"""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd
import streamlit as st

from ...errors import DiagnosticError
from ...i18n import t
from ...model import Lang
from ...plan.compare import compare
from ...storage.listing import DiagnosticEntry, WorkshopEntry
from ...typography import format_date
from .. import state
from ..literal import escape_markdown
from ..plan.comparison import comparison_view
from ..plan.redo import redo_panel
from ..wording import territory_line
from .access import may_change_territory, may_see_territory
from .attach import attach_section
from .log import log_section
from .members import after_leaving, members_section
from .opening import TERRITORY_PARAM, open_saved, refuse_unless_allowed
from .roadmap import roadmap_section
from .sharing import sharing_section

KEY_PATTERN = re.compile(r"[0-9]{9}")


def render() -> None:
    """Draw the space of the territory named in the URL, for whoever may see it."""
    ctx = state.context()
    lang = ctx.lang
    st.title(t("space.territory.title", lang))
    key = (st.query_params.get(TERRITORY_PARAM) or "").strip()
    after_leaving(ctx, key)
    refuse_unless_allowed(may_see_territory(key, ctx), lang)
    if not key:
        st.info(t("space.territory.no_key", lang))
        st.stop()
    if not KEY_PATTERN.fullmatch(key):
        st.error(t("space.territory.bad_key", lang, key=escape_markdown(key[:40])))
        st.stop()
    try:
        entries = ctx.repository.list_diagnostics(siren=key)
        workshops = ctx.repository.list_workshops(siren=key)
    except DiagnosticError as error:
        st.error(escape_markdown(error.message(lang)))
        st.stop()
    if not entries and not workshops:
        st.info(t("space.territory.empty", lang, key=key))
        attach_section(ctx, key)
        members_section(ctx, key)
        st.stop()
    profiles = [e.profile for e in entries if e.profile] + [w.profile for w in workshops]
    st.markdown(
        territory_line(profiles[0], lang) + " · " + t("space.territory.siren", lang, key=key)
    )
    ordered = sorted(entries, key=in_time)
    changes = may_change_territory(key, ctx)
    history(ctx, ordered, workshops, changes)
    roadmap_section(ctx, key, ordered)
    latest = [e for e in ordered if e.later_id is None]
    if latest and changes:
        st.divider()
        st.caption(t("space.territory.redo_on", lang, date=day_text(latest[-1], lang)))
        redo_panel(ctx, latest[-1].token)
    st.divider()
    comparison(ctx, ordered)
    st.divider()
    workshop_table(workshops, lang)
    sharing_section(ctx, key)
    attach_section(ctx, key)
    members_section(ctx, key)
    log_section(ctx, key)


def entry_day(entry: DiagnosticEntry) -> dt.date:
    """When a diagnostic was made: its profile's date, else the day it was started."""
    if entry.profile is not None and entry.profile.date is not None:
        return entry.profile.date
    return entry.created_at.date()


def in_time(entry: DiagnosticEntry) -> tuple[dt.date, dt.datetime, int]:
    """Oldest first: by date made, then by start."""
    return (entry_day(entry), entry.created_at, entry.id)


def day_text(entry: DiagnosticEntry, lang: Lang) -> str:
    return format_date(entry_day(entry), lang)


def history(
    ctx: state.Context,
    entries: list[DiagnosticEntry],
    workshops: tuple[WorkshopEntry, ...],
    openable: bool = True,
) -> None:
    """The diagnostics and workshops by date, then, when ``openable``, a button to open each
    diagnostic (its resume link: whoever holds it may change it)."""
    lang = ctx.lang
    st.header(t("space.territory.history", lang))
    total = len(ctx.referentiel.questions)
    rows: list[tuple[dt.date, str, str, str, str]] = [
        (
            entry_day(e),
            t("space.territory.kind.alone", lang),
            e.referentiel_version or "—",
            f"{min(e.answered, total)} / {total}",
            str(e.plan_lines),
        )
        for e in entries
    ] + [
        (
            w.profile.date or w.created_at.date(),
            t("space.territory.kind.workshop", lang, code=w.code),
            "—",
            "—",
            "—",
        )
        for w in workshops
    ]
    rows.sort(key=lambda row: row[0])
    shown = [(format_date(row[0], lang), *row[1:]) for row in rows]
    columns = ("date", "kind", "version", "progress", "plan")
    table = {
        t(f"space.territory.col.{name}", lang): [row[index] for row in shown]
        for index, name in enumerate(columns)
    }
    st.dataframe(pd.DataFrame(table), hide_index=True, key="territory-history")
    for entry in reversed(entries if openable else ()):
        label = t("space.territory.open_one", lang, date=day_text(entry, lang))
        if st.button(label, key=f"territory-open-{entry.id}"):
            open_saved(entry.token)


def comparison(ctx: state.Context, entries: list[DiagnosticEntry]) -> None:
    """Two diagnostics of the territory chosen, compared the way a re-diagnosis is."""
    lang = ctx.lang
    st.header(t("space.territory.compare", lang))
    if len(entries) < 2:
        st.info(t("space.territory.compare_need_two", lang))
        return
    total = len(ctx.referentiel.questions)
    by_id = {e.id: e for e in entries}

    def label(entry_id: int) -> str:
        entry = by_id[entry_id]
        answered = min(entry.answered, total)
        return t(
            "space.territory.choice",
            lang,
            date=day_text(entry, lang),
            answered=answered,
            total=total,
        )

    ids = [e.id for e in entries]
    left, right = st.columns(2)
    first = left.selectbox(
        t("space.territory.compare_first", lang),
        ids,
        index=len(ids) - 2,
        format_func=label,
        key="territory-compare-first",
    )
    second = right.selectbox(
        t("space.territory.compare_second", lang),
        ids,
        index=len(ids) - 1,
        format_func=label,
        key="territory-compare-second",
    )
    if first is None or second is None or first == second:
        st.info(t("space.territory.compare_same", lang))
        return
    earlier, later = sorted((by_id[first], by_id[second]), key=in_time)
    try:
        before = ctx.repository.load_sheet(earlier.token, ctx.referentiel.version)
        after = ctx.repository.load_sheet(later.token, ctx.referentiel.version)
        result = compare(ctx.referentiel, before, after)
    except DiagnosticError as error:
        st.error(escape_markdown(error.message(lang)))
        return
    comparison_view(ctx.referentiel, after, result, lang)


def workshop_table(workshops: tuple[WorkshopEntry, ...], lang: Lang) -> None:
    """The territory's workshops: code, date, status, participants."""
    st.header(t("space.territory.workshops", lang))
    if not workshops:
        st.info(t("space.territory.no_workshop", lang))
        return
    table = {
        t("space.territory.col.code", lang): [w.code for w in workshops],
        t("space.territory.col.date", lang): [
            format_date(w.created_at.date(), lang) for w in workshops
        ],
        t("space.territory.col.status", lang): [
            t(f"space.workshop.{w.status}", lang) for w in workshops
        ],
        t("space.territory.col.participants", lang): [w.participants for w in workshops],
    }
    st.dataframe(pd.DataFrame(table), hide_index=True, key="territory-workshops")
