"""The bare page bench_portfolio.py compares the Portefeuille page with: the same table and the
same map, with the same widgets, drawn by plain Streamlit calls from what the benchmark built
once with the app's own builders (the pickle named by ``PORTFOLIO_BARE``): no database, no
sign-in, no filtering, no scoring; « Décroissant » shows the table in the reverse order.
"""

from __future__ import annotations

import os
import pickle
from typing import Any

import plotly.io as pio
import streamlit as st

from diagnostic.export.maps import MAP_CONFIG


@st.cache_resource
def shown() -> dict[str, Any]:
    """The table, the map's figure and its list, read once."""
    with open(os.environ["PORTFOLIO_BARE"], "rb") as file:
        found: dict[str, Any] = pickle.load(file)
    found["figure"] = pio.from_json(found["figure"], skip_invalid=True)
    return found


bare = shown()
st.sidebar.radio("Langue", ["fr", "en"], horizontal=True, key="lang")
st.sidebar.button("Reconnecté", key="reconnected")
st.title("Portefeuille des territoires")
st.markdown("Texte d'introduction.")
st.text_input("Chercher", key="search")
with st.expander("Filtres", expanded=True):
    left, right = st.columns(2)
    left.multiselect("Départements", ["01", "03", "07"], key="departement")
    right.multiselect("Types", ["commune", "cc"], key="type")
    left.selectbox("Levier", ["a", "b"], key="lever")
    right.multiselect("Besoin", ["fort", "moyen"], key="need")
    left.checkbox("Sans diagnostic", key="stale")
    right.checkbox("En retard", key="late")
    left.selectbox("Trier", ["nom", "date"], key="sort")
    descending = right.checkbox("Décroissant", key="portfolio-descending")
table = bare["table"].iloc[::-1] if descending else bare["table"]  # sorted the other way
st.caption(f"{len(table)} territoires")
st.dataframe(table, hide_index=True, key="portfolio-table")
st.caption("Note")
st.subheader("Carte")
with st.container(horizontal=True):
    st.selectbox("Région", [bare["region"]], key="portfolio-map-region")
    st.selectbox("Couleur", ["statut", "besoin"], key="portfolio-map-colour")
st.radio("Niveau", ["epci", "commune"], horizontal=True, key="portfolio-map-level")
map_column, list_column = st.columns([3, 2])
with map_column:
    st.plotly_chart(
        bare["figure"],
        key="portfolio-map-chart",
        config=MAP_CONFIG,
        on_select=lambda: None,
        selection_mode="points",
    )
    st.caption("Contours")
with list_column:
    st.markdown("**Territoires**")
    with st.container(height=480):
        for code, label in bare["entries"]:
            st.button(label, key=f"portfolio-map-open-{code}")
with st.expander("Charger des chiffres"):
    st.download_button("Modèle", data=lambda: b"x", key="template", on_click="ignore")
    st.file_uploader("Fichier", key="portfolio-figures-upload")
st.subheader("Télécharger")
st.caption("Aide")
for n, column in enumerate(st.columns(3)):
    column.download_button(f"Fichier {n}", data=lambda: b"x", key=f"file-{n}", on_click="ignore")
