"""Which run is going on: the whole page's, or only some fragments'.

A widget inside a fragment reruns that fragment alone; its callback may name other
fragments to rerun with it (``st.rerun([...])``), which only makes sense in such a run:
in a run of the whole page, every fragment is drawn anyway, and narrowing that run would
leave the rest of the page undrawn.

Streamlit keeps a widget's callback after the widget stops being drawn, and the browser
may still send that widget's value with a request it made before the run that dropped it
reached it (a timer's run, a click during a run). The callback then names a fragment that
is not drawn any more: that stale call changes nothing, and the run goes on as requested.
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st
from streamlit.errors import StreamlitAPIException
from streamlit.runtime.scriptrunner import get_script_run_ctx


def fragments_running() -> bool:
    """Whether this run is a run of fragments alone (not of the whole page)."""
    ctx = get_script_run_ctx(suppress_warning=True)
    return bool(ctx is not None and ctx.fragment_ids_this_run)


def drawn(key: str) -> bool:
    """Whether the fragment ``key`` was drawn by a run of this session and still is."""
    ctx = get_script_run_ctx(suppress_warning=True)
    if ctx is None:
        return False
    try:
        ctx.fragment_storage.resolve_target(key)
    except StreamlitAPIException:  # the one way Streamlit tells an unknown key
        return False
    return True


def rerun_also(keys: Sequence[str]) -> None:
    """From a widget's callback in a fragment's own run: rerun the fragments ``keys`` (in
    this order) instead of the widget's fragment alone. In a run of the whole page, or when
    one of them is not drawn (the callback of a widget left behind): nothing."""
    if fragments_running() and all(drawn(key) for key in keys):
        st.rerun(list(keys))
