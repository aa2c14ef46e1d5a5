"""One respondent's scores, explained: each motivation's priority and maturity, each lever's
need, rank and the answers behind it (the matrix code is in ``matrix``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from ..model import (
    DECLINED,
    UNKNOWN,
    Answer,
    AnswerSheet,
    LeverId,
    MotivationId,
    QuestionId,
    Referentiel,
)
from ..referentiel.scope import asked_sheet
from .matrix import BatchScores, answers_matrix, compile_model, ranking_factors, score_matrix


@dataclass(frozen=True)
class MotivationResult:
    """A motivation's priority and maturity, 0-100, None when nothing was answered."""

    id: MotivationId
    priority: float | None
    maturity: float | None
    answered: int
    unknown: int
    total: int


@dataclass(frozen=True)
class Contribution:
    """How many points of a lever's score one answer accounts for."""

    question: QuestionId
    points: float
    answer: Answer


@dataclass(frozen=True)
class LeverResult:
    """A lever's need score (0-100, higher = comes first), its rank and what is behind it.

    ``informed`` is False when no answer bears on the lever: its score of 0 ranks it, but
    says nothing, and ``need`` (what every page and file shows) is then None.
    """

    id: LeverId
    score: float
    rank: int
    contributions: tuple[Contribution, ...]  # largest first, only answers that push it up
    informed: bool = True

    @property
    def need(self) -> float | None:
        """The score to show: None when no answer bears on the lever."""
        return self.score if self.informed else None

    @property
    def questions(self) -> tuple[QuestionId, ...]:
        return tuple(c.question for c in self.contributions)


@dataclass(frozen=True)
class Scores:
    """The full result of one respondent; ``levers`` is in rank order."""

    motivations: tuple[MotivationResult, ...]
    levers: tuple[LeverResult, ...]
    answered: int
    total: int
    knowledge_gaps: tuple[QuestionId, ...]
    declined: tuple[QuestionId, ...] = ()
    priorities: tuple[MotivationId, ...] = ()

    @property
    def answered_share(self) -> float:
        """Share of questions answered (a level or "je ne sais pas"), from 0 to 1."""
        return self.answered / self.total if self.total else 0.0

    def lever(self, lever_id: str) -> LeverResult:
        return next(result for result in self.levers if result.id == lever_id)

    def motivation(self, motivation_id: str) -> MotivationResult:
        return next(result for result in self.motivations if result.id == motivation_id)


def ranks(scores: Sequence[float]) -> list[int]:
    """Competition ranks, 1 for the highest need; scores equal to 0.001 share a rank."""
    rounded = [round(value, 3) for value in scores]
    return [1 + sum(other > value for other in rounded) for value in rounded]


def score_answers(
    referentiel: Referentiel,
    answers: Mapping[QuestionId, Answer],
    priorities: Sequence[MotivationId] = (),
) -> Scores:
    """Score one respondent's answers and ranking, keeping which answers push each lever up."""
    model = compile_model(referentiel)
    factors = ranking_factors(referentiel, [priorities])
    batch = score_matrix(
        referentiel, answers_matrix(referentiel, [answers]), explain=True, factors=factors
    )
    assert batch.contributions is not None and batch.informed is not None
    lever_scores = [float(value) for value in batch.levers[0]]
    lever_ranks = ranks(lever_scores)
    levers = []
    for index, lever_id in enumerate(model.lever_ids):
        points = batch.contributions[0, :, index]
        order = sorted(np.flatnonzero(points > 1e-9), key=lambda q: (-points[q], q))
        contributions = tuple(
            Contribution(model.question_ids[q], float(points[q]), answers[model.question_ids[q]])
            for q in order
        )
        informed = bool(batch.informed[0, index])
        levers.append(
            LeverResult(lever_id, lever_scores[index], lever_ranks[index], contributions, informed)
        )
    levers.sort(key=lambda result: (result.rank, model.lever_ids.index(result.id)))
    return Scores(
        motivations=_motivation_results(referentiel, answers, batch),
        levers=tuple(levers),
        answered=int(batch.answered[0]),
        total=len(model.question_ids),
        knowledge_gaps=tuple(q for q in model.question_ids if answers.get(q) == UNKNOWN),
        declined=tuple(q for q in model.question_ids if answers.get(q) == DECLINED),
        priorities=tuple(priorities),
    )


def _motivation_results(
    referentiel: Referentiel, answers: Mapping[QuestionId, Answer], batch: BatchScores
) -> tuple[MotivationResult, ...]:
    results = []
    for index, motivation in enumerate(referentiel.motivations):
        questions = referentiel.questions_of(motivation.id)
        given = [answers[q.id] for q in questions if q.id in answers]
        results.append(
            MotivationResult(
                id=motivation.id,
                priority=_optional(batch.priority[0, index]),
                maturity=_optional(batch.maturity[0, index]),
                answered=len(given),
                unknown=sum(answer == UNKNOWN for answer in given),
                total=len(questions),
            )
        )
    return tuple(results)


def _optional(value: float) -> float | None:
    return None if np.isnan(value) else float(value)


def score_sheet(referentiel: Referentiel, sheet: AnswerSheet) -> Scores:
    """Score an answer sheet: its answers and its officials' ranking of the motivations.

    Only the questions asked of the sheet's territory type count (see ``for_territory``).
    """
    referentiel, sheet = asked_sheet(referentiel, sheet)
    return score_answers(referentiel, sheet.answers, sheet.priorities)
