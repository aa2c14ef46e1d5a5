"""Which run is going on: the whole page's, or only some fragments'.

A widget inside a fragment reruns that fragment alone; its callback may name other
fragments to rerun with it (``st.rerun([...])``), which only makes sense in such a run:
in a run of the whole page, every fragment is drawn anyway, and narrowing that run would
leave the rest of the page undrawn. A fragment that watches something on a timer may
instead ask for another fragment to be drawn again (``rerun_fragment``): only that part of
the page runs, not the whole page.

Streamlit keeps a widget's callback after the widget stops being drawn, and the browser
sends every value it holds with each request, some made before the run that changed them
reached it (a timer's run, a click during a run): a value left behind then looks changed,
and its callback fires in a run that is not its fragment's. Such a stale call must change
nothing (see own_run), and never name a fragment no longer drawn (« No fragment found »).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NoReturn

import streamlit as st
from streamlit.errors import StreamlitAPIException
from streamlit.runtime.scriptrunner import RerunData, get_script_run_ctx


def fragments_running() -> bool:
    """Whether this run is a run of fragments alone (not of the whole page)."""
    ctx = get_script_run_ctx(suppress_warning=True)
    return bool(ctx is not None and ctx.fragment_ids_this_run)


def own_run(key: str) -> bool:
    """Whether this run is the whole page's, or one of the fragment ``key``'s (drawn).

    A widget's change reaches the server with a run of its own fragment (or of the page);
    in a run of other fragments only, its callback is a value left behind: not a change.
    """
    ctx = get_script_run_ctx(suppress_warning=True)
    if ctx is None or not fragments_running():
        return True
    try:
        ids = ctx.fragment_storage.resolve_target(key)
    except StreamlitAPIException:  # the one way Streamlit tells a fragment not drawn
        return False
    return any(fragment in (ctx.fragment_ids_this_run or ()) for fragment in ids)


def rerun_also(keys: Sequence[str]) -> None:
    """From the callback of a widget of the fragment ``keys[0]``, in that fragment's own
    run: rerun the fragments ``keys`` (in this order) instead of it alone. In a run of the
    whole page, or in another fragment's run (a value left behind): nothing."""
    if fragments_running() and own_run(keys[0]):
        st.rerun(list(keys))


def rerun_fragment(key: str) -> NoReturn:
    """From a fragment's own run (a timer's): rerun the fragment ``key`` alone, as a widget's
    callback may with ``st.rerun(key)``; in a run of the whole page, or when that fragment is
    not on the page, rerun the whole page."""
    ctx = get_script_run_ctx(suppress_warning=True)
    if ctx is None or ctx.script_requests is None or not ctx.fragment_ids_this_run:
        st.rerun()
    try:
        queue = ctx.fragment_storage.resolve_target(key)
    except StreamlitAPIException:  # not drawn on this page
        st.rerun()
    ctx.script_requests.request_rerun(
        RerunData(
            query_string=ctx.query_string,
            page_script_hash=ctx.page_script_hash,
            fragment_id_queue=queue,
            is_fragment_scoped_rerun=True,
            cached_message_hashes=ctx.cached_message_hashes,
            context_info=ctx.context_info,
        )
    )
    st.empty()  # a yield point: the runner stops this run here and starts the one asked
    st.stop()  # the session is ending: no run is to come
