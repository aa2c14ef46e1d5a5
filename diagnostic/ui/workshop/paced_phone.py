"""A participant's phone in a paced workshop: follow the open motivation, announce the rest.

The phone shows the motivations opened so far and goes to the open one whenever the
adviser opens another (or on a first visit, a reload included); between two changes the
participant may go back to an earlier one. The status watch (see watch) looks at the pacing
with the workshop's status, read once for all the server's phones (see shared).
"""

from __future__ import annotations

import streamlit as st

from ...i18n import t
from ...workshop.pacing import Pacing, announced_motivations, current_timer
from ..recent import Recent
from ..scroll import SCROLL_KEY
from ..state import Context
from ..wording import join_words
from .participation import Participation
from .timer import show_timer

FOLLOWED_KEY = "atelier-paced-followed"  # (participant token, the pacing the step followed)
PACING_SHARED = 0.5  # seconds, as the workshop's status (see shared)

_pacings: Recent[Pacing] = Recent(PACING_SHARED)


def pacing_now(ctx: Context, code: str, fresh: bool = False) -> Pacing:
    """The workshop's pacing, as read by this server at most PACING_SHARED seconds ago
    (``fresh``: read now, and shared from now on)."""
    key = (ctx.settings.database_url, code)
    if fresh:
        _pacings.forget(key)
    return _pacings.get(key, lambda: ctx.repository.get_pacing(code))


def pacing_changed(ctx: Context, code: str) -> None:
    """The adviser changed the pacing here: this server's phones read it at their next look."""
    _pacings.forget((ctx.settings.database_url, code))


def moved_on(ctx: Context, code: str, pacing: Pacing) -> bool:
    """Whether the pacing differs from ``pacing``, as the page drew it (confirmed afresh)."""
    return pacing_now(ctx, code) != pacing and pacing_now(ctx, code, fresh=True) != pacing


def follow(participation: Participation, step_key: str) -> None:
    """Put the phone on the open motivation when the adviser opened another (or switched
    the mode), and on a first visit in paced mode; otherwise leave the step as it is."""
    pacing, token = participation.pacing, participation.token
    seen = st.session_state.get(FOLLOWED_KEY)
    now = (token, (pacing.mode, pacing.open, pacing.opened))
    if seen == now:
        return
    st.session_state[FOLLOWED_KEY] = now
    first_visit = not (isinstance(seen, tuple) and seen[0] == token)
    if first_visit and not pacing.paced:
        return
    if pacing.open in participation.motivations:
        st.session_state[step_key] = (token, participation.motivations.index(pacing.open))
        st.session_state[SCROLL_KEY] = not first_visit
    elif pacing.paced:
        st.session_state[step_key] = (token, len(participation.motivations))


def announce(participation: Participation) -> None:
    """In paced mode, the motivations to come; and the step's timer, if one runs."""
    ctx, pacing = participation.ctx, participation.pacing
    lang = ctx.lang
    if pacing.paced:
        if not participation.motivations:
            st.info(t("pacing.phone.waiting", lang), icon=":material/pending:")
        coming = [
            ctx.referentiel.motivation(m).label.get(lang)
            for m in announced_motivations(pacing, participation.included)
        ]
        if coming:
            st.caption(t("pacing.phone.announced", lang, labels=join_words(coming, lang)))
    show_timer(current_timer(pacing), lang, "phone")
