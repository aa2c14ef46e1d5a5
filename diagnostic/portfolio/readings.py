"""What each territory's latest diagnosis says, scored for all territories in one batch."""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading
from collections import OrderedDict
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from ..advice.matrix import BatchScores, answers_matrix, ranking_factors, score_matrix
from ..advice.recommend import NeedWord, need_word, recommend
from ..advice.scoring import Contribution, LeverResult, MotivationResult, Scores, ranks
from ..model import DECLINED, UNKNOWN, ActionId, AnswerSheet, LeverId, QuestionId, Referentiel

Mode = Literal["alone", "workshop"]
MODES: tuple[Mode, ...] = ("alone", "workshop")


@dataclass(frozen=True)
class Diagnosis:
    """A territory's latest diagnosis: its day, alone or in a workshop, its answers and plan.

    A workshop's ``sheet`` holds the group's retained answers and the workshop's plan.
    """

    territory: str
    day: dt.date
    mode: Mode
    sheet: AnswerSheet


@dataclass(frozen=True)
class LeverNeed:
    """A lever the results page puts first, with its need in a word and its figure."""

    lever: LeverId
    need: NeedWord
    score: float


@dataclass(frozen=True)
class Reading:
    """The results page's findings the portfolio and the synthesis use."""

    levers: tuple[LeverNeed, ...]  # the levers to start with, at most three
    needs: Mapping[LeverId, NeedWord | None]  # every lever; None when no answer bears on it
    scores: Mapping[LeverId, float | None]  # every lever's need figure, as the page shows it
    first_actions: tuple[ActionId, ...]  # the first action proposed for each of those levers
    unknown: tuple[QuestionId, ...]  # questions answered « je ne sais pas »
    declined: tuple[QuestionId, ...]  # questions answered « non pertinent »


def known_answers(referentiel: Referentiel, sheet: AnswerSheet) -> AnswerSheet:
    """The sheet without answers to questions this référentiel does not have."""
    known = {q.id for q in referentiel.questions}
    kept = {q: a for q, a in sheet.answers.items() if q in known}
    return sheet if len(kept) == len(sheet.answers) else dataclasses.replace(sheet, answers=kept)


class ReadingMemo:
    """Readings already made, by everything they depend on: a sheet that did not change since
    the last portfolio is not scored again (shared by threads; the oldest are forgotten)."""

    def __init__(self, size: int = 4_096) -> None:
        self._items: OrderedDict[Hashable, Reading] = OrderedDict()
        self._size = size
        self._lock = threading.Lock()

    @staticmethod
    def key(referentiel: Referentiel, sheet: AnswerSheet) -> Hashable:
        """What a reading depends on: the référentiel, the territory's kind and size, answers."""
        territory = sheet.territory
        answers = tuple(sorted(sheet.answers.items()))
        return (id(referentiel), territory.type, territory.population, answers, sheet.priorities)

    def find(self, key: Hashable) -> Reading | None:
        with self._lock:
            return self._items.get(key)

    def keep(self, key: Hashable, reading: Reading) -> None:
        with self._lock:
            self._items[key] = reading
            while len(self._items) > self._size:
                self._items.popitem(last=False)


def read_sheets(
    referentiel: Referentiel, sheets: Sequence[AnswerSheet], memo: ReadingMemo | None = None
) -> list[Reading]:
    """Each sheet's reading, as its results page would say it; the sheets not in ``memo``
    are scored together in one batch."""
    sheets = [known_answers(referentiel, sheet) for sheet in sheets]
    if memo is None:
        return _read(referentiel, sheets)
    keys = [ReadingMemo.key(referentiel, sheet) for sheet in sheets]
    found = [memo.find(key) for key in keys]
    missing = [index for index, reading in enumerate(found) if reading is None]
    for index, reading in zip(
        missing, _read(referentiel, [sheets[i] for i in missing]), strict=True
    ):
        memo.keep(keys[index], reading)
        found[index] = reading
    return [reading for reading in found if reading is not None]


def _read(referentiel: Referentiel, sheets: Sequence[AnswerSheet]) -> list[Reading]:
    if not sheets:
        return []
    matrix = answers_matrix(referentiel, [sheet.answers for sheet in sheets])
    factors = ranking_factors(referentiel, [sheet.priorities for sheet in sheets])
    batch = score_matrix(referentiel, matrix, explain=True, factors=factors)
    return [
        _reading(referentiel, sheet, scores_of_row(referentiel, batch, row, sheet))
        for row, sheet in enumerate(sheets)
    ]


def scores_of_row(
    referentiel: Referentiel, batch: BatchScores, row: int, sheet: AnswerSheet
) -> Scores:
    """One row of a batch as the Scores its results page computes (see ``score_answers``)."""
    assert batch.contributions is not None and batch.informed is not None
    lever_scores = batch.levers[row].tolist()
    lever_ranks = ranks(lever_scores)
    points = batch.contributions[row]
    levers = []
    for index, lever_id in enumerate(batch.lever_ids):
        column = points[:, index]
        order = sorted(np.flatnonzero(column > 1e-9), key=lambda q: (-column[q], q))
        questions = [referentiel.questions[q].id for q in order]
        contributions = tuple(
            Contribution(q, float(column[i]), sheet.answers[q])
            for q, i in zip(questions, order, strict=True)
        )
        informed = bool(batch.informed[row, index])
        levers.append(
            LeverResult(lever_id, lever_scores[index], lever_ranks[index], contributions, informed)
        )
    levers.sort(key=lambda result: (result.rank, batch.lever_ids.index(result.id)))
    question_ids = [q.id for q in referentiel.questions]
    return Scores(
        motivations=_motivations(referentiel, batch, row, sheet),
        levers=tuple(levers),
        answered=int(batch.answered[row]),
        total=len(question_ids),
        knowledge_gaps=tuple(q for q in question_ids if sheet.answers.get(q) == UNKNOWN),
        declined=tuple(q for q in question_ids if sheet.answers.get(q) == DECLINED),
        priorities=tuple(sheet.priorities),
    )


def _motivations(
    referentiel: Referentiel, batch: BatchScores, row: int, sheet: AnswerSheet
) -> tuple[MotivationResult, ...]:
    results = []
    for index, motivation in enumerate(referentiel.motivations):
        given = [
            sheet.answers[q.id]
            for q in referentiel.questions_of(motivation.id)
            if q.id in sheet.answers
        ]
        priority, maturity = batch.priority[row, index], batch.maturity[row, index]
        results.append(
            MotivationResult(
                id=motivation.id,
                priority=None if np.isnan(priority) else float(priority),
                maturity=None if np.isnan(maturity) else float(maturity),
                answered=len(given),
                unknown=sum(answer == UNKNOWN for answer in given),
                total=len(referentiel.questions_of(motivation.id)),
            )
        )
    return tuple(results)


def _reading(referentiel: Referentiel, sheet: AnswerSheet, scores: Scores) -> Reading:
    top = recommend(referentiel, sheet, scores)
    rules = referentiel.rules
    return Reading(
        levers=tuple(LeverNeed(r.lever.id, r.need, r.score) for r in top),
        needs={
            lever.id: need_word(result.score, rules) if result.informed else None
            for lever in referentiel.levers
            for result in (scores.lever(lever.id),)
        },
        scores={
            lever.id: result.score if result.informed else None
            for lever in referentiel.levers
            for result in (scores.lever(lever.id),)
        },
        first_actions=tuple(r.actions[0].id for r in top if r.actions),
        unknown=scores.knowledge_gaps,
        declined=scores.declined,
    )
