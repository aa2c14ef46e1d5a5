"""Comparison over time: scores then and now, answers that moved, refusals."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from plan_support import PROFILE, line, lowest, mini

from diagnostic.advice.scoring import score_answers, score_sheet
from diagnostic.errors import AnswersError
from diagnostic.model import DECLINED, UNKNOWN, AnswerSheet
from diagnostic.plan.compare import compare, compare_many, comparison_of, same_territory
from diagnostic.plan.versions import expressed_in
from diagnostic.referentiel.load import load_referentiel


def test_a_sheet_compared_with_itself_shows_no_difference() -> None:
    referentiel = mini()
    sheet = dataclasses.replace(lowest(referentiel), plan=(line(),))
    comparison = compare(referentiel, sheet, sheet)
    assert comparison.unchanged
    assert comparison.answers == ()
    assert all(c.need.delta == 0 for c in comparison.levers)


def test_moves_up_down_and_to_dont_know_are_told_apart() -> None:
    referentiel = mini()
    earlier = lowest(referentiel)
    first, second, third = referentiel.questions[:3]
    answers = dict(earlier.answers)
    answers[first.id] = referentiel.scale(first.scale).max
    answers[third.id] = UNKNOWN
    middle = dict(answers)
    later = dataclasses.replace(earlier, answers=answers)
    comparison = compare(referentiel, earlier, later)
    assert [(c.question, c.direction) for c in comparison.answers] == [
        (first.id, "up"),
        (third.id, "changed"),
    ]
    back = compare(referentiel, later, dataclasses.replace(earlier, answers=middle | {first.id: 0}))
    assert [(c.question, c.direction) for c in back.answers] == [(first.id, "down")]
    assert not comparison.unchanged
    assert second.id not in {c.question for c in comparison.answers}


def test_scores_then_and_now_are_those_of_each_sheet() -> None:
    referentiel = mini()
    earlier = lowest(referentiel)
    later = dataclasses.replace(
        earlier,
        answers={q.id: referentiel.scale(q.scale).max for q in referentiel.questions},
    )
    comparison = compare(referentiel, earlier, later)
    before, after = (
        score_answers(referentiel, earlier.answers),
        score_answers(referentiel, later.answers),
    )
    for change in comparison.levers:
        assert change.need.before == pytest.approx(before.lever(change.id).score)
        assert change.need.after == pytest.approx(after.lever(change.id).score)
    for change in comparison.motivations:
        assert change.maturity.after == pytest.approx(after.motivation(change.id).maturity)
        assert change.priority.before == pytest.approx(before.motivation(change.id).priority)


def test_plan_statuses_then_and_now() -> None:
    referentiel = mini()
    earlier = dataclasses.replace(lowest(referentiel), plan=(line("a1", status="a_lancer"),))
    later = dataclasses.replace(earlier, plan=(line("a1", status="fait"), line("b2")))
    comparison = compare(referentiel, earlier, later)
    assert [(p.action.id, p.before, p.action.status) for p in comparison.plan] == [
        ("a1", "a_lancer", "fait"),
        ("b2", None, "en_cours"),
    ]
    assert not comparison.unchanged


def test_a_re_diagnosis_is_compared_with_the_sheet_it_carries() -> None:
    referentiel = mini()
    earlier = lowest(referentiel)
    assert comparison_of(referentiel, earlier) is None
    later = dataclasses.replace(earlier, previous=earlier)
    found = comparison_of(referentiel, later)
    assert found is not None and found.unchanged


def test_another_territory_is_refused() -> None:
    referentiel = mini()
    earlier = lowest(referentiel)
    other = dataclasses.replace(
        earlier, territory=dataclasses.replace(PROFILE, name="Pays de Sarrebourg")
    )
    with pytest.raises(AnswersError) as caught:
        compare(referentiel, earlier, other)
    assert caught.value.message("fr") == (
        "Les deux diagnostics ne portent pas sur le même territoire "
        "(«\u00a0Pays du Saintois\u00a0» et «\u00a0Pays de Sarrebourg\u00a0»)\u00a0: "
        "la comparaison est impossible."
    )


def test_an_unmappable_referentiel_version_is_refused() -> None:
    referentiel = mini()
    earlier = dataclasses.replace(lowest(referentiel), referentiel_version="1999.1")
    with pytest.raises(AnswersError) as caught:
        compare(referentiel, earlier, lowest(referentiel))
    assert "1999.1" in caught.value.message("en")
    assert "cannot be mapped" in caught.value.message("en")


def test_same_territory_by_siren_else_by_type_and_name() -> None:
    base = PROFILE
    assert same_territory(base, dataclasses.replace(base, name="PAYS DU SAINTOIS"))
    assert same_territory(base, dataclasses.replace(base, name="Pays du  Saintóis"))
    assert not same_territory(base, dataclasses.replace(base, type="cc"))
    siren = dataclasses.replace(base, siren="200069052")
    assert same_territory(siren, dataclasses.replace(siren, name="Nouveau nom"))
    assert not same_territory(siren, dataclasses.replace(siren, siren="200000172"))


def test_many_pairs_at_once_match_one_by_one() -> None:
    referentiel = mini()
    earlier = lowest(referentiel)
    sheets = [
        dataclasses.replace(earlier, answers={**earlier.answers, q.id: UNKNOWN})
        for q in referentiel.questions
    ]
    pairs = [(earlier, later) for later in sheets]
    assert compare_many(referentiel, pairs) == [compare(referentiel, *pair) for pair in pairs]


def test_an_empty_sheet_has_no_motivation_values() -> None:
    referentiel = mini()
    empty = AnswerSheet(PROFILE, {}, {}, referentiel.version)
    comparison = compare(referentiel, empty, lowest(referentiel))
    assert all(m.maturity.before is None for m in comparison.motivations)
    assert all(m.maturity.delta is None and m.maturity.moved for m in comparison.motivations)


def test_moves_to_and_from_declined_are_changes_and_read_as_such() -> None:
    referentiel = mini()
    earlier = lowest(referentiel)
    later = dataclasses.replace(
        earlier, answers={**earlier.answers, "innov_tiers_lieux": DECLINED, "emploi_clauses": 3}
    )
    comparison = compare(referentiel, earlier, later)
    assert [(c.question, c.direction) for c in comparison.answers] == [
        ("emploi_clauses", "up"),
        ("innov_tiers_lieux", "changed"),
    ]
    back = compare(referentiel, later, dataclasses.replace(later, answers=earlier.answers))
    assert [(c.question, c.direction) for c in back.answers] == [
        ("emploi_clauses", "down"),
        ("innov_tiers_lieux", "changed"),
    ]
    unknown = dataclasses.replace(later, answers={**later.answers, "innov_tiers_lieux": UNKNOWN})
    assert [c.direction for c in compare(referentiel, later, unknown).answers] == ["changed"]


def test_each_side_is_scored_with_its_own_ranking() -> None:
    referentiel = mini()
    first, second = (m.id for m in referentiel.motivations[:2])
    answers = {"emploi_priorite": 2, "emploi_clauses": 1, "innov_priorite": 2}
    earlier = dataclasses.replace(
        lowest(referentiel), answers={**answers, "innov_tiers_lieux": 1}, priorities=(second,)
    )
    later = dataclasses.replace(earlier, priorities=(first,))
    comparison = compare(referentiel, earlier, later)
    before, after = score_sheet(referentiel, earlier), score_sheet(referentiel, later)
    assert any(c.need.moved for c in comparison.levers)
    for change in comparison.levers:
        assert change.need.before == pytest.approx(before.lever(change.id).score)
        assert change.need.after == pytest.approx(after.lever(change.id).score)


def test_a_kept_copy_of_an_earlier_version_is_mapped_as_its_own_diagnostic_was() -> None:
    referentiel = load_referentiel(Path(__file__).resolve().parents[2] / "data")
    kept = AnswerSheet(
        PROFILE,
        {"endogene_contrat_territoire": 1, "emploi_tzcld": DECLINED, "gone_question": 2},
        {"emploi_tzcld": "Choix assumé"},
        "2026.1",
        priorities=("emploi",),
    )
    later = AnswerSheet(
        PROFILE,
        {"endogene_contrats_territoriaux": 1, "emploi_tzcld": DECLINED},
        {},
        referentiel.version,
        priorities=("emploi",),
        previous=kept,
    )
    comparison = comparison_of(referentiel, later)
    assert comparison is not None and comparison.answers == ()
    mapped = expressed_in(referentiel, kept)
    assert mapped.comments == {"emploi_tzcld": "Choix assumé"}
    assert mapped.answers == later.answers
    before = score_sheet(referentiel, mapped)
    for change in comparison.levers:
        assert change.need.before == pytest.approx(before.lever(change.id).score)
