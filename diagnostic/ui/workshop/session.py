"""A workshop's links, URL parameters and session keys, for participants and the adviser.

Participants join at ``…/atelier?code=K7M2QX`` and come back with ``…/atelier?p=<token>``;
the adviser's private link is ``…/animation?code=K7M2QX&key=<admin key>``. The admin key
lives only in that link and in the adviser's session: the database keeps its hash.
"""

from __future__ import annotations

import ipaddress
import os
import secrets
from typing import cast
from urllib.parse import parse_qs, urlencode, urlsplit

import streamlit as st

from ...storage.checks import workshop_closed
from ..state import Context, app_address, forget_widgets

CODE_PARAM = "code"
PARTICIPANT_PARAM = "p"
KEY_PARAM = "key"
PARTICIPANT_KEY = "workshop-participant"  # the participant token open in this session
ADMIN_KEY = "workshop-admin"  # (code, admin key) of the workshop this session runs
CLIENT_KEY = "workshop-client"  # this session's name for the limits on wrong codes
PARTICIPANT_PREFIX = "atelier-"  # widget keys of the participant's questionnaire
REFRESH_VARIABLE = "DIAGNOSTIC_WORKSHOP_REFRESH"
REFRESH_DEFAULT = 3.0
REFRESH_BOUNDS = (0.5, 60.0)
PARTICIPANT_FACTOR = 3  # a participant's page redraws the group less often than the dashboard
STATUS_MAX = 2.0  # seconds: an adviser's action reaches a participant's page within about this
ROOM_LOOKS = 20.0  # a room's phones look at the status about this many times a second at most
STATUS_CEILING = 6.0  # seconds: however big the room, a phone looks at least this often
STATUS_PACED = 1.0  # seconds: in a paced workshop a phone looks this often (up to 40 phones)
PACED_LOOKS = 40.0  # a paced room's phones look about this many times a second at most
LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1", "0.0.0.0")


def join_link(ctx: Context, code: str) -> str:
    """The address participants open to join: ``…/atelier?code=K7M2QX``."""
    return f"{app_address(ctx)}/atelier?{urlencode({CODE_PARAM: code})}"


def join_page(ctx: Context) -> str:
    """The join page's address, where the code can be typed."""
    return f"{app_address(ctx)}/atelier"


def participant_link(ctx: Context, token: str) -> str:
    """The participant's own link back to their answers: ``…/atelier?p=<token>``."""
    return f"{app_address(ctx)}/atelier?{urlencode({PARTICIPANT_PARAM: token})}"


def adviser_link(ctx: Context, code: str, admin_key: str) -> str:
    """The adviser's private link to the dashboard, carrying the admin key."""
    query = urlencode({CODE_PARAM: code, KEY_PARAM: admin_key})
    return f"{app_address(ctx)}/animation?{query}"


def closed_message(lang: str) -> str:
    """« Cet atelier est clos : il ne reçoit plus de réponses. », worded as the storage does."""
    return workshop_closed().message(lang)


def is_local(address: str) -> bool:
    """Whether an address points at this computer only (phones on the network cannot open it)."""
    return (urlsplit(address).hostname or "") in LOCAL_HOSTS


def unreachable_from_network(link: str, address: str | None, port: int) -> bool:
    """Whether phones cannot reach a server listening on ``address`` through ``link``: it
    listens on this computer only and the link leads to it directly (not via a proxy)."""
    host = (address or "").strip("[]")
    try:
        loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False  # None or "": every interface
    parts = urlsplit(link)
    return loopback and (is_local(link) or parts.port == port)


def token_in(text: str) -> str:
    """The diagnostic token in a pasted resume link (``…?d=<token>``), or the text itself."""
    text = text.strip()
    query = parse_qs(urlsplit(text).query)
    for name in ("d", PARTICIPANT_PARAM):
        if query.get(name):
            return query[name][0].strip()
    return text


def pasted_participant_link(text: str) -> bool:
    """Whether a pasted link is a workshop participant's link (``…/atelier?p=…``)."""
    return bool(parse_qs(urlsplit(text.strip()).query).get(PARTICIPANT_PARAM))


def refresh_seconds() -> float:
    """How often the live dashboard refreshes (``DIAGNOSTIC_WORKSHOP_REFRESH``, seconds)."""
    raw = os.environ.get(REFRESH_VARIABLE, "")
    try:
        value = float(raw) if raw.strip() else REFRESH_DEFAULT
    except ValueError:
        value = REFRESH_DEFAULT
    low, high = REFRESH_BOUNDS
    return min(max(value, low), high)


def participant_refresh_seconds() -> float:
    """How often a participant's page redraws the group result it shows."""
    return refresh_seconds() * PARTICIPANT_FACTOR


def status_seconds(participants: int = 0, paced: bool = False) -> float:
    """How often a participant's page looks whether the adviser closed it or showed the result.

    One small query, shared by the server's phones, but each look is a run of the page's
    status fragment on the server (a few milliseconds of CPU). Up to 40 participants a
    phone looks every STATUS_MAX seconds at most, so an adviser's click reaches it within
    about that; in a bigger room the phones look about ROOM_LOOKS times a second in all,
    each at least every STATUS_CEILING seconds (6 s from 120 participants). In a
    ``paced`` workshop, where the room waits on the adviser's next opening, a phone looks
    every STATUS_PACED seconds up to 40 participants, and the room's phones about
    PACED_LOOKS times a second in all (each at least every STATUS_CEILING seconds).
    """
    looks, fastest = (PACED_LOOKS, STATUS_PACED) if paced else (ROOM_LOOKS, STATUS_MAX)
    room = min(max(participants, 0) / looks, STATUS_CEILING)
    return max(min(refresh_seconds(), fastest), room)


def query(name: str) -> str | None:
    """A URL parameter, or None when absent or blank."""
    value = st.query_params.get(name)
    return value.strip() if value and value.strip() else None


def open_participant(token: str) -> None:
    """Make ``token`` this session's participation, with fresh widgets, and put it in the URL."""
    if st.session_state.get(PARTICIPANT_KEY) != token:
        forget_widgets((PARTICIPANT_PREFIX,))
    st.session_state[PARTICIPANT_KEY] = token
    st.query_params.pop(CODE_PARAM, None)
    st.query_params[PARTICIPANT_PARAM] = token


def session_participant() -> str | None:
    """The participation open in this session, if any."""
    return cast(str | None, st.session_state.get(PARTICIPANT_KEY))


def forget_participant() -> None:
    """Forget the participation (its link opens nothing any more)."""
    st.session_state.pop(PARTICIPANT_KEY, None)
    forget_widgets((PARTICIPANT_PREFIX,))
    st.query_params.pop(PARTICIPANT_PARAM, None)


def remember_admin(code: str, admin_key: str) -> None:
    """Keep the workshop this session runs; the URL keeps its code but not the key.

    A projected address bar must not show the key: once read, it lives in the session
    (and in the sidebar, to copy), so the URL drops it.
    """
    st.session_state[ADMIN_KEY] = (code, admin_key)
    st.query_params[CODE_PARAM] = code
    st.query_params.pop(KEY_PARAM, None)


def session_admin() -> tuple[str, str] | None:
    """(code, admin key) of the workshop this session runs, if any."""
    return cast(tuple[str, str] | None, st.session_state.get(ADMIN_KEY))


def forget_admin() -> None:
    """Leave the dashboard: the session no longer holds the key, the URL no longer shows it."""
    st.session_state.pop(ADMIN_KEY, None)
    for name in (CODE_PARAM, KEY_PARAM):
        st.query_params.pop(name, None)


def client_id() -> str:
    """This browser session's name for the limits on wrong codes and keys (random)."""
    if CLIENT_KEY not in st.session_state:
        st.session_state[CLIENT_KEY] = secrets.token_hex(8)
    return cast(str, st.session_state[CLIENT_KEY])
