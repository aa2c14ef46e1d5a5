"""The adviser's dashboard: how to join (code, QR code, link), then the group live.

The join panel and the adviser's controls (sidebar, see atelier_controls) are drawn by
the page run; a fragment refreshes the figures every few seconds, so the page updates
without a reload and without touching the adviser's widgets. The tabs are made by the
page run and filled by the fragment, so the tab on screen stays chosen.
Widget keys: ``animation-tabs`` and the controls' ``animation-*`` keys.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from urllib.parse import urlsplit

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from ...errors import DiagnosticError, NotFoundError
from ...export.workshop_data import WorkshopData
from ...groups import group_sheet
from ...i18n import t
from ...storage import WorkshopRecord
from ...workshop import WorkshopSummary
from .. import state
from ..literal import escape_markdown
from ..plan.workshop import workshop_plan_section
from ..wording import join_words, territory_line, tn
from ..workshop_group import group_result, summarise
from ..workshop_panels import discuss_panel, participants_panel, roles_panel
from ..workshop_qr import qr_html
from ..workshop_session import (
    client_id,
    forget_admin,
    is_local,
    join_link,
    refresh_seconds,
    remember_admin,
    session_admin,
)
from . import atelier_controls

TABS_KEY = "animation-tabs"
LIVE_KEY = "animation-live"
TABS = ("participants", "group", "discuss", "roles")
# Sized on the column's width (cqi: a hundredth of it): as large as the column allows.
CODE_STYLE = (
    "font-size: min(8rem, 21cqi);"
    " font-weight: 700; line-height: 1.1; letter-spacing: 0.06em; white-space: nowrap;"
)
ADDRESS_STYLE = "font-size: min(2.2rem, 6.5cqi); font-weight: 600; overflow-wrap: anywhere;"


def render(ctx: state.Context, code: str, admin_key: str) -> None:
    """The dashboard of the workshop, if ``admin_key`` opens it; else a message and no data."""
    lang = ctx.lang
    # A key this session already opened the dashboard with is not a guess.
    client = None if session_admin() == (code, admin_key) else client_id()
    try:
        workshop = ctx.repository.check_admin(code, admin_key, client)
    except NotFoundError as error:
        forget_admin()
        st.error(escape_markdown(error.message(lang)))
        st.stop()
    except DiagnosticError as error:
        st.error(escape_markdown(error.message(lang)))
        st.stop()
    remember_admin(workshop.code, admin_key)
    st.set_page_config(layout="wide")
    state.show_flashes()
    atelier_controls.sidebar(ctx, workshop, admin_key)
    st.title(t("atelier.dash.title", lang))
    st.markdown(territory_line(workshop.profile, lang))
    if workshop.motivations:
        labels = [ctx.referentiel.motivation(m).label.get(lang) for m in workshop.motivations]
        chosen = t("workshop.report.motivations", lang) + t("app.colon", lang)
        st.caption(chosen + join_words(labels, lang))
    head = join_panel(ctx, workshop.code)
    tabs = st.tabs([t(f"atelier.tab.{name}", lang) for name in TABS], key=TABS_KEY)
    live = st.fragment(run_every=refresh_seconds(), key=LIVE_KEY)(live_panels)
    live(ctx, workshop.code, admin_key, head, tabs)
    workshop_plan_section(ctx, workshop, admin_key)


def join_panel(ctx: state.Context, code: str) -> DeltaGenerator:
    """How to join, large enough for the back of the room: address, code, QR code.

    Returns the place, under the code, where the live head count goes.
    """
    lang = ctx.lang
    link = join_link(ctx, code)
    with st.container(border=True):
        words, picture = st.columns(2, vertical_alignment="center", gap="large")
        with words:
            st.subheader(t("atelier.dash.join_title", lang))
            st.markdown(t("atelier.dash.join_how", lang))
            st.html(big_join_text(link, code))
            head = st.container()
        with picture:
            st.html(qr_html(link, t("atelier.dash.qr_caption", lang)))
        st.caption(t("atelier.dash.join_link", lang))
        st.code(link, language=None, wrap_lines=True)
        if is_local(link):
            host = urlsplit(link).netloc
            st.warning(escape_markdown(t("atelier.dash.local", lang, host=host)))
    return head


def big_join_text(link: str, code: str) -> str:
    """The join page's address and the code, large enough to read from the back of a room."""
    parts = urlsplit(link)
    address = html.escape(f"{parts.netloc}{parts.path}")
    half = len(code) // 2
    code_html = (
        f"{html.escape(code[:half])}<span style='margin-left: 0.3em'>"
        f"{html.escape(code[half:])}</span>"
    )
    return (
        "<div style='container-type: inline-size'>"
        f'<div style="{ADDRESS_STYLE}">{address}</div>'
        f"<div class='workshop-code' style=\"{CODE_STYLE}\">{code_html}</div></div>"
    )


def live_panels(
    ctx: state.Context,
    code: str,
    admin_key: str,
    head: DeltaGenerator,
    tabs: Sequence[DeltaGenerator],
) -> None:
    """Read the workshop again and fill the head line and the four tabs."""
    lang = ctx.lang
    try:
        workshop = ctx.repository.check_admin(code, admin_key)
        sheets = ctx.repository.participants(code, admin_key)
    except DiagnosticError as error:
        with head:
            st.error(escape_markdown(error.message(lang)))
        return
    summary = summarise(ctx, sheets, workshop.motivations)
    with head:
        status_line(workshop, summary, lang)
    with tabs[0]:
        participants_panel(sheets, summary, lang)
    with tabs[1]:
        group_result(ctx, summary, workshop.profile, key_prefix="animation-")
    with tabs[2]:
        discuss_panel(ctx.referentiel, summary, lang)
    with tabs[3]:
        group = group_sheet(summary.group, workshop.profile)
        data = WorkshopData(ctx.referentiel, workshop, tuple(sheets), summary, group)
        roles_panel(data, lang)


def status_line(workshop: WorkshopRecord, summary: WorkshopSummary, lang: str) -> None:
    """How many joined and started, whether the workshop is open and its result shown."""
    joined = summary.joined
    st.header(tn("atelier.dash.joined", joined, lang) if joined else t("atelier.dash.nobody", lang))
    if joined:
        st.caption(tn("atelier.dash.started", summary.respondents, lang))
    seen = t("atelier.dash.visible" if workshop.results_visible else "atelier.dash.invisible", lang)
    if workshop.status == "open":
        st.success(f"{t('atelier.dash.open', lang)} {seen}", icon=":material/lock_open:")
    else:
        st.warning(f"{t('atelier.dash.closed', lang)} {seen}", icon=":material/lock:")
