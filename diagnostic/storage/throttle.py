"""Wrong join codes and keys: slowed down, then locked, per browser session and per server.

A join code has 6 characters out of 32, about 1.07 billion codes. Without a limit a script
could try thousands a second; with these limits a server lets through at most
``SERVER_LIMIT`` wrong codes per ``WINDOW`` from everyone together (the odds are worked out
in ``docs/deploiement.md``).
"""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

from ..errors import AccessError

FREE = 5  # wrong codes a session may type before it has to wait
LOCK_AFTER = 20  # wrong codes within WINDOW that lock a session
SERVER_LIMIT = 500  # wrong codes within WINDOW, all sessions together, that lock the server
WINDOW = 15 * 60.0  # seconds
LONGEST_WAIT = 60.0  # seconds, the longest pause asked between two tries


def wait_message(seconds: float) -> AccessError:
    """A session must pause before its next try."""
    shown = max(1, math.ceil(seconds))
    return AccessError(
        f"Trop de codes erronés : patientez {shown} seconde{'s' if shown > 1 else ''} "
        "avant de réessayer.",
        f"Too many wrong codes: wait {shown} second{'s' if shown > 1 else ''} before trying again.",
    )


def locked_message(seconds: float, everyone: bool) -> AccessError:
    """A session, or the whole server, may not try codes for a while."""
    minutes = max(1, math.ceil(seconds / 60))
    plural = "s" if minutes > 1 else ""
    if everyone:
        return AccessError(
            "Trop de codes erronés ont été essayés sur ce serveur : la saisie des codes "
            f"d’atelier est suspendue pendant {minutes} minute{plural}. Les liens personnels "
            "des participants fonctionnent toujours.",
            "Too many wrong codes were tried on this server: workshop codes are refused for "
            f"{minutes} minute{plural}. Participants' personal links still work.",
        )
    return AccessError(
        f"Trop de codes erronés : réessayez dans {minutes} minute{plural}, avec le code "
        "donné par l’animateur.",
        f"Too many wrong codes: try again in {minutes} minute{plural}, with the code the "
        "facilitator gave you.",
    )


@dataclass
class Throttle:
    """Failed tries remembered for WINDOW seconds, per client (a browser session) and in all."""

    free: int = FREE
    lock_after: int = LOCK_AFTER
    server_limit: int = SERVER_LIMIT
    window: float = WINDOW
    clock: Callable[[], float] = time.monotonic
    _everyone: deque[float] = field(default_factory=deque)
    _clients: dict[str, deque[float]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def check(self, client: str | None) -> None:
        """Raise AccessError if this client, or the server, must not try a code now."""
        now = self.clock()
        with self._lock:
            self._forget(now)
            if len(self._everyone) >= self.server_limit:
                raise locked_message(self._everyone[0] + self.window - now, everyone=True)
            tries = self._clients.get(client or "")
            if client is None or not tries:
                return
            if len(tries) >= self.lock_after:
                raise locked_message(tries[0] + self.window - now, everyone=False)
            if len(tries) >= self.free:
                pause = min(2.0 ** (len(tries) - self.free), LONGEST_WAIT)
                if now - tries[-1] < pause:
                    raise wait_message(tries[-1] + pause - now)

    def failed(self, client: str | None) -> None:
        """Remember a wrong code or key."""
        now = self.clock()
        with self._lock:
            self._everyone.append(now)
            if client is not None:
                self._clients.setdefault(client, deque()).append(now)

    def _forget(self, now: float) -> None:
        horizon = now - self.window
        while self._everyone and self._everyone[0] < horizon:
            self._everyone.popleft()
        for client in list(self._clients):
            tries = self._clients[client]
            while tries and tries[0] < horizon:
                tries.popleft()
            if not tries:
                del self._clients[client]


CODES = Throttle()  # this process's: every repository shares it
