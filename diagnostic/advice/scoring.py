"""Pure, vectorised scoring: answers -> motivation priority/maturity and lever need scores.

The method is documented in ``docs/methode.md``. One respondent or a hundred thousand
go through the same matrix code (one row per respondent).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
import numpy.typing as npt

from ..errors import AnswersError
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
from .ranking import keep_mean

UNKNOWN_CODE = -1.0
DECLINED_CODE = -2.0
NEUTRAL_PRIORITY = 0.5
CHUNK = 4096
FloatArray = npt.NDArray[np.float64]
Float32Array = npt.NDArray[np.float32]


@dataclass(frozen=True, eq=False)
class ScoringModel:
    """The référentiel compiled to arrays; q questions, m motivations, l levers.

    Scoring reads three planes built from the answers: ``x`` (the level, 0 if unusable),
    ``u`` (1 if a level was given) and ``z`` (1 for "je ne sais pas"); a declined
    question ("non pertinent") is in none of them. Every per-respondent sum is a matrix
    product with the arrays below, so scoring is a handful of BLAS calls per chunk.
    """

    question_ids: tuple[QuestionId, ...]
    motivation_ids: tuple[MotivationId, ...]
    lever_ids: tuple[LeverId, ...]
    minimum: FloatArray  # (q,)
    maximum: FloatArray  # (q,)
    weights: FloatArray  # (q, l) question -> lever weights
    gap_weights: FloatArray  # (l,) lever weights of a "je ne sais pas" answer
    onehot: Float32Array  # (q, m) question -> its motivation
    priority_mask: Float32Array  # (q,) 1 for priority questions
    maturity_mask: Float32Array  # (q,) 1 for maturity questions
    foundation: Float32Array  # (q,) 1 for foundation questions (full importance)
    low: Float32Array  # (q,) scale minimum
    inverse: Float32Array  # (q,) 1 / (maximum - minimum)
    maturity_weights: Float32Array  # (q, l) weights of maturity questions only
    priority_weights: Float32Array  # (q, l) weights of priority questions only
    weights32: Float32Array  # (q, l)
    gap_links: Float32Array  # (q, l) the weights towards the knowledge levers only
    optional: Float32Array  # (q,) 1 for an optional, specialised subject

    @property
    def column(self) -> dict[QuestionId, int]:
        return {qid: i for i, qid in enumerate(self.question_ids)}


@lru_cache(maxsize=8)
def compile_model(referentiel: Referentiel) -> ScoringModel:
    """Arrays for the scoring of ``referentiel`` (cached per référentiel object)."""
    motivations = tuple(m.id for m in referentiel.motivations)
    levers = tuple(lever.id for lever in referentiel.levers)
    questions = referentiel.questions
    count = len(questions)
    onehot = np.zeros((count, len(motivations)))
    onehot[np.arange(count), [motivations.index(q.motivation) for q in questions]] = 1.0
    pri = np.array([q.kind == "priority" for q in questions], dtype=np.float64)
    mat = 1.0 - pri
    scales = [referentiel.scale(q.scale) for q in questions]
    low = np.array([s.min for s in scales], dtype=np.float64)
    high = np.array([s.max for s in scales], dtype=np.float64)
    weights = np.array([[q.levers.get(lever, 0.0) for lever in levers] for q in questions])
    gap = np.array([referentiel.knowledge_gap_levers.get(lv, 0.0) for lv in levers])
    f32 = np.float32
    return ScoringModel(
        question_ids=tuple(q.id for q in questions),
        motivation_ids=motivations,
        lever_ids=levers,
        minimum=low,
        maximum=high,
        weights=weights,
        gap_weights=gap,
        onehot=onehot.astype(f32),
        priority_mask=pri.astype(f32),
        maturity_mask=mat.astype(f32),
        foundation=np.array([q.foundation for q in questions], dtype=f32),
        low=low.astype(f32),
        inverse=(1.0 / (high - low)).astype(f32),
        maturity_weights=(weights * mat[:, None]).astype(f32),
        priority_weights=(weights * pri[:, None]).astype(f32),
        weights32=weights.astype(f32),
        gap_links=(weights * (gap > 0)[None, :]).astype(f32),
        optional=np.array([q.optional for q in questions], dtype=f32),
    )


@dataclass(frozen=True, eq=False)
class BatchScores:
    """Scores of many respondents, one row each; NaN where nothing was answered."""

    lever_ids: tuple[LeverId, ...]
    motivation_ids: tuple[MotivationId, ...]
    levers: FloatArray  # (n, l) need 0-100
    priority: FloatArray  # (n, m) 0-100 or NaN
    maturity: FloatArray  # (n, m) 0-100 or NaN
    answered: npt.NDArray[np.int64]  # (n,) questions with a level, "je ne sais pas" or declined
    unknown: npt.NDArray[np.int64]  # (n,) "je ne sais pas" answers
    contributions: FloatArray | None = None  # (n, q, l) points of each question, if asked
    informed: npt.NDArray[np.bool_] | None = None  # (n, l) some answer bears on the lever


_CODES: dict[str, float] = {UNKNOWN: UNKNOWN_CODE, DECLINED: DECLINED_CODE}


def answers_matrix(
    referentiel: Referentiel, sheets: Sequence[Mapping[QuestionId, Answer]]
) -> FloatArray:
    """One row per answer mapping: the level, NaN if unanswered, -1 unknown, -2 declined."""
    model = compile_model(referentiel)
    column = model.column
    lows, highs = model.minimum.tolist(), model.maximum.tolist()
    rows: list[int] = []
    columns: list[int] = []
    values: list[float] = []
    for row, answers in enumerate(sheets):
        for question_id, answer in answers.items():
            index = column.get(question_id)
            if index is None:
                raise AnswersError(
                    f"Question inconnue : « {question_id} ».", f"Unknown question: '{question_id}'."
                )
            if type(answer) is int and lows[index] <= answer <= highs[index]:
                value = float(answer)  # the common case, checked without a call
            elif isinstance(answer, str) and answer in _CODES:
                value = _CODES[answer]
            else:
                value = _level(model, index, answer)
            rows.append(row)
            columns.append(index)
            values.append(value)
    matrix = np.full((len(sheets), len(model.question_ids)), np.nan)
    matrix[rows, columns] = values
    return matrix


def ranking_factors(
    referentiel: Referentiel, rankings: Sequence[Sequence[MotivationId]]
) -> FloatArray:
    """One row per respondent: the multiplier of each motivation's importance (see methode)."""
    model = compile_model(referentiel)
    rules = referentiel.rules
    factors = np.ones((len(rankings), len(model.motivation_ids)))
    for row, ranking in enumerate(rankings):
        chosen = list(dict.fromkeys(ranking))[: rules.ranking_max]
        if not chosen:
            continue
        factors[row, :] = rules.ranking_unranked
        for rank, motivation in enumerate(chosen):
            if motivation not in model.motivation_ids:
                raise AnswersError(
                    f"Motivation inconnue dans le classement : « {motivation} ».",
                    f"Unknown motivation in the ranking: '{motivation}'.",
                )
            factors[row, model.motivation_ids.index(motivation)] = rules.ranking_factors[rank]
    return factors


def _level(model: ScoringModel, index: int, answer: Answer) -> float:
    low, high = model.minimum[index], model.maximum[index]
    if isinstance(answer, bool) or not isinstance(answer, int) or not low <= answer <= high:
        qid = model.question_ids[index]
        raise AnswersError(
            f"Réponse « {answer} » hors échelle pour « {qid} » (de {low:.0f} à {high:.0f}).",
            f"Answer '{answer}' is off the scale for '{qid}' ({low:.0f} to {high:.0f}).",
        )
    return float(answer)


def score_matrix(
    referentiel: Referentiel,
    matrix: FloatArray,
    explain: bool = False,
    factors: FloatArray | None = None,
) -> BatchScores:
    """Score each row of ``matrix`` (see ``answers_matrix``); ``explain`` keeps answer points.

    ``factors`` (one row per respondent, see ``ranking_factors``) weighs each motivation's
    importance by the officials' ranking; none means no ranking.
    """
    model = compile_model(referentiel)
    answers = np.asarray(matrix, dtype=np.float64)
    rows = answers.shape[0]
    if factors is None:
        factors = np.ones((rows, len(model.motivation_ids)))
    levers = np.empty((rows, len(model.lever_ids)))
    priority = np.empty((rows, len(model.motivation_ids)))
    maturity = np.empty_like(priority)
    points = np.empty((rows, len(model.question_ids), len(model.lever_ids))) if explain else None
    counts = np.empty((rows, 2), dtype=np.int64)
    informed = np.empty((rows, len(model.lever_ids)), dtype=np.bool_)
    for start in range(0, rows, CHUNK):
        part = slice(start, start + CHUNK)
        _score_chunk(
            model,
            answers[part],
            np.asarray(factors[part], dtype=np.float32),
            levers[part],
            priority[part],
            maturity[part],
            counts[part],
            None if points is None else points[part],
            informed[part],
        )
    return BatchScores(
        lever_ids=model.lever_ids,
        motivation_ids=model.motivation_ids,
        levers=levers,
        priority=priority,
        maturity=maturity,
        answered=counts[:, 0],
        unknown=counts[:, 1],
        contributions=points,
        informed=informed,
    )


def _score_chunk(
    model: ScoringModel,
    answers: FloatArray,
    factors: Float32Array,
    levers: FloatArray,
    priority: FloatArray,
    maturity: FloatArray,
    tallies: npt.NDArray[np.int64],
    points: FloatArray | None,
    informed: npt.NDArray[np.bool_],
) -> None:
    """Fill the output slices for one chunk of respondents (see docs/methode.md)."""
    planes = _planes(model, answers)
    u, z, declined, share = planes
    counts = (
        u @ (model.onehot * model.priority_mask[:, None]),
        u @ (model.onehot * model.maturity_mask[:, None]),
    )
    with np.errstate(invalid="ignore", divide="ignore"):
        pri = ((share * model.priority_mask) @ model.onehot) / counts[0]
        mat = ((share * model.maturity_mask) @ model.onehot) / counts[1]
    needs, pushed, gap_by_question, scale = _needs(model, planes, (pri, mat), counts, factors)
    informed[:] = scale > 0  # some answer bears on the lever
    if np.any(factors != 1):  # a ranking reorders the levers; it does not lower the mean need
        plain = _needs(model, planes, (pri, mat), counts, np.ones_like(factors))[0]
        kept = keep_mean(needs, plain.mean(axis=1))
        with np.errstate(invalid="ignore", divide="ignore"):
            scale *= np.where(needs > 0, kept / needs, 1.0).astype(np.float32)
        needs = kept
    levers[:] = needs
    priority[:] = pri * 100.0
    maturity[:] = mat * 100.0
    tallies[:, 0] = u.sum(1) + z.sum(1) + declined.sum(1)
    tallies[:, 1] = z.sum(1)
    if points is not None:
        points[:] = pushed[:, :, None] * model.weights[None, :, :]
        points += gap_by_question[:, :, None] * (model.gap_links + model.gap_weights)[None, :, :]
        points *= scale[:, None, :]


Planes = tuple[npt.NDArray[Any], ...]


def _planes(model: ScoringModel, answers: FloatArray) -> Planes:
    """``u`` (a level given), ``z`` ("je ne sais pas"), declined, and the level's share 0-1."""
    a = answers.astype(np.float32)
    x = np.fmax(a, 0)  # the level; 0 for NaN (unanswered) and the negative codes
    u = (a >= 0).astype(np.float32)  # levels are >= 0: NaN and the codes give 0
    z = (a == UNKNOWN_CODE).astype(np.float32)
    declined = (a == DECLINED_CODE).astype(np.float32)
    share = u * (x - model.low) * model.inverse  # the level brought between 0 and 1
    return u, z, declined, share


def _needs(
    model: ScoringModel,
    planes: Planes,
    motivations: tuple[FloatArray, FloatArray],
    counts: tuple[Float32Array, Float32Array],
    factors: Float32Array,
) -> tuple[npt.NDArray[Any], ...]:
    """Lever needs 0-100, with what each answer pushes and the per-lever scale to points."""
    u, z, _, share = planes
    pri, mat = motivations
    pri_count, mat_count = counts
    importance = np.where(pri_count > 0, pri, NEUTRAL_PRIORITY).astype(np.float32) * factors
    motivation_gap = np.where(mat_count > 0, importance * (1 - mat), 0).astype(np.float32)
    # each question's importance: its motivation's, or full for a foundation question
    weight_of = importance @ model.onehot.T
    weight_of = np.where(model.foundation > 0, np.float32(1.0), weight_of)
    # an optional subject left at level 0 is an option not taken, not a gap: it pushes no
    # lever and does not count in any lever's need
    counted = u * (1 - model.optional * (share <= 0))
    pushed = counted * model.maturity_mask * weight_of * (1 - share)
    pushed += u * model.priority_mask * (motivation_gap @ model.onehot.T)
    gap_by_question = z * weight_of
    # "je ne sais pas": a full gap for the knowledge levers (observation, awareness), on the
    # question's own links and as a knowledge gap; no push for the other levers, whose need
    # is claimed only in proportion to what is known (the link's weight still counts below)
    numerator = pushed @ model.weights32 + gap_by_question @ model.gap_links
    numerator += np.outer(gap_by_question.sum(1), model.gap_weights)
    has_maturity = (mat_count > 0).astype(np.float32)
    usable_priority = u * model.priority_mask * (has_maturity @ model.onehot.T)
    denominator = counted @ model.maturity_weights + usable_priority @ model.priority_weights
    denominator += z @ model.weights32 + np.outer(z.sum(1), model.gap_weights)
    with np.errstate(invalid="ignore", divide="ignore"):
        scale = np.where(denominator > 0, 100.0 / denominator, 0.0).astype(np.float32)
    return numerator * scale, pushed, gap_by_question, scale


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
    """Score an answer sheet: its answers and its officials' ranking of the motivations."""
    return score_answers(referentiel, sheet.answers, sheet.priorities)
