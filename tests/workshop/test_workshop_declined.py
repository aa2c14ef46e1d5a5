"""« Non pertinent / choix assumé » in a workshop: the group declines only by a strict majority."""

from __future__ import annotations

from workshop_support import MINI, member

from diagnostic.model import DECLINED, UNKNOWN
from diagnostic.workshop import aggregate, group_answers

D, U = DECLINED, UNKNOWN


def test_a_strict_majority_declining_makes_the_group_decline() -> None:
    people = [
        member("e1", "elu", 2, 0, 1, 2, D),
        member("e2", "elu", 2, 1, 1, 1, D),
        member("a1", "agent", 1, 0, 1, 2, D),
        member("a2", "agent", 1, 0, 1, 2, 3),
    ]
    assert group_answers(MINI, people)["innov_tiers_lieux"] == DECLINED
    summary = aggregate(MINI, people)
    assert summary.group.scores is not None
    assert summary.group.scores.declined == ("innov_tiers_lieux",)
    assert all(p.answered == 5 for p in summary.progress)


def test_a_minority_declining_leaves_the_median_of_the_others() -> None:
    people = [
        member("e1", "elu", 2, 0, 1, 2, D),
        member("e2", "elu", 2, 1, 1, 1, D),
        member("a1", "agent", 1, 0, 1, 2, 1),
        member("a2", "agent", 1, 0, 1, 2, 3),
        member("a3", "agent", 1, 0, 1, 2, U),
    ]
    # 2 declined out of 5: the three others answer; levels 1 and 3 outnumber one "je ne sais pas"
    assert group_answers(MINI, people)["innov_tiers_lieux"] == 1
