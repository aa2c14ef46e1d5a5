"""The app's frame: page configuration, then navigation over the pages of ``ui/pages``."""

from __future__ import annotations

import streamlit as st

from . import frame


def run() -> None:
    """Draw one run of the app."""
    st.set_page_config(
        page_title="Diagnostic ESS territorial",
        layout="centered",
        menu_items={"Get help": None, "Report a bug": None, "About": None},
    )
    context = frame.prepare()
    st.navigation(frame.pages(context.lang)).run()
