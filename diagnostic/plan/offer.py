"""What the feuille de route's pickers offer: every recommended action, and the full list.

The recommended actions are those the results propose, lever by lever from the strongest
need down (every lever, not only the first ones); the full list is every action of the
référentiel that suits the territory's type and size, lever by lever in the référentiel's
order, with those the answers say are done or off-topic marked.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from ..advice.recommend import ActionState, Recommendation, action_state, fits
from ..model import Action, ActionId, AnswerSheet, Lever, Referentiel, Text
from .model import Plan

Mark = Literal["done", "declined"]
MARKS: dict[ActionState, Mark] = {"done": "done", "declined": "declined"}


@dataclass(frozen=True)
class Offer:
    """An action a picker offers: its lever, its wording here, and a mark when done or off-topic."""

    lever: Lever
    action: Action
    label: Text
    mark: Mark | None = None

    @property
    def id(self) -> ActionId:
        return self.action.id


@dataclass(frozen=True)
class Offers:
    """The two lists the pickers draw from."""

    recommended: tuple[Offer, ...] = ()
    catalogue: tuple[Offer, ...] = ()

    def besides(self, plan: Plan) -> Offers:
        """Both lists without the actions the plan already holds."""
        chosen = {line.action for line in plan if line.action is not None}
        return Offers(
            tuple(o for o in self.recommended if o.id not in chosen),
            tuple(o for o in self.catalogue if o.id not in chosen),
        )


def plan_offers(
    referentiel: Referentiel, sheet: AnswerSheet, explained: Sequence[Recommendation]
) -> Offers:
    """The recommended actions of every lever ``explained`` (in its order), and the full list."""
    recommended = tuple(
        Offer(rec.lever, chosen.action, chosen.label) for rec in explained for chosen in rec.actions
    )
    return Offers(recommended, catalogue(referentiel, sheet))


def catalogue(referentiel: Referentiel, sheet: AnswerSheet) -> tuple[Offer, ...]:
    """Every action that suits the territory, lever by lever, done and off-topic ones marked."""
    found: list[Offer] = []
    for lever in referentiel.levers:
        for action in referentiel.actions_of(lever.id):
            if not fits(action, sheet.territory):
                continue
            state = action_state(action, sheet)
            label = action.next if state == "under_way" and action.next else action.label
            found.append(Offer(lever, action, label, MARKS.get(state)))
    return tuple(found)
