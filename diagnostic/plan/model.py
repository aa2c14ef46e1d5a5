"""The feuille de route: the actions a territory chose, who does them, by when, how far."""

from __future__ import annotations

import datetime as dt
import re
import secrets

# A plan's line and its quarter live in ..model, with the answer sheet that carries them;
# they stay importable from here.
from ..model import OPEN_STATUSES as OPEN_STATUSES
from ..model import STATUSES, ActionId, LeverId, PlanAction, Quarter, Status

TEXT_MAX = 10_000
PLAN_MAX = 100
ENTRY_ID = re.compile(r"^[a-z0-9]{1,32}$")


Plan = tuple[PlanAction, ...]


def new_entry_id() -> str:
    """A short random id for a new plan line."""
    return secrets.token_hex(6)


def new_action(
    label: str,
    added: dt.date,
    action: ActionId | None = None,
    lever: LeverId | None = None,
    partners: str = "",
) -> PlanAction:
    """A new plan line, à lancer, with a fresh id."""
    return PlanAction(new_entry_id(), label, added, action, lever, partners=partners)


def same_label(plan: Plan, label: str) -> int | None:
    """The number (from 1) of the line worded ``label``, case and spaces aside; else None."""
    wanted = _folded(label)
    return next(
        (n for n, action in enumerate(plan, start=1) if _folded(action.label) == wanted), None
    )


def _folded(text: str) -> str:
    return " ".join(text.split()).casefold()


def quarter_choices(
    today: dt.date, current: Quarter | None = None, count: int = 12
) -> list[Quarter]:
    """The quarters offered for a target: this one and the next ``count - 1`` (and ``current``)."""
    first = Quarter.of(today)
    choices = [first.next(step) for step in range(count)]
    if current is not None and current not in choices:
        choices = sorted([current, *choices])
    return choices


def status_counts(plan: Plan) -> dict[Status, int]:
    """How many lines have each status."""
    return {status: sum(action.status == status for action in plan) for status in STATUSES}
