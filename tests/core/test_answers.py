"""The answers file: good files load, every bad one gives one plain message."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import jsonschema
import pytest

from diagnostic import UNKNOWN, AnswersError, from_json, load_referentiel, to_json
from diagnostic.schema.answers import FORMAT
from diagnostic.settings import PROJECT_DATA
from diagnostic.territory.profile import siren_is_valid

# A question of the miniature référentiel, named by its label and, in brackets, its id.
JOBS = "Réponse à la question « Quelle importance a la création d’emplois ? » (emploi_priorite)"

ROOT = Path(__file__).resolve().parent.parent.parent
MINI = load_referentiel(ROOT / "tests" / "data" / "ok")
SCHEMA = json.loads((ROOT / "diagnostic" / "schema" / "answers.schema.json").read_text("utf-8"))


def raw(**changes: object) -> dict[str, object]:
    base: dict[str, object] = {
        "territory": {"name": "Communauté de communes de l’Essai", "type": "cc"},
        "answers": {"emploi_priorite": 2, "emploi_chiffres": "unknown"},
    }
    base.update(changes)
    return base


def load(value: object) -> object:
    return from_json(json.dumps(value, ensure_ascii=False).encode("utf-8"), MINI)


def message(data: bytes) -> str:
    with pytest.raises(AnswersError) as raised:
        from_json(data, MINI)
    return raised.value.message("fr").replace("\u00a0", " ")


def test_a_full_file_loads() -> None:
    sheet = load(
        raw(
            territory={
                "name": "Pays du Lunévillois",
                "type": "pays_petr",
                "siren": "200 000 008",
                "departement": "54",
                "population": 80000,
                "respondent_role": "agent",
                "date": "2026-11-27",
            },
            comments={"emploi_priorite": "  <b>Très</b> & **important**  "},
        )
    )
    assert sheet.territory.siren == "200000008"
    assert sheet.territory.date == dt.date(2026, 11, 27)
    assert sheet.answers == {"emploi_priorite": 2, "emploi_chiffres": UNKNOWN}
    assert sheet.comments == {"emploi_priorite": "<b>Très</b> & **important**"}


def test_round_trip_gives_identical_bytes() -> None:
    first = to_json(load(raw(comments={"emploi_chiffres": '=HYPERLINK("x") 🙂'})), MINI)
    assert to_json(from_json(first, MINI), MINI) == first
    decoded = json.loads(first)
    assert decoded["format"] == FORMAT
    jsonschema.validate(decoded, SCHEMA)


def test_shipped_schema_accepts_the_documented_example() -> None:
    text = (ROOT / "docs" / "format-reponses.md").read_text("utf-8")
    example = json.loads(re.search(r"```json\n(.*?)```", text, re.S).group(1))  # type: ignore[union-attr]
    jsonschema.validate(example, SCHEMA)
    from_json(json.dumps(example).encode(), load_referentiel(PROJECT_DATA))


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"{", "Le fichier n’est pas un JSON valide (ligne 1, colonne 2)."),
        (
            "{}".encode("utf-16"),
            "Le fichier n’est pas encodé en UTF-8 : enregistrez-le en UTF-8 et réessayez "
            "(octet illisible en position 0).",
        ),
        (b"[1, 2]", "Le fichier doit contenir un objet JSON avec « territory » et « answers »."),
        (
            json.dumps(raw(answers={"emploi_prioritee": 1})).encode(),
            "Question inconnue : « emploi_prioritee ».",
        ),
        (
            json.dumps(raw(answers={"emploi_priorite": 3})).encode(),
            JOBS + " : le niveau 3 est hors de l’échelle (de 0 à 2).",
        ),
        (
            json.dumps(raw(answers={"emploi_priorite": "2"})).encode(),
            JOBS + " : « 2 » n’est ni un niveau entier de 0 à 2 ni « unknown » (je ne sais pas).",
        ),
        (
            json.dumps(raw(answers={"emploi_priorite": 1.5})).encode(),
            JOBS + " : « 1.5 » n’est ni un niveau entier de 0 à 2 ni « unknown » (je ne sais pas).",
        ),
        (
            json.dumps(raw(territory={"name": "X", "type": "cc", "siren": "200000009"})).encode(),
            "Profil du territoire : le SIREN « 200000009 » n’est pas valide "
            "(9 chiffres, clé de contrôle fausse ?).",
        ),
        (
            json.dumps(raw(territory={"name": "X", "type": "epci"})).encode(),
            "Profil du territoire : type de territoire « epci » inconnu "
            "(attendu : commune, cc, ca, cu, metropole, pays_petr).",
        ),
        (
            json.dumps(raw(territory={"name": " ", "type": "cc"})).encode(),
            "Profil du territoire : le nom du territoire est obligatoire.",
        ),
        (
            json.dumps(raw(territory={"name": "X", "type": "cc", "departement": "20"})).encode(),
            "Profil du territoire : le département « 20 » n’existe pas (ex. 54, 2A, 974).",
        ),
        (
            json.dumps(raw(territory={"name": "X", "type": "cc", "date": "27/11/2026"})).encode(),
            "Profil du territoire : la date « 27/11/2026 » n’est pas une date valide au format "
            "AAAA-MM-JJ.",
        ),
        (
            json.dumps(raw(territory={"name": "X", "type": "cc", "population": -4})).encode(),
            "Profil du territoire : la population « -4 » doit être un nombre entier de 0 à "
            "15 000 000.",
        ),
        (json.dumps(raw(reponses={})).encode(), "Clé inconnue « reponses »."),
        (
            json.dumps(raw(comments={"emploi_priorite": 3})).encode(),
            "Le commentaire de « emploi_priorite » doit être du texte.",
        ),
        (
            json.dumps(raw(comments={"emploi_priorite": "x" * 10_001})).encode(),
            "Le commentaire de « emploi_priorite » dépasse 10000 caractères.",
        ),
    ],
    ids=[
        "malformed",
        "utf16",
        "not-an-object",
        "unknown-question",
        "off-scale",
        "string-level",
        "float-level",
        "siren",
        "type",
        "blank-name",
        "departement",
        "date",
        "population",
        "unknown-key",
        "comment-type",
        "comment-length",
    ],
)
def test_bad_files_give_one_plain_message(data: bytes, expected: str) -> None:
    assert message(data) == expected


def test_every_problem_is_listed() -> None:
    data = json.dumps(raw(answers={"nope": 1, "emploi_priorite": 9})).encode()
    assert message(data).splitlines() == [
        "Question inconnue : « nope ».",
        JOBS + " : le niveau 9 est hors de l’échelle (de 0 à 2).",
    ]


def test_bom_and_null_answers_are_accepted() -> None:
    data = b"\xef\xbb\xbf" + json.dumps(raw(answers={"emploi_priorite": None})).encode()
    assert from_json(data, MINI).answers == {}


def test_control_characters_are_removed_from_text() -> None:
    sheet = load(raw(territory={"name": "Val\x00 d’Essai\r\n", "type": "cc"}))
    assert sheet.territory.name == "Val d’Essai"


@pytest.mark.parametrize("siren", ["200000008", "123456782"])
def test_valid_sirens(siren: str) -> None:
    assert siren_is_valid(siren)


@pytest.mark.parametrize("siren", ["200000009", "12345678", "abcdefghi", "1234567820"])
def test_invalid_sirens(siren: str) -> None:
    assert not siren_is_valid(siren)


def test_a_2026_2_file_loads_with_a_plain_upgrade_note() -> None:
    shipped = load_referentiel(PROJECT_DATA)
    data = (ROOT / "tests" / "personas" / "petr_alimentation_scic.json").read_bytes()
    sheet = from_json(data, shipped)
    assert sheet.referentiel_version == "2026.2"
    assert json.loads(data)["answers"].items() <= {**sheet.answers}.items()
    assert sheet.upgrade_note is not None
    note = sheet.upgrade_note.fr
    assert note.startswith(
        f"Ces réponses ont été données avec le référentiel 2026.2\u00a0; "
        f"elles ont été reprises dans la version {shipped.version}."
    )
    assert "Territoires zéro chômeur de longue durée est un sujet facultatif" in note
    assert "could not be carried over" not in sheet.upgrade_note.en
