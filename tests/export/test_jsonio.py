"""The answers file round-trips: export -> import -> export gives identical bytes."""

from __future__ import annotations

import json

from export_support import HOSTILE_COMMENTS, HOSTILE_NAME, MINI, SAMPLE_FILE, SHIPPED

from diagnostic.export.jsonio import from_json, to_json
from diagnostic.model import UNKNOWN


def test_the_sample_file_round_trips_byte_for_byte() -> None:
    data = SAMPLE_FILE.read_bytes()
    sheet = from_json(data, SHIPPED)
    assert to_json(sheet, SHIPPED) == data
    assert sheet.answers["poids_connaissance_chiffres"] == UNKNOWN


def test_hostile_text_and_je_ne_sais_pas_round_trip() -> None:
    questions = [q.id for q in SHIPPED.questions]
    raw = {
        "territory": {"name": HOSTILE_NAME, "type": "pays_petr", "date": "2026-02-28"},
        "answers": {qid: UNKNOWN if i % 3 == 0 else 1 for i, qid in enumerate(questions)},
        "comments": {
            **dict(zip(questions, HOSTILE_COMMENTS, strict=False)),
            questions[-1]: 'guillemets " et \\ barre, \u2028 séparateur, nul\x00',
        },
    }
    sheet = from_json(json.dumps(raw).encode("utf-8"), SHIPPED)
    first = to_json(sheet, SHIPPED)
    again = from_json(first, SHIPPED)
    assert to_json(again, SHIPPED) == first
    assert (again.territory, again.answers, again.comments) == (
        sheet.territory,
        sheet.answers,
        sheet.comments,
    )
    assert again.referentiel_version == SHIPPED.version
    assert again.territory.name == HOSTILE_NAME
    assert [again.comments[q] for q in questions[:3]] == list(HOSTILE_COMMENTS[:3])
    assert again.comments[questions[6]] == "commence par une tabulation"  # trimmed on import
    assert again.comments[questions[-1]] == 'guillemets " et \\ barre, \n séparateur, nul'
    assert sum(answer == UNKNOWN for answer in again.answers.values()) == 14
    assert first.decode("utf-8").count("🎉") == 2  # kept as text, not \\u escapes


def test_the_miniature_round_trips_in_questionnaire_order() -> None:
    raw = {
        "territory": {"name": "Commune d’Œuvre", "type": "commune"},
        "answers": {"innov_tiers_lieux": 3, "emploi_chiffres": "unknown", "emploi_priorite": 0},
        "comments": {"innov_tiers_lieux": "  espace partagé  "},
    }
    first = to_json(from_json(json.dumps(raw).encode(), MINI), MINI)
    assert to_json(from_json(first, MINI), MINI) == first
    assert list(json.loads(first)["answers"]) == [
        "emploi_priorite",
        "emploi_chiffres",
        "innov_tiers_lieux",
    ]
    assert json.loads(first)["comments"] == {"innov_tiers_lieux": "espace partagé"}
