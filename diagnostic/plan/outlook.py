"""Where a feuille de route stands on a given day: its actions by status, the open ones late,
due in the next target quarters, or without a target."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..model import OPEN_STATUSES, STATUSES, Quarter, Status
from .model import Plan

NEXT_QUARTERS = 2  # how many coming target quarters the outlook details


@dataclass(frozen=True)
class Outlook:
    """A plan seen on one day; ``upcoming`` holds the next quarters with open actions."""

    counts: dict[Status, int]
    late: Plan
    upcoming: tuple[tuple[Quarter, Plan], ...]
    later: int  # open actions due after the quarters of ``upcoming``
    unscheduled: Plan

    @property
    def open_count(self) -> int:
        """The actions still to start or under way."""
        return sum(self.counts[status] for status in OPEN_STATUSES)


def outlook(plan: Plan, today: dt.date, quarters: int = NEXT_QUARTERS) -> Outlook:
    """The plan's outlook on ``today``: late means open after its quarter's last day."""
    counts = {status: sum(action.status == status for action in plan) for status in STATUSES}
    still_open = [action for action in plan if action.status in OPEN_STATUSES]
    late = tuple(a for a in still_open if a.quarter is not None and a.quarter.last_day < today)
    coming = [a for a in still_open if a.quarter is not None and a.quarter.last_day >= today]
    targets = sorted({a.quarter for a in coming if a.quarter is not None})[:quarters]
    upcoming = tuple((q, tuple(a for a in coming if a.quarter == q)) for q in targets)
    shown = sum(len(actions) for _, actions in upcoming)
    unscheduled = tuple(a for a in still_open if a.quarter is None)
    return Outlook(counts, late, upcoming, len(coming) - shown, unscheduled)
