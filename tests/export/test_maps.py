"""The map figures, read directly: locations, keys, colours, hover text, in both languages."""

from __future__ import annotations

import json
from urllib.parse import unquote

import plotly.graph_objects as go
import plotly.io as pio
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from diagnostic.export.maps import (
    HIGHLIGHT_COLOUR,
    MAP_CONFIG,
    NO_DATA_COLOUR,
    STATUS_COLOURS,
    locator_map,
    locator_text,
    map_entries,
    region_map,
)
from diagnostic.territory.contours import NoShapeError, UnknownRegionError, region_shapes
from diagnostic.typography import NBSP

BRETAGNE = "53"
VAL_D_ILLE, VITRE, RENNES_METROPOLE = "243500667", "200039022", "243500139"
RENNES, RENNES_SIREN = "35238", "213502388"


def by_name(figure: go.Figure) -> dict[str | None, go.Choropleth]:
    return {trace.name: trace for trace in figure.data}


def colour(trace: go.Choropleth) -> str:
    first, last = trace.colorscale[0][1], trace.colorscale[-1][1]
    assert first == last
    return str(first)


def test_a_status_map_has_one_trace_per_status_named_in_words() -> None:
    values = {VAL_D_ILLE: "recent", VITRE: "older", RENNES_METROPOLE: "never"}
    figure = region_map(BRETAGNE, values, "fr")
    traces = by_name(figure)
    recent = traces["Diagnostic de moins de 12 mois"]
    assert list(recent.locations) == list(recent.customdata) == [VAL_D_ILLE]
    assert colour(recent) == STATUS_COLOURS["recent"]
    assert list(traces["Diagnostic de plus de 12 mois"].locations) == [VITRE]
    assert colour(traces["Jamais diagnostiqué"]) == STATUS_COLOURS["never"]
    assert all(trace.showlegend for name, trace in traces.items() if name)
    rest = traces[None]
    everyone = {f["id"] for f in region_shapes(BRETAGNE).features("epci")}
    assert set(rest.locations) == everyone - set(values) and colour(rest) == NO_DATA_COLOUR
    assert not rest.showlegend
    assert recent.text == ("<b>CC Val d’Ille-Aubigné</b><br>Diagnostic de moins de 12 mois",)
    assert rest.text[0].endswith("<br>Pas de donnée")
    assert [f["id"] for f in recent.geojson["features"]] == [VAL_D_ILLE]


def test_the_map_speaks_english() -> None:
    figure = region_map(BRETAGNE, {VAL_D_ILLE: "older"}, "en")
    traces = by_name(figure)
    assert traces["Diagnosis over 12 months old"].text == (
        "<b>CC Val d’Ille-Aubigné</b><br>Diagnosis over 12 months old",
    )
    assert traces[None].text[0].endswith("<br>No data")


def test_a_need_map_colours_by_number_with_its_title_and_decimal_comma() -> None:
    values = {VAL_D_ILLE: 72.5, VITRE: 10}
    details = {VAL_D_ILLE: ["Dernier diagnostic : mars 2026"]}
    figure = region_map(BRETAGNE, values, "fr", title="Commande publique", details=details)
    need = by_name(figure)["Commande publique"]
    assert list(need.customdata) == [VITRE, VAL_D_ILLE]  # sorted by key
    assert list(need.z) == [10.0, 72.5] and (need.zmin, need.zmax) == (0, 100)
    assert need.colorbar.title.text == "Commande publique"
    assert need.text[0] == f"<b>CA Vitré Communauté</b><br>Commande publique{NBSP}: 10"
    assert need.text[1] == (
        f"<b>CC Val d’Ille-Aubigné</b><br>Commande publique{NBSP}: 72,5"
        "<br>Dernier diagnostic : mars 2026"
    )
    english = by_name(region_map(BRETAGNE, values, "en"))["Need"]
    assert english.text[1] == "<b>CC Val d’Ille-Aubigné</b><br>Need: 72.5"


def test_a_commune_map_finds_communes_by_insee_code_or_siren() -> None:
    figure = region_map(BRETAGNE, {RENNES_SIREN: "recent", VAL_D_ILLE: "older"}, "fr", "commune")
    traces = by_name(figure)
    assert list(traces["Diagnostic de moins de 12 mois"].customdata) == [RENNES]
    assert "Diagnostic de plus de 12 mois" not in traces  # an EPCI is not on a commune map
    assert len(traces[None].locations) == len(region_shapes(BRETAGNE).features("commune")) - 1


def test_territories_of_another_region_are_left_out() -> None:
    figure = region_map(BRETAGNE, {"200054781": "recent"}, "fr")  # Métropole du Grand Paris
    assert [trace.name for trace in figure.data] == [None]


def test_a_map_without_a_tile_server_fitted_to_its_shapes() -> None:
    figure = region_map(BRETAGNE, {VAL_D_ILLE: "recent"}, "fr")
    assert {trace.type for trace in figure.data} == {"choropleth"}
    assert figure.layout.geo.fitbounds == "locations" and figure.layout.geo.visible is False
    text = pio.to_json(figure, validate=False)
    assert "mapbox" not in text and "http" not in text
    assert json.loads(text)["data"][1]["customdata"] == [VAL_D_ILLE]


def test_bad_values_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown status"):
        region_map(BRETAGNE, {VAL_D_ILLE: "someday"}, "fr")
    with pytest.raises(ValueError, match="mix"):
        region_map(BRETAGNE, {VAL_D_ILLE: "recent", VITRE: 30}, "fr")
    with pytest.raises(UnknownRegionError):
        region_map("99", {}, "fr")


def test_map_entries_list_the_territories_with_a_value_by_name() -> None:
    values = {VITRE: "older", VAL_D_ILLE: "recent", "200054781": "never"}
    entries = map_entries(BRETAGNE, values, "fr")
    assert [(e.code, e.name, e.value) for e in entries] == [
        (VITRE, "CA Vitré Communauté", "Diagnostic de plus de 12 mois"),
        (VAL_D_ILLE, "CC Val d’Ille-Aubigné", "Diagnostic de moins de 12 mois"),
    ]
    communes = map_entries(BRETAGNE, {RENNES_SIREN: 42}, "en", "commune")
    assert [(e.code, e.key, e.name, e.value) for e in communes] == [
        (RENNES_SIREN, RENNES, "Rennes", "42")
    ]


@pytest.mark.parametrize("key", [RENNES, RENNES_SIREN])
def test_a_commune_locator_highlights_it_among_its_regions_departements(key: str) -> None:
    figure = locator_map(key, "fr")
    shapes, marker = figure.data[:-1], figure.data[-1]
    assert [list(trace.locations) for trace in shapes] == [["22", "29", "56"], ["35"], [RENNES]]
    assert colour(shapes[-1]) == HIGHLIGHT_COLOUR and shapes[-1].text == ("Rennes",)
    assert marker.type == "scattergeo" and list(marker.customdata) == [RENNES]
    assert -1.8 < marker.lon[0] < -1.6 and 48.0 < marker.lat[0] < 48.2
    assert figure.layout.geo.fitbounds == "locations" and not figure.layout.showlegend


def test_an_epci_locator_and_its_text_in_both_languages() -> None:
    figure = locator_map(VAL_D_ILLE, "en")
    assert list(figure.data[2].customdata) == [VAL_D_ILLE]
    assert locator_text(VAL_D_ILLE, "fr").startswith(
        f"Carte de situation{NBSP}: CC Val d’Ille-Aubigné (communauté de communes) "
        "dans le département Ille-et-Vilaine (35), région Bretagne."
    )
    assert locator_text(RENNES, "en") == (
        "Locator map: Rennes (commune) in the département Ille-et-Vilaine (35), région Bretagne."
    )


@pytest.mark.parametrize("key", ["123456782", "200000000", "99999", "pays", ""])
def test_a_territory_without_an_official_shape_is_a_domain_error(key: str) -> None:
    with pytest.raises(NoShapeError) as caught:
        locator_map(key, "fr")
    assert "ni une commune ni un EPCI officiels" in caught.value.message("fr")
    with pytest.raises(NoShapeError):
        locator_text(key, "en")


def test_the_map_config_keeps_plotly_offline() -> None:
    url = MAP_CONFIG["topojsonURL"]
    assert url.startswith("data:application/json,") and url.endswith("#")
    topology = json.loads(unquote(url.removeprefix("data:application/json,").rstrip("#")))
    assert topology == {"type": "Topology", "objects": {}, "arcs": []}
    assert MAP_CONFIG["displayModeBar"] is False


def luminance(colour: str) -> float:
    """WCAG relative luminance of a ``#rrggbb`` colour."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_each_status_stands_out_from_the_no_data_grey() -> None:
    grey = luminance(NO_DATA_COLOUR)
    for status, colour in STATUS_COLOURS.items():
        assert (grey + 0.05) / (luminance(colour) + 0.05) >= 3, status


EPCI_OF_CORSICA = [f["id"] for f in region_shapes("94").features("epci")]


@settings(max_examples=40, deadline=None)
@given(
    st.dictionaries(st.sampled_from(EPCI_OF_CORSICA), st.sampled_from(["never", "recent", "older"]))
)
def test_every_territory_is_drawn_once_in_the_colour_of_its_status(values: dict[str, str]) -> None:
    figure = region_map("94", values, "en")
    drawn = [key for trace in figure.data for key in trace.locations]
    assert sorted(drawn) == EPCI_OF_CORSICA
    for trace in figure.data:
        assert list(trace.locations) == list(trace.customdata)
        assert [f["id"] for f in trace.geojson["features"]] == list(trace.locations)
        expected = {
            STATUS_COLOURS[values[key]] if key in values else NO_DATA_COLOUR
            for key in trace.locations
        }
        assert expected == {colour(trace)}
