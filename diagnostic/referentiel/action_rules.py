"""The ordering columns of ``actions.csv``: an action's stage and its next step's levels."""

from __future__ import annotations

import re

from .tables import Row

_RANGE = re.compile(r"^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$")


def read_stage(row: Row) -> int:
    """The action's stage in its lever (1 = a foundation, first), a whole number from 1."""
    return row.integer("stage", minimum=1) or 1


def read_next_levels(row: Row, has_next: bool, done_from: int | None) -> tuple[int, int] | None:
    """The levels the next step is written for: ``a`` or ``a-b``, inside 1 … done_from − 1.

    Required exactly when a next step is given; a range outside the levels at which the
    action is under way would show the text where it does not fit, so it is refused.
    """
    text = row.text("next_levels")
    if not has_next:
        if text:
            row.problem(
                "next_levels",
                "niveaux donnés sans étape suivante (next_fr, next_en)",
                "levels given without a next step (next_fr, next_en)",
            )
        return None
    match = _RANGE.match(text)
    if match is None:
        row.problem(
            "next_levels",
            f"« {text} » : attendu le ou les niveaux pour lesquels l’étape suivante est écrite, "
            "par exemple 2 ou 1-2",
            f"'{text}': expected the level or levels the next step is written for, "
            "for example 2 or 1-2",
        )
        return None
    low = int(match.group(1))
    high = int(match.group(2) or low)
    if done_from is not None and not 1 <= low <= high <= done_from - 1:
        top = done_from - 1
        fr, en = ("1", "1") if top <= 1 else (f"de 1 à {top}", f"1 to {top}")
        row.problem(
            "next_levels",
            f"l’étape suivante ne peut servir qu’aux niveaux où l’action est engagée ({fr}) ; "
            f"trouvé : {text}",
            f"the next step can only serve the levels at which the action is under way ({en}); "
            f"found: {text}",
        )
        return None
    return (low, high)
