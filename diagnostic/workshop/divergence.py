"""Consensus and divergence of ordinal answers across groups: counts, lower median, dispersion.

Answers come as ``scoring.answers_matrix`` rows (the level, NaN if unanswered, -1 for "je ne
sais pas"); groups as a boolean matrix, one row per group of participants, so the whole
workshop and each role are counted in one product. The method is in ``docs/methode.md``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from ..advice.matrix import DECLINED_CODE, UNKNOWN_CODE, FloatArray, compile_model
from ..model import QuestionId, Referentiel

MIN_GROUP = 3
# A question is « avis partagés » when its divergence reaches SPLIT_DIVERGENCE: two equal
# halves one step apart on a four-level scale stay below (0,33), an even spread over the
# four levels (0,67) and two opposite camps (up to 1) reach it. docs/methode.md explains it.
SPLIT_DIVERGENCE = 0.6
# Minority "je ne sais pas" put a question on the list to discuss from this share of the
# respondents on: a quarter of the room does not know what the others answered.
UNKNOWN_SHARE = 0.25

IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]


@dataclass(frozen=True, eq=False)
class Tallies:
    """Answer counts of g groups on q questions; levels are counted per value 0..v-1."""

    levels: IntArray  # (g, q, v) how many gave each level value
    unknown: IntArray  # (g, q) how many said "je ne sais pas"
    declined: IntArray | None = None  # (g, q) how many answered "non pertinent"

    @property
    def declining(self) -> IntArray:
        """(g, q) how many declined the question (zeros when not counted)."""
        return self.declined if self.declined is not None else np.zeros_like(self.unknown)

    @property
    def given(self) -> IntArray:
        """(g, q) how many gave a level."""
        return self.levels.sum(axis=-1)

    @property
    def answered(self) -> IntArray:
        """(g, q) how many gave a level or said "je ne sais pas"."""
        return self.given + self.unknown


@dataclass(frozen=True)
class LevelSpread:
    """How the levels given to one question spread out; built from MIN_GROUP levels or more."""

    given: int
    counts: tuple[tuple[int, int], ...]  # (level, how many) for every level of the scale
    median: int  # lower median
    divergence: float  # Leik's ordinal dispersion: 0 agreement, 1 two opposite halves


@dataclass(frozen=True)
class QuestionConsensus:
    """The group on one question; ``unknown`` and ``spread`` are None when hidden."""

    question: QuestionId
    respondents: int  # a level or "je ne sais pas"
    hidden: bool  # fewer than MIN_GROUP respondents
    unknown: int | None
    spread: LevelSpread | None  # also None when fewer than MIN_GROUP gave a level

    @property
    def split(self) -> bool:
        """Whether the group is divided: its answer is shown as « avis partagés »."""
        return is_split(self.spread)

    @property
    def unknown_share(self) -> float:
        """The share of the respondents who said "je ne sais pas" (0 when hidden)."""
        if self.hidden or not self.unknown or self.respondents == 0:
            return 0.0
        return self.unknown / self.respondents


def is_split(spread: LevelSpread | None) -> bool:
    """Whether levels spread out enough (SPLIT_DIVERGENCE) to show no single group answer."""
    return spread is not None and spread.divergence >= SPLIT_DIVERGENCE - 1e-9


def to_discuss(consensus: QuestionConsensus) -> bool:
    """Whether a question is to discuss: its levels diverge, or enough said "je ne sais pas".

    Only a question with a spread (MIN_GROUP levels given) can; UNKNOWN_SHARE is the share.
    """
    if consensus.spread is None:
        return False
    return consensus.spread.divergence > 0 or consensus.unknown_share >= UNKNOWN_SHARE - 1e-9


def tally(matrix: FloatArray, groups: BoolArray, top: int) -> Tallies:
    """Count, for each group (row of ``groups``), each level up to ``top`` and each "unknown"."""
    members = np.asarray(groups, dtype=np.float64)
    onehot = matrix[:, :, None] == np.arange(top + 1, dtype=np.float64)  # NaN and -1 never match
    levels = np.tensordot(members, onehot.astype(np.float64), axes=1)
    unknown = members @ (matrix == UNKNOWN_CODE).astype(np.float64)
    declined = members @ (matrix == DECLINED_CODE).astype(np.float64)
    # Counts are small whole numbers: exact in float64, so the BLAS products lose nothing.
    return Tallies(
        levels=levels.astype(np.int64),
        unknown=unknown.astype(np.int64),
        declined=declined.astype(np.int64),
    )


def lower_median(levels: IntArray) -> IntArray:
    """The lower median level of each count vector; -1 where nobody gave a level.

    It is the highest level that a strict majority of those who gave a level reached or
    exceeded, so it is always a level someone chose, even for an even count.
    """
    given = levels.sum(axis=-1)
    cumulative = levels.cumsum(axis=-1)
    rank = (given + 1) // 2  # position of the lower median among the sorted levels
    median = np.argmax(cumulative >= rank[..., None], axis=-1)
    return np.where(given > 0, median, -1).astype(np.int64)


def divergence(levels: IntArray, span: FloatArray) -> FloatArray:
    """Leik's ordinal dispersion in [0, 1] of each count vector; NaN where nobody gave a level.

    ``D = 2 / (K - 1) × Σ_k min(F_k, 1 - F_k)`` over the thresholds k between two levels,
    F_k the share at or below level k and K - 1 = ``span`` the scale's number of steps.
    It equals the mean distance to the median over half the span: 0 when everyone gives the
    same level, 1 when half the group is at each end of the scale.
    """
    given = levels.sum(axis=-1)
    cumulative = levels.cumsum(axis=-1)[..., :-1]
    folded = np.minimum(cumulative, given[..., None] - cumulative).sum(axis=-1)
    with np.errstate(invalid="ignore", divide="ignore"):
        value = (2.0 * folded) / (given * span)
    return np.where(given > 0, value, np.nan)


def group_codes(tallies: Tallies, quorum: int) -> FloatArray:
    """Each group's answer per question, coded as in ``answers_matrix``.

    NaN (no answer) when fewer than ``quorum`` answered; -2 ("non pertinent") when a strict
    majority declined; -1 ("je ne sais pas") when at least half of the others said so;
    otherwise the lower median of the levels given.
    """
    given, unknown, declined = tallies.given, tallies.unknown, tallies.declining
    codes = lower_median(tallies.levels).astype(np.float64)
    codes = np.where(unknown >= given, UNKNOWN_CODE, codes)
    codes = np.where(declined > given + unknown, DECLINED_CODE, codes)
    return np.where(given + unknown + declined >= max(quorum, 1), codes, np.nan)


def questions_to_discuss(
    questions: Sequence[QuestionConsensus],
) -> tuple[QuestionConsensus, ...]:
    """Visible questions with some divergence or many "je ne sais pas" (see to_discuss):
    most divergent, then most answered, first."""
    shown = [
        (-q.spread.divergence, -q.spread.given, index, q)
        for index, q in enumerate(questions)
        if q.spread is not None and to_discuss(q)
    ]
    return tuple(item[-1] for item in sorted(shown, key=lambda item: item[:3]))


def question_consensus(referentiel: Referentiel, tallies: Tallies) -> tuple[QuestionConsensus, ...]:
    """Consensus of the first group of ``tallies`` on every question, in référentiel order."""
    model = compile_model(referentiel)
    levels, unknown = tallies.levels[0], tallies.unknown[0]
    given, answered = tallies.given[0], tallies.answered[0]
    medians = lower_median(levels)
    spreads = divergence(levels, model.maximum - model.minimum)
    result = []
    for index, question in enumerate(referentiel.questions):
        respondents = int(answered[index])
        if respondents < MIN_GROUP:
            result.append(QuestionConsensus(question.id, respondents, True, None, None))
            continue
        spread = None
        if given[index] >= MIN_GROUP:
            scale = referentiel.scale(question.scale).values()
            counts = tuple((level, int(levels[index, level])) for level in scale)
            spread = LevelSpread(
                int(given[index]), counts, int(medians[index]), float(spreads[index])
            )
        result.append(
            QuestionConsensus(question.id, respondents, False, int(unknown[index]), spread)
        )
    return tuple(result)
