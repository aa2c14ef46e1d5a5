"""The app's frame: page configuration, then navigation over the pages of ``ui/pages``."""

from __future__ import annotations

import streamlit as st

from . import frame


def run() -> None:
    """Draw one run of the app."""
    context = frame.prepare()
    page = st.navigation(frame.pages(context.lang))
    # Once per run, after the page is known: a projected dashboard is wide from the run's
    # start, so no rerun (an adviser's button) ever shows it narrow in between.
    st.set_page_config(
        page_title="Diagnostic ESS territorial",
        layout=frame.layout(page),
        menu_items={"Get help": None, "Report a bug": None, "About": None},
    )
    page.run()
