"""A page with Bretagne's map and its list, as a portfolio page would show it (browser tests)."""

from __future__ import annotations

import streamlit as st

from diagnostic.ui.maps import region_map_view


def opened(code: str) -> None:
    st.session_state["opened"] = code


VALUES = {"243500667": "recent", "200039022": "older", "243500139": "never"}
region_map_view("53", VALUES, "fr", opened, key="bzh")
st.markdown(f"Ouvert : {st.session_state.get('opened', 'aucun')}")
