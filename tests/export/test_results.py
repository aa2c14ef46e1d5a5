"""The JSON results of ``diagnostic-ess score``: need words, confidence, choices, who knows."""

from __future__ import annotations

import json
from typing import Any

from export_support import MINI, SHIPPED, earlier_sheet, mini_sheet, sample_sheet

from diagnostic.advice.confidence import assess, describe
from diagnostic.advice.recommend import who_knows
from diagnostic.advice.scoring import score_sheet
from diagnostic.export.results import scores_to_dict
from diagnostic.model import AnswerSheet


def results(sheet: AnswerSheet | None = None, lang: str = "fr") -> dict[str, Any]:
    sheet = sheet or sample_sheet()
    result = scores_to_dict(SHIPPED, sheet, score_sheet(SHIPPED, sheet), lang)
    return json.loads(json.dumps(result))  # plain JSON values only


def test_levers_and_recommendations_have_their_need_word() -> None:
    result = results()
    scores = score_sheet(SHIPPED, sample_sheet())
    assert [lever["id"] for lever in result["levers"]] == [r.id for r in scores.levers]
    assert [lever["need"] for lever in result["levers"]] == (
        ["fort"] * 3 + ["moyen"] * 2 + ["faible"]
    )
    for lever in result["levers"]:
        strong, medium = SHIPPED.rules.need_strong, SHIPPED.rules.need_medium
        expected = (
            "fort"
            if lever["score"] >= strong
            else "moyen"
            if lever["score"] >= medium
            else "faible"
        )
        assert lever["need"] == expected == lever["need_label"]
    assert results(lang="en")["levers"][-1]["need_label"] == "low"
    assert [rec["need"] for rec in result["recommendations"]] == ["fort"] * 3


def test_confidence_says_which_levers_are_neck_and_neck() -> None:
    result = results()
    scores = score_sheet(SHIPPED, sample_sheet())
    assert result["confidence"] == {
        "sure": False,
        "few_answers": False,
        "close_groups": [["observation", "commande_publique", "sensibilisation"]],
        "notes": describe(SHIPPED, assess(SHIPPED, scores), "fr"),
    }
    assert "au coude-à-coude" in result["confidence"]["notes"][0]
    mini = mini_sheet()
    sure = scores_to_dict(MINI, mini, score_sheet(MINI, mini))["confidence"]
    assert sure == {"sure": True, "few_answers": False, "close_groups": [], "notes": []}


def test_ranking_choices_and_gaps_with_who_knows() -> None:
    result = results()
    assert result["priorities"] == [
        {"id": "emploi", "rank": 1, "label": "Soutien à la création d’emplois"},
        {"id": "besoins_habitants", "rank": 2, "label": "Répondre aux besoins des habitants"},
        {
            "id": "ressources_territoire",
            "rank": 3,
            "label": SHIPPED.motivation("ressources_territoire").label.fr,
        },
    ]
    assert result["declined"] == [
        {
            "question": "emploi_tzcld",
            "motivation": "emploi",
            "label": SHIPPED.question("emploi_tzcld").label.fr,
            "short_label": "démarche TZCLD",
            "answer_label": "Non pertinent / choix assumé",
        }
    ]
    gaps = {gap["question"]: gap for gap in result["knowledge_gaps"]}
    assert list(gaps) == list(score_sheet(SHIPPED, sample_sheet()).knowledge_gaps)
    for question, gap in gaps.items():
        assert [p["id"] for p in gap["who_knows"]] == [p.id for p in who_knows(SHIPPED, question)]
    assert [p["id"] for p in gaps["endogene_srdeii"]["who_knows"]] == ["region", "cress"]
    reasons = [r["question"] for lever in result["levers"] for r in lever["contributions"]]
    assert "emploi_tzcld" not in reasons  # a choice weighs on no lever


def test_each_chosen_action_says_which_answers_it_follows_from() -> None:
    first = results()["recommendations"][0]
    assert first["lever"] == "observation"
    assert first["actions"] == [action["label"] for action in first["chosen_actions"]]
    assert first["chosen_actions"][1] == {
        "id": "obs_recensement_acteurs",
        "label": first["actions"][1],
        "detail": first["chosen_actions"][1]["detail"],
        "under_way": True,
        "because": ["poids_acteurs_identifies"],
        "because_text": "suite à\u00a0: repérage des acteurs de l’ESS",
    }
    assert first["chosen_actions"][1]["detail"].startswith("Partir de la liste des entreprises")
    assert first["reasons"][0]["text"].startswith("Chiffres de l’ESS du territoire\u00a0:")
    assert any(a["because_text"] is None for a in first["chosen_actions"])


def test_carried_over_answers_keep_their_note() -> None:
    assert results()["upgrade_note"] is None
    earlier = results(earlier_sheet())
    assert earlier["answers_referentiel_version"] == "2026.1"
    assert earlier["referentiel_version"] == SHIPPED.version
    assert earlier["upgrade_note"].startswith("Ces réponses ont été données avec le référentiel")
