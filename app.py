"""Diagnostic ESS territorial, the web app: ``streamlit run app.py``."""

import streamlit as st

from diagnostic.ui import frame

# Streamlit runs this file as ``__main__``; a process started by multiprocessing (spawn)
# imports it again as ``__mp_main__`` when it was the last script run, and must draw nothing.
if __name__ == "__main__":
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
