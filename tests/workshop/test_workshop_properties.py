"""Properties of the group result, the divergence and the hiding of small groups."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from workshop_support import REFERENTIELS, full_sheets, participants, roles, sheets

from diagnostic.advice.scoring import score_answers
from diagnostic.model import ROLES, UNKNOWN, Referentiel
from diagnostic.workshop import (
    MIN_GROUP,
    Participant,
    WorkshopSummary,
    aggregate,
    compare_roles,
    group_answers,
    group_scores,
)

BOTH = pytest.mark.parametrize("referentiel", REFERENTIELS.values(), ids=REFERENTIELS.keys())
FEW = settings(max_examples=40, deadline=None)


@BOTH
@FEW
@given(data=st.data(), count=st.integers(MIN_GROUP, 10))
def test_identical_answers_have_zero_divergence(
    referentiel: Referentiel, data: st.DataObject, count: int
) -> None:
    sheet = data.draw(sheets(referentiel).filter(bool))
    members = [Participant(f"p{i}", data.draw(roles()), sheet) for i in range(count)]
    summary = aggregate(referentiel, members)
    spreads = [q.spread for q in summary.questions if q.spread is not None]
    assert all(spread.divergence == 0.0 for spread in spreads)
    assert len(spreads) == sum(answer != UNKNOWN for answer in sheet.values())
    assert summary.to_discuss == ()
    assert summary.group.answers == sheet
    assert summary.group.scores == score_answers(referentiel, sheet)
    assert all(gap.gap == 0.0 for gap in summary.role_gaps)


@BOTH
@FEW
@given(data=st.data())
def test_the_group_of_one_participant_is_their_single_diagnostic(
    referentiel: Referentiel, data: st.DataObject
) -> None:
    sheet = data.draw(sheets(referentiel))
    alone = [Participant("p0", data.draw(roles()), sheet)]
    assert group_answers(referentiel, alone, quorum=1) == sheet
    assert group_scores(referentiel, alone, quorum=1) == score_answers(referentiel, sheet)
    summary = aggregate(referentiel, alone)  # but the dashboard shows nothing of one person
    assert summary.group.hidden and summary.group.scores is None
    assert all(q.hidden for q in summary.questions)


@BOTH
@FEW
@given(data=st.data())
def test_the_order_of_participants_changes_nothing(
    referentiel: Referentiel, data: st.DataObject
) -> None:
    members = data.draw(participants(referentiel, max_size=10))
    shuffled = data.draw(st.permutations(members))
    first, second = aggregate(referentiel, members), aggregate(referentiel, shuffled)
    assert set(first.progress) == set(second.progress)
    assert dataclasses.replace(first, progress=()) == dataclasses.replace(second, progress=())


@BOTH
@FEW
@given(data=st.data())
def test_divergence_is_in_the_unit_interval_and_is_the_mean_distance_to_the_median(
    referentiel: Referentiel, data: st.DataObject
) -> None:
    members = data.draw(participants(referentiel, max_size=12))
    for item in aggregate(referentiel, members).questions:
        if item.spread is None:
            continue
        scale = referentiel.scale(referentiel.question(item.question).scale)
        answers = [p.answers.get(item.question) for p in members]
        levels = sorted(level for level in answers if isinstance(level, int))
        median = levels[(len(levels) - 1) // 2]
        distance = sum(abs(level - median) for level in levels) / len(levels)
        assert 0.0 <= item.spread.divergence <= 1.0
        assert item.spread.median == median
        assert item.spread.divergence == pytest.approx(distance / ((scale.max - scale.min) / 2))


@BOTH
@FEW
@given(data=st.data())
def test_the_lower_median_is_what_a_strict_majority_reached(
    referentiel: Referentiel, data: st.DataObject
) -> None:
    members = data.draw(participants(referentiel, min_size=1, max_size=12))
    for question_id, answer in group_answers(referentiel, members, quorum=1).items():
        given_ = [p.answers[question_id] for p in members if question_id in p.answers]
        levels = [level for level in given_ if isinstance(level, int)]
        if answer == UNKNOWN:
            assert len(levels) * 2 <= len(given_)
            continue
        assert len(levels) * 2 > len(given_)
        assert sum(level >= answer for level in levels) * 2 > len(levels)
        assert sum(level > answer for level in levels) * 2 <= len(levels)


@BOTH
@FEW
@given(data=st.data(), half=st.integers(2, 8))
def test_two_opposite_halves_have_divergence_one(
    referentiel: Referentiel, data: st.DataObject, half: int
) -> None:
    question = data.draw(st.sampled_from(referentiel.questions))
    scale = referentiel.scale(question.scale)
    ends = [scale.min] * half + [scale.max] * half
    members = [
        Participant(f"p{i}", data.draw(roles()), {question.id: level})
        for i, level in enumerate(ends)
    ]
    item = next(q for q in aggregate(referentiel, members).questions if q.question == question.id)
    assert item.spread is not None
    assert item.spread.divergence == 1.0
    assert item.spread.median == scale.min


@BOTH
@FEW
@given(data=st.data())
def test_every_part_shown_rests_on_three_respondents_or_more(
    referentiel: Referentiel, data: st.DataObject
) -> None:
    members = data.draw(participants(referentiel, max_size=14))
    summary = aggregate(referentiel, members)
    check_hidden_parts(summary)


def check_hidden_parts(summary: WorkshopSummary) -> None:
    for result in (summary.group, *summary.roles):
        assert result.hidden == (result.respondents < MIN_GROUP)
        assert (result.scores is None) == result.hidden == (result.answers is None)
    for item in summary.questions:
        assert item.hidden == (item.respondents < MIN_GROUP)
        if item.hidden:
            assert item.unknown is None and item.spread is None
        if item.spread is not None:
            assert item.spread.given >= MIN_GROUP
    visible = {result.role for result in summary.roles if not result.hidden}
    assert all({gap.first, gap.second} <= visible for gap in summary.role_gaps)
    assert all(q.spread is not None for q in summary.to_discuss)


@BOTH
@FEW
@given(data=st.data())
def test_a_role_or_a_question_with_two_respondents_is_hidden(
    referentiel: Referentiel, data: st.DataObject
) -> None:
    pair_role = data.draw(roles())
    others = data.draw(st.lists(st.sampled_from([r for r in ROLES if r != pair_role]), max_size=8))
    question = data.draw(st.sampled_from(referentiel.questions))
    scale = referentiel.scale(question.scale)
    answers = st.one_of(st.just(UNKNOWN), st.integers(scale.min, scale.max))
    everyone = [pair_role, pair_role, *others]
    members = [
        Participant(f"p{i}", role, {question.id: data.draw(answers)} if i < 2 else {})
        for i, role in enumerate(everyone)
    ]
    summary = aggregate(referentiel, members)
    check_hidden_parts(summary)
    role = summary.roles[ROLES.index(pair_role)]
    assert (role.respondents, role.hidden, role.scores) == (2, True, None)
    item = next(q for q in summary.questions if q.question == question.id)
    assert (item.respondents, item.hidden, item.unknown, item.spread) == (2, True, None, None)
    assert all(pair_role not in (gap.first, gap.second) for gap in summary.role_gaps)


@BOTH
@FEW
@given(data=st.data())
def test_role_gaps_are_antisymmetric(referentiel: Referentiel, data: st.DataObject) -> None:
    first, second = data.draw(roles()), data.draw(roles())
    members = [
        Participant(f"p{i}", role, data.draw(full_sheets(referentiel)))
        for i, role in enumerate([first] * MIN_GROUP + [second] * MIN_GROUP)
    ]
    summary = aggregate(referentiel, members)
    there = compare_roles(referentiel, summary.roles, first, second)
    back = compare_roles(referentiel, summary.roles, second, first)
    assert len(there) == 2 * len(referentiel.motivations) + len(referentiel.levers)
    assert [(g.subject, g.item) for g in there] == [(g.subject, g.item) for g in back]
    assert [g.gap for g in there] == [-g.gap for g in back]
    assert [abs(g.gap) for g in there] == sorted((abs(g.gap) for g in there), reverse=True)


@BOTH
@FEW
@given(data=st.data(), quorum=st.integers(1, 5))
def test_a_question_answered_by_fewer_than_the_quorum_gets_no_group_answer(
    referentiel: Referentiel, data: st.DataObject, quorum: int
) -> None:
    members = data.draw(participants(referentiel, max_size=8))
    answers = group_answers(referentiel, members, quorum=quorum)
    for question in referentiel.questions:
        answered = sum(question.id in p.answers for p in members)
        assert (question.id in answers) == (answered >= quorum)
