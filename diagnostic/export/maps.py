"""Maps as plotly figures: a région coloured by diagnosis or need, and a territory's locator.

The shapes are the shipped GeoJSON (``territory.contours``) drawn by ``go.Choropleth``
with no base map and no tile server. Every trace carries the territories' keys in
``customdata`` so a page can open the territory a user clicks. No Streamlit here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, get_args
from urllib.parse import quote

import plotly.graph_objects as go

from ..i18n import t
from ..territory.contours import Feature, Level, NoShapeError, RegionShapes, region_shapes
from ..territory.official import Territory, official_territories
from ..typography import format_number

Status = Literal["never", "recent", "older"]
STATUSES: tuple[Status, ...] = get_args(Status)
MapValue = str | float
# Each 3:1 or more against the no-data grey (tests/export/test_maps.py checks it); told
# apart from one another by hue, and in words by the legend and the list beside the map.
STATUS_COLOURS: dict[Status, str] = {"never": "#b5446e", "recent": "#1f6f8b", "older": "#a86b00"}
NO_DATA_COLOUR = "#e4e4e4"
NEED_SCALE = [[0.0, "#e8f1f6"], [0.5, "#5b9bbd"], [1.0, "#173f5f"]]
HIGHLIGHT_COLOUR = "#b5446e"
AROUND_COLOUR = "#d6d6d6"
HOME_COLOUR = "#b8b8b8"
BORDER = {"color": "#ffffff", "width": 0.5}
MapLevel = Literal["epci", "commune"]
# plotly.js fetches a world topojson for every map with a choropleth, even with the base
# map hidden, from a CDN by default: offline, nothing would be drawn. An empty topology,
# given as a data URL ("#" makes plotly.js's "world_110m.json" suffix a fragment), is all
# it needs when the shapes are ours and the base layers hidden.
EMPTY_TOPOJSON = "data:application/json," + quote('{"type":"Topology","objects":{},"arcs":[]}')
MAP_CONFIG = {"displaylogo": False, "displayModeBar": False, "topojsonURL": EMPTY_TOPOJSON + "#"}
Shaped = tuple[go.Choropleth, list[Feature]]  # a trace and the shapes it draws


def region_map(
    region: str,
    values: Mapping[str, MapValue],
    lang: str,
    level: MapLevel = "epci",
    *,
    title: str | None = None,
    details: Mapping[str, Sequence[str]] | None = None,
    height: int = 520,
    folder: Path | None = None,
) -> go.Figure:
    """A région's EPCI or communes, coloured by diagnosis status or by a number (a need).

    ``values`` maps a territory (INSEE code or SIREN of a commune, SIREN of an EPCI) to a
    status (``never``, ``recent``, ``older``) or to a number from 0 to 100; ``title``
    names the number; ``details`` adds lines to a territory's hover text. Territories
    without a value are drawn in grey. UnknownRegionError if the région has no shapes.
    """
    shapes = region_shapes(region, folder)
    features = shapes.features(level)
    keyed = _keyed(shapes, level, values)
    lines = details or {}
    extra = {key: list(lines[code]) for code, key in _keys(shapes, level, lines)}
    empty = [f for f in features if f["id"] not in keyed]
    no_data = t("maps.no_data", lang)
    traces = [_plain(empty, NO_DATA_COLOUR, lambda f: _hover(f, no_data, extra))]
    kinds = {isinstance(value, str) for value in keyed.values()}
    if len(kinds) > 1:
        raise ValueError("values mix diagnosis statuses and numbers")
    if kinds == {True}:
        traces += _status_traces(features, keyed, lang, extra)
    elif keyed:
        traces.append(_need_trace(features, keyed, lang, title, extra))
    return _framed(_figure([trace for trace in traces if trace[1]]), height, legend=True)


@dataclass(frozen=True)
class MapEntry:
    """A territory of the map that has a value: for the list beside the map."""

    code: str  # as the caller gave it
    key: str  # the map's key, in the figure's customdata
    name: str
    value: str  # the status or the number in words


def map_entries(
    region: str,
    values: Mapping[str, MapValue],
    lang: str,
    level: MapLevel = "epci",
    *,
    folder: Path | None = None,
) -> list[MapEntry]:
    """The territories of the map that have a value, by name, with that value in words."""
    shapes = region_shapes(region, folder)
    entries = []
    for code, key in _keys(shapes, level, values):
        place = shapes.feature(key)
        assert place is not None  # _keys found it
        text = value_text(values[code], lang)
        entries.append(MapEntry(code, key, place[1]["properties"]["name"], text))
    return sorted(entries, key=lambda entry: (entry.name, entry.key))


def locator_map(territory_key: str, lang: str, *, height: int = 190) -> go.Figure:
    """One territory highlighted among the départements of its région.

    NoShapeError if the key names no official commune or EPCI with a shape.
    """
    territory = official_territory(territory_key)
    shapes = region_shapes(territory.region)
    place = shapes.feature(territory.code)
    if place is None:
        raise _no_shape(territory_key)
    departements = shapes.features("departement")
    home = [f for f in departements if f["id"] == territory.departement]
    around = [f for f in departements if f["id"] != territory.departement]
    name = lambda f: f["properties"]["name"]  # noqa: E731
    traces = [
        _plain(around, AROUND_COLOUR, name),
        _plain(home, HOME_COLOUR, name),
        _plain([place[1]], HIGHLIGHT_COLOUR, name),
    ]
    figure = _figure([trace for trace in traces if trace[1]])
    figure.add_trace(_marker(place[1]))
    return _framed(figure, height, legend=False)


def locator_text(territory_key: str, lang: str) -> str:
    """The locator in words, for screen readers: name, kind, département and région."""
    territory = official_territory(territory_key)
    territories = official_territories()
    return t(
        "maps.locator.alt",
        lang,
        name=territory.name,
        kind=t(f"maps.kind.{territory.kind}", lang),
        departement=f"{territories.departement_name(territory.departement)} "
        f"({territory.departement})",
        region=territories.region_name(territory.region),
    )


def official_territory(key: str) -> Territory:
    """The official commune (INSEE code or SIREN) or EPCI (SIREN); NoShapeError if none."""
    code = "".join(key.split())
    territories = official_territories()
    found = territories.by_siren(code) if len(code) == 9 else None
    if len(code) == 5:
        found = next((t for t in territories.search(code, 1) if t.code == code.upper()), None)
    if found is None:
        raise _no_shape(key)
    return found


def status_word(status: str, lang: str) -> str:
    """A diagnosis status in words, as the legend says it; ValueError if it is not one."""
    if status not in STATUSES:
        raise ValueError(f"unknown status {status!r}: expected one of {STATUSES}")
    return t(f"maps.status.{status}", lang)


def value_text(value: MapValue, lang: str) -> str:
    """A status or a number in words."""
    return status_word(value, lang) if isinstance(value, str) else _number(value, lang)


def _keyed(shapes: RegionShapes, level: Level, values: Mapping[str, MapValue]) -> dict[str, Any]:
    """The values by map key, for the territories of ``level`` in the région."""
    keyed = {key: values[code] for code, key in _keys(shapes, level, values)}
    for value in keyed.values():
        value_text(value, "fr")  # ValueError on an unknown status
    return keyed


def _keys(shapes: RegionShapes, level: Level, codes: Iterable[str]) -> list[tuple[str, str]]:
    """(code as given, map key) for the codes that name a territory of ``level``."""
    found = []
    for code in codes:
        place = shapes.feature(code)
        if place is not None and place[0] == level:
            found.append((code, place[1]["id"]))
    return found


def _status_traces(
    features: list[Feature], keyed: Mapping[str, Any], lang: str, extra: Mapping[str, list[str]]
) -> list[Shaped]:
    """One trace per status, so that the legend names each in words."""
    traces = []
    for status in STATUSES:
        chosen = [f for f in features if keyed.get(f["id"]) == status]
        word = status_word(status, lang)
        hover = lambda f, w=word: _hover(f, w, extra)  # noqa: E731
        trace, shapes = _plain(chosen, STATUS_COLOURS[status], hover)
        trace.update(name=word, showlegend=True, legendgroup=status)
        traces.append((trace, shapes))
    return traces


def _need_trace(
    features: list[Feature],
    keyed: Mapping[str, Any],
    lang: str,
    title: str | None,
    extra: Mapping[str, list[str]],
) -> Shaped:
    """One trace on a 0-100 colour scale, its bar titled with what the number is."""
    name = title or t("maps.need.title", lang)
    chosen = [f for f in features if f["id"] in keyed]
    numbers = [float(keyed[f["id"]]) for f in chosen]
    hover = [
        _hover(f, t("maps.figure", lang, title=name, value=_number(n, lang)), extra)
        for f, n in zip(chosen, numbers, strict=True)
    ]
    trace = go.Choropleth(
        locations=[f["id"] for f in chosen],
        z=numbers,
        zmin=min(0.0, *numbers),
        zmax=max(100.0, *numbers),
        colorscale=NEED_SCALE,
        colorbar={"title": {"text": name}, "thickness": 12, "len": 0.6},
        marker={"line": BORDER},
        customdata=[f["id"] for f in chosen],
        text=hover,
        hovertemplate="%{text}<extra></extra>",
        name=name,
    )
    return trace, chosen


def _plain(features: list[Feature], colour: str, hover: Any) -> Shaped:
    """The features in one colour, each with its hover text and its key in customdata."""
    trace = go.Choropleth(
        locations=[f["id"] for f in features],
        z=[0] * len(features),
        colorscale=[[0, colour], [1, colour]],
        showscale=False,
        showlegend=False,
        marker={"line": BORDER},
        customdata=[f["id"] for f in features],
        text=[hover(f) for f in features],
        hovertemplate="%{text}<extra></extra>",
    )
    return trace, features


def _figure(traces: list[Shaped]) -> go.Figure:
    """A figure of the traces, each given its shapes once it is in the figure.

    plotly deep-copies the traces a figure is made of; the shapes, the bulk of the figure,
    are set afterwards so that they are not copied (a région's communes: seconds saved).
    """
    figure = go.Figure([trace for trace, _shapes in traces])
    for drawn, (_trace, shapes) in zip(figure.data, traces, strict=True):
        drawn.update(geojson={"type": "FeatureCollection", "features": shapes})
    return figure


def _marker(feature: Feature) -> go.Scattergeo:
    """A dot at the middle of a shape's bounding box, so that a small commune shows."""
    points = [p for polygon in feature["geometry"]["coordinates"] for p in polygon[0]]
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return go.Scattergeo(
        lon=[(min(xs) + max(xs)) / 2],
        lat=[(min(ys) + max(ys)) / 2],
        mode="markers",
        marker={"size": 9, "color": HIGHLIGHT_COLOUR, "line": {"color": "#ffffff", "width": 1.5}},
        customdata=[feature["id"]],
        text=[feature["properties"]["name"]],
        hovertemplate="%{text}<extra></extra>",
        showlegend=False,
    )


def _hover(feature: Feature, line: str, extra: Mapping[str, list[str]]) -> str:
    """The territory's name in bold, then ``line`` and the caller's details."""
    lines = [f"<b>{feature['properties']['name']}</b>", line, *extra.get(feature["id"], ())]
    return "<br>".join(part for part in lines if part)


def _number(value: float, lang: str) -> str:
    return format_number(value, lang, 0 if float(value).is_integer() else 1)


def _framed(figure: go.Figure, height: int, *, legend: bool) -> go.Figure:
    """No base map, fitted to the shapes, no margins; the legend under the map."""
    figure.update_geos(fitbounds="locations", visible=False, projection_type="mercator")
    figure.update_layout(
        height=height,
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        showlegend=legend,
        legend={"orientation": "h", "yanchor": "top", "y": 0, "x": 0},
        dragmode=False,
    )
    return figure


def _no_shape(key: str) -> NoShapeError:
    return NoShapeError(t("maps.no_shape", "fr", key=key), t("maps.no_shape", "en", key=key))
