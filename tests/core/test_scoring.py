"""Scoring: exact values on a small case, and the properties a user expects (hypothesis)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from diagnostic import UNKNOWN, load_referentiel
from diagnostic.advice.scoring import ranks, score_answers
from diagnostic.model import DECLINED, Answer, MotivationId, QuestionId, Referentiel
from diagnostic.settings import PROJECT_DATA

OK = Path(__file__).resolve().parent.parent / "data" / "ok"
MINI = load_referentiel(OK)
FULL = load_referentiel(PROJECT_DATA)


def answers_for(ref: Referentiel) -> st.SearchStrategy[dict[QuestionId, Answer]]:
    """Any answer mapping: each question unanswered, "je ne sais pas", declined or a level."""
    items = []
    for question in ref.questions:
        scale = ref.scale(question.scale)
        choice: st.SearchStrategy[Answer | None] = st.one_of(
            st.none(), st.just(UNKNOWN), st.integers(scale.min, scale.max)
        )
        if question.declinable:
            choice = st.one_of(choice, st.just(DECLINED))
        items.append(st.tuples(st.just(question.id), choice))
    return st.tuples(*items).map(lambda pairs: {q: a for q, a in pairs if a is not None})


def lever_scores(ref: Referentiel, answers: dict[QuestionId, Answer]) -> dict[str, float]:
    return {r.id: r.score for r in score_answers(ref, answers).levers}


REFS = st.sampled_from([MINI, FULL])


def test_worked_example() -> None:
    """The example of docs/methode.md, computed by hand."""
    answers: dict[QuestionId, Answer] = {
        QuestionId("emploi_priorite"): 2,
        QuestionId("emploi_clauses"): 1,
        QuestionId("emploi_chiffres"): UNKNOWN,
        QuestionId("innov_priorite"): 1,
        QuestionId("innov_tiers_lieux"): 2,
    }
    scores = score_answers(MINI, answers)
    emploi, innovation = scores.motivations
    assert (emploi.priority, emploi.maturity) == (100.0, pytest.approx(100 / 3))
    assert (innovation.priority, innovation.maturity) == (50.0, pytest.approx(200 / 3))
    # commande publique: priority question 2 x 1 x (1 - 1/3) + clauses 3 x 1 x (1 - 1/3);
    # the "je ne sais pas" on emploi_chiffres pushes nothing here but its weight 1 counts
    assert scores.lever("commande_publique").score == pytest.approx(100 * (4 / 3 + 2) / 6)
    # observation: emploi_chiffres is a foundation (importance 1) answered "je ne sais pas":
    # own link 3 x 1 + knowledge gap 2 x 1; innov_priorite 1 x 0.5 x 1/3; tiers-lieux 2 x 0.5 x 1/3
    assert scores.lever("observation").score == pytest.approx(100 * (5 + 1 / 6 + 1 / 3) / 8)
    assert [r.id for r in scores.levers] == ["observation", "commande_publique"]
    assert scores.knowledge_gaps == ("emploi_chiffres",)
    assert scores.answered == 5 and scores.answered_share == 1.0
    gap = scores.lever("observation").contributions[0]
    assert (gap.question, gap.answer, gap.points) == (
        "emploi_chiffres",
        UNKNOWN,
        pytest.approx(62.5),
    )

    # the officials rank innovation first: emploi, unranked, weighs 0.6 of its importance;
    # then both needs are scaled up together so that their mean stays the unranked mean
    ranked = score_answers(MINI, answers, [MotivationId("innovation")])
    plain = (100 * (4 / 3 + 2) / 6, 100 * (5 + 1 / 6 + 1 / 3) / 8)
    weighed = (100 * (0.8 + 1.2) / 6, 100 * (5 + 1 / 6 + 1 / 3) / 8)
    factor = sum(plain) / sum(weighed)
    assert ranked.lever("commande_publique").score == pytest.approx(weighed[0] * factor)
    assert ranked.lever("observation").score == pytest.approx(weighed[1] * factor)
    assert ranked.lever("observation").score > scores.lever("observation").score

    # tiers-lieux declined: innovation has no maturity answer left, its priority pushes nothing
    declined = score_answers(MINI, {**answers, QuestionId("innov_tiers_lieux"): DECLINED})
    assert declined.lever("observation").score == pytest.approx(100 * 5 / 5)
    assert declined.declined == ("innov_tiers_lieux",) and declined.answered == 5


def test_nothing_answered_gives_zero_everywhere() -> None:
    scores = score_answers(FULL, {})
    assert all(r.score == 0 and r.rank == 1 and not r.contributions for r in scores.levers)
    assert all(m.priority is None and m.maturity is None for m in scores.motivations)
    assert scores.answered == 0 and scores.answered_share == 0


def test_ranks_share_ties() -> None:
    assert ranks([10.0, 50.0, 50.0, 0.0]) == [3, 1, 1, 4]


@settings(max_examples=150, deadline=None)
@given(REFS.flatmap(lambda ref: st.tuples(st.just(ref), answers_for(ref))))
def test_scores_are_bounded_and_explained(
    case: tuple[Referentiel, dict[QuestionId, Answer]],
) -> None:
    ref, answers = case
    scores = score_answers(ref, answers)
    for result in scores.levers:
        assert 0.0 <= result.score <= 100.0 + 1e-9
        assert sum(c.points for c in result.contributions) == pytest.approx(result.score, abs=1e-3)
        assert all(answers[c.question] == c.answer for c in result.contributions)
    assert [r.rank for r in scores.levers] == sorted(r.rank for r in scores.levers)
    for motivation in scores.motivations:
        for value in (motivation.priority, motivation.maturity):
            assert value is None or 0.0 <= value <= 100.0 + 1e-9


@settings(max_examples=150, deadline=None)
@given(REFS.flatmap(lambda ref: st.tuples(st.just(ref), answers_for(ref), st.data())))
def test_lowering_a_maturity_answer_never_lowers_a_need(case) -> None:  # type: ignore[no-untyped-def]
    ref, answers, data = case
    answered = [
        q
        for q in ref.questions
        if q.kind == "maturity" and isinstance(answers.get(q.id), int) and answers[q.id] > 0
    ]
    if not answered:
        return
    question = data.draw(st.sampled_from(answered))
    lowest = ref.scale(question.scale).min + (1 if question.optional else 0)
    if answers[question.id] <= lowest:
        return  # an optional subject brought to 0 is an option not taken: it leaves the count
    lower = data.draw(st.integers(lowest, answers[question.id] - 1))
    before = lever_scores(ref, answers)
    after = lever_scores(ref, {**answers, question.id: lower})
    for lever in before:
        assert after[lever] >= before[lever] - 1e-3


@settings(max_examples=150, deadline=None)
@given(REFS.flatmap(lambda ref: st.tuples(st.just(ref), answers_for(ref), st.data())))
def test_a_motivation_of_zero_priority_contributes_nothing(case) -> None:  # type: ignore[no-untyped-def]
    ref, answers, data = case
    motivation = data.draw(st.sampled_from(ref.motivations))
    zero = {}
    for question in ref.questions_of(motivation.id):
        if question.kind == "priority":
            zero[question.id] = ref.scale(question.scale).min
    answers = {**answers, **zero}
    scores = score_answers(ref, answers)
    assert scores.motivation(motivation.id).priority == 0.0
    for result in scores.levers:
        mine = [
            c
            for c in result.contributions
            if ref.question(c.question).motivation == motivation.id
            and not ref.question(c.question).foundation
        ]
        assert mine == []
    # changing its maturity answers changes no lever score, foundations aside
    changed = dict(answers)
    for question in ref.questions_of(motivation.id):
        if question.foundation:
            continue
        if question.kind == "maturity" and isinstance(changed.get(question.id), int):
            scale = ref.scale(question.scale)
            if question.optional and changed[question.id] == scale.min:
                continue  # an option not taken stays out of the count
            lowest = scale.min + (1 if question.optional else 0)
            changed[question.id] = data.draw(st.integers(lowest, scale.max))
    assert lever_scores(ref, changed) == pytest.approx(lever_scores(ref, answers), abs=1e-3)


@settings(max_examples=100, deadline=None)
@given(REFS.flatmap(lambda ref: st.tuples(st.just(ref), answers_for(ref))))
def test_all_mature_answers_give_no_need(
    case: tuple[Referentiel, dict[QuestionId, Answer]],
) -> None:
    ref, answers = case
    mature = {
        q.id: (ref.scale(q.scale).max if q.kind == "maturity" else answers.get(q.id, 1))
        for q in ref.questions
    }
    mature = {q: (1 if a in (UNKNOWN, DECLINED) else a) for q, a in mature.items()}
    assert all(score <= 1e-3 for score in lever_scores(ref, mature).values())


@settings(max_examples=150, deadline=None)
@given(REFS.flatmap(lambda ref: st.tuples(st.just(ref), answers_for(ref), st.data())))
def test_a_declined_question_contributes_nothing(case) -> None:  # type: ignore[no-untyped-def]
    """Declining a question is the same as leaving it out, except that it counts as answered."""
    ref, answers, data = case
    declinable = [q for q in ref.questions if q.declinable]
    question = data.draw(st.sampled_from(declinable))
    declined = score_answers(ref, {**answers, question.id: DECLINED})
    left_out = score_answers(ref, {k: v for k, v in answers.items() if k != question.id})
    assert {r.id: r.score for r in declined.levers} == pytest.approx(
        {r.id: r.score for r in left_out.levers}, abs=1e-6
    )
    assert all(question.id not in r.questions for r in declined.levers)
    assert question.id in declined.declined
    assert declined.answered == left_out.answered + 1


@settings(max_examples=100, deadline=None)
@given(REFS.flatmap(lambda ref: st.tuples(st.just(ref), answers_for(ref), st.data())))
def test_ranking_a_motivation_first_promotes_it_and_keeps_the_mean_need(case) -> None:  # type: ignore[no-untyped-def]
    """The ranked motivation's answers weigh more against the others; no need is lost overall."""
    ref, answers, data = case
    motivation = data.draw(st.sampled_from(ref.motivations))
    plain = score_answers(ref, answers)
    ranked = score_answers(ref, answers, [motivation.id])
    mean = sum(r.score for r in plain.levers) / len(plain.levers)
    assert sum(r.score for r in ranked.levers) / len(ranked.levers) >= mean - 1e-3
    for lever in plain.levers:
        before = {c.question: c.points for c in lever.contributions}
        after = {c.question: c.points for c in ranked.lever(lever.id).contributions}
        for question_id in set(before) | set(after):
            question = ref.question(question_id)
            if question.motivation == motivation.id or question.foundation:
                old, new = before.get(question_id, 0.0), after.get(question_id, 0.0)
                assert new >= old - 1e-3
