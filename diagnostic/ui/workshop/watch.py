"""The live parts of a participant's page: the status watch and the group's result.

The status watch looks whether the adviser closed or reopened the workshop, showed or
hid the result, or changed the pacing (the open motivation, the timer: see paced_phone),
and redraws the page when so; it draws nothing. The group's result, once
shown, is redrawn now and then. Both read what the server's phones share (see shared).
"""

from __future__ import annotations

import streamlit as st

from ...errors import NotFoundError
from ...i18n import t
from ...storage import WorkshopRecord
from ...workshop.pacing import FREE, Pacing
from .. import state
from ..fragments import rerun_fragment
from .group import group_result
from .paced_phone import moved_on
from .participation import Participation
from .session import participant_refresh_seconds, status_seconds
from .shared import group_now, room_size_now, workshop_now

WATCH_KEY = "atelier-watch"
STATUS_KEY = "atelier-status"
GROUP_ANCHOR = "resultat-du-groupe"  # the group result's heading, which the notice links to


def watch_status(participation: Participation, step: str) -> None:
    """The status watch, on a timer set by the room's size and its pacing; ``step``: the key
    of the fragment that draws the step, which follows the pacing.

    It lives in the progress fragment, which every answer and every move reruns: so it
    looks at the status then too, and its interval follows the room's size as people join
    (the browser keeps a timer whose interval is unchanged, and restarts one whose interval
    changed)."""
    ctx, workshop = participation.ctx, participation.workshop
    paced = participation.pacing.paced and not participation.closed
    every = status_seconds(room_size_now(ctx, workshop.code), paced)
    status = st.fragment(run_every=every, key=STATUS_KEY)(status_watch)
    args = (workshop.status, workshop.results_visible, participation.pacing, step)
    status(ctx, workshop.code, *args)


def status_watch(
    ctx: state.Context, code: str, status: str, visible: bool, pacing: Pacing = FREE, step: str = ""
) -> None:
    """Redraw the page as soon as the adviser closes, reopens, shows or hides the result;
    the step alone (fragment ``step``) when the adviser changes the pacing.

    One small query every status_seconds(), shared with the server's other phones (see
    shared), drawing nothing. A new open motivation reaches a room's phones at about the
    same moment: a run of the step alone costs the server a fraction of the whole page's.
    """
    try:
        workshop = workshop_now(ctx, code)
        if (workshop.status, workshop.results_visible) != (status, visible):
            # The shared read may be older than the page's own: confirm before redrawing.
            workshop = workshop_now(ctx, code, fresh=True)
        paced_otherwise = moved_on(ctx, code, pacing)  # the open motivation, the timer
    except NotFoundError:
        st.rerun()
    if (workshop.status, workshop.results_visible) != (status, visible):
        st.rerun()
    if paced_otherwise and step:
        rerun_fragment(step)
    if paced_otherwise:
        st.rerun()


def results_notice(participation: Participation) -> None:
    """At the top of the page, once the adviser shows the result: where it is, and a link there.

    The result appears below the questionnaire, out of sight of whoever is answering.
    """
    if participation.workshop.results_visible:
        lang = participation.ctx.lang
        st.info(t("atelier.group.shown", lang, anchor=GROUP_ANCHOR), icon=":material/groups:")


def group_section(ctx: state.Context, workshop: WorkshopRecord) -> None:
    """The group's result, live while the adviser shows it; else a word that it will come."""
    if workshop.results_visible:
        group = st.fragment(run_every=participant_refresh_seconds(), key=WATCH_KEY)(group_view)
        group(ctx, workshop.code)
    else:
        st.caption(t("atelier.group.waiting", ctx.lang))


def group_view(ctx: state.Context, code: str) -> None:
    """The group result, redrawn now and then while it is shown."""
    try:
        workshop = ctx.repository.get_workshop(code)
    except NotFoundError:
        st.rerun()
    # Only the group's aggregate is drawn: never a sheet, a pseudonym or a token.
    summary = group_now(ctx, code, workshop.motivations)
    group_result(ctx, summary, workshop.profile, key_prefix="atelier-group-")
