"""Which run is going on: the whole page's, or only some fragments'.

A widget inside a fragment reruns that fragment alone; its callback may name other
fragments to rerun with it (``st.rerun([...])``), which only makes sense in such a run:
in a run of the whole page, every fragment is drawn anyway, and narrowing that run would
leave the rest of the page undrawn. A fragment that watches something on a timer may
instead ask for another fragment to be drawn again (``rerun_fragment``): only that part of
the page runs, not the whole page.
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


def rerun_also(keys: Sequence[str]) -> None:
    """From a widget's callback in a fragment's own run: rerun the fragments ``keys`` (in
    this order) instead of the widget's fragment alone. In a run of the whole page: nothing."""
    if fragments_running():
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
