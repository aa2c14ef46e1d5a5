"""A group's result (the whole workshop or one role) and the gaps between two roles' results.

Hidden results (fewer than ``divergence.MIN_GROUP`` respondents) carry ``hidden=True`` and None
values, and are never compared. The method is in ``docs/methode.md``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal, get_args

from ..advice.scoring import Scores
from ..model import (
    ROLES,
    UNKNOWN,
    Answer,
    AnswerSheet,
    LeverId,
    QuestionId,
    Referentiel,
    Role,
    TerritoryProfile,
)

Subject = Literal["priority", "maturity", "lever"]
SUBJECTS: tuple[Subject, ...] = get_args(Subject)


@dataclass(frozen=True)
class GroupResult:
    """The result of the whole group (``role`` None) or of one role; None values when hidden."""

    role: Role | None
    respondents: int  # members who answered at least one question
    hidden: bool  # fewer than MIN_GROUP respondents
    answers: Mapping[QuestionId, Answer] | None  # the group's answer sheet
    scores: Scores | None


@dataclass(frozen=True)
class RoleGap:
    """How far two roles stand apart on a motivation's priority or maturity, or on a lever."""

    subject: Subject
    item: str  # motivation id (priority, maturity) or lever id
    first: Role
    second: Role
    first_value: float
    second_value: float

    @property
    def gap(self) -> float:
        """``first_value - second_value``, in points out of 100."""
        return self.first_value - self.second_value


def group_sheet(group: GroupResult, territory: TerritoryProfile) -> AnswerSheet | None:
    """The group's answers as a sheet for ``recommend``/``strengths``; None when hidden."""
    if group.hidden or group.answers is None:
        return None
    return AnswerSheet(territory, group.answers)


def compare_roles(
    referentiel: Referentiel, roles: Sequence[GroupResult], first: Role, second: Role
) -> tuple[RoleGap, ...]:
    """Gaps between two visible roles, largest first (référentiel order on ties); () if hidden.

    A motivation's priority or maturity, or a lever, is compared only when both roles' answers
    give it a value: a lever no answer weighs on scores 0 without meaning "no need".
    """
    found = {result.role: result for result in roles if not result.hidden}
    mine, theirs = found.get(first), found.get(second)
    if mine is None or theirs is None or mine.scores is None or theirs.scores is None:
        return ()
    gaps = []
    for own, other in zip(mine.scores.motivations, theirs.scores.motivations, strict=True):
        pairs: tuple[tuple[Subject, float | None, float | None], ...] = (
            ("priority", own.priority, other.priority),
            ("maturity", own.maturity, other.maturity),
        )
        for subject, left, right in pairs:
            if left is not None and right is not None:
                gaps.append(RoleGap(subject, own.id, first, second, left, right))
    fed = _fed_levers(referentiel, mine) & _fed_levers(referentiel, theirs)
    for lever in referentiel.levers:
        if lever.id in fed:
            left, right = mine.scores.lever(lever.id).score, theirs.scores.lever(lever.id).score
            gaps.append(RoleGap("lever", lever.id, first, second, left, right))
    return tuple(sorted(gaps, key=lambda gap: -abs(gap.gap)))


def role_gaps(referentiel: Referentiel, roles: Sequence[GroupResult]) -> tuple[RoleGap, ...]:
    """Gaps of every pair of visible roles (in model.ROLES order), largest first."""
    visible = [role for role in ROLES if any(r.role == role and not r.hidden for r in roles)]
    gaps = [
        gap
        for index, first in enumerate(visible)
        for second in visible[index + 1 :]
        for gap in compare_roles(referentiel, roles, first, second)
    ]
    return tuple(sorted(gaps, key=lambda gap: -abs(gap.gap)))


def _fed_levers(referentiel: Referentiel, group: GroupResult) -> set[LeverId]:
    """Levers that some group answer weighs on, as in scoring (see docs/methode.md)."""
    answers = group.answers or {}
    questions = {q.id: q for q in referentiel.questions if q.id in answers}
    rated = {
        q.motivation
        for q in questions.values()
        if q.kind == "maturity" and answers[q.id] != UNKNOWN
    }
    fed: set[LeverId] = set()
    for question in questions.values():
        if answers[question.id] == UNKNOWN:
            fed.update(referentiel.knowledge_gap_levers)
        elif question.kind == "maturity" or question.motivation in rated:
            fed.update(question.levers)
    return fed
