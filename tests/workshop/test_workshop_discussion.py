"""The discussion's pure core: order by divergence, projection, retained answers."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st
from workshop_support import MINI, participants

from diagnostic.errors import AnswersError
from diagnostic.model import DECLINED, UNKNOWN, QuestionId
from diagnostic.workshop import Participant, aggregate
from diagnostic.workshop.discussion import Voice, comment_ref, discussion_order, project
from diagnostic.workshop.retained import (
    RetainedAnswer,
    check_retained,
    group_diagnostic,
    with_retained,
)

NOW = dt.datetime(2026, 11, 27, 10, tzinfo=dt.UTC)
Q = QuestionId


def people() -> list[Participant]:
    """Five people: they agree on emploi_clauses, split on emploi_chiffres."""
    sheets = [
        {Q("emploi_priorite"): 2, Q("emploi_clauses"): 1, Q("emploi_chiffres"): 0},
        {Q("emploi_priorite"): 2, Q("emploi_clauses"): 1, Q("emploi_chiffres"): 3},
        {Q("emploi_priorite"): 1, Q("emploi_clauses"): 1, Q("emploi_chiffres"): 0},
        {Q("emploi_priorite"): 2, Q("emploi_clauses"): 1, Q("emploi_chiffres"): 3},
        {Q("emploi_priorite"): 2, Q("emploi_clauses"): 1, Q("emploi_chiffres"): UNKNOWN},
    ]
    roles = ["elu", "elu", "elu", "agent", "agent"]
    return [Participant(f"p{i}", r, s) for i, (r, s) in enumerate(zip(roles, sheets, strict=True))]  # type: ignore[arg-type]


def test_a_motivations_questions_come_most_divergent_first() -> None:
    summary = aggregate(MINI, people())
    order = [c.question for c in discussion_order(MINI, summary.questions, "emploi")]
    assert order == ["emploi_chiffres", "emploi_priorite", "emploi_clauses"]
    assert [c.question for c in discussion_order(MINI, summary.questions, "innovation")] == [
        "innov_priorite",
        "innov_tiers_lieux",
    ]


def voices() -> list[Voice]:
    answers = [0, 3, 0, 3, UNKNOWN]
    roles = ["elu", "elu", "elu", "agent", "agent"]
    comments = ["Trop tôt", "", "Marie a tort", "On compte déjà", "  "]
    return [
        Voice(f"p{i}", role, answer, comment)  # type: ignore[arg-type]
        for i, (role, answer, comment) in enumerate(zip(roles, answers, comments, strict=True))
    ]


def test_a_projected_question_masks_a_role_under_three_and_leaves_hidden_comments_out() -> None:
    summary = aggregate(MINI, people())
    consensus = next(c for c in summary.questions if c.question == "emploi_chiffres")
    hidden = {comment_ref("p2", "emploi_chiffres")}
    shown = project(MINI, consensus, voices(), hidden)
    elu, agent = shown.roles
    assert (elu.role, elu.hidden, elu.counts) == ("elu", False, ((0, 2), (1, 0), (2, 0), (3, 1)))
    assert (agent.role, agent.hidden, agent.counts, agent.unknown) == ("agent", True, None, None)
    assert sorted(c.text for c in shown.shown) == ["On compte déjà", "Trop tôt"]
    assert [c.text for c in shown.hidden_comments] == ["Marie a tort"]
    assert consensus.unknown_share == pytest.approx(0.2)


def test_comments_are_not_in_the_order_people_joined() -> None:
    summary = aggregate(MINI, people())
    consensus = next(c for c in summary.questions if c.question == "emploi_chiffres")
    refs = [c.ref for c in project(MINI, consensus, voices()).comments]
    assert refs == sorted(refs)


def test_a_hidden_question_projects_no_comment() -> None:
    summary = aggregate(MINI, people()[:2])
    consensus = next(c for c in summary.questions if c.question == "emploi_chiffres")
    assert consensus.hidden
    assert project(MINI, consensus, voices()[:2]).comments == ()


def test_a_retained_answer_overrides_the_computed_one_and_keeps_the_distribution() -> None:
    summary = aggregate(MINI, people())
    assert summary.group.answers is not None
    assert summary.group.answers[Q("emploi_clauses")] == 1
    kept = {Q("emploi_clauses"): RetainedAnswer(Q("emploi_clauses"), 3, "Après débat", NOW)}
    diagnostic = group_diagnostic(MINI, summary, kept)
    clauses = diagnostic.question("emploi_clauses")
    assert (clauses.answer, clauses.source, clauses.computed, clauses.note) == (
        3,
        "retained",
        1,
        "Après débat",
    )
    assert clauses.consensus.spread is not None and clauses.consensus.spread.given == 5
    assert diagnostic.answers[Q("emploi_clauses")] == 3
    assert diagnostic.question("emploi_priorite").source == "computed"
    assert diagnostic.question("innov_priorite").source == "none"
    assert [q.question for q in diagnostic.retained] == ["emploi_clauses"]
    assert diagnostic.scores is not None and summary.group.scores is not None
    before = summary.group.scores.motivation("emploi").maturity
    assert diagnostic.scores.motivation("emploi").maturity != before


def test_below_three_respondents_the_group_diagnostic_stays_hidden() -> None:
    summary = aggregate(MINI, people()[:2])
    assert summary.group.hidden
    kept = {Q("emploi_clauses"): RetainedAnswer(Q("emploi_clauses"), UNKNOWN, "", NOW)}
    diagnostic = group_diagnostic(MINI, summary, kept)
    assert diagnostic.hidden and diagnostic.retained == ()
    assert with_retained(summary, diagnostic) == summary


def test_the_summary_carries_the_group_diagnostic() -> None:
    summary = aggregate(MINI, people())
    kept = {Q("emploi_clauses"): RetainedAnswer(Q("emploi_clauses"), 3, "", NOW)}
    merged = with_retained(summary, group_diagnostic(MINI, summary, kept))
    assert merged.group.answers is not None and merged.group.answers["emploi_clauses"] == 3
    assert merged.questions == summary.questions and merged.roles == summary.roles


def test_check_retained_takes_a_level_unknown_and_declined_where_offered() -> None:
    assert check_retained(MINI, "emploi_clauses", 2, " note ") == ("emploi_clauses", 2, "note")
    assert check_retained(MINI, "emploi_clauses", UNKNOWN)[1] == UNKNOWN
    assert check_retained(MINI, "innov_tiers_lieux", DECLINED)[1] == DECLINED


@pytest.mark.parametrize(
    ("question", "answer", "note", "motivations", "message"),
    [
        ("emploi_clauses", DECLINED, "", (), "« Non pertinent » n’est pas proposé"),
        ("emploi_clauses", 7, "", (), "« 7 » n’est pas un niveau"),
        ("emploi_clauses", True, "", (), "n’est pas un niveau"),
        ("inconnue", 1, "", (), "ne fait pas partie de cet atelier"),
        ("innov_priorite", 1, "", ("emploi",), "ne fait pas partie de cet atelier"),
        ("emploi_clauses", 1, 3, (), "La note doit être du texte"),
        ("emploi_clauses", 1, "x" * 10_001, (), "La note dépasse"),
    ],
)
def test_check_retained_refuses_with_a_plain_message(
    question: str, answer: object, note: object, motivations: tuple[str, ...], message: str
) -> None:
    with pytest.raises(AnswersError) as caught:
        check_retained(MINI, question, answer, note, motivations)
    assert message in caught.value.message_fr.replace("\xa0", " ")


@given(
    members=participants(MINI, min_size=0, max_size=9),
    kept=st.dictionaries(
        st.sampled_from([q.id for q in MINI.questions if not q.declinable]),
        st.sampled_from([0, 1, UNKNOWN]),
        max_size=3,
    ),
)
def test_the_group_diagnostic_is_the_computed_sheet_with_the_retained_answers_over_it(
    members: list[Participant], kept: dict[QuestionId, object]
) -> None:
    summary = aggregate(MINI, members)
    retained = {
        question: RetainedAnswer(question, answer, "", NOW)  # type: ignore[arg-type]
        for question, answer in kept.items()
    }
    diagnostic = group_diagnostic(MINI, summary, retained)
    if summary.group.hidden:
        assert diagnostic.hidden and diagnostic.retained == ()
        return
    computed = dict(summary.group.answers or {})
    assert dict(diagnostic.answers) == {**computed, **kept}
    for question in diagnostic.questions:
        expected = "retained" if question.question in kept else "computed"
        if question.question not in kept and question.question not in computed:
            expected = "none"
        assert question.source == expected
        assert question.computed == computed.get(question.question)
    assert [q.consensus for q in diagnostic.questions] == list(summary.questions)
