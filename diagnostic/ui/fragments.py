"""Which run is going on: the whole page's, or only some fragments'.

A widget inside a fragment reruns that fragment alone; its callback may name other
fragments to rerun with it (``st.rerun([...])``), which only makes sense in such a run:
in a run of the whole page, every fragment is drawn anyway, and narrowing that run would
leave the rest of the page undrawn.
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx


def fragments_running() -> bool:
    """Whether this run is a run of fragments alone (not of the whole page)."""
    ctx = get_script_run_ctx(suppress_warning=True)
    return bool(ctx is not None and ctx.fragment_ids_this_run)


def rerun_also(keys: Sequence[str]) -> None:
    """From a widget's callback in a fragment's own run: rerun the fragments ``keys`` (in
    this order) instead of the widget's fragment alone. In a run of the whole page: nothing."""
    if fragments_running():
        st.rerun(list(keys))
