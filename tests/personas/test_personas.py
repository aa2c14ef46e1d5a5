"""Realistic territories and the advice an ESS adviser would give them, checked end to end.

Each persona is an answers file; ``expectations.yaml`` says, in the adviser's words, which
levers come first, which actions must and must not be proposed and what is a choice.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from diagnostic import load_referentiel
from diagnostic.answers import sheet_from_dict
from diagnostic.confidence import assess
from diagnostic.recommend import explain_all, recommend
from diagnostic.scoring import score_sheet
from diagnostic.settings import PROJECT_DATA

HERE = Path(__file__).resolve().parent
REFERENTIEL = load_referentiel(PROJECT_DATA)
EXPECTATIONS: dict[str, dict[str, Any]] = yaml.safe_load(
    (HERE / "expectations.yaml").read_text(encoding="utf-8")
)
WORDS = ("faible", "moyen", "fort")
FIRST_ACTIONS = 3


def advice(name: str) -> tuple[Any, Any, Any]:
    raw = json.loads((HERE / f"{name}.json").read_text(encoding="utf-8"))
    sheet = sheet_from_dict(raw, REFERENTIEL)
    scores = score_sheet(REFERENTIEL, sheet)
    return sheet, scores, recommend(REFERENTIEL, sheet, scores)


def test_there_are_at_least_eight_personas() -> None:
    assert len(EXPECTATIONS) >= 8
    assert {p.stem for p in HERE.glob("*.json")} == set(EXPECTATIONS)


@pytest.mark.parametrize("name", sorted(EXPECTATIONS))
def test_the_first_levers_are_the_advisers(name: str) -> None:
    expected = EXPECTATIONS[name]
    _, scores, recommendations = advice(name)
    levers = [r.lever.id for r in recommendations]
    for lever in expected.get("first_levers") or []:
        assert lever in levers, (
            name,
            levers,
            [(lv.id, round(lv.score, 1)) for lv in scores.levers],
        )
    if expected.get("first"):
        assert levers[0] == expected["first"], (name, levers)


@pytest.mark.parametrize("name", sorted(EXPECTATIONS))
def test_required_actions_come_first_and_forbidden_ones_never(name: str) -> None:
    expected = EXPECTATIONS[name]
    sheet, scores, recommendations = advice(name)
    every = explain_all(REFERENTIEL, sheet, scores)
    proposed = {a.id for r in every if r.reasons for a in r.actions}
    first = {a.id for r in recommendations for a in r.actions[:FIRST_ACTIONS]}
    for action in expected.get("required_actions") or []:
        assert action in first, (name, action, sorted(first))
    for action in expected.get("forbidden_actions") or []:
        assert action not in proposed, (name, action)


@pytest.mark.parametrize("name", sorted(EXPECTATIONS))
def test_declined_subjects_are_choices_not_gaps(name: str) -> None:
    expected = EXPECTATIONS[name]
    _, scores, recommendations = advice(name)
    assert set(scores.declined) == set(expected.get("declined") or [])
    for recommendation in recommendations:
        assert not set(scores.declined) & {r.question for r in recommendation.reasons}


@pytest.mark.parametrize(
    "name", sorted(n for n in EXPECTATIONS if EXPECTATIONS[n].get("max_need_word"))
)
def test_mature_territories_get_no_strong_need(name: str) -> None:
    ceiling = WORDS.index(EXPECTATIONS[name]["max_need_word"])
    sheet, scores, _ = advice(name)
    for recommendation in explain_all(REFERENTIEL, sheet, scores):
        assert WORDS.index(recommendation.need) <= ceiling, (name, recommendation.lever.id)


@pytest.mark.parametrize("name", sorted(EXPECTATIONS))
def test_every_first_action_follows_from_a_reason_of_its_lever(name: str) -> None:
    _, scores, recommendations = advice(name)
    for recommendation in recommendations:
        reasons = [r.question for r in recommendation.reasons]
        linked = [a for a in recommendation.actions if a.because]
        if linked and reasons:
            assert recommendation.actions[0].because, (name, recommendation.lever.id)
        assert assess(REFERENTIEL, scores).total == len(REFERENTIEL.questions)
