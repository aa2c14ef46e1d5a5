"""Buttons whose first click after a server restart is not lost.

A tab left open while the server restarts reconnects to a fresh session. Its next click
reaches that session before any run has drawn the button, so Streamlit knows no callback
for it: the callback is silently skipped and only the button's value says it was clicked.
``action_button`` notices a click whose callback did not run and runs the action itself.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

RAN_SUFFIX = "-callback-ran"


def action_button(label: str, key: str, action: Callable[[], None], **options: Any) -> bool:
    """A button that runs ``action`` when clicked (as a callback whenever Streamlit can)."""
    ran_key = key + RAN_SUFFIX

    def callback() -> None:
        st.session_state[ran_key] = True
        action()

    pressed = st.button(label, key=key, on_click=callback, **options)
    ran = st.session_state.pop(ran_key, False)
    if pressed and not ran:
        action()
        st.rerun()  # draw what the action changed, as the callback's run would have
    return pressed
