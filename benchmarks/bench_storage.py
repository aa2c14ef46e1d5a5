"""Print how fast answers are saved: one user, then a room of 40 answering 42 questions at once.

python benchmarks/bench_storage.py                      # SQLite in a temporary folder
python benchmarks/bench_storage.py postgresql+psycopg://postgres@127.0.0.1:54329/bench
"""

from __future__ import annotations

import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor

from diagnostic.model import TerritoryProfile
from diagnostic.storage import Repository, close_repositories, open_repository

PARTICIPANTS = 40
QUESTIONS = [f"q{number:02d}" for number in range(1, 43)]
PROFILE = TerritoryProfile(name="Banc d’essai", type="cc")


def sequential(repo: Repository) -> float:
    """Milliseconds per save for a single user."""
    token = repo.create_diagnostic(PROFILE).token
    start = time.perf_counter()
    for round_ in range(5):
        for question in QUESTIONS:
            repo.save_answer(token, question, round_ % 5)
    return (time.perf_counter() - start) * 1000 / (5 * len(QUESTIONS))


def room(repo: Repository) -> float:
    """Seconds for 40 participants to save 42 answers each, all at once."""
    workshop, _ = repo.create_workshop(PROFILE)
    tokens = [repo.join_workshop(workshop.code, "habitant").token for _ in range(PARTICIPANTS)]
    barrier = threading.Barrier(PARTICIPANTS + 1)

    def participant(token: str) -> None:
        barrier.wait()
        for position, question in enumerate(QUESTIONS):
            repo.save_answer(token, question, position % 5)

    with ThreadPoolExecutor(PARTICIPANTS) as pool:
        futures = [pool.submit(participant, token) for token in tokens]
        barrier.wait()
        start = time.perf_counter()
        for future in futures:
            future.result()
    return time.perf_counter() - start


def main(url: str) -> None:
    repo = open_repository(url)
    per_save = sequential(repo)
    seconds = room(repo)
    saves = PARTICIPANTS * len(QUESTIONS)
    print(f"{repo.url}")
    print(f"  one user:          {per_save:.2f} ms per saved answer")
    print(f"  40 × 42 at once:   {seconds:.2f} s for {saves} saves ({saves / seconds:.0f}/s)")
    close_repositories()


if __name__ == "__main__":
    if len(sys.argv) > 1:
        main(sys.argv[1])
    else:
        with tempfile.TemporaryDirectory() as folder:
            main(f"sqlite:///{folder}/bench.sqlite3")
