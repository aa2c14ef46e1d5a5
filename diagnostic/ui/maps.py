"""Maps on the pages: the results page's locator and a région's map with its list.

Widget keys: ``locator-map``; ``region_map_view``'s ``<key>-chart`` and ``<key>-open-<code>``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import plotly.graph_objects as go
import streamlit as st

from ..errors import DiagnosticError, ReferentielError
from ..export.maps import (
    MAP_CONFIG,
    MapEntry,
    MapLevel,
    MapValue,
    locator_map,
    locator_text,
    map_entries,
    region_map,
)
from ..i18n import t
from ..model import TerritoryProfile
from ..territory.contours import attribution, region_shapes
from .literal import escape_markdown

LOCATOR_KEY = "locator-map"
LIST_HEIGHT = 480


def locator_view(profile: TerritoryProfile | None, lang: str) -> None:
    """A small map locating the territory, and the same in words; nothing for a Pays or PETR."""
    if profile is None or not profile.siren:
        return
    try:
        figure, text = _locator(profile.siren, lang)
    except ReferentielError as error:
        st.caption(t("maps.unavailable", lang, reason=error.message(lang)))
        return
    except DiagnosticError:  # no official shape (a Pays, a PETR, a SIREN typed by hand)
        return
    column, _rest = st.columns([1, 2])
    with column:
        st.plotly_chart(figure, key=LOCATOR_KEY, config=MAP_CONFIG, alt=text)
    st.caption(text)


@st.cache_resource(show_spinner=False, max_entries=64)
def _locator(siren: str, lang: str) -> tuple[go.Figure, str]:
    """The locator and its text, drawn once per territory and language."""
    return locator_map(siren, lang), locator_text(siren, lang)


def region_map_view(
    region: str,
    values: Mapping[str, MapValue],
    lang: str,
    on_open: Callable[[str], None],
    *,
    key: str,
    level: MapLevel = "epci",
    title: str | None = None,
    details: Mapping[str, Sequence[str]] | None = None,
) -> None:
    """A région's map and, beside it, the same territories as buttons a keyboard reaches.

    Clicking a territory on the map or its button calls ``on_open`` with the code the
    caller gave in ``values``. A région without shapes, or unreadable shapes, shows a
    one-line message instead of the map.
    """
    lines = tuple(sorted((code, tuple(found)) for code, found in (details or {}).items()))
    try:
        figure = _region_figure(region, tuple(sorted(values.items())), lang, level, title, lines)
        entries = map_entries(region, values, lang, level)
        name = region_shapes(region).name
    except DiagnosticError as error:
        st.caption(t("maps.unavailable", lang, reason=error.message(lang)))
        return
    by_key = {entry.key: entry.code for entry in entries}
    chart_key = f"{key}-chart"
    map_column, list_column = st.columns([3, 2])
    with map_column:
        st.plotly_chart(
            figure,
            key=chart_key,
            config=MAP_CONFIG,
            on_select=lambda: _opened(chart_key, by_key, on_open),
            selection_mode="points",
            alt=t("maps.alt.region", lang, count=len(entries), region=name),
        )
        st.caption(attribution(lang))
    with list_column:
        _territory_list(entries, lang, on_open, key)


@st.cache_resource(show_spinner=False, max_entries=16)
def _region_figure(
    region: str,
    values: tuple[tuple[str, MapValue], ...],
    lang: str,
    level: MapLevel,
    title: str | None,
    details: tuple[tuple[str, tuple[str, ...]], ...],
) -> go.Figure:
    """The région's map, built once for the same values (a commune map takes a second)."""
    return region_map(region, dict(values), lang, level, title=title, details=dict(details))


def _territory_list(
    entries: list[MapEntry], lang: str, on_open: Callable[[str], None], key: str
) -> None:
    """One button per territory with a value, by name."""
    st.markdown(f"**{t('maps.list.title', lang)}**")
    if not entries:
        st.caption(t("maps.list.empty", lang))
        return
    with st.container(height=LIST_HEIGHT):
        for entry in entries:
            st.button(
                t("maps.list.open", lang, name=escape_markdown(entry.name), detail=entry.value),
                key=f"{key}-open-{entry.code}",
                on_click=on_open,
                args=(entry.code,),
            )


def _opened(chart_key: str, by_key: Mapping[str, str], on_open: Callable[[str], None]) -> None:
    """The territory clicked on the map, opened if it is one of the caller's."""
    event = st.session_state.get(chart_key)
    points = event.selection.points if event is not None else []
    for point in points:
        code = by_key.get(str(point.get("customdata") or point.get("location") or ""))
        if code is not None:
            on_open(code)
            return
