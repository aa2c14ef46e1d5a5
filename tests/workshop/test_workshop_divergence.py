"""The statistics behind consensus: counts per group, lower median, Leik's dispersion."""

from __future__ import annotations

import numpy as np
from numpy.testing import assert_array_equal

from diagnostic.divergence import Tallies, divergence, group_codes, lower_median, tally

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
