"""The statistics behind consensus: counts per group, lower median, Leik's dispersion."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from numpy.testing import assert_array_equal

from diagnostic.export.workshop.answers import answer_line, group_answer_text
from diagnostic.model import QuestionId
from diagnostic.referentiel.load import load_referentiel
from diagnostic.workshop.divergence import (
    SPLIT_DIVERGENCE,
    UNKNOWN_SHARE,
    LevelSpread,
    QuestionConsensus,
    Tallies,
    divergence,
    group_codes,
    lower_median,
    questions_to_discuss,
    tally,
    to_discuss,
)

DATA = Path(__file__).resolve().parents[2] / "data"

NAN = np.nan


def counts(*rows: list[int]) -> np.ndarray:
    return np.array(rows, dtype=np.int64)


def test_tally_counts_each_group_in_one_product() -> None:
    # three participants, two questions; -1 is "je ne sais pas", NaN unanswered
    matrix = np.array([[0.0, -1.0], [2.0, NAN], [2.0, -1.0]])
    groups = np.array([[True, True, True], [False, True, True], [False, False, False]])
    result = tally(matrix, groups, top=3)
    assert result.levels.tolist() == [
        [[1, 0, 2, 0], [0, 0, 0, 0]],
        [[0, 0, 2, 0], [0, 0, 0, 0]],
        [[0, 0, 0, 0], [0, 0, 0, 0]],
    ]
    assert result.unknown.tolist() == [[0, 2], [0, 1], [0, 0]]
    assert result.answered.tolist() == [[3, 2], [2, 1], [0, 0]]


def test_lower_median_of_an_even_count_is_the_lower_middle_level() -> None:
    # levels 1, 1, 3, 4 -> 1 ; levels 0, 2, 2 -> 2 ; nobody -> -1
    assert lower_median(counts([0, 2, 0, 1, 1], [1, 0, 2, 0, 0], [0, 0, 0, 0, 0])).tolist() == [
        1,
        2,
        -1,
    ]


def test_divergence_examples() -> None:
    span = np.array([4.0])
    assert divergence(counts([0, 0, 5, 0, 0]), span).tolist() == [0.0]  # all agree
    assert divergence(counts([3, 0, 0, 0, 3]), span).tolist() == [1.0]  # two opposite halves
    # 0, 1, 1, 3, 4: mean distance to the median 1 is 6/5, over half the span 2 -> 0.6
    assert divergence(counts([1, 2, 0, 1, 1]), span).tolist() == [0.6]
    # two at one end, one at the other: the most an odd count of 3 can reach
    assert divergence(counts([2, 0, 0, 0, 1]), span).tolist() == [2 / 3]
    assert np.isnan(divergence(counts([0, 0, 0, 0, 0]), span)).all()


def test_divergence_uses_each_question_own_scale() -> None:
    # a 0-2 scale (padded to 0-4 like every question) and a 0-4 scale, both polarised
    levels = counts([1, 0, 1, 0, 0], [1, 0, 0, 0, 1])
    assert divergence(levels, np.array([2.0, 4.0])).tolist() == [1.0, 1.0]


def test_group_codes_majority_unknown_and_quorum() -> None:
    tallies = Tallies(
        levels=counts([0, 1, 1, 0], [0, 2, 0, 0], [0, 1, 0, 0], [0, 0, 0, 0], [3, 0, 0, 1])[None],
        unknown=np.array([[1, 2, 0, 0, 0]]),
    )
    # 1,2 + one unknown -> 1 ; two levels vs two unknown -> unknown ; one level -> 1 ;
    # nobody -> NaN ; 0,0,0,3 -> 0
    assert_array_equal(group_codes(tallies, quorum=1)[0], [1.0, -1.0, 1.0, NAN, 0.0])
    assert_array_equal(group_codes(tallies, quorum=3)[0], [1.0, -1.0, NAN, NAN, 0.0])


def consensus_of(levels: list[int], unknown: int) -> QuestionConsensus:
    """A visible question whose levels 0..3 were chosen ``levels`` times, plus ``unknown``."""
    counted = counts(levels)
    value = float(divergence(counted, np.array([3.0]))[0])
    median = int(lower_median(counted)[0])
    spread = LevelSpread(sum(levels), tuple(enumerate(levels)), median, value)
    return QuestionConsensus(QuestionId("q"), sum(levels) + unknown, False, unknown, spread)


def test_a_group_in_two_camps_is_split_but_two_neighbouring_halves_are_not() -> None:
    assert consensus_of([4, 0, 0, 4], 0).split  # 1.0
    assert consensus_of([2, 2, 2, 2], 0).split  # an even spread over four levels: 0.67
    assert not consensus_of([0, 4, 4, 0], 0).split  # 0.33
    assert not consensus_of([1, 3, 3, 1], 0).split  # 0.5, below SPLIT_DIVERGENCE
    assert SPLIT_DIVERGENCE == 0.6  # the threshold docs/methode.md documents


def test_minority_unknowns_put_an_agreed_question_on_the_list_to_discuss() -> None:
    agreed = consensus_of([0, 0, 5, 0], 0)
    assert not to_discuss(agreed)
    assert to_discuss(consensus_of([0, 0, 6, 0], 2))  # 2 of 8: a quarter
    assert not to_discuss(consensus_of([0, 0, 7, 0], 2))  # 2 of 9: below a quarter
    assert UNKNOWN_SHARE == 0.25
    listed = questions_to_discuss([agreed, consensus_of([0, 0, 5, 0], 3)])
    assert [q.unknown for q in listed] == [3]


def test_a_split_question_is_worded_as_divided_with_its_distribution() -> None:
    referentiel = load_referentiel(DATA)
    question = referentiel.questions[0]
    scale = referentiel.scale(question.scale)
    low, high = scale.values()[0], scale.values()[-1]
    levels = [0] * (max(scale.values()) + 1)
    levels[low], levels[high] = 4, 4
    counted = counts(levels)
    span = np.array([float(high - low)])
    spread = LevelSpread(8, tuple((v, levels[v]) for v in scale.values()), low, 1.0)
    assert float(divergence(counted, span)[0]) == 1.0
    split = QuestionConsensus(question.id, 11, False, 3, spread)
    line = answer_line(referentiel, split, "fr")
    low_label, high_label = scale.label(low, "fr"), scale.label(high, "fr")
    assert line == (
        f"Avis partagés\u00a0: 4\u00a0«\u00a0{low_label}\u00a0», 4\u00a0«\u00a0{high_label}\u00a0»,"
        " 3\u00a0«\u00a0Je ne sais pas\u00a0»."
    )
    assert group_answer_text(referentiel, split, "en") == "Views divided"
    agreed = QuestionConsensus(question.id, 7, False, 2, LevelSpread(5, ((low, 5),), low, 0.0))
    assert answer_line(referentiel, agreed, "fr") == (
        f"Réponse du groupe\u00a0: {low_label} (2\u00a0«\u00a0je ne sais pas\u00a0»)."
    )
