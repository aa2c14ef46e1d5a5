"""Workshop dashboard speed: aggregating 40 participants against scoring one diagnostic.

Prints figures; asserts nothing. Run: ``python benchmarks/bench_workshop_aggregation.py [N]``.
The target is well under 50 ms for 40 participants on the shipped référentiel.
"""

from __future__ import annotations

import sys

import numpy as np
from timing import best_of, random_answers

from diagnostic.advice.scoring import score_answers
from diagnostic.model import ROLES, Referentiel
from diagnostic.referentiel.load import load_referentiel
from diagnostic.settings import Settings
from diagnostic.workshop import Participant, aggregate

TARGET_MS = 50.0


def synthetic(referentiel: Referentiel, count: int, seed: int = 11) -> list[Participant]:
    """Random participants over every role: 10 % unanswered, 8 % "je ne sais pas"."""
    rng = np.random.default_rng(seed)
    people = []
    for index in range(count):
        answers = random_answers(referentiel, rng)
        people.append(Participant(f"p{index}", ROLES[index % len(ROLES)], answers))
    return people


def main(count: int = 40) -> None:
    referentiel = load_referentiel(Settings.from_env().referentiel_dir)
    people = synthetic(referentiel, count)
    single = people[0].answers
    aggregate(referentiel, people)  # warm-up: compiles and caches the scoring model

    baseline = best_of(200, lambda: score_answers(referentiel, single))
    workshop = best_of(50, lambda: aggregate(referentiel, people))
    summary = aggregate(referentiel, people)
    visible = sum(not role.hidden for role in summary.roles)

    print(f"participants: {count}  questions: {len(referentiel.questions)}  roles shown: {visible}")
    print(f"score_answers, one diagnostic:          {baseline * 1000:8.3f} ms")
    print(f"aggregate, whole dashboard (best of 50): {workshop * 1000:8.3f} ms")
    print(f"ratio aggregate / one diagnostic:       {workshop / baseline:8.1f}")
    print(
        f"share of the {TARGET_MS:.0f} ms target:              {workshop * 1000 / TARGET_MS:8.1%}"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 40)
