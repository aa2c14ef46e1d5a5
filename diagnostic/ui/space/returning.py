"""Back to the invitation after signing in.

``st.login`` always returns to the app's root, in a new session: the invitation's code in
the URL and the session's state are both gone. So when a visitor leaves an invitation page
to sign in, its code is kept here, in this server process, under the address the invitation
was made for; the welcome page sends whoever comes back signed in with that address to the
invitation again. Only that address can use the code anyway; it is kept a short while, and
on another server of a shared set-up the page's own advice applies: open the link again.
"""

from __future__ import annotations

import threading
import time

import streamlit as st

from .. import account, frame, state

KEEP_SECONDS = 30 * 60
MOST = 1000  # codes kept at once: the oldest go first
CODE_PARAM = "code"

_waiting: dict[str, tuple[str, float]] = {}  # invitation address -> (code, when kept)
_lock = threading.Lock()


def keep(email: str, code: str, now: float | None = None) -> None:
    """Remember an invitation's code for its address while its holder signs in."""
    moment = time.monotonic() if now is None else now
    with _lock:
        _waiting[email] = (code, moment)
        while len(_waiting) > MOST:
            del _waiting[min(_waiting, key=lambda address: _waiting[address][1])]


def take(email: str, now: float | None = None) -> str | None:
    """The code kept for this address, once, if it is recent enough."""
    moment = time.monotonic() if now is None else now
    with _lock:
        found = _waiting.pop(email, None)
    if found is None or moment - found[1] > KEEP_SECONDS:
        return None
    return found[0]


def forget_all() -> None:
    """Drop every kept code."""
    with _lock:
        _waiting.clear()


def back_to_invitation(ctx: state.Context) -> None:
    """On the welcome page: a visitor just signed in with an invitation's address goes back
    to that invitation."""
    if not _waiting:
        return
    who = account.actor(ctx)
    code = take(who.email) if who is not None else None
    if code is not None:
        st.switch_page(frame.INVITATION, query_params={CODE_PARAM: code})
