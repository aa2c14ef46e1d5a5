"""Choices worded in the page's language that keep their value across a language switch.

A browser holds the value of a drop-down (or of radio buttons) as the words it shows, and
sends these words back on every run. After a switch of language they are the other
language's words: they match no option, and Streamlit hands them back as the value (the
plan then read « 2e trimestre 2027 » as no quarter at all) while the browser goes on
showing them. So on the first run in a new language each such widget is given its own
value again before it is drawn, which makes Streamlit send the browser the new words.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import streamlit as st

DRAWN_IN = "-lang"


def translated_choice(
    widget: Callable[..., Any],
    label: str,
    options: Sequence[Any],
    format_func: Callable[[Any], str],
    key: str,
    lang: str,
    **kwargs: Any,
) -> Any:
    """``widget`` (``st.selectbox``, ``st.radio``, ``st.multiselect``) with options worded
    in ``lang``; returns the chosen option (options)."""
    reword_after_switch(key, lang)
    chosen = widget(label, options, format_func=format_func, key=key, **kwargs)
    st.session_state[key + DRAWN_IN] = lang
    return chosen


def reword_after_switch(key: str, lang: str) -> None:
    """Before drawing widget ``key`` in ``lang``: if it was last drawn in another language,
    give it its value again, so that the browser is sent the new words for it."""
    drawn_in = st.session_state.get(key + DRAWN_IN)
    if drawn_in is not None and drawn_in != lang and key in st.session_state:
        # Read before the widget is drawn in this run, the value is still decoded with
        # the words of the language it was drawn in: it is the right option.
        st.session_state[key] = st.session_state[key]
