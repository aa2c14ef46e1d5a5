"""Diagnostic ESS territorial, the web app: ``streamlit run app.py``."""

import streamlit as st

from diagnostic.ui import frame

context = frame.prepare()
page = st.navigation(frame.pages(context.lang))
# Once per run, after the page is known: a projected dashboard is wide from the run's start,
# so no rerun (an adviser's button) ever shows it narrow in between.
st.set_page_config(
    page_title="Diagnostic ESS territorial",
    layout=frame.layout(page),
    menu_items={"Get help": None, "Report a bug": None, "About": None},
)
page.run()
