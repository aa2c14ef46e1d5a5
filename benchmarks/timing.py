"""What the benchmark scripts share: a best-of timer and random answers that fit a référentiel."""

from __future__ import annotations

import time
from collections.abc import Callable

import numpy as np

from diagnostic.model import UNKNOWN, Answer, QuestionId, Referentiel


def best_of(repeat: int, run: Callable[[], object]) -> float:
    """The fastest of ``repeat`` runs, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def random_answers(
    referentiel: Referentiel,
    rng: np.random.Generator,
    unanswered: float = 0.10,
    unknown: float = 0.08,
) -> dict[QuestionId, Answer]:
    """One respondent's answers: a share left unanswered, a share of "je ne sais pas"."""
    answers: dict[QuestionId, Answer] = {}
    for question in referentiel.questions:
        draw = rng.random()
        if draw < unanswered:
            continue
        scale = referentiel.scale(question.scale)
        level = int(rng.integers(scale.min, scale.max + 1))
        answers[question.id] = UNKNOWN if draw < unanswered + unknown else level
    return answers
