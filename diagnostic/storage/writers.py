"""One writer at a time per SQLite database in this process, served in arrival order.

SQLite lets one transaction write at a time; the others sleep in its busy handler and
retry at growing intervals, so under 40 concurrent writers an unlucky one can wait many
seconds. Queueing writers here, first come first served, hands the write lock on at once.
"""

from __future__ import annotations

import threading
import weakref
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine


class FairLock:
    """A lock granted in the order it was asked for (``threading.Lock`` promises no order)."""

    def __init__(self) -> None:
        self._mutex = threading.Lock()
        self._held = False
        self._waiting: deque[threading.Event] = deque()

    def acquire(self, timeout: float) -> bool:
        """Wait at most ``timeout`` seconds for the lock; whether it was granted."""
        with self._mutex:
            if not self._held and not self._waiting:
                self._held = True
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
        """Hand the lock to the longest waiter, or free it."""
        with self._mutex:
            if self._waiting:
                self._waiting.popleft().set()  # stays held: ownership passes directly
            else:
                self._held = False


_locks: weakref.WeakKeyDictionary[Engine, FairLock] = weakref.WeakKeyDictionary()
_locks_guard = threading.Lock()


def writer_lock(engine: Engine) -> FairLock | None:
    """The lock of an SQLite engine's writers; None for servers that lock rows themselves."""
    if engine.dialect.name != "sqlite":
        return None
    with _locks_guard:
        lock = _locks.get(engine)
        if lock is None:
            lock = _locks[engine] = FairLock()
        return lock


@contextmanager
def one_writer(engine: Engine, timeout: float) -> Iterator[bool]:
    """Hold the engine's writer lock while the block runs; yields False if not granted."""
    lock = writer_lock(engine)
    if lock is None:
        yield True
        return
    granted = lock.acquire(timeout)
    try:
        yield granted
    finally:
        if granted:
            lock.release()
