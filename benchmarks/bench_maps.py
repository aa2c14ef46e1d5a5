"""Maps: loading a région's contours and drawing its map, against a bare bar chart.

For the largest région file (Nouvelle-Aquitaine), times reading the shapes from disk,
building the EPCI and the commune map (every territory coloured by a status) and
serialising each figure to JSON as Streamlit does, against a bare ``go.Bar`` of the same
territories and values in the same run; then the locator of one commune. Prints the
shipped files' sizes. With ``--browser``, also times headless Chromium opening a page
with the map until every shape is drawn (benchmarks/map_page.py), against the same page
with the bar chart. Asserts nothing.
Run: ``python benchmarks/bench_maps.py [--repeat N] [--browser]``.
"""

from __future__ import annotations

import argparse
import gzip
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

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


def opened(page: Any, url: str, selector: str, count: int) -> float:
    """Seconds from opening ``url`` to ``count`` elements matching ``selector`` drawn."""
    start = time.perf_counter()
    page.goto(url)
    page.wait_for_function(
        "([selector, count]) => document.querySelectorAll(selector).length >= count",
        arg=[selector, count],
        timeout=120_000,
    )
    return time.perf_counter() - start


def browser(repeat: int) -> None:
    """Median seconds to open the map page until drawn, map against bars, taking turns."""
    from playwright.sync_api import sync_playwright
    from room_support import CHROMIUM_ARGS, ROOT, Server, chromium_path

    region = largest_region()
    shapes = region_shapes(region)
    kinds = {
        "epci": ("path.choroplethlocation", len(shapes.features("epci"))),
        "commune": ("path.choroplethlocation", len(shapes.features("commune"))),
        "bars": (".trace.bars .point", len(shapes.features("epci"))),
    }
    with tempfile.TemporaryDirectory() as folder:
        page_script = ROOT / "benchmarks" / "map_page.py"
        server = Server(f"sqlite:///{folder}/b.sqlite3", Path(folder) / "log", script=page_script)
        server.start()
        times: dict[str, list[float]] = {kind: [] for kind in kinds}
        try:
            with sync_playwright() as playwright:
                chromium = playwright.chromium.launch(
                    executable_path=str(chromium_path()), args=CHROMIUM_ARGS
                )
                page = chromium.new_page(viewport={"width": 1280, "height": 900})
                for kind, (selector, count) in kinds.items():  # warm the server's caches
                    opened(page, f"{server.url}/?level={kind}&region={region}", selector, count)
                for _ in range(repeat):
                    for kind, (selector, count) in kinds.items():
                        url = f"{server.url}/?level={kind}&region={region}"
                        times[kind].append(opened(page, url, selector, count))
                chromium.close()
        finally:
            server.stop()
    bars = statistics.median(times["bars"])
    print(f"browser, page opened until drawn, median of {repeat}, seconds:")
    for kind in ("epci", "commune"):
        median = statistics.median(times[kind])
        print(f"{kind + ' map':<38}{median:>8.3f}{bars:>11.3f}{median / bars:>8.1f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--browser", action="store_true")
    args = parser.parse_args()
    main(args.repeat)
    if args.browser:
        browser(args.repeat)
