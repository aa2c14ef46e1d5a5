"""A room of N participants answering on their phones, through a real ``streamlit run`` server.

Each simulated participant speaks Streamlit's own protocol (see streamlit_client): opens
the join link ``/atelier?code=…``, types a pseudonym, picks a role, joins, then answers every
question of the workshop one at a time, taps « Suivant » after each motivation, and lets the
page's group fragment refresh on its timer, as a phone does. Think time before each tap:
uniform between ``--think`` bounds, 4 to 12 s by default (reading a one-line question and
its five options on a phone, then tapping); the N participants join within ``--join``
seconds (20 by default). The adviser's dashboard is open the whole time, refreshing every
3 s (``DIAGNOSTIC_WORKSHOP_REFRESH``).

An answer's round trip runs from the message sent to the end of the script run it started
(``script_finished``): the page saves the widgets' values before drawing, so the answer
is then in the database. Afterwards the database is compared with every answer sent:
"lost" counts questions whose saved value differs from the last one sent.

For each size N (10, 40, 100, 150) and each database (SQLite; PostgreSQL when
``DIAGNOSTIC_TEST_POSTGRES_URL`` is set, ``eval "$(bash .ci/postgres.sh)"``), a fresh server
and database. It prints p50, p95, p99 and max of the answers' round trips, the server's CPU
(share of one core over the room's time) and resident memory per session (growth over the
sessions' memory before the room, divided by N), lost answers and failures. The same room
then runs against a bare Streamlit page with the same widgets and server settings
(benchmarks/bare_room.py): the ratio is the app's own cost. Asserts nothing. Every room
is bounded by ``--limit`` seconds; only 127.0.0.1 is contacted.

``--paced`` runs the paced room instead (150 phones unless ``--sizes``; with ``--quick``,
10 and 40 unless ``--sizes``, on 3 motivations with 2 questions each): the adviser opens
each motivation in turn once every phone has answered the open one (see room_paced); it
prints the answers' round trips and the time for an opening to reach the phones (p50, p95
and max over every phone and opening), and of that time the wait for the look that saw it
(``look``: the phone's status timer firing; the rest is the server's runs).

Run: ``python benchmarks/bench_room.py`` (about an hour), ``--quick`` (a few minutes), or
choose ``--sizes 150 --questions 12 --think 4 12 --databases postgresql``. ``--servers 2``
starts two app servers on the one database (the set-up of docs/deploiement.md, without
the proxy: participants go to each server in turn, the dashboard to the first); the CPU
column then adds up the servers.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import tempfile
import time
from pathlib import Path

from room_paced import PacedOptions, look_figures, play_paced, reach_figures
from room_people import Options, Room, play
from room_support import APP, BARE, Server
from timing import milliseconds, postgres_schema

from diagnostic.model import TerritoryProfile
from diagnostic.storage import close_repositories, open_repository
from diagnostic.ui.workshop.session import REFRESH_VARIABLE

TARGET_MS = 300.0
SIZES = (10, 40, 100, 150)
PACED_SIZE = 150
DASHBOARD_REFRESH = "3"
PROFILE = TerritoryProfile(name="Communauté de communes du Toulois", type="cc")


def count_lost(url: str, room: Room) -> int:
    """Questions whose saved answer is not the last one sent."""
    repository = open_repository(url)
    lost = 0
    for token, sent in room.sent.items():
        saved = repository.load_sheet(token).answers
        lost += sum(saved.get(question) != answer for question, answer in sent.items())
    close_repositories()
    return lost


def one_room(url: str, script: Path, size: int, options: Options, folder: Path) -> Room:
    """A fresh server on ``url``, a fresh workshop, the room, the count of lost answers."""
    code, key = "BARE00", None
    if script == APP:
        repository = open_repository(url)
        workshop, key = repository.create_workshop(PROFILE)
        code = workshop.code
        close_repositories()
    environment = {REFRESH_VARIABLE: DASHBOARD_REFRESH}
    servers = [
        Server(url, folder / f"streamlit-{size}-{number}.log", environment, script)
        for number in range(options.servers)
    ]
    try:
        for server in servers:
            server.start()
        room = asyncio.run(play(servers, code, key, size, options))
    finally:
        for server in servers:
            server.stop()
    if script == APP:
        room.lost = count_lost(url, room)
    return room


HEADER = (
    f"{'N':>5} {'p50':>7} {'p95':>7} {'p99':>7} {'max':>7}  {'CPU':>5} {'RSS/ses':>8}"
    f" {'lost':>5} {'fail':>4}   {'join95':>7} {'next95':>7} {'poll95':>7} {'dash95':>7}"
)


def row(size: int, room: Room) -> str:
    answers = room.answers
    lost = "-" if room.lost is None else str(room.lost)
    unfinished = "" if room.finished else "  (cut at --limit)"
    return (
        f"{size:>5} {milliseconds(answers, 0.5):>5.0f}ms {milliseconds(answers, 0.95):>5.0f}ms"
        f" {milliseconds(answers, 0.99):>5.0f}ms {max(answers, default=0) * 1000:>5.0f}ms"
        f"  {room.cpu_share * 100:>4.0f}% {room.rss_per_session / 2**20:>6.2f}MB"
        f" {lost:>5} {len(room.failures):>4}   {milliseconds(room.joins, 0.95):>5.0f}ms"
        f" {milliseconds(room.nexts, 0.95):>5.0f}ms {milliseconds(room.polls, 0.95):>5.0f}ms"
        f" {milliseconds(room.dashboard, 0.95):>5.0f}ms{unfinished}"
    )


def series(name: str, url_for: object, script: Path, options: Options, folder: Path) -> dict:
    """Every size on one database (or on the bare page); prints a table, returns the rooms."""
    print(f"\n{name}")
    print(HEADER, flush=True)
    rooms = {}
    for size in options.sizes:
        with url_for(size) as url:  # type: ignore[operator]
            room = one_room(url, script, size, options, folder)
        rooms[size] = room
        print(row(size, room), flush=True)
        for failure in room.failures[:3]:
            print(f"      {failure}")
        print(f"      {capacity(size, room)}")
        print(f"      (this benchmark's own CPU: {room.client_cpu_share * 100:.0f}% of a core)")
    return rooms


def capacity(size: int, room: Room) -> str:
    """The server's CPU per answer (its runs, polls and dashboard included), and how many
    such participants would fill one core: a figure that a busy machine disturbs less
    than the round trips."""
    if not room.answers or not room.cpu_seconds:
        return "CPU per answer: -"
    per_answer = room.cpu_seconds / len(room.answers)
    people = size / room.cpu_share
    return (
        f"server CPU per answer: {per_answer * 1000:.0f} ms; one core full at about "
        f"{people:.0f} participants at this pace"
    )


def largest_under_target(rooms: dict[int, Room]) -> int:
    passing = [n for n, r in rooms.items() if milliseconds(r.answers, 0.95) < TARGET_MS]
    return max(passing, default=0)


def parse(argv: list[str] | None = None) -> tuple[PacedOptions | None, Options]:
    """The room's options, and the paced room's when ``--paced`` asks for it instead."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="e.g. 10,40,100,150")
    parser.add_argument("--think", nargs=2, type=float, default=(4.0, 12.0), metavar=("MIN", "MAX"))
    parser.add_argument("--join", type=float, default=20.0, help="seconds over which N join")
    parser.add_argument("--questions", type=int, default=0, help="answer only the first K")
    parser.add_argument("--limit", type=float, default=900.0, help="seconds at most per room")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--databases", default="sqlite,postgresql", help="one or both")
    parser.add_argument("--quick", action="store_true", help="10 and 40, 6 questions, 1-3 s")
    parser.add_argument(
        "--servers", type=int, default=1, help="app servers on the one database (and bare pages)"
    )
    parser.add_argument(
        "--paced",
        action="store_true",
        help="the paced room only: 150 phones follow the adviser through each motivation",
    )
    args = parser.parse_args(argv)
    given = args.sizes if args.sizes != ",".join(map(str, SIZES)) else None
    if args.paced:
        args.sizes = str(PACED_SIZE)
    if args.quick:
        args.sizes, args.think, args.questions, args.join = "10,40", (1.0, 3.0), 6, 5.0
    if args.paced and given is not None:
        args.sizes = given  # a paced room of the sizes asked, quick or not
    paced = paced_options(args.quick) if args.paced else None
    return paced, Options(
        sizes=tuple(int(n) for n in args.sizes.split(",")),
        think=(args.think[0], args.think[1]),
        join=args.join,
        questions=args.questions or 10**6,
        limit=args.limit,
        seed=args.seed,
        databases=tuple(args.databases.split(",")),
        servers=max(args.servers, 1),
    )


def paced_options(quick: bool) -> PacedOptions:
    """Quick: 3 motivations, 2 questions each; else every motivation, 3 questions each."""
    if quick:
        return PacedOptions(motivations=3, per_motivation=2, step_limit=60.0)
    return PacedOptions(motivations=99, per_motivation=3, step_limit=120.0)


def paced_series(url_for: object, options: Options, paced: PacedOptions, folder: Path) -> None:
    """The paced room at each size: answers' round trips, and each opening's reach."""
    print("\nPaced room: the adviser opens each motivation in turn (SQLite)")
    print(
        f"{'N':>5} {'p50':>7} {'p95':>7} {'max':>7}  {'CPU':>5} {'lost':>5} {'fail':>4}"
        f"   {'reach50':>8} {'reach95':>8} {'reachmax':>8} {'opened':>6} {'missed':>6}"
        f"   {'look50':>7} {'look95':>7} {'lookmax':>7}"
    )
    for size in options.sizes:
        with url_for(size) as url:  # type: ignore[operator]
            repository = open_repository(url)
            workshop, key = repository.create_workshop(PROFILE)
            close_repositories()
            environment = {REFRESH_VARIABLE: DASHBOARD_REFRESH}
            server = Server(url, folder / f"streamlit-paced-{size}.log", environment, APP)
            try:
                server.start()
                room, pace = asyncio.run(
                    play_paced(server, workshop.code, key, size, options, paced)
                )
            finally:
                server.stop()
            room.lost = count_lost(url, room)
        reach50, reach95, reach_max, opened = reach_figures(pace)
        look50, look95, look_max = look_figures(pace)
        answers = room.answers
        print(
            f"{size:>5} {milliseconds(answers, 0.5):>5.0f}ms {milliseconds(answers, 0.95):>5.0f}ms"
            f" {max(answers, default=0) * 1000:>5.0f}ms  {room.cpu_share * 100:>4.0f}%"
            f" {room.lost:>5} {len(room.failures):>4}   {reach50:>7.1f}s {reach95:>7.1f}s"
            f" {reach_max:>7.1f}s"
            f" {opened:>6} {pace.missed:>6}   {look50:>6.1f}s {look95:>6.1f}s {look_max:>6.1f}s"
            f"{'' if room.finished else '  (cut at --limit)'}",
            flush=True,
        )
        for failure in room.failures[:3]:
            print(f"      {failure}")


def main() -> None:
    paced, options = parse()
    low, high = options.think
    print(
        f"room benchmark: think time {low:g}-{high:g} s, joins over {options.join:g} s, "
        f"{'all' if options.questions >= 10**6 else options.questions} questions, "
        f"{options.servers} server(s), {os.cpu_count()} cores"
    )
    results: dict[str, dict[int, Room]] = {}
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)

        def sqlite_for(size: int) -> object:
            return _fixed(f"sqlite:///{folder}/room-{size}-{time.monotonic_ns()}.sqlite3")

        if paced is not None:
            paced_series(sqlite_for, options, paced, folder)
            return
        if "sqlite" in options.databases:
            results["sqlite"] = series("SQLite (WAL)", sqlite_for, APP, options, folder)
        base = os.environ.get("DIAGNOSTIC_TEST_POSTGRES_URL")
        wanted = "postgresql" in options.databases
        if wanted and base:
            results["postgresql"] = series(
                "PostgreSQL", lambda _size: postgres_schema(base), APP, options, folder
            )
        elif wanted:
            print('\nPostgreSQL: skipped (eval "$(bash .ci/postgres.sh)" sets the URL)')
        bare = series("Bare Streamlit page, same widgets", sqlite_for, BARE, options, folder)
    print("\napp p95 / bare page p95:")
    for database, rooms in results.items():
        ratios = [
            milliseconds(rooms[n].answers, 0.95) / milliseconds(bare[n].answers, 0.95)
            for n in options.sizes
        ]
        shown = "  ".join(f"N={n}: {r:.1f}" for n, r in zip(options.sizes, ratios, strict=True))
        print(f"  {database}: {shown}   (median {statistics.median(ratios):.1f})")
    print()
    for database, rooms in results.items():
        lost = sum(room.lost or 0 for room in rooms.values())
        largest = largest_under_target(rooms)
        print(f"largest N under {TARGET_MS:.0f} ms: {largest} ({database}); lost: {lost}")


class _fixed:
    """A context manager that yields a value (a URL that needs no clean-up)."""

    def __init__(self, value: str) -> None:
        self.value = value

    def __enter__(self) -> str:
        return self.value

    def __exit__(self, *_: object) -> None:
        return None


if __name__ == "__main__":
    main()
