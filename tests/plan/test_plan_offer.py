"""What the plan's pickers offer: every lever's recommended actions, and the full list."""

from __future__ import annotations

import dataclasses

from hypothesis import given
from hypothesis import strategies as st
from plan_support import PROFILE, line, lowest, mini

from diagnostic.advice.recommend import explain_all
from diagnostic.model import DECLINED, UNKNOWN, Answer, AnswerSheet, QuestionId
from diagnostic.plan.offer import Offers, catalogue, plan_offers

CLAUSES, FIGURES = QuestionId("emploi_clauses"), QuestionId("emploi_chiffres")


def with_answers(**answers: Answer) -> AnswerSheet:
    sheet = lowest(mini())
    return dataclasses.replace(sheet, answers={**sheet.answers, **answers})


def test_the_full_list_holds_what_suits_the_territory_lever_by_lever_marked() -> None:
    referentiel = mini()
    sheet = with_answers(emploi_chiffres=2, emploi_clauses=DECLINED)
    found = catalogue(referentiel, sheet)
    # The SPASER suits a CA, CU or métropole of 20,000 people or more, not a Pays.
    assert [(o.id, o.mark) for o in found] == [("obs_diag", "done"), ("cp_clauses", "declined")]
    city = dataclasses.replace(sheet.territory, type="ca", population=30_000)
    bigger = catalogue(referentiel, dataclasses.replace(sheet, territory=city))
    assert [o.id for o in bigger] == ["obs_diag", "cp_clauses", "cp_spaser"]


def test_an_action_under_way_is_offered_as_its_next_step() -> None:
    [_, clauses] = catalogue(mini(), with_answers(emploi_clauses=1))
    assert (clauses.label.fr, clauses.mark) == ("Étendre les clauses sociales", None)


def test_the_recommended_actions_follow_every_lever_in_rank_order() -> None:
    referentiel = mini()
    sheet = lowest(referentiel)
    explained = explain_all(referentiel, sheet)
    offers = plan_offers(referentiel, sheet, explained)
    assert [o.id for o in offers.recommended] == [a.id for r in explained for a in r.actions]
    assert {o.lever.id for o in offers.recommended} == {lever.id for lever in referentiel.levers}


def test_actions_already_in_the_plan_leave_both_lists() -> None:
    referentiel = mini()
    sheet = lowest(referentiel)
    offers = plan_offers(referentiel, sheet, explain_all(referentiel, sheet))
    plan = (line("a1", action="obs_diag"), line("b2", action=None))
    left = offers.besides(plan)
    assert "obs_diag" not in [o.id for o in (*left.recommended, *left.catalogue)]
    assert len(left.catalogue) == len(offers.catalogue) - 1
    assert Offers().besides(plan) == Offers()


LEVELS = st.sampled_from([0, 1, 2, 3, UNKNOWN, DECLINED, None])


@given(st.dictionaries(st.sampled_from([CLAUSES, FIGURES]), LEVELS))
def test_a_recommended_action_is_always_in_the_full_list_unmarked(
    answers: dict[QuestionId, Answer | None],
) -> None:
    referentiel = mini()
    sheet = with_answers(**{q: a for q, a in answers.items() if a is not None})
    offers = plan_offers(referentiel, sheet, explain_all(referentiel, sheet))
    marks = {o.id: o.mark for o in offers.catalogue}
    assert all(marks[o.id] is None for o in offers.recommended)
    assert len(marks) == len(offers.catalogue)
    assert sheet.territory == PROFILE
