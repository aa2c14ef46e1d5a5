"""Diagnostic ESS territorial, the web app: ``streamlit run app.py``."""

import streamlit as st

from diagnostic.ui import frame

st.set_page_config(
    page_title="Diagnostic ESS territorial",
    layout="centered",
    menu_items={"Get help": None, "Report a bug": None, "About": None},
)
context = frame.prepare()
st.navigation(frame.pages(context.lang)).run()
