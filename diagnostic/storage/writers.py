"""Writers queue in this process, served in arrival order.

SQLite lets one transaction write at a time; the others sleep in its busy handler and
retry at growing intervals, so under 40 concurrent writers an unlucky one can wait many
seconds. Queueing writers here, first come first served, hands the write lock on at once.
On PostgreSQL several writers run at once, but the connection pool serves whoever asks
when a connection comes back, not who waited longest: there too writers queue, a few at a
time (``permits``), so that none waits behind a stream of later ones.
"""

from __future__ import annotations

import threading
import weakref
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine


class FairLock:
    """A lock held by at most ``permits`` threads, granted in the order it was asked for
    (``threading.Lock`` and ``Semaphore`` promise no order)."""

    def __init__(self, permits: int = 1) -> None:
        self._mutex = threading.Lock()
        self._free = permits
        self._waiting: deque[threading.Event] = deque()

    def acquire(self, timeout: float) -> bool:
        """Wait at most ``timeout`` seconds for the lock; whether it was granted."""
        with self._mutex:
            if self._free > 0 and not self._waiting:
                self._free -= 1
                return True
            turn = threading.Event()
            self._waiting.append(turn)
        try:
            if turn.wait(timeout):
                return True
        except BaseException:
            if self._give_up(turn):
                self.release()
            raise
        return self._give_up(turn)

    def _give_up(self, turn: threading.Event) -> bool:
        """Leave the queue; True if the lock was handed over meanwhile (then it is held)."""
        with self._mutex:
            if turn in self._waiting:
                self._waiting.remove(turn)
                return False
            return True

    def release(self) -> None:
        """Hand this hold to the longest waiter, or free it."""
        with self._mutex:
            if self._waiting:
                self._waiting.popleft().set()  # stays held: ownership passes directly
            else:
                self._free += 1


_locks: weakref.WeakKeyDictionary[Engine, FairLock] = weakref.WeakKeyDictionary()
_locks_guard = threading.Lock()


def writer_lock(engine: Engine, permits: int = 1) -> FairLock | None:
    """The queue of an engine's writers, ``permits`` of them at a time (None: no queue)."""
    with _locks_guard:
        lock = _locks.get(engine)
        if lock is None:
            lock = _locks[engine] = FairLock(permits)
        return lock


@contextmanager
def one_writer(engine: Engine, timeout: float, permits: int = 1) -> Iterator[bool]:
    """Hold one of the engine's writer permits while the block runs; False if not granted."""
    lock = writer_lock(engine, permits)
    if lock is None:
        yield True
        return
    granted = lock.acquire(timeout)
    try:
        yield granted
    finally:
        if granted:
            lock.release()
