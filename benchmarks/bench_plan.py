"""Speed of the feuille de route and the comparison over time.

Prints figures; asserts nothing. Run: ``python benchmarks/bench_plan.py``.

1. The PDF of a re-diagnosis with a 20-action plan and the comparison section, warm
   (target: under 0.3 s), against the same diagnostic's PDF without plan nor
   comparison, measured in the same run.
2. The comparison of 1,000 pairs of diagnostics through the batch scorer (target:
   under 1 s), against the same 1,000 pairs scored one diagnostic at a time with
   ``score_answers``, measured in the same run.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import time

import numpy as np
from timing import best_of, random_answers

from diagnostic.advice.scoring import score_answers
from diagnostic.export.pdf import to_pdf
from diagnostic.model import AnswerSheet, Referentiel, TerritoryProfile
from diagnostic.plan.compare import compare, compare_many
from diagnostic.plan.model import STATUSES, PlanAction, Quarter
from diagnostic.referentiel.load import load_referentiel
from diagnostic.settings import Settings

PDF_TARGET = 0.3
PAIRS = 1_000
PAIRS_TARGET = 1.0
PLAN_LINES = 20
PROFILE = TerritoryProfile(
    "Communauté de communes du Val d’Œuvre", "cc", date=dt.date(2027, 11, 20)
)


def sheet(referentiel: Referentiel, rng: np.random.Generator) -> AnswerSheet:
    answers = random_answers(referentiel, rng, unanswered=0.05, unknown=0.10)
    return AnswerSheet(PROFILE, answers, {}, referentiel.version)


def plan(referentiel: Referentiel) -> tuple[PlanAction, ...]:
    """Twenty lines taken from the référentiel's actions, every field filled."""
    lines = []
    for number, action in enumerate(referentiel.actions[:PLAN_LINES]):
        lines.append(
            PlanAction(
                f"l{number}",
                action.label.fr,
                dt.date(2026, 11, 20),
                action.id,
                action.lever,
                owner="Vice-présidente au développement économique, service économie",
                partners="CRESS, CNFPT, URSCOP",
                quarter=Quarter(2027, 1 + number % 4),
                status=STATUSES[number % len(STATUSES)],
                note="Point d’étape au prochain conseil communautaire. " * 3,
            )
        )
    return tuple(lines)


def one_at_a_time(referentiel: Referentiel, pairs: list[tuple[AnswerSheet, AnswerSheet]]) -> None:
    """The baseline: each side scored on its own, then the differences taken."""
    for earlier, later in pairs:
        before = score_answers(referentiel, earlier.answers)
        after = score_answers(referentiel, later.answers)
        for lever in before.levers:
            _ = after.lever(lever.id).score - lever.score
        _ = [q for q in referentiel.questions if earlier.answer(q.id) != later.answer(q.id)]


def main() -> None:
    referentiel = load_referentiel(Settings.from_env().referentiel_dir)
    rng = np.random.default_rng(7)
    earlier = sheet(referentiel, rng)
    later = dataclasses.replace(
        sheet(referentiel, rng),
        plan=plan(referentiel),
        previous=dataclasses.replace(earlier, plan=plan(referentiel)[:10]),
    )
    assert len(later.plan) == PLAN_LINES
    plain = dataclasses.replace(later, plan=(), previous=None)
    comparison = compare(referentiel, earlier, later)
    to_pdf(referentiel, later, comparison=comparison)  # warm fonts and caches
    with_plan = best_of(5, lambda: to_pdf(referentiel, later, comparison=comparison))
    without = best_of(5, lambda: to_pdf(referentiel, plain))
    cpu_with = best_of(
        5, lambda: to_pdf(referentiel, later, comparison=comparison), time.process_time
    )
    cpu_without = best_of(5, lambda: to_pdf(referentiel, plain), time.process_time)
    verdict = "ok" if with_plan < PDF_TARGET else "SLOW"
    print(
        f"PDF with a {PLAN_LINES}-action plan and the comparison: {with_plan:.3f} s "
        f"(target < {PDF_TARGET} s: {verdict}); baseline without them: {without:.3f} s "
        f"(+{with_plan - without:.3f} s). Processor time: {cpu_with:.3f} s against "
        f"{cpu_without:.3f} s"
    )
    pairs = [(sheet(referentiel, rng), sheet(referentiel, rng)) for _ in range(PAIRS)]
    compare_many(referentiel, pairs[:10])
    batch = best_of(3, lambda: compare_many(referentiel, pairs))
    single = best_of(1, lambda: one_at_a_time(referentiel, pairs))
    verdict = "ok" if batch < PAIRS_TARGET else "SLOW"
    print(
        f"Comparison of {PAIRS} pairs through the batch scorer: {batch:.3f} s "
        f"(target < {PAIRS_TARGET} s: {verdict}); baseline one diagnostic at a time: "
        f"{single:.3f} s ({single / batch:.0f}× slower)"
    )


if __name__ == "__main__":
    main()
