"""Pure, vectorised scoring: answers -> motivation priority/maturity and lever need scores.

The method is documented in ``docs/methode.md``. One respondent or a hundred thousand
go through the same matrix code (one row per respondent): the référentiel compiled to
arrays, the answers coded as a matrix, the scores computed chunk by chunk.
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
