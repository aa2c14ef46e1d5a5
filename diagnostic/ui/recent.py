"""Reads shared by every session of this server for a moment.

In a plenary room a hundred phones ask the server the same thing within seconds (has the
adviser closed the workshop? what is the group's result?). Each answer is kept for a few
seconds and handed to whoever asks the same question meanwhile; when several ask at once,
one computes and the others wait for it instead of computing it again.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

V = TypeVar("V")


class Recent(Generic[V]):
    """Values at most ``seconds`` old, per key; the ``size`` most recently used kept."""

    def __init__(self, seconds: float, size: int = 32) -> None:
        self.seconds = seconds
        self.size = size
        self._guard = threading.Lock()
        self._values: OrderedDict[Hashable, tuple[float, V]] = OrderedDict()
        self._computing: dict[Hashable, threading.Lock] = {}

    def get(self, key: Hashable, compute: Callable[[], V]) -> V:
        """The value kept for ``key`` if recent enough, else ``compute()``'s (then kept)."""
        found = self._fresh(key)
        if found is not None:
            return found[1]
        with self._guard:
            turn = self._computing.setdefault(key, threading.Lock())
        with turn:  # one computes; the others wait, then find its value
            found = self._fresh(key)
            if found is not None:
                return found[1]
            started = time.monotonic()
            value = compute()  # an error is not kept: the next caller computes again
            with self._guard:
                self._values[key] = (started, value)
                self._values.move_to_end(key)
                while len(self._values) > self.size:
                    old, _ = self._values.popitem(last=False)
                    self._computing.pop(old, None)
            return value

    def forget(self, key: Hashable) -> None:
        """Drop ``key``'s value: the next caller computes it again."""
        with self._guard:
            self._values.pop(key, None)

    def clear(self) -> None:
        with self._guard:
            self._values.clear()
            self._computing.clear()

    def _fresh(self, key: Hashable) -> tuple[float, V] | None:
        with self._guard:
            found = self._values.get(key)
            if found is None or time.monotonic() - found[0] >= self.seconds:
                return None
            self._values.move_to_end(key)
            return found
