"""The worked example of docs/methode.md (workshop section), figure by figure, on the miniature."""

from __future__ import annotations

import pytest
from workshop_support import MINI, member

from diagnostic.advice.recommend import recommend
from diagnostic.model import UNKNOWN, QuestionId, TerritoryProfile
from diagnostic.workshop import (
    MIN_GROUP,
    GroupResult,
    LevelSpread,
    QuestionConsensus,
    RoleGap,
    aggregate,
    compare_roles,
    group_sheet,
)

U = UNKNOWN
# questions: emploi_priorite (0-2), emploi_clauses (0-3), emploi_chiffres (0-3),
#            innov_priorite (0-2), innov_tiers_lieux (0-3)
WORKSHOP = [
    member("e1", "elu", 2, 0, 1, 2, 3),
    member("e2", "elu", 2, 1, U, 1, 3),
    member("e3", "elu", 1, 0, U, 2, 2),
    member("a1", "agent", 1, 2, 3, 0, None),
    member("a2", "agent", 2, 3, 2, 1, 0),
    member("a3", "agent", 1, 3, U, 1, 1),
    member("h1", "habitant", 2, 1, 0, 2, None),
]
SUMMARY = aggregate(MINI, WORKSHOP)


def test_progress_counts_levels_and_unknown_answers() -> None:
    assert [(p.key, p.answered, p.total) for p in SUMMARY.progress] == [
        ("e1", 5, 5),
        ("e2", 5, 5),
        ("e3", 5, 5),
        ("a1", 4, 5),
        ("a2", 5, 5),
        ("a3", 5, 5),
        ("h1", 4, 5),
    ]
    assert SUMMARY.joined == SUMMARY.respondents == 7


def test_the_group_answers_with_the_lower_median_or_a_majority_of_unknown() -> None:
    assert SUMMARY.group.answers == {
        "emploi_priorite": 2,
        "emploi_clauses": 1,
        "emploi_chiffres": 1,
        "innov_priorite": 1,
        "innov_tiers_lieux": 2,
    }


def test_the_group_sheet_is_scored_like_a_single_diagnostic() -> None:
    scores = SUMMARY.group.scores
    assert scores is not None
    emploi, innovation = scores.motivations
    assert (emploi.priority, emploi.maturity) == (100.0, pytest.approx(100 / 3, abs=1e-4))
    assert (innovation.priority, innovation.maturity) == (50.0, pytest.approx(200 / 3, abs=1e-4))
    assert [(lever.id, lever.rank) for lever in scores.levers] == [
        ("commande_publique", 1),
        ("observation", 2),
    ]
    assert scores.lever("commande_publique").score == pytest.approx(200 / 3, abs=1e-4)
    assert scores.lever("observation").score == pytest.approx(250 / 6, abs=1e-4)


def test_consensus_per_question() -> None:
    by_id: dict[str, QuestionConsensus] = {q.question: q for q in SUMMARY.questions}
    assert by_id["emploi_chiffres"] == QuestionConsensus(
        QuestionId("emploi_chiffres"),
        7,
        False,
        3,
        LevelSpread(4, ((0, 1), (1, 1), (2, 1), (3, 1)), 1, 2 / 3),
    )
    assert by_id["emploi_priorite"].spread == LevelSpread(7, ((0, 0), (1, 3), (2, 4)), 2, 3 / 7)
    assert by_id["emploi_clauses"].spread == LevelSpread(
        7, ((0, 2), (1, 2), (2, 1), (3, 2)), 1, 2 / 3
    )
    assert by_id["innov_priorite"].spread == LevelSpread(7, ((0, 1), (1, 3), (2, 3)), 1, 4 / 7)
    assert by_id["innov_tiers_lieux"] == QuestionConsensus(
        QuestionId("innov_tiers_lieux"),
        5,
        False,
        0,
        LevelSpread(5, ((0, 1), (1, 1), (2, 1), (3, 2)), 2, 2 / 3),
    )


def test_questions_to_discuss_most_divergent_then_most_answered_first() -> None:
    assert [q.question for q in SUMMARY.to_discuss] == [
        "emploi_clauses",  # 2/3, 7 levels
        "innov_tiers_lieux",  # 2/3, 5 levels
        "emploi_chiffres",  # 2/3, 4 levels
        "innov_priorite",  # 4/7
        "emploi_priorite",  # 3/7
    ]


def test_each_role_of_three_gets_its_own_group_sheet() -> None:
    elus, agents = SUMMARY.roles[0], SUMMARY.roles[1]
    assert (elus.role, elus.respondents, elus.hidden) == ("elu", 3, False)
    assert elus.answers == {
        "emploi_priorite": 2,
        "emploi_clauses": 0,
        "emploi_chiffres": UNKNOWN,  # two of three elected officials do not know
        "innov_priorite": 2,
        "innov_tiers_lieux": 3,
    }
    # innov_tiers_lieux: only two officers answered, fewer than MIN_GROUP
    assert agents.answers == {
        "emploi_priorite": 1,
        "emploi_clauses": 3,
        "emploi_chiffres": 2,
        "innov_priorite": 1,
    }
    assert elus.scores is not None and agents.scores is not None
    # élus: (2 + 3) / (2 + 3 + 1), the "je ne sais pas" on emploi_chiffres counting its weight
    assert elus.scores.lever("commande_publique").score == pytest.approx(500 / 6, abs=1e-4)
    # élus: emploi_chiffres is a foundation not known: 3 + 2 over 3 + 2 + 1 + 2
    assert elus.scores.lever("observation").score == pytest.approx(62.5, abs=1e-4)
    assert agents.scores.lever("commande_publique").score == pytest.approx(50 / 6, abs=1e-4)
    assert agents.scores.lever("observation").score == pytest.approx(100 / 3, abs=1e-4)
    assert agents.scores.motivation("innovation").maturity is None


def test_a_role_with_fewer_than_three_respondents_is_hidden() -> None:
    habitants = SUMMARY.roles[4]
    assert habitants == GroupResult("habitant", 1, True, None, None)
    assert [r.role for r in SUMMARY.roles if not r.hidden] == ["elu", "agent"]
    assert MIN_GROUP == 3


def test_role_gaps_largest_first() -> None:
    gaps = compare_roles(MINI, SUMMARY.roles, "elu", "agent")
    assert [(g.subject, g.item) for g in gaps] == [
        ("maturity", "emploi"),
        ("lever", "commande_publique"),
        ("priority", "emploi"),
        ("priority", "innovation"),
        ("lever", "observation"),
    ]
    assert [g.gap for g in gaps] == pytest.approx([-250 / 3, 75, 50, 50, 62.5 - 100 / 3], abs=1e-4)
    assert gaps[2] == RoleGap("priority", "emploi", "elu", "agent", 100.0, 50.0)
    assert SUMMARY.role_gaps == gaps  # the only pair of visible roles


def test_the_group_sheet_explains_the_recommendations() -> None:
    territory = TerritoryProfile("Communauté de communes du Val", "cc")
    sheet = group_sheet(SUMMARY.group, territory)
    assert sheet is not None
    first = recommend(MINI, sheet, SUMMARY.group.scores)[0]
    assert first.lever.id == "commande_publique"
    assert [(r.question, r.answer) for r in first.reasons] == [
        ("emploi_clauses", 1),
        ("emploi_priorite", 2),
        ("emploi_chiffres", 1),
    ]
    assert [r.points for r in first.reasons] == pytest.approx([100 / 3, 200 / 9, 100 / 9], abs=1e-4)
    assert group_sheet(SUMMARY.roles[4], territory) is None
