"""The adviser's dashboard: how to join (code, QR code, link), then the group live.

The join panel and the adviser's controls (sidebar, see controls) are drawn by
the page run; a fragment refreshes the figures every few seconds, so the page updates
without a reload and without touching the adviser's widgets. The tabs are made by the
page run and filled by the fragment, so the tab on screen stays chosen.
Widget keys: ``animation-tabs`` and the controls' ``animation-*`` keys.
"""

from __future__ import annotations

import dataclasses
import html
from collections.abc import Sequence
from urllib.parse import urlsplit

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from ...errors import DiagnosticError, NotFoundError
from ...export.workshop.data import WorkshopData
from ...i18n import t
from ...referentiel.scope import for_territory
from ...storage import WorkshopRecord
from ...workshop import WorkshopSummary
from ...workshop.groups import group_sheet
from .. import state
from ..literal import escape_markdown
from ..plan.workshop import workshop_plan_section
from ..wording import join_words, territory_line, tn
from . import controls, pacing
from .discussion import discussion_tab
from .group import group_result, summarise
from .panels import discuss_panel, participants_panel, roles_panel
from .qr import qr_html
from .retained import discussed, retained_panel
from .session import (
    client_id,
    forget_admin,
    is_local,
    join_link,
    refresh_seconds,
    remember_admin,
    session_admin,
    unreachable_from_network,
)

TABS_KEY = "animation-tabs"
LIVE_KEY = "animation-live"
JOINED_KEY = "animation-joined"  # (code, whether someone has joined) as the page last drew
TABS = ("participants", "group", "discuss", "roles", "discussion")
# Sized on the column's width (cqi: a hundredth of it): as large as the column allows.
CODE_STYLE = (
    "font-size: min(8rem, 21cqi);"
    " font-weight: 700; line-height: 1.1; letter-spacing: 0.06em; white-space: nowrap;"
)
COMPACT_CODE_STYLE = (
    "font-size: min(5rem, 16cqi);"
    " font-weight: 700; line-height: 1.05; letter-spacing: 0.06em; white-space: nowrap;"
)
ADDRESS_STYLE = "font-size: min(2.2rem, 6.5cqi); font-weight: 600; overflow-wrap: anywhere;"
COMPACT_QR = "max-width: 11rem;"
# Projection: text readable at 5 m on a 1920×1080 projector (body 24 px and more). Only this
# page carries the style, so the other pages keep the theme's sizes.
PROJECTION_CSS = """<style>
[data-testid="stMain"] { font-size: 24px; }
[data-testid="stMain"] [data-testid="stMarkdownContainer"] p,
[data-testid="stMain"] [data-testid="stMarkdownContainer"] li,
[data-testid="stMain"] [data-testid="stCaptionContainer"],
[data-testid="stMain"] [data-testid="stCaptionContainer"] p,
[data-testid="stMain"] [data-testid="stAlertContentInfo"] p,
[data-testid="stMain"] [data-testid="stTable"] td,
[data-testid="stMain"] [data-testid="stTable"] th,
[data-testid="stMain"] button[role="tab"] p { font-size: 24px; line-height: 1.4; }
[data-testid="stMain"] [data-testid="stCaptionContainer"] { color: #3d4550; }
[data-testid="stMain"] [data-testid="stCode"] code { font-size: 22px; }
</style>"""


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
    st.html(PROJECTION_CSS)
    state.show_flashes()
    controls.sidebar(ctx, workshop, admin_key)
    pacing.sidebar(ctx, workshop, admin_key)
    top = st.container()
    status = st.container()
    tabs = st.tabs([t(f"atelier.tab.{name}", lang) for name in TABS], key=TABS_KEY)
    live = st.fragment(run_every=refresh_seconds(), key=LIVE_KEY)(live_panels)
    # The fragment runs first, inline: it tells whether someone has joined, which decides
    # the header drawn above it (large to invite people in, compact once they are in).
    live(ctx, workshop.code, admin_key, status, tabs)
    with tabs[4]:
        discussion_tab(ctx, workshop, admin_key)
    with top:
        heading(ctx, workshop)
        pacing.projected(ctx, workshop)
        if someone_joined(workshop.code):
            compact_join_panel(ctx, workshop.code)
        else:
            join_panel(ctx, workshop.code)
    workshop_plan_section(ctx, workshop, admin_key)


def heading(ctx: state.Context, workshop: WorkshopRecord) -> None:
    """The dashboard's title, the territory and the motivations worked on."""
    lang = ctx.lang
    st.title(t("atelier.dash.title", lang))
    st.markdown(territory_line(workshop.profile, lang))
    if workshop.motivations:
        labels = [ctx.referentiel.motivation(m).label.get(lang) for m in workshop.motivations]
        chosen = t("workshop.report.motivations", lang) + t("app.colon", lang)
        st.caption(chosen + join_words(labels, lang))


def someone_joined(code: str) -> bool:
    """Whether the live panels last saw a participant in this workshop."""
    return bool(st.session_state.get(JOINED_KEY) == (code, True))


def join_panel(ctx: state.Context, code: str) -> None:
    """How to join, large enough for the back of the room: address, code, QR code."""
    lang = ctx.lang
    link = join_link(ctx, code)
    with st.container(border=True):
        words, picture = st.columns(2, vertical_alignment="center", gap="large")
        with words:
            st.subheader(t("atelier.dash.join_title", lang))
            st.markdown(t("atelier.dash.join_how", lang))
            st.html(big_join_text(link, code))
        with picture:
            st.html(qr_html(link, t("atelier.dash.qr_caption", lang)))
        st.caption(t("atelier.dash.join_link", lang))
        st.code(link, language=None, wrap_lines=True)
        local_warning(link, lang)


def compact_join_panel(ctx: state.Context, code: str) -> None:
    """Once people are in: the code, the address and a small QR code, on one line."""
    lang = ctx.lang
    link = join_link(ctx, code)
    with st.container(border=True, key="animation-compact-join"):
        words, picture = st.columns([4, 1], vertical_alignment="center", gap="medium")
        with words:
            st.markdown(t("atelier.dash.join_how", lang))
            st.html(big_join_text(link, code, compact=True))
        with picture:
            st.html(qr_html(link, t("atelier.dash.qr_caption", lang), COMPACT_QR))
    local_warning(link, lang)


def local_warning(link: str, lang: str) -> None:
    """A warning when phones cannot reach the server, or the join link points at this
    computer only."""
    port = int(st.get_option("server.port"))
    if unreachable_from_network(link, st.get_option("server.address"), port):
        st.warning(t("atelier.dash.loopback", lang, port=port))
    elif is_local(link):
        host = urlsplit(link).netloc
        st.warning(escape_markdown(t("atelier.dash.local", lang, host=host)))


def big_join_text(link: str, code: str, compact: bool = False) -> str:
    """The join page's address and the code, large enough to read from the back of a room."""
    parts = urlsplit(link)
    address = html.escape(f"{parts.netloc}{parts.path}")
    half = len(code) // 2
    code_html = (
        f"{html.escape(code[:half])}<span style='margin-left: 0.3em'>"
        f"{html.escape(code[half:])}</span>"
    )
    style = COMPACT_CODE_STYLE if compact else CODE_STYLE
    return (
        "<div style='container-type: inline-size'>"
        f'<div style="{ADDRESS_STYLE}">{address}</div>'
        f"<div class='workshop-code' style=\"{style}\">{code_html}</div></div>"
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
    # The questions of the workshop are those its territory's type is asked.
    ctx = dataclasses.replace(
        ctx, referentiel=for_territory(ctx.referentiel, workshop.profile.type)
    )
    summary, diagnostic = discussed(ctx, code, summarise(ctx, sheets, workshop.motivations))
    joined = (code, summary.joined > 0)
    if st.session_state.get(JOINED_KEY, joined) != joined:
        st.session_state[JOINED_KEY] = joined
        st.rerun()  # the whole page: its header changes with the first person in
    st.session_state[JOINED_KEY] = joined
    with head:
        status_line(workshop, summary, lang)
    with tabs[0]:
        participants_panel(sheets, summary, lang)
    with tabs[1]:
        retained_panel(ctx.referentiel, diagnostic, lang)
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
