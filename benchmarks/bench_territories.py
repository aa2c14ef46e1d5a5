"""Official territories: load time, search p95 and memory, against a bare startswith scan.

Queries are what someone types into the picker: for a random sample of communes and
EPCI, the first 2, 4, 7 and 12 characters of the name and the whole name, with some
postcodes and SIRENs. The baseline scans the same names with ``str.startswith`` for
the same typed text, in the same run: no normalisation, no ranking, no homonyms. Prints
figures; asserts nothing. Run: ``python benchmarks/bench_territories.py [QUERIES]``.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable

from timing import best_of

from diagnostic.settings import PROJECT_DATA
from diagnostic.territory.official import Territories, load_territories

FILE = PROJECT_DATA / "territoires.json.gz"
PREFIXES = (2, 4, 7, 12)


def typed_queries(territories: Territories, count: int, seed: int = 11) -> list[str]:
    """What users type: prefixes of names and whole names, plus postcodes and SIRENs."""
    rng = random.Random(seed)
    rows = rng.sample(range(len(territories)), count)
    queries = []
    for row in rows:
        territory = territories.territory(row)
        queries += [territory.name[:size] for size in PREFIXES] + [territory.name]
        if territory.postcodes and rng.random() < 0.3:
            queries.append(territory.postcodes[0])
        if rng.random() < 0.2:
            queries.append(territory.siren)
    return queries


def timings(
    run: Callable[[str], object], queries: list[str], clock: Callable[[], float] = time.perf_counter
) -> list[float]:
    """Seconds per query, in order, by ``clock`` (wall time, or CPU time of this process)."""
    spent = []
    for query in queries:
        start = clock()
        run(query)
        spent.append(clock() - start)
    return spent


def summary(label: str, spent: list[float]) -> str:
    ordered = sorted(spent)
    p95 = ordered[int(0.95 * (len(ordered) - 1))]
    return (
        f"{label:<34} p50 {1000 * statistics.median(ordered):6.2f} ms   "
        f"p95 {1000 * p95:6.2f} ms   max {1000 * ordered[-1]:6.2f} ms"
    )


def cpu_time(run: Callable[[], object]) -> float:
    """CPU seconds of one run: less disturbed than wall time on a shared machine."""
    start = time.process_time()
    run()
    return time.process_time() - start


def resident_mb() -> float:
    """This process's resident memory (Linux), in MB; 0 where it cannot be read."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def memory_added() -> tuple[float, float]:
    """MB kept once the territories are loaded, and the peak while loading."""
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    territories = load_territories(FILE)
    kept, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert len(territories) > 0
    return (kept - before) / 1e6, (peak - before) / 1e6


def main(count: int = 400) -> None:
    rss = resident_mb()
    first, first_cpu = time.perf_counter(), time.process_time()
    territories = load_territories(FILE)
    cold, cold_cpu = time.perf_counter() - first, time.process_time() - first_cpu
    rss = resident_mb() - rss
    warm = best_of(5, lambda: load_territories(FILE))
    cpu = min(cpu_time(lambda: load_territories(FILE)) for _ in range(5))
    print(f"{len(territories)} territories, file {FILE.stat().st_size / 1e6:.2f} MB")
    print(
        f"load: first {cold:.3f} s ({cold_cpu:.3f} s CPU), best of 5 {warm:.3f} s "
        f"({cpu:.3f} s CPU)   (target < 0.3 s)"
    )
    queries = typed_queries(territories, count // 5)
    territories.search("warm up")
    print(f"{len(queries)} queries")
    print(summary("search (normalised, ranked, 20)", timings(territories.search, queries)))
    print(summary("baseline: bare str.startswith scan", timings(territories.bare_scan, queries)))
    cpu_search = timings(territories.search, queries, time.process_time)
    cpu_scan = timings(territories.bare_scan, queries, time.process_time)
    print(summary("search, CPU time", cpu_search))
    print(summary("baseline, CPU time", cpu_scan))
    print("   (target: search p95 < 20 ms)")
    kept, peak = memory_added()
    print(
        f"memory added: {rss:.1f} MB resident after the first load; {kept:.1f} MB of objects "
        f"kept, {peak:.1f} MB at the peak of loading (target < 30 MB)"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 400)
