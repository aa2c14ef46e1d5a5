"""Scoring speed: 100,000 synthetic respondents against the floor and a per-respondent loop.

Prints figures; asserts nothing. Run: ``python benchmarks/bench_scoring.py [N]``.
"""

from __future__ import annotations

import sys

import numpy as np
from timing import best_of

from diagnostic.advice.matrix import UNKNOWN_CODE, compile_model, score_matrix
from diagnostic.referentiel.load import load_referentiel
from diagnostic.settings import Settings


def synthetic(n: int, minimum: np.ndarray, maximum: np.ndarray, seed: int = 7) -> np.ndarray:
    """Random valid answers: 10 % unanswered, 8 % "je ne sais pas"."""
    rng = np.random.default_rng(seed)
    levels = rng.integers(minimum, maximum + 1, size=(n, len(minimum))).astype(np.float64)
    draw = rng.random(levels.shape)
    levels[draw < 0.10] = np.nan
    levels[(draw >= 0.10) & (draw < 0.18)] = UNKNOWN_CODE
    return levels


def main(n: int = 100_000) -> None:
    referentiel = load_referentiel(Settings.from_env().referentiel_dir)
    model = compile_model(referentiel)
    answers = synthetic(n, model.minimum, model.maximum)
    clean = np.nan_to_num(answers)
    score_matrix(referentiel, answers[:10])  # warm-up

    floor = best_of(7, lambda: clean @ model.weights)
    batch = best_of(7, lambda: score_matrix(referentiel, answers))
    sample = min(n, 2_000)
    loop = best_of(
        3, lambda: [score_matrix(referentiel, answers[i : i + 1]) for i in range(sample)]
    )
    loop_full = loop * n / sample

    q, lv = model.weights.shape
    print(f"respondents: {n:,}  questions: {q}  levers: {lv}")
    print(f"floor (bare numpy matmul {n}x{q} @ {q}x{lv}): {floor * 1000:8.2f} ms")
    print(f"score_matrix, all respondents at once:      {batch * 1000:8.2f} ms")
    print(f"per-respondent loop (extrapolated from {sample:,}): {loop_full * 1000:8.0f} ms")
    print(f"ratio batch / floor: {batch / floor:6.2f}  (target <= 3)")
    print(f"ratio loop / batch:  {loop_full / batch:6.0f}")
    print(f"per respondent, batch: {batch / n * 1e6:.3f} µs")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
