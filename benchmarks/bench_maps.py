"""Maps: loading a région's contours and drawing its map, against a bare bar chart.

For the largest région file (Nouvelle-Aquitaine), times reading the shapes from disk,
building the EPCI and the commune map (every territory coloured by a status) and
serialising each figure to JSON as Streamlit does, against a bare ``go.Bar`` of the same
territories and values in the same run; then the locator of one commune. Prints the
shipped files' sizes. Asserts nothing. Run: ``python benchmarks/bench_maps.py [REPEAT]``.
"""

from __future__ import annotations

import gzip
import random
import sys
from collections.abc import Callable

import plotly.graph_objects as go
import plotly.io as pio
from timing import best_of

from diagnostic.export.maps import STATUSES, locator_map, region_map
from diagnostic.i18n import catalogue
from diagnostic.territory.contours import contours_folder, contours_index, region_shapes


def largest_region() -> str:
    """The région whose file is the largest."""
    folder, regions = contours_folder(), contours_index()["regions"]
    return max(regions, key=lambda code: (folder / regions[code]["file"]).stat().st_size)


def drawn(build: Callable[[], go.Figure]) -> Callable[[], int]:
    """Build the figure and serialise it as Streamlit does; the JSON's length."""
    return lambda: len(pio.to_json(build(), validate=False))


def bare_bars(names: list[str], values: list[str]) -> go.Figure:
    """The baseline: the same territories and values as a bar chart, no shapes."""
    numbers = [STATUSES.index(value) for value in values]
    return go.Figure(go.Bar(x=names, y=numbers, customdata=names))


def cold_load(region: str) -> None:
    region_shapes.cache_clear()
    region_shapes(region)


def main(repeat: int = 5) -> None:
    catalogue()
    region = largest_region()
    shapes = region_shapes(region)
    rng = random.Random(7)
    print(f"région {region} ({shapes.name}), best of {repeat} runs, seconds:")
    print(f"{'what':<38}{'map':>8}{'bare bars':>11}{'ratio':>8}{'JSON kB':>10}")
    print(f"{'load the région file (cold)':<38}{best_of(repeat, lambda: cold_load(region)):>8.3f}")
    for level in ("epci", "commune"):
        features = shapes.features(level)
        values = {f["id"]: rng.choice(STATUSES) for f in features}
        names = [f["properties"]["name"] for f in features]
        statuses = [values[f["id"]] for f in features]
        map_run = drawn(lambda v=values, lv=level: region_map(region, v, "fr", lv))
        bar_run = drawn(lambda n=names, s=statuses: bare_bars(n, s))
        map_time, bar_time = best_of(repeat, map_run), best_of(repeat, bar_run)
        label = f"{level} map, {len(features)} shapes, build+JSON"
        size = map_run() // 1000
        print(f"{label:<38}{map_time:>8.3f}{bar_time:>11.3f}{map_time / bar_time:>8.1f}{size:>10}")
    commune = shapes.features("commune")[0]["id"]
    locator = best_of(repeat, drawn(lambda: locator_map(commune, "fr")))
    print(f"{'locator of one commune, build+JSON':<38}{locator:>8.3f}")
    folder, regions = contours_folder(), contours_index()["regions"]
    path = folder / regions[region]["file"]
    raw = len(gzip.decompress(path.read_bytes()))
    total = sum(p.stat().st_size for p in folder.glob("*.geojson.gz"))
    print(f"file {path.name}: {path.stat().st_size / 1e6:.2f} MB gzip'd, {raw / 1e6:.2f} MB raw")
    print(f"data/contours/: {total / 1e6:.2f} MB gzip'd in {len(regions)} région files")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
