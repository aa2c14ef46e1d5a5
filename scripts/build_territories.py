"""Build data/territoires.json.gz from the npm package @etalab/decoupage-administratif.

Usage (from the project folder):

    python scripts/build_territories.py                      # runs `npm pack` for 6.0.0
    python scripts/build_territories.py --version 7.0.0 --millesime 2027
    python scripts/build_territories.py --tarball etalab-decoupage-administratif-6.0.0.tgz

Only what the app needs is kept: current communes of the départements and régions
(name, INSEE code, SIREN, département, population, postcodes), the names of
communes déléguées and associées (to find a commune nouvelle by a former name),
the EPCI à fiscalité propre (SIREN, name, kind, population, member communes), the
départements and the régions. The output is byte-for-byte the same for the same
input (sorted keys, gzip without a timestamp).
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import tarfile
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

PACKAGE = "@etalab/decoupage-administratif"
DEFAULT_VERSION = "6.0.0"
DEFAULT_MILLESIME = 2026
OUTPUT = Path(__file__).resolve().parent.parent / "data" / "territoires.json.gz"
FORMAT = 1
EPCI_KINDS = {"CC": "cc", "CA": "ca", "CU": "cu", "METRO": "metropole", "MET69": "metropole"}
FORMER_KINDS = {"commune-deleguee": "deleguee", "commune-associee": "associee"}
COMMUNE_COLUMNS = ("code", "name", "siren", "departement", "population", "postcodes")
EPCI_COLUMNS = ("siren", "name", "kind", "departement", "population", "members")
FORMER_COLUMNS = ("name", "kind", "commune")
KEPT_ZONES = ("metro", "drom")  # the collectivités d'outre-mer have no département code


def fetch_tarball(version: str, folder: Path) -> Path:
    """Download the package's tarball with `npm pack` into ``folder``."""
    result = subprocess.run(
        ["npm", "pack", f"{PACKAGE}@{version}", "--silent"],
        cwd=folder,
        check=True,
        capture_output=True,
        text=True,
    )
    return folder / result.stdout.strip().splitlines()[-1]


def read_package(tarball: Path) -> dict[str, Any]:
    """The package's JSON data files and package.json, by file name."""
    wanted = ("communes.json", "epci.json", "departements.json", "regions.json", "package.json")
    files: dict[str, Any] = {}
    with tarfile.open(tarball, "r:gz") as archive:
        for member in archive.getmembers():
            name = member.name.rsplit("/", 1)[-1]
            if name in wanted and member.isfile():
                handle = archive.extractfile(member)
                assert handle is not None
                files[name] = json.load(handle)
    missing = [name for name in wanted if name not in files]
    if missing:
        raise SystemExit(f"{tarball}: missing {', '.join(missing)}")
    return files


def typographic(name: str) -> str:
    """The name with the typographic apostrophe: « Val d’Ille-Aubigné »."""
    return name.replace("'", "’")


def compact(files: dict[str, Any], millesime: int) -> dict[str, Any]:
    """The app's territories file from the package's data."""
    regions = {
        r["code"]: typographic(r["nom"]) for r in files["regions.json"] if r["zone"] in KEPT_ZONES
    }
    departements = {
        d["code"]: [typographic(d["nom"]), d["region"]]
        for d in files["departements.json"]
        if d["zone"] in KEPT_ZONES
    }
    current = [
        c
        for c in files["communes.json"]
        if c["type"] == "commune-actuelle" and c["departement"] in departements
    ]
    by_code = {c["code"]: c for c in current}
    missing = [c["code"] for c in current if not isinstance(c.get("population"), int)]
    if missing:
        raise SystemExit(f"communes without a population: {', '.join(missing[:10])}")
    communes = sorted(
        (
            c["code"],
            typographic(c["nom"]),
            c.get("siren", ""),
            c["departement"],
            c["population"],
            " ".join(c.get("codesPostaux", ())),
        )
        for c in current
    )
    former = sorted(
        (typographic(c["nom"]), FORMER_KINDS[c["type"]], c["chefLieu"])
        for c in files["communes.json"]
        if c["type"] in FORMER_KINDS
        and c.get("chefLieu") in by_code
        and c["nom"] != by_code[c["chefLieu"]]["nom"]
    )
    epci = []
    for e in files["epci.json"]:
        members = [m["code"] for m in e["membres"] if m["code"] in by_code]
        weight: Counter[str] = Counter()
        for code in members:
            weight[by_code[code]["departement"]] += by_code[code]["population"]
        departement = weight.most_common(1)[0][0] if weight else ""
        epci.append(
            (
                e["code"],
                typographic(e["nom"]),
                EPCI_KINDS[e["type"]],
                departement,
                e["populationMunicipale"],
                " ".join(sorted(members)),
            )
        )
    version = files["package.json"]["version"]
    return {
        "format": FORMAT,
        "millesime": millesime,
        "source": {
            "package": f"{PACKAGE} {version}",
            "url": f"https://www.npmjs.com/package/{PACKAGE}/v/{version}",
            "producers": (
                f"INSEE, Code officiel géographique {millesime} et populations légales ; "
                f"DGCL, liste des EPCI à fiscalité propre {millesime} ; "
                "La Poste, base officielle des codes postaux"
            ),
            "licence": "Licence Ouverte / Open Licence 2.0 (données), MIT (paquet)",
        },
        "regions": regions,
        "departements": departements,
        "communes": columns(communes, COMMUNE_COLUMNS),
        "former": columns(former, FORMER_COLUMNS),
        "epci": columns(sorted(epci), EPCI_COLUMNS),
    }


def columns(rows: list[tuple[Any, ...]], names: tuple[str, ...]) -> dict[str, list[Any]]:
    """Rows as one list per column: smaller, and faster to load."""
    return {name: [row[index] for row in rows] for index, name in enumerate(names)}


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
    parser.add_argument("--tarball", type=Path, help="a tarball already downloaded")
    parser.add_argument("--version", default=DEFAULT_VERSION, help="the package version")
    parser.add_argument("--millesime", type=int, default=DEFAULT_MILLESIME)
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        tarball = args.tarball or fetch_tarball(args.version, Path(folder))
        data = compact(read_package(tarball), args.millesime)
    write(data, args.output)
    counts = {key: len(data[key]["name"]) for key in ("communes", "former", "epci")}
    print(f"{args.output}: {counts}, {args.output.stat().st_size // 1000} kB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
