"""How far a ranking can be trusted: few answers, or levers too close to tell apart."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from ..i18n import t
from ..model import LeverId, Referentiel
from ..typography import format_number
from .scoring import Scores

CONSIDERED = 4  # the levers to start with, and the next one that could take a place


@dataclass(frozen=True)
class Confidence:
    """What the results page and the reports say before a confident ranking."""

    answered: int
    total: int
    few_answers: bool
    close_groups: tuple[tuple[LeverId, ...], ...]  # levers within a few points, rank order

    @property
    def sure(self) -> bool:
        return not self.few_answers and not self.close_groups


def assess(referentiel: Referentiel, scores: Scores) -> Confidence:
    """Whether too few questions were answered, and which leading levers are neck and neck."""
    rules = referentiel.rules
    least = max(rules.need_minimum, 1e-9)
    leading = [lever for lever in scores.levers if lever.score >= least][:CONSIDERED]
    groups: list[list[LeverId]] = []
    for before, after in pairwise(leading):
        if before.score - after.score >= rules.close_points:
            continue
        if groups and groups[-1][-1] == before.id:
            groups[-1].append(after.id)
        else:
            groups.append([before.id, after.id])
    top = {lever.id for lever in leading[: CONSIDERED - 1]}
    return Confidence(
        answered=scores.answered,
        total=scores.total,
        few_answers=scores.answered_share < rules.min_answered_share,
        close_groups=tuple(tuple(g) for g in groups if top & set(g)),
    )


def describe(referentiel: Referentiel, confidence: Confidence, lang: str) -> list[str]:
    """The plain sentences to show above the ranking (empty when it can be read as is)."""
    lines = []
    if confidence.few_answers:
        lines.append(
            t(
                "confidence.few_answers",
                lang,
                answered=confidence.answered,
                total=confidence.total,
            )
        )
    for group in confidence.close_groups:
        names = [referentiel.lever(lever).label.get(lang) for lever in group]
        joined = t("confidence.and", lang).join([", ".join(names[:-1]), names[-1]])
        key = "confidence.close_two" if len(group) == 2 else "confidence.close_many"
        points = format_number(referentiel.rules.close_points, lang, 0)
        lines.append(t(key, lang, levers=joined, count=len(group), points=points))
    return lines
