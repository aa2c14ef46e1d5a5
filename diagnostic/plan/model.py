"""The feuille de route: the actions a territory chose, who does them, by when, how far."""

from __future__ import annotations

import datetime as dt
import re
import secrets
from dataclasses import dataclass
from typing import Literal, get_args

from ..model import ActionId, LeverId
from ..typography import NBSP

Status = Literal["a_lancer", "en_cours", "fait", "abandonne"]
STATUSES: tuple[Status, ...] = get_args(Status)
OPEN_STATUSES: tuple[Status, ...] = ("a_lancer", "en_cours")
TEXT_MAX = 10_000
PLAN_MAX = 100
ENTRY_ID = re.compile(r"^[a-z0-9]{1,32}$")
_QUARTER = re.compile(r"^([0-9]{4})-Q([1-4])$")


@dataclass(frozen=True, order=True)
class Quarter:
    """A target quarter: ``2027-Q2`` in files, « 2e trimestre 2027 » on screen."""

    year: int
    number: int

    @classmethod
    def parse(cls, text: str) -> Quarter | None:
        """The quarter written ``YYYY-Qn``, None if the text is not one."""
        found = _QUARTER.match(text)
        if found is None or not 2000 <= int(found[1]) <= 2100:
            return None
        return cls(int(found[1]), int(found[2]))

    @classmethod
    def of(cls, day: dt.date) -> Quarter:
        """The quarter a day falls in."""
        return cls(day.year, (day.month - 1) // 3 + 1)

    def __str__(self) -> str:
        return f"{self.year}-Q{self.number}"

    @property
    def last_day(self) -> dt.date:
        """The quarter's last day."""
        if self.number == 4:
            return dt.date(self.year, 12, 31)
        return dt.date(self.year, 3 * self.number + 1, 1) - dt.timedelta(days=1)

    def next(self, count: int = 1) -> Quarter:
        """The quarter ``count`` quarters later."""
        index = self.year * 4 + self.number - 1 + count
        return Quarter(index // 4, index % 4 + 1)

    def label(self, lang: str) -> str:
        """« 2e trimestre 2027 » / "Q2 2027"."""
        if lang == "en":
            return f"Q{self.number} {self.year}"
        rank = "1er" if self.number == 1 else f"{self.number}e"
        return f"{rank}{NBSP}trimestre {self.year}"


@dataclass(frozen=True)
class PlanAction:
    """One line of the feuille de route; ``action`` is set when picked from the référentiel."""

    id: str
    label: str
    added: dt.date
    action: ActionId | None = None
    lever: LeverId | None = None
    owner: str = ""
    partners: str = ""
    quarter: Quarter | None = None
    status: Status = "a_lancer"
    note: str = ""

    @property
    def is_late(self) -> bool:
        """Still open after its target quarter ended (checked against today)."""
        return (
            self.quarter is not None
            and self.status in OPEN_STATUSES
            and self.quarter.last_day < dt.date.today()
        )


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
