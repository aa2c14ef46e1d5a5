"""The adviser's pacing: free or paced, opening one motivation at a time, a step's timer,
and a new workshop on the same model.

The controls are in the sidebar; the projected page shows the open motivation, those to
come and the timer. Each change is written with the adviser's key, then the page is drawn
again; the phones see it at their next look (see paced_phone and watch).
Widget keys: ``animation-pacing-mode``, ``animation-pacing-pick``, ``animation-pacing-open``,
``animation-pacing-next``, ``animation-timer-minutes``, ``animation-timer-start``,
``animation-timer-stop``, ``animation-copy``.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from ...errors import DiagnosticError
from ...i18n import t
from ...storage import WorkshopRecord
from ...workshop.pacing import (
    PACING_MODES,
    TIMER_MINUTES_MAX,
    TIMER_MINUTES_MIN,
    Pacing,
    announced_motivations,
    current_timer,
    next_to_open,
)
from .. import state
from ..choices import translated_choice
from ..clicks import action_button
from ..literal import escape_markdown
from ..wording import join_words
from .paced_phone import pacing_changed
from .participation import included_motivations
from .session import remember_admin
from .timer import show_timer

MODE, PICK, OPEN, NEXT = (f"animation-pacing-{name}" for name in ("mode", "pick", "open", "next"))
MINUTES, START, STOP = (f"animation-timer-{name}" for name in ("minutes", "start", "stop"))
COPY = "animation-copy"
# dashboard.JOINED_KEY: forgotten with the model workshop, so that the new dashboard's first
# run draws its header at once instead of running again (which would drop the message).
DASHBOARD_JOINED = "animation-joined"
DEFAULT_MINUTES = 10


def sidebar(ctx: state.Context, workshop: WorkshopRecord, admin_key: str) -> None:
    """The pacing controls and the copy button, in the sidebar; a failure gets a message."""
    lang, code = ctx.lang, workshop.code
    try:
        pacing = ctx.repository.get_pacing(code)
    except DiagnosticError as error:
        st.sidebar.error(escape_markdown(error.message(lang)))
        return
    included = included_motivations(ctx, workshop)

    def change(write: Callable[[], object]) -> None:
        try:
            write()
        except DiagnosticError as error:
            state.flash("error", error.message(lang))
            return
        pacing_changed(ctx, code)

    repository = ctx.repository
    with st.sidebar:
        st.divider()
        st.subheader(t("pacing.side.title", lang))
        st.session_state[MODE] = pacing.mode
        translated_choice(
            st.radio,
            t("pacing.side.mode", lang),
            PACING_MODES,
            lambda mode: t(f"pacing.mode.{mode}", lang),
            MODE,
            lang,
            on_change=lambda: change(
                lambda: repository.set_pacing_mode(code, admin_key, st.session_state[MODE])
            ),
        )
        if pacing.paced:
            opening(
                ctx, pacing, included, lambda m: change(lambda: open_one(ctx, code, admin_key, m))
            )
        timer_controls(ctx, pacing, code, admin_key, change)
        st.divider()
        action_button(
            t("pacing.side.copy", lang),
            COPY,
            lambda: copy(ctx, code, admin_key),
            help=t("pacing.side.copy_help", lang),
            icon=":material/content_copy:",
        )


def open_one(ctx: state.Context, code: str, admin_key: str, motivation: str) -> None:
    """Open ``motivation`` on the phones."""
    ctx.repository.open_motivation(code, admin_key, motivation)


def opening(
    ctx: state.Context,
    pacing: Pacing,
    included: tuple[str, ...],
    open_it: Callable[[str], None],
) -> None:
    """Open the next motivation in one click, or any one picked from the list."""
    lang = ctx.lang
    label = ctx.referentiel.motivation
    following = next_to_open(pacing, included)
    if following is not None:
        action_button(
            t("pacing.side.next", lang, label=label(following).label.get(lang)),
            NEXT,
            lambda: open_it(following),
            type="primary",
            icon=":material/skip_next:",
        )
    elif set(pacing.opened) >= set(included):
        st.caption(t("pacing.side.all_open", lang))
    translated_choice(
        st.selectbox,
        t("pacing.side.pick", lang),
        included,
        lambda m: label(m).label.get(lang),
        PICK,
        lang,
    )
    action_button(
        t("pacing.side.open", lang),
        OPEN,
        lambda: open_it(str(st.session_state[PICK])),
        icon=":material/play_arrow:",
    )


def timer_controls(
    ctx: state.Context,
    pacing: Pacing,
    code: str,
    admin_key: str,
    change: Callable[[Callable[[], object]], None],
) -> None:
    """The timer's length, and a button to start it for the open step (or to remove it)."""
    lang, repository = ctx.lang, ctx.repository
    if MINUTES not in st.session_state:
        st.session_state[MINUTES] = pacing.timer_seconds // 60 or DEFAULT_MINUTES
    st.number_input(
        t("pacing.side.timer", lang),
        min_value=TIMER_MINUTES_MIN,
        max_value=TIMER_MINUTES_MAX,
        step=1,
        key=MINUTES,
        help=t("pacing.side.timer_help", lang),
    )
    action_button(
        t("pacing.side.start", lang),
        START,
        lambda: change(
            lambda: repository.start_timer(code, admin_key, int(st.session_state[MINUTES]) * 60)
        ),
        icon=":material/timer:",
    )
    if pacing.timer is not None:
        action_button(
            t("pacing.side.stop", lang),
            STOP,
            lambda: change(lambda: repository.stop_timer(code, admin_key)),
            icon=":material/timer_off:",
        )


def copy(ctx: state.Context, code: str, admin_key: str) -> None:
    """Create the workshop on this one's model and open its dashboard, as creating does."""
    lang = ctx.lang
    try:
        record, new_key = ctx.repository.copy_workshop(code, admin_key)
    except DiagnosticError as error:
        state.flash("error", error.message(lang))
        return
    for key in (MODE, PICK, MINUTES, DASHBOARD_JOINED):
        st.session_state.pop(key, None)
    remember_admin(record.code, new_key)
    state.flash("success", t("pacing.copy.done", lang, code=record.code, model=code))


def projected(ctx: state.Context, workshop: WorkshopRecord) -> None:
    """On the projected page: the open motivation, those to come, and the timer."""
    lang = ctx.lang
    try:
        pacing = ctx.repository.get_pacing(workshop.code)
    except DiagnosticError:
        return  # the live panels say what is wrong with the workshop
    label = ctx.referentiel.motivation
    if pacing.paced:
        included = included_motivations(ctx, workshop)
        if pacing.open is None:
            st.info(t("pacing.dash.none_open", lang), icon=":material/pending:")
        else:
            opened = escape_markdown(label(pacing.open).label.get(lang))
            st.header(t("pacing.dash.open", lang, label=opened), anchor=False)
        coming = [label(m).label.get(lang) for m in announced_motivations(pacing, included)]
        if coming:
            st.caption(t("pacing.dash.coming", lang, labels=join_words(coming, lang)))
    show_timer(current_timer(pacing), lang, "dashboard", size="3rem")
