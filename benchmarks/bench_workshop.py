"""A workshop under load: 40 participants saving every answer at once, then the dashboard.

Prints figures; asserts nothing. Run: ``python benchmarks/bench_workshop.py``. It uses a fresh
SQLite file in a temporary folder and, when ``DIAGNOSTIC_TEST_POSTGRES_URL`` is set
(``eval "$(bash .ci/postgres.sh)"``), a fresh schema on that PostgreSQL server too.

For each database: 40 participants join, then 40 threads (one per participant, released
together by a barrier) each save an answer to all 42 questions of the shipped référentiel.
It prints the latency of one save (p50, p95, p99, max; waiting for a pooled connection and
for the in-process writer queue included), the same with writers not queued (as before the
queue: each retries in SQLite's busy handler),
answers saved per second, then counts what the database holds: lost answers (saved but
absent or different) and duplicated rows must both be 0. The baseline is the same saves made
one after the other by a single thread, in the same process. Last, the dashboard's work per
refresh: ``aggregate`` on the 40 loaded sheets, and ``group_sheets`` + ``aggregate``.
Targets: p95 save under 50 ms on SQLite, no save over 1 s, aggregation under 50 ms.
"""

from __future__ import annotations

import os
import random
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import create_engine, func, select
from sqlalchemy.engine import make_url
from timing import best_of, milliseconds, postgres_schema

from diagnostic.model import ROLES, UNKNOWN, Answer, QuestionId, Referentiel, TerritoryProfile
from diagnostic.referentiel.load import load_referentiel
from diagnostic.settings import Settings
from diagnostic.storage import Repository, close_repositories, open_repository, writers
from diagnostic.storage.tables import answers, diagnostics, workshops
from diagnostic.workshop import Participant, aggregate

PARTICIPANTS = 40
TARGET_MS = 50.0
MAX_TARGET_MS = 1000.0
UNKNOWN_SHARE = 0.08
PROFILE = TerritoryProfile(name="Communauté de communes du Banc d’essai", type="cc")
Plan = dict[str, list[tuple[QuestionId, Answer]]]  # token -> the answers it saves, in order


@dataclass(frozen=True)
class Run:
    """What one round of saves measured."""

    latencies: list[float]  # seconds, one per save
    seconds: float  # wall clock, first save to last

    @property
    def per_second(self) -> float:
        return len(self.latencies) / self.seconds


def plan_answers(referentiel: Referentiel, tokens: list[str], seed: int) -> Plan:
    """For each participant, a random valid level or "je ne sais pas" for every question."""
    rng = random.Random(seed)
    plan: Plan = {}
    for token in tokens:
        chosen: list[tuple[QuestionId, Answer]] = []
        for question in referentiel.questions:
            scale = referentiel.scale(question.scale)
            level = rng.randint(scale.min, scale.max)
            chosen.append((question.id, UNKNOWN if rng.random() < UNKNOWN_SHARE else level))
        plan[token] = chosen
    return plan


def new_room(repo: Repository, referentiel: Referentiel, seed: int) -> tuple[str, Plan]:
    """A workshop joined by 40 participants of every role, and what each will answer."""
    record, _ = repo.create_workshop(PROFILE)
    tokens = [
        repo.join_workshop(record.code, ROLES[index % len(ROLES)], f"P{index}").token
        for index in range(PARTICIPANTS)
    ]
    return record.code, plan_answers(referentiel, tokens, seed)


def save_all(repo: Repository, token: str, chosen: list[tuple[QuestionId, Answer]]) -> list[float]:
    """Save one participant's answers in order; the latency of each save."""
    latencies = []
    for question, answer in chosen:
        start = time.perf_counter()
        repo.save_answer(token, question, answer)
        latencies.append(time.perf_counter() - start)
    return latencies


def concurrent(repo: Repository, plan: Plan) -> Run:
    """One thread per participant, all released at once."""
    barrier = threading.Barrier(len(plan) + 1)
    results: dict[str, list[float]] = {}

    def participant(token: str) -> None:
        barrier.wait()
        results[token] = save_all(repo, token, plan[token])

    threads = [threading.Thread(target=participant, args=(token,)) for token in plan]
    for thread in threads:
        thread.start()
    barrier.wait()
    start = time.perf_counter()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - start
    return Run([value for token in plan for value in results.get(token, [])], seconds)


def sequential(repo: Repository, plan: Plan) -> Run:
    """The same saves, one after the other, by a single thread."""
    start = time.perf_counter()
    latencies = [value for token in plan for value in save_all(repo, token, plan[token])]
    return Run(latencies, time.perf_counter() - start)


def check(repo: Repository, url: str, code: str, plan: Plan) -> tuple[int, int]:
    """(lost, duplicates): answers absent or different from the last one saved, extra rows."""
    stored = {own.token: own.sheet.answers for own in repo.group_sheets(code)}
    lost = sum(
        stored.get(token, {}).get(question) != answer
        for token, chosen in plan.items()
        for question, answer in chosen
    )
    engine = create_engine(url)
    try:
        members = (
            select(diagnostics.c.id)
            .join(workshops, workshops.c.id == diagnostics.c.workshop_id)
            .where(workshops.c.code == code)
        )
        pairs = select(answers.c.diagnostic_id, answers.c.question_id).where(
            answers.c.diagnostic_id.in_(members)
        )
        with engine.connect() as connection:
            rows = connection.scalar(select(func.count()).select_from(pairs.subquery()))
            distinct = connection.scalar(
                select(func.count()).select_from(pairs.distinct().subquery())
            )
    finally:
        engine.dispose()
    return lost, int(rows or 0) - int(distinct or 0)


@contextmanager
def unqueued() -> Iterator[None]:
    """Writers as they were before the queue: each one retries in SQLite's busy handler, or
    waits for a pooled PostgreSQL connection with no order kept."""
    original = writers.writer_lock
    writers.writer_lock = lambda engine, permits=1: None
    try:
        yield
    finally:
        writers.writer_lock = original


def latency_line(label: str, run: Run) -> str:
    values = run.latencies
    return (
        f"  {label}: {run.per_second:8.0f} answers/s   p50 {milliseconds(values, 0.5):6.1f} ms   "
        f"p95 {milliseconds(values, 0.95):6.1f} ms   p99 {milliseconds(values, 0.99):6.1f} ms   "
        f"max {max(values) * 1000:7.1f} ms"
    )


def measure(url: str, shown: str, referentiel: Referentiel) -> None:
    """Every figure for one database."""
    repo = open_repository(url)
    base_code, base_plan = new_room(repo, referentiel, seed=1)
    baseline = sequential(repo, base_plan)
    code, plan = new_room(repo, referentiel, seed=2)
    room = concurrent(repo, plan)
    lost, duplicates = check(repo, url, code, plan)
    old_code, old_plan = new_room(repo, referentiel, seed=3)
    with unqueued():
        before = concurrent(repo, old_plan)
    old_lost, _ = check(repo, url, old_code, old_plan)
    base_lost, _ = check(repo, url, base_code, base_plan)

    sheets = repo.group_sheets(code)
    people = [Participant(own.token, own.role, own.sheet.answers) for own in sheets]
    aggregate(referentiel, people)  # warm-up: compiles and caches the scoring model
    aggregation = best_of(30, lambda: aggregate(referentiel, people))
    refresh = best_of(
        10,
        lambda: aggregate(
            referentiel,
            [Participant(o.token, o.role, o.sheet.answers) for o in repo.group_sheets(code)],
        ),
    )
    close_repositories()

    p95 = milliseconds(room.latencies, 0.95)
    longest = max(room.latencies) * 1000
    saves = PARTICIPANTS * len(referentiel.questions)
    print(shown)
    print(f"  {PARTICIPANTS} participants × {len(referentiel.questions)} questions = {saves} saves")
    print(latency_line("concurrent", room))
    print(latency_line("  unqueued", before) + "   (writers not queued, as before)")
    print(
        f"  sequential: {baseline.per_second:8.0f} answers/s   "
        f"p50 {milliseconds(baseline.latencies, 0.5):6.1f} ms   "
        f"p95 {milliseconds(baseline.latencies, 0.95):6.1f} ms   (baseline, one thread)"
    )
    print(f"  throughput concurrent / sequential:   {room.per_second / baseline.per_second:6.2f}")
    print(f"  p95 save / {TARGET_MS:.0f} ms target:             {p95 / TARGET_MS:6.2f}")
    print(f"  max save / {MAX_TARGET_MS:.0f} ms target:           {longest / MAX_TARGET_MS:6.2f}")
    print(
        f"  lost answers: {lost} (sequential: {base_lost}, unqueued: {old_lost})   "
        f"duplicated rows: {duplicates}"
    )
    print(
        f"  aggregate, 40 loaded sheets (best of 30):      {aggregation * 1000:7.2f} ms"
        f"   / target {aggregation * 1000 / TARGET_MS:5.2f}"
    )
    print(
        f"  group_sheets + aggregate, per refresh (best of 10): {refresh * 1000:7.2f} ms"
        f"   / target {refresh * 1000 / TARGET_MS:5.2f}"
    )


def main() -> None:
    referentiel = load_referentiel(Settings.from_env().referentiel_dir)
    with tempfile.TemporaryDirectory() as folder:
        measure(f"sqlite:///{folder}/bench.sqlite3", "SQLite (WAL, temporary file)", referentiel)
    base = os.environ.get("DIAGNOSTIC_TEST_POSTGRES_URL")
    if not base:
        print(
            'PostgreSQL: skipped (eval "$(bash .ci/postgres.sh)" sets DIAGNOSTIC_TEST_POSTGRES_URL)'
        )
        return
    with postgres_schema(base) as url:
        shown = f"PostgreSQL ({make_url(base).render_as_string(hide_password=True)})"
        measure(url, shown, referentiel)


if __name__ == "__main__":
    main()
