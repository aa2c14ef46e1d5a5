"""The answers file round-trips: export -> import -> export gives identical bytes."""

from __future__ import annotations

import json

from export_support import (
    EARLIER_FILE,
    HOSTILE_COMMENTS,
    HOSTILE_NAME,
    MINI,
    SAMPLE_FILE,
    SHIPPED,
    earlier_sheet,
)

from diagnostic.export.jsonio import from_json, to_json
from diagnostic.model import DECLINED, UNKNOWN


def test_the_sample_file_round_trips_byte_for_byte() -> None:
    data = SAMPLE_FILE.read_bytes()
    sheet = from_json(data, SHIPPED)
    assert to_json(sheet, SHIPPED) == data
    assert sheet.answers["poids_connaissance_chiffres"] == UNKNOWN
    assert sheet.answers["emploi_tzcld"] == DECLINED
    assert sheet.priorities == ("emploi", "besoins_habitants", "ressources_territoire")
    assert sheet.upgrade_note is None and sheet.referentiel_version == SHIPPED.version


def test_a_2026_1_file_is_carried_over_through_the_mapping() -> None:
    raw = json.loads(EARLIER_FILE.read_text(encoding="utf-8"))
    assert raw["referentiel_version"] == "2026.1" != SHIPPED.version
    sheet = earlier_sheet()
    upgrade = SHIPPED.upgrades["2026.1"]
    split = upgrade.moves["poids_information_elus_agents"]
    assert len(split.new) == 2  # one answer feeds both new questions
    for question in split.new:
        assert sheet.answers[question] == raw["answers"]["poids_information_elus_agents"]
    assert not set(sheet.answers) & {q for q, move in upgrade.moves.items() if q not in move.new}
    assert sheet.referentiel_version == "2026.1"
    assert sheet.upgrade_note is not None
    assert sheet.upgrade_note.fr.startswith(
        "Ces réponses ont été données avec le référentiel 2026.1\u00a0; "
        "elles ont été reprises dans la version 2026.3."
    )
    written = json.loads(to_json(sheet, SHIPPED))
    assert written["referentiel_version"] == SHIPPED.version
    assert set(written["answers"]) <= {q.id for q in SHIPPED.questions}


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
    assert sum(answer == UNKNOWN for answer in again.answers.values()) == len(questions[::3])
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
