"""Two diagnostics of one territory side by side: scores then and now, answers that moved."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal, NamedTuple

import numpy as np
import numpy.typing as npt

from ..advice.matrix import BatchScores, answers_matrix, ranking_factors, score_matrix
from ..errors import AnswersError
from ..model import (
    Answer,
    AnswerSheet,
    LeverId,
    MotivationId,
    QuestionId,
    Referentiel,
    TerritoryProfile,
)
from .model import PlanAction, Status
from .versions import MappingError, expressed_in, mappable

Direction = Literal["up", "down", "changed"]
SAME = 1e-9


class ComparisonError(AnswersError):
    """Two diagnostics that cannot be compared (other territory, unmappable référentiel)."""


class Change(NamedTuple):
    """A 0-100 value then and now; None where nothing was answered."""

    before: float | None
    after: float | None

    @property
    def delta(self) -> float | None:
        """Now minus then, None when either is missing."""
        if self.before is None or self.after is None:
            return None
        return self.after - self.before

    @property
    def moved(self) -> bool:
        if self.before is None or self.after is None:
            return (self.before is None) != (self.after is None)
        return abs(self.after - self.before) > SAME


class MotivationChange(NamedTuple):
    """A motivation's priority and maturity, then and now."""

    id: MotivationId
    priority: Change
    maturity: Change


class LeverChange(NamedTuple):
    """A lever's need, then and now."""

    id: LeverId
    need: Change


class AnswerChange(NamedTuple):
    """A question whose answer moved: up or down the scale, or to or from no answer,
    « je ne sais pas » or « non pertinent / choix assumé » (``changed``)."""

    question: QuestionId
    before: Answer | None
    after: Answer | None
    direction: Direction


@dataclass(frozen=True)
class PlanLine:
    """A line of the later plan, with its status in the earlier plan when it was there."""

    action: PlanAction
    before: Status | None


@dataclass(frozen=True)
class Comparison:
    """What moved between an earlier and a later diagnostic of the same territory."""

    territory: TerritoryProfile
    earlier_date: dt.date | None
    later_date: dt.date | None
    motivations: tuple[MotivationChange, ...]
    levers: tuple[LeverChange, ...]
    answers: tuple[AnswerChange, ...]
    plan: tuple[PlanLine, ...]

    @property
    def up(self) -> tuple[AnswerChange, ...]:
        return tuple(change for change in self.answers if change.direction == "up")

    @property
    def down(self) -> tuple[AnswerChange, ...]:
        return tuple(change for change in self.answers if change.direction == "down")

    @property
    def unchanged(self) -> bool:
        """True when nothing differs: scores, answers and the plan's statuses."""
        scores = [m.priority for m in self.motivations] + [m.maturity for m in self.motivations]
        scores += [lever.need for lever in self.levers]
        statuses = [line for line in self.plan if line.before != line.action.status]
        return not self.answers and not statuses and not any(c.moved for c in scores)


def same_territory(first: TerritoryProfile, second: TerritoryProfile) -> bool:
    """Same SIREN when both have one; else same type and same name (case and accents aside)."""
    if first.siren and second.siren:
        return first.siren == second.siren
    return first.type == second.type and _folded(first.name) == _folded(second.name)


@lru_cache(maxsize=4096)
def _folded(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def check_comparable(referentiel: Referentiel, earlier: AnswerSheet, later: AnswerSheet) -> None:
    """Raise ComparisonError unless both sheets are of one territory and one référentiel."""
    if not same_territory(earlier.territory, later.territory):
        raise ComparisonError(
            f"Les deux diagnostics ne portent pas sur le même territoire "
            f"(« {earlier.territory.name} » et « {later.territory.name} ») : "
            "la comparaison est impossible.",
            f"The two diagnostics are not about the same territory "
            f"('{earlier.territory.name}' and '{later.territory.name}'): "
            "no comparison is possible.",
        )
    for sheet in (earlier, later):
        # answers read from a file or the database are already carried over when mappable
        if not mappable(sheet.referentiel_version, referentiel):
            raise MappingError(
                f"Un des diagnostics a été fait avec la version « {sheet.referentiel_version} » "
                f"du référentiel, qui ne peut pas être mise en correspondance avec la version "
                f"« {referentiel.version} » : la comparaison est impossible.",
                f"One diagnostic was made with référentiel version '{sheet.referentiel_version}', "
                f"which cannot be mapped to version '{referentiel.version}': no comparison "
                "is possible.",
            )


def compare(referentiel: Referentiel, earlier: AnswerSheet, later: AnswerSheet) -> Comparison:
    """What moved from ``earlier`` to ``later``; ComparisonError if they cannot be compared."""
    return compare_many(referentiel, [(earlier, later)])[0]


def comparison_of(referentiel: Referentiel, sheet: AnswerSheet) -> Comparison | None:
    """The comparison of a re-diagnosis with the diagnostic it follows, None for a first one."""
    if sheet.previous is None:
        return None
    check_comparable(referentiel, sheet.previous, sheet)
    # a kept copy is stored as it was made; its own diagnostic was mapped the same way
    return compare(referentiel, expressed_in(referentiel, sheet.previous), sheet)


def comparison_for_report(referentiel: Referentiel, sheet: AnswerSheet) -> Comparison | None:
    """The comparison a report shows, None when there is none or it cannot be made.

    The app says why a comparison cannot be made; a report leaves the section out.
    """
    try:
        return comparison_of(referentiel, sheet)
    except AnswersError:
        return None


def compare_many(
    referentiel: Referentiel, pairs: Sequence[tuple[AnswerSheet, AnswerSheet]]
) -> list[Comparison]:
    """Compare many (earlier, later) pairs, scoring all of them in one batch."""
    for earlier, later in pairs:
        check_comparable(referentiel, earlier, later)
    sheets = [sheet for pair in pairs for sheet in pair]
    matrix = answers_matrix(referentiel, [sheet.answers for sheet in sheets])
    # each side scored as its own results page: its answers and its officials' ranking
    factors = ranking_factors(referentiel, [sheet.priorities for sheet in sheets])
    batch = score_matrix(referentiel, matrix, factors=factors)
    columns = _Columns(batch, matrix, tuple(q.id for q in referentiel.questions))
    return [
        _comparison(columns, 2 * index, earlier, later)
        for index, (earlier, later) in enumerate(pairs)
    ]


class _Columns:
    """The batch's arrays as plain lists (None for NaN), read row by row."""

    def __init__(
        self,
        batch: BatchScores,
        matrix: npt.NDArray[np.float64],
        questions: tuple[QuestionId, ...],
    ) -> None:
        self.motivations = batch.motivation_ids
        self.levers = batch.lever_ids
        self.questions = questions
        self.priority = _plain(batch.priority)
        self.maturity = _plain(batch.maturity)
        self.needs: list[list[float]] = batch.levers.tolist()
        before, after = matrix[0::2], matrix[1::2]
        same = (before == after) | (np.isnan(before) & np.isnan(after))
        # Per pair, the columns whose answer differs.
        self.moved: list[list[int]] = [np.flatnonzero(~row).tolist() for row in same]


def _plain(values: npt.NDArray[np.float64]) -> list[list[float | None]]:
    return [[None if v != v else v for v in row] for row in values.tolist()]


def _comparison(
    columns: _Columns, row: int, earlier: AnswerSheet, later: AnswerSheet
) -> Comparison:
    then, now = row, row + 1
    priority, maturity, needs = columns.priority, columns.maturity, columns.needs
    motivations = tuple(
        MotivationChange(
            motivation,
            Change(priority[then][i], priority[now][i]),
            Change(maturity[then][i], maturity[now][i]),
        )
        for i, motivation in enumerate(columns.motivations)
    )
    levers = tuple(
        LeverChange(lever, Change(needs[then][i], needs[now][i]))
        for i, lever in enumerate(columns.levers)
    )
    before_plan = {action.id: action.status for action in earlier.plan}
    moved = []
    for index in columns.moved[row // 2]:
        question = columns.questions[index]
        before, after = earlier.answers.get(question), later.answers.get(question)
        moved.append(AnswerChange(question, before, after, _direction(before, after)))
    return Comparison(
        territory=later.territory,
        earlier_date=earlier.territory.date,
        later_date=later.territory.date,
        motivations=motivations,
        levers=levers,
        answers=tuple(moved),
        plan=tuple(PlanLine(action, before_plan.get(action.id)) for action in later.plan),
    )


def _direction(before: Answer | None, after: Answer | None) -> Direction:
    """Up or down between two levels; « changed » to or from no answer, unknown or declined."""
    if not isinstance(before, int) or not isinstance(after, int):
        return "changed"
    return "up" if after > before else "down"
