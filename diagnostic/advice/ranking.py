"""The officials' ranking reorders the levers: it never lowers the mean need."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]


def keep_mean(needs: FloatArray, target: FloatArray) -> FloatArray:
    """``needs`` scaled up, row by row, to the mean ``target``; no need goes past 100.

    The levers that would pass 100 stay at 100 and the others share the rest; a row that
    cannot reach its target (too few levers with a need) gets as close as it can.
    """
    needs = np.asarray(needs, dtype=np.float64)
    levers = needs.shape[1]
    capped = np.zeros(needs.shape, dtype=bool)
    result = needs.copy()
    for _ in range(levers):
        free = np.where(capped, 0.0, needs).sum(axis=1)
        wanted = target * levers - 100.0 * capped.sum(axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            factor = np.where(free > 0, wanted / free, 1.0)
        factor = np.fmax(factor, 1.0)[:, None]
        result = np.where(capped, 100.0, needs * factor)
        over = result > 100.0
        if not over.any():
            break
        capped |= over
    return np.fmin(result, 100.0)
