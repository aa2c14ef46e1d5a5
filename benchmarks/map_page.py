"""The page bench_maps.py --browser opens: one région's map, or a bare bar chart instead.

``?level=epci`` or ``?level=commune`` draws the map of ``?region=`` with a status for
every territory; ``?level=bars`` a bar chart of the same EPCI, with the same config.
"""

from __future__ import annotations

import random

import plotly.graph_objects as go
import streamlit as st

from diagnostic.export.maps import MAP_CONFIG, STATUSES, region_map
from diagnostic.territory.contours import region_shapes


@st.cache_resource
def figure(region: str, level: str) -> go.Figure:
    rng = random.Random(7)
    shapes = region_shapes(region)
    features = shapes.features("epci" if level == "bars" else level)
    values = {f["id"]: rng.choice(STATUSES) for f in features}
    if level == "bars":
        names = [f["properties"]["name"] for f in features]
        numbers = [STATUSES.index(values[f["id"]]) for f in features]
        return go.Figure(go.Bar(x=names, y=numbers))
    return region_map(region, values, "fr", level)


chosen = st.query_params.get("level", "epci")
st.plotly_chart(figure(st.query_params.get("region", "75"), chosen), config=MAP_CONFIG)
