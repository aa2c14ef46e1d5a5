"""Pacing a workshop: free, or the adviser opens one motivation at a time; a step's timer.

In free mode every participant moves through the workshop's motivations at their own pace.
In paced mode the phones show the motivation the adviser opened and the ones opened before
it; the others are announced. A timer is a cue for the room, never a lock: when it ends,
nothing is cut off.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal, cast

from ..errors import AnswersError

PacingMode = Literal["free", "paced"]
PACING_MODES: tuple[PacingMode, ...] = ("free", "paced")
TIMER_MINUTES_MIN, TIMER_MINUTES_MAX = 1, 180


@dataclass(frozen=True)
class Timer:
    """A timer the adviser started: its length, when, and for which step ("" for none)."""

    seconds: int
    started_at: dt.datetime
    step: str = ""

    def remaining(self, now: dt.datetime) -> float:
        """Seconds left at ``now`` (0 once it has ended, never negative)."""
        spent = (now - self.started_at).total_seconds()
        return max(0.0, min(float(self.seconds), self.seconds - spent))

    def ended(self, now: dt.datetime) -> bool:
        """Whether the time is up at ``now``."""
        return self.remaining(now) <= 0


@dataclass(frozen=True)
class Pacing:
    """How a workshop is paced: the mode, the open motivation, those opened, the timer."""

    mode: PacingMode = "free"
    open: str | None = None
    opened: tuple[str, ...] = ()
    timer_seconds: int = 0  # the length the adviser chose for a step's timer; 0: none chosen
    timer: Timer | None = None

    @property
    def paced(self) -> bool:
        return self.mode == "paced"


FREE = Pacing()


def check_mode(mode: object) -> PacingMode:
    """``"free"`` or ``"paced"``; AnswersError otherwise."""
    if mode in PACING_MODES:
        return cast(PacingMode, mode)
    raise AnswersError(
        f"Mode d’animation inconnu : « {mode} » (« free » ou « paced »).",
        f"Unknown pacing mode: '{mode}' ('free' or 'paced').",
    )


def check_timer_seconds(seconds: object) -> int:
    """A timer's length in whole seconds, from one minute to three hours."""
    low, high = TIMER_MINUTES_MIN * 60, TIMER_MINUTES_MAX * 60
    if isinstance(seconds, bool) or not isinstance(seconds, int) or not low <= seconds <= high:
        raise AnswersError(
            f"La durée du minuteur doit aller de {TIMER_MINUTES_MIN} à {TIMER_MINUTES_MAX} "
            "minutes.",
            f"A timer lasts from {TIMER_MINUTES_MIN} to {TIMER_MINUTES_MAX} minutes.",
        )
    return seconds


def shown_motivations(pacing: Pacing, included: Sequence[str]) -> tuple[str, ...]:
    """The motivations a phone shows, in the workshop's order: all in free mode, else the
    ones opened so far."""
    if not pacing.paced:
        return tuple(included)
    opened = set(pacing.opened)
    return tuple(motivation for motivation in included if motivation in opened)


def announced_motivations(pacing: Pacing, included: Sequence[str]) -> tuple[str, ...]:
    """The motivations still to come, which a phone announces without showing them."""
    shown = set(shown_motivations(pacing, included))
    return tuple(motivation for motivation in included if motivation not in shown)


def open_motivation(pacing: Pacing, motivation: str, included: Sequence[str]) -> Pacing:
    """Pacing with ``motivation`` open (and counted as opened); it must be included."""
    if motivation not in included:
        raise AnswersError(
            f"La motivation « {motivation} » ne fait pas partie de cet atelier.",
            f"The motivation '{motivation}' is not part of this workshop.",
        )
    opened = pacing.opened if motivation in pacing.opened else (*pacing.opened, motivation)
    return replace(pacing, open=motivation, opened=opened)


def next_to_open(pacing: Pacing, included: Sequence[str]) -> str | None:
    """The first motivation not opened yet after the open one, in the workshop's order (else
    the first not opened yet at all); None once every one has been opened."""
    open_now = pacing.open
    start = list(included).index(open_now) + 1 if open_now and open_now in included else 0
    ordered = [*included[start:], *included[:start]]
    return next((m for m in ordered if m not in pacing.opened), None)


def start_timer(pacing: Pacing, seconds: int, now: dt.datetime) -> Pacing:
    """Pacing with a timer of ``seconds`` started at ``now`` for the open step."""
    length = check_timer_seconds(seconds)
    step = (pacing.open or "") if pacing.paced else ""
    return replace(pacing, timer_seconds=length, timer=Timer(length, now, step))


def current_timer(pacing: Pacing) -> Timer | None:
    """The timer to show: the running one, unless it was started for a step no longer open."""
    timer = pacing.timer
    if timer is None or (pacing.paced and timer.step and timer.step != pacing.open):
        return None
    return timer


def clock_text(seconds: float) -> str:
    """Seconds as « 9:05 » (minutes:seconds), or « 1:02:03 » past an hour."""
    whole = max(0, int(-(-seconds // 1)))  # rounded up: 0:00 only once it has ended
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def phone_step(pacing: Pacing, included: Sequence[str]) -> int | None:
    """Where a phone goes when the pacing changes: the open motivation's index among the
    shown ones (None in free mode or when nothing is open)."""
    if not pacing.paced or pacing.open is None:
        return None
    shown = shown_motivations(pacing, included)
    return shown.index(pacing.open) if pacing.open in shown else None


def uncovered_motivations(every: Sequence[str], included: Sequence[str]) -> tuple[str, ...]:
    """The motivations a workshop left out (none when it covers them all, ``included`` empty)."""
    chosen = set(included)
    return tuple(motivation for motivation in every if chosen and motivation not in chosen)
