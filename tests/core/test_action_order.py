"""Which action comes first in a lever: properties over any answers, territory and ranking."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from diagnostic import UNKNOWN, load_referentiel
from diagnostic.advice.recommend import ChosenAction, explain_all, need_figure, need_word
from diagnostic.advice.scoring import score_sheet
from diagnostic.model import (
    DECLINED,
    TERRITORY_TYPES,
    Answer,
    AnswerSheet,
    MotivationId,
    QuestionId,
    TerritoryProfile,
)
from diagnostic.settings import PROJECT_DATA

FULL = load_referentiel(PROJECT_DATA)


@st.composite
def sheets(draw: st.DrawFn) -> AnswerSheet:
    """Any territory, any answers (unanswered, "je ne sais pas", declined, a level), any ranking."""
    answers: dict[QuestionId, Answer] = {}
    for question in FULL.questions:
        scale = FULL.scale(question.scale)
        options: list[Answer | None] = [None, UNKNOWN, *scale.values()]
        if question.declinable:
            options.append(DECLINED)
        answer = draw(st.sampled_from(options))
        if answer is not None:
            answers[question.id] = answer
    territory = TerritoryProfile(
        name="Territoire",
        type=draw(st.sampled_from(TERRITORY_TYPES)),
        population=draw(st.one_of(st.none(), st.integers(500, 900_000))),
    )
    motivations = [m.id for m in FULL.motivations]
    ranking = draw(st.lists(st.sampled_from(motivations), unique=True, max_size=3))
    return AnswerSheet(territory, answers, priorities=tuple(MotivationId(m) for m in ranking))


def not_taken_up(sheet: AnswerSheet, chosen: ChosenAction) -> bool:
    """An action on optional subjects only, none of them answered above level 0."""
    questions = chosen.action.questions
    if not questions or not all(FULL.question(q).optional for q in questions):
        return False
    return not any(isinstance(sheet.answer(q), int) and sheet.answer(q) for q in questions)


@settings(max_examples=150, deadline=None)
@given(sheets())
def test_an_optional_subject_not_taken_up_never_leads_a_lever(sheet: AnswerSheet) -> None:
    for recommendation in explain_all(FULL, sheet):
        actions = recommendation.actions
        flags = [not_taken_up(sheet, a) for a in actions]
        if actions:
            assert not flags[0] or all(flags), [a.id for a in actions]
        # and once one shows, only such actions follow it
        if True in flags:
            assert all(flags[flags.index(True) :]), [a.id for a in actions]


@settings(max_examples=150, deadline=None)
@given(sheets())
def test_foundations_precede_specialised_actions(sheet: AnswerSheet) -> None:
    for recommendation in explain_all(FULL, sheet):
        stages = [a.action.stage for a in recommendation.actions if not not_taken_up(sheet, a)]
        assert stages == sorted(stages), [a.id for a in recommendation.actions]


@settings(max_examples=100, deadline=None)
@given(sheets())
def test_a_ranking_never_lowers_the_mean_need(sheet: AnswerSheet) -> None:
    ranked = score_sheet(FULL, sheet)
    plain = score_sheet(FULL, AnswerSheet(sheet.territory, sheet.answers))
    mean = sum(lever.score for lever in ranked.levers) / len(ranked.levers)
    assert mean >= sum(lever.score for lever in plain.levers) / len(plain.levers) - 1e-3


@settings(max_examples=100, deadline=None)
@given(sheets())
def test_a_next_step_is_shown_only_at_the_levels_it_is_written_for(sheet: AnswerSheet) -> None:
    for recommendation in explain_all(FULL, sheet):
        for chosen in recommendation.actions:
            levels = [sheet.answer(q) for q in chosen.action.questions]
            if chosen.label != chosen.action.label:
                low, high = chosen.action.next_levels or (1, 0)
                assert any(isinstance(v, int) and low <= v <= high for v in levels), chosen.id


@given(st.floats(0, 100))
def test_the_need_word_follows_the_figure_shown(score: float) -> None:
    rules = FULL.rules
    shown = need_figure(score)
    assert shown == int(f"{score:.0f}")
    assert need_word(score, rules) == need_word(float(shown), rules)


def test_a_need_shown_as_60_is_strong() -> None:
    assert need_figure(59.92) == 60
    assert need_word(59.92, FULL.rules) == "fort"


@settings(max_examples=100, deadline=None)
@given(sheets())
def test_with_a_ranking_the_points_still_add_up_to_each_need(sheet: AnswerSheet) -> None:
    for lever in score_sheet(FULL, sheet).levers:
        assert 0.0 <= lever.score <= 100.0 + 1e-6
        assert sum(c.points for c in lever.contributions) == pytest.approx(lever.score, abs=1e-3)
