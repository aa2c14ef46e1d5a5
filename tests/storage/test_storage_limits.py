"""What the storage layer enforces itself: clean text within limits, and deletion for good."""

from __future__ import annotations

import dataclasses
import threading
import time
from pathlib import Path

import pytest
from storage_support import PROFILE, row_counts

from diagnostic.errors import AnswersError
from diagnostic.storage import Repository
from diagnostic.storage.engine import POSTGRES_POOL_OVERFLOW, reading, writer_permits
from diagnostic.storage.writers import FairLock, writer_lock
from diagnostic.territory.profile import COMMENT_MAX, NAME_MAX

# Bidirectional overrides, isolates and marks, zero-width space, word joiner, BOM, a tag.
INVISIBLE = (
    "\u202e\u2066\u2067\u2068\u2069\u202a\u202b\u202c\u202d\u200e\u200f\u061c"
    "\u200b\u2060\ufeff\U000e0041"
)
MARKER = "Zorglub-7f3a"


def test_invisible_characters_are_removed_from_every_text(repo: Repository) -> None:
    profile = dataclasses.replace(PROFILE, name=f"Val{INVISIBLE} d’Essai")
    token = repo.create_diagnostic(profile).token
    repo.save_comment(token, "q01", f"gnp.exe{INVISIBLE}\u202etxt.doc 👩\u200d👩\u200d👧")
    assert repo.get_diagnostic(token).profile.name == "Val d’Essai"  # type: ignore[union-attr]
    assert repo.load_sheet(token).comments["q01"] == "gnp.exetxt.doc 👩\u200d👩\u200d👧"
    workshop, _ = repo.create_workshop(profile)
    member = repo.join_workshop(workshop.code, "elu", f"Ca{INVISIBLE}mille")
    assert member.pseudonym == "Camille"
    assert repo.get_workshop(workshop.code).profile.name == "Val d’Essai"


def test_the_storage_refuses_a_comment_over_the_limit(repo: Repository, database_url: str) -> None:
    token = repo.create_diagnostic().token
    repo.save_comment(token, "q01", "x" * COMMENT_MAX)
    with pytest.raises(AnswersError) as caught:
        repo.save_comment(token, "q01", "y" * (COMMENT_MAX + 1))
    assert caught.value.message("en") == (
        f"The comment on 'q01' is longer than {COMMENT_MAX} characters ({COMMENT_MAX + 1})."
    )
    assert repo.load_sheet(token).comments["q01"] == "x" * COMMENT_MAX
    assert row_counts(database_url)["answers"] == 1


def test_the_storage_refuses_a_name_over_the_limit(repo: Repository, database_url: str) -> None:
    with pytest.raises(AnswersError, match="dépasse 300 caractères"):
        repo.create_diagnostic(dataclasses.replace(PROFILE, name="n" * (NAME_MAX + 1)))
    with pytest.raises(AnswersError):
        repo.create_workshop(dataclasses.replace(PROFILE, name="n" * (NAME_MAX + 1)))
    assert row_counts(database_url)["diagnostics"] == 0


def sqlite_bytes(url: str) -> bytes:
    """Every byte of the database file and of its write-ahead log and journal, if any."""
    path = Path(url.removeprefix("sqlite:///"))
    names = ("", "-wal", "-journal", "-shm")
    return b"".join(
        Path(f"{path}{suffix}").read_bytes() for suffix in names if Path(f"{path}{suffix}").exists()
    )


@pytest.mark.parametrize("backend", ["sqlite"])
def test_a_deleted_diagnostic_leaves_no_text_in_the_files(
    repo: Repository, database_url: str
) -> None:
    kept = repo.create_diagnostic(PROFILE).token
    repo.save_comment(kept, "q01", "à garder")
    token = repo.create_diagnostic(dataclasses.replace(PROFILE, name=f"Commune {MARKER}")).token
    for number in range(1, 30):
        repo.save_comment(token, f"q{number:02d}", f"{MARKER} commentaire {number}")
    repo.load_sheet(token)
    assert MARKER.encode() in sqlite_bytes(database_url)
    repo.delete_diagnostic(token)
    assert MARKER.encode() not in sqlite_bytes(database_url)
    assert repo.load_sheet(kept).comments == {"q01": "à garder"}


@pytest.mark.parametrize("backend", ["sqlite"])
def test_a_deleted_workshop_leaves_no_text_in_the_files(
    repo: Repository, database_url: str
) -> None:
    workshop, key = repo.create_workshop(dataclasses.replace(PROFILE, name=f"Atelier {MARKER}"))
    for index in range(5):
        member = repo.join_workshop(workshop.code, "elu", f"{MARKER}{index}")
        repo.save_comment(member.token, "q01", f"{MARKER} avis {index}")
    assert MARKER.encode() in sqlite_bytes(database_url)
    repo.delete_workshop(workshop.code, key)
    assert MARKER.encode() not in sqlite_bytes(database_url)


def served_in_turn(lock: FairLock, writers: int) -> list[int]:
    """Queue ``writers`` threads one after the other on a held ``lock``, release one hold,
    and return the order in which they got it (each hands it on to the next)."""
    served: list[int] = []

    def writer(number: int) -> None:
        assert lock.acquire(10)
        served.append(number)
        lock.release()

    threads = []
    for number in range(writers):
        threads.append(threading.Thread(target=writer, args=(number,)))
        threads[-1].start()
        while len(lock._waiting) < number + 1:  # wait until this one queues
            time.sleep(0.001)
    lock.release()
    for thread in threads:
        thread.join()
    return served


def test_writers_are_served_in_the_order_they_came() -> None:
    lock = FairLock()
    assert lock.acquire(1)
    assert served_in_turn(lock, 8) == list(range(8))


def test_a_writer_that_gives_up_leaves_the_queue() -> None:
    lock = FairLock()
    assert lock.acquire(1)
    assert not lock.acquire(0.05)
    assert len(lock._waiting) == 0
    lock.release()
    assert lock.acquire(0.05)


def test_a_lock_with_permits_lets_that_many_in_then_queues_in_order() -> None:
    lock = FairLock(permits=2)
    assert lock.acquire(0.05)
    assert lock.acquire(0.05)
    assert not lock.acquire(0.05)  # both permits held: the third waits, then gives up
    # one permit goes down the queue, hand to hand; the test keeps the other
    assert served_in_turn(lock, 6) == list(range(6))
    lock.release()
    assert lock.acquire(0.05) and lock.acquire(0.05)  # both permits came back
    assert not lock.acquire(0.01)


def test_writers_queue_one_at_a_time_on_sqlite_a_few_on_postgresql(repo: Repository) -> None:
    engine = repo._engine
    permits = writer_permits(engine)
    if engine.dialect.name == "sqlite":
        assert permits == 1
        return
    assert 1 < permits < engine.pool.size() + POSTGRES_POOL_OVERFLOW  # reads keep a connection
    gate = writer_lock(engine, permits)
    assert gate is not None
    held = [gate.acquire(1) for _ in range(permits)]
    assert all(held)
    assert not gate.acquire(0.05)  # the next writer queues instead of taking the pool
    with reading(engine) as connection:  # a reader still finds a connection
        assert connection.exec_driver_sql("SELECT 1").scalar() == 1
    for _ in held:
        gate.release()
