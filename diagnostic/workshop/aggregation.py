"""Pure aggregation of a workshop: progress, the group's result, consensus per question, roles.

A group answers each question with the lower median of its members' levels ("je ne sais pas"
when at least half of those who answered said so), and that answer sheet goes through the
single diagnostic's scoring. Every figure shown rests on at least ``MIN_GROUP`` people;
a hidden part carries ``hidden=True`` and None values. The method is in ``docs/methode.md``.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np

from ..advice.matrix import DECLINED_CODE, UNKNOWN_CODE, FloatArray, answers_matrix, compile_model
from ..advice.scoring import Scores, score_answers
from ..errors import AnswersError
from ..model import DECLINED, ROLES, UNKNOWN, Answer, QuestionId, Referentiel, Role
from .divergence import (
    MIN_GROUP,
    BoolArray,
    QuestionConsensus,
    Tallies,
    group_codes,
    question_consensus,
    questions_to_discuss,
    tally,
)
from .groups import GroupResult, RoleGap, role_gaps

__all__ = [
    "Participant",
    "Progress",
    "WorkshopSummary",
    "aggregate",
    "check_participants",
    "group_answers",
    "group_scores",
]


@dataclass(frozen=True)
class Participant:
    """One participant: an opaque key (never shown), a role and their answers."""

    key: str
    role: Role
    answers: Mapping[QuestionId, Answer]


@dataclass(frozen=True)
class Progress:
    """How far one participant has got; the interface shows a pseudonym, never the answers."""

    key: str
    answered: int  # a level or "je ne sais pas"
    total: int

    @property
    def share(self) -> float:
        return self.answered / self.total if self.total else 0.0


@dataclass(frozen=True)
class WorkshopSummary:
    """Everything the facilitator's dashboard shows, hidden parts already masked."""

    joined: int
    respondents: int
    progress: tuple[Progress, ...]  # in the participants' order
    group: GroupResult
    questions: tuple[QuestionConsensus, ...]  # référentiel order
    to_discuss: tuple[QuestionConsensus, ...]  # most divergent first
    roles: tuple[GroupResult, ...]  # model.ROLES order, hidden ones included
    role_gaps: tuple[RoleGap, ...]  # every pair of visible roles, largest gap first


def check_participants(participants: Sequence[Participant]) -> tuple[Participant, ...]:
    """The participants if every role is known and no key repeats; AnswersError otherwise."""
    seen: set[str] = set()
    for participant in participants:
        if participant.role not in ROLES:
            allowed = ", ".join(ROLES)
            raise AnswersError(
                f"Rôle « {participant.role} » inconnu (attendu : {allowed}).",
                f"Unknown role '{participant.role}' (expected: {allowed}).",
            )
        if participant.key in seen:
            raise AnswersError(
                "Le même participant figure deux fois dans l’atelier.",
                "The same participant appears twice in the workshop.",
            )
        seen.add(participant.key)
    return tuple(participants)


def group_answers(
    referentiel: Referentiel, participants: Sequence[Participant], quorum: int = MIN_GROUP
) -> dict[QuestionId, Answer]:
    """The group's answer to each question answered by at least ``quorum`` participants."""
    matrix = _matrix(referentiel, check_participants(participants))
    everyone = np.ones((1, len(participants)), dtype=bool)
    codes = group_codes(tally(matrix, everyone, _top(referentiel)), quorum)
    return _answers_of(referentiel, codes[0])


def group_scores(
    referentiel: Referentiel, participants: Sequence[Participant], quorum: int = MIN_GROUP
) -> Scores:
    """The group's answer sheet scored like a single diagnostic (``quorum=1`` for one person)."""
    return score_answers(referentiel, group_answers(referentiel, participants, quorum))


def aggregate(
    referentiel: Referentiel, participants: Sequence[Participant], motivations: Collection[str] = ()
) -> WorkshopSummary:
    """The dashboard: progress, group result, consensus, roles and gaps; small groups hidden."""
    chosen = _chosen(referentiel, motivations)
    participants = check_participants(participants)
    matrix = _matrix(referentiel, participants)
    groups = _groups([p.role for p in participants])
    tallies = tally(matrix, groups, _top(referentiel))
    codes = group_codes(tallies, MIN_GROUP)
    started = (~np.isnan(matrix)).any(axis=1)
    counts = groups.astype(np.int64) @ started.astype(np.int64)
    results = tuple(
        _group_result(referentiel, role, int(counts[row]), codes[row])
        for row, role in enumerate((None, *ROLES))
    )
    everyone = Tallies(tallies.levels[:1], tallies.unknown[:1], tallies.declining[:1])
    questions = question_consensus(referentiel, everyone)
    return WorkshopSummary(
        joined=len(participants),
        respondents=results[0].respondents,
        progress=_progress(participants, matrix, chosen),
        group=results[0],
        questions=questions,
        to_discuss=questions_to_discuss(questions),
        roles=results[1:],
        role_gaps=role_gaps(referentiel, results[1:]),
    )


def _matrix(referentiel: Referentiel, participants: Sequence[Participant]) -> FloatArray:
    return answers_matrix(referentiel, [participant.answers for participant in participants])


def _top(referentiel: Referentiel) -> int:
    return int(compile_model(referentiel).maximum.max(initial=0))


def _groups(roles: Sequence[Role]) -> BoolArray:
    """Row 0: everyone; then one row per role of model.ROLES."""
    rows = [[True] * len(roles)] + [[own == role for own in roles] for role in ROLES]
    return np.array(rows, dtype=bool).reshape(len(rows), len(roles))


def _chosen(referentiel: Referentiel, motivations: Collection[str]) -> BoolArray:
    if isinstance(motivations, str):
        raise TypeError("motivations must be a collection of ids, not a string")
    known = {motivation.id for motivation in referentiel.motivations}
    for motivation in motivations:
        if motivation not in known:
            raise AnswersError(
                f"Motivation inconnue : « {motivation} ».", f"Unknown motivation: '{motivation}'."
            )
    wanted = set(motivations) or known
    return np.array([q.motivation in wanted for q in referentiel.questions], dtype=bool)


def _progress(
    participants: Sequence[Participant], matrix: FloatArray, chosen: BoolArray
) -> tuple[Progress, ...]:
    answered = (~np.isnan(matrix[:, chosen])).sum(axis=1)
    total = int(chosen.sum())
    return tuple(
        Progress(participant.key, int(count), total)
        for participant, count in zip(participants, answered, strict=True)
    )


_CODED: dict[float, Answer] = {UNKNOWN_CODE: UNKNOWN, DECLINED_CODE: DECLINED}


def _answers_of(referentiel: Referentiel, codes: FloatArray) -> dict[QuestionId, Answer]:
    answers: dict[QuestionId, Answer] = {}
    for question, code in zip(referentiel.questions, codes, strict=True):
        if not np.isnan(code):
            answers[question.id] = _CODED.get(float(code), UNKNOWN) if code < 0 else int(code)
    return answers


def _group_result(
    referentiel: Referentiel, role: Role | None, respondents: int, codes: FloatArray
) -> GroupResult:
    if respondents < MIN_GROUP:
        return GroupResult(role, respondents, True, None, None)
    answers = _answers_of(referentiel, codes)
    scores = score_answers(referentiel, answers)
    return GroupResult(role, respondents, False, MappingProxyType(answers), scores)
