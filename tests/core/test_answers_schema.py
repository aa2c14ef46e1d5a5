"""The shipped JSON Schema is the run-time check: it and the loader give the same verdict."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from answers_corpus import BAD, CASES, GOOD, TERRITORY, Case, at, profile

from diagnostic import AnswersError, from_json, to_json
from diagnostic.cli import main
from diagnostic.referentiel.load import load_referentiel
from diagnostic.schema import answers_schema
from diagnostic.schema.check import _validator
from diagnostic.settings import PROJECT_DATA

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((ROOT / "diagnostic" / "schema" / "answers.schema.json").read_text("utf-8"))
DIRECT = jsonschema.Draft202012Validator(SCHEMA)  # jsonschema itself, not the loader's copy
SHIPPED = load_referentiel(PROJECT_DATA)
# What a jsonschema message looks like; none may reach the user.
LEAKS = ("is not of type", "does not match", "is not valid under", "Failed validating", "$defs")
FALLBACK = ("Valeur inattendue", "Unexpected value")


def data(case: Case) -> bytes:
    return json.dumps(case.raw, ensure_ascii=False).encode("utf-8")


def refusal(case: Case) -> AnswersError:
    with pytest.raises(AnswersError) as raised:
        from_json(data(case), SHIPPED)
    return raised.value


def plain_line(text: str) -> None:
    assert "\n" not in text and "Traceback" not in text, text
    assert not any(leak in text for leak in LEAKS + FALLBACK), text


def test_the_schema_is_valid_and_the_loader_builds_its_validator_once() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert answers_schema() == SCHEMA
    assert _validator() is _validator()


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_the_schema_and_the_loader_agree(case: Case) -> None:
    assert DIRECT.is_valid(case.raw) == (case.verdict != "shape")
    if case.verdict == "good":
        from_json(data(case), SHIPPED)
        return
    error = refusal(case)
    french = error.message("fr").replace("\u00a0", " ")
    assert case.expected in french
    plain_line(french)
    plain_line(error.message("en"))


@pytest.mark.parametrize("case", BAD, ids=[case.name for case in BAD])
def test_each_bad_file_is_one_line_and_exit_code_1(
    case: Case, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "reponses.json"
    path.write_bytes(data(case))
    code = main(["--data", str(PROJECT_DATA), "score", str(path)])
    out, err = capsys.readouterr()
    assert (code, out) == (1, "")
    assert err.startswith("Erreur\u00a0: ") and err.count("\n") == 1, err
    plain_line(err.rstrip("\n"))


@pytest.mark.parametrize("case", GOOD, ids=[case.name for case in GOOD])
def test_a_good_file_is_written_back_normalised_and_stable(case: Case) -> None:
    first = to_json(from_json(data(case), SHIPPED), SHIPPED)
    assert to_json(from_json(first, SHIPPED), SHIPPED) == first
    assert DIRECT.is_valid(json.loads(first))


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ({"siren": "200 000 008"}, {"siren": "200000008"}),
        ({"siren": " 200\u202f000\u202f008\u00a0"}, {"siren": "200000008"}),
        ({"departement": "1"}, {"departement": "01"}),
        ({"departement": " 54 "}, {"departement": "54"}),
        ({"departement": "2a"}, {"departement": "2A"}),
        ({"population": 80000.0}, {"population": 80000}),
        ({"siren": None, "departement": "", "date": None, "respondent_role": ""}, {}),
    ],
)
def test_what_people_type_is_written_back_in_the_normal_form(
    typed: dict[str, object], written: dict[str, object]
) -> None:
    raw = profile(**typed)
    exported = json.loads(to_json(from_json(json.dumps(raw).encode(), SHIPPED), SHIPPED))
    assert exported["territory"] == {"name": TERRITORY["name"], "type": "cc", **written}


def test_whole_numbers_written_with_a_point_are_levels() -> None:
    raw = at("answers", {"poids_priorite_prise_en_compte": 2.0})
    exported = to_json(from_json(json.dumps(raw).encode(), SHIPPED), SHIPPED)
    assert b'"poids_priorite_prise_en_compte": 2\n' in exported


@pytest.mark.parametrize(
    ("case", "english"),
    [
        (
            profile(siren="200 00 0008"),
            "Territory profile: SIREN '200 00 0008' must have 9 digits, in groups of three or "
            "not (e.g. 200 000 008 or 200000008).",
        ),
        (
            profile(departement=54),
            'Territory profile: the département is written in quotes, as text (e.g. "54", "2A").',
        ),
        (at("reponses", {}), "Unknown key 'reponses'."),
    ],
)
def test_the_messages_speak_english_too(case: object, english: str) -> None:
    with pytest.raises(AnswersError) as raised:
        from_json(json.dumps(case).encode(), SHIPPED)
    assert raised.value.message("en") == english


def test_the_first_problem_in_the_file_is_the_one_told() -> None:
    raw = profile(siren="12", date="demain")
    raw["answers"] = {"poids_priorite_prise_en_compte": "beaucoup"}
    with pytest.raises(AnswersError) as raised:
        from_json(json.dumps(raw).encode(), SHIPPED)
    assert "SIREN" in raised.value.message("fr")
    raw["extra"] = 1  # a problem higher up in the file comes first
    with pytest.raises(AnswersError) as raised:
        from_json(json.dumps(raw).encode(), SHIPPED)
    assert raised.value.message("fr").replace("\u00a0", " ") == "Clé inconnue « extra »."


@pytest.mark.parametrize(
    ("field", "value", "named"),
    [
        ("territory", 3, "« territory »"),
        ("answers", 3, "« answers »"),
        ("comments", 3, "« comments »"),
        ("priorities", 3, "« priorities »"),
        ("plan", 3, "« plan »"),
        ("previous", 3, "« previous »"),
        ("referentiel_version", 3, "« referentiel_version »"),
        ("format", 3, "format « 3 »"),
    ],
)
def test_a_field_of_the_wrong_shape_is_named_before_a_missing_one(
    field: str, value: object, named: str
) -> None:
    with pytest.raises(AnswersError) as raised:
        from_json(json.dumps({field: value}).encode(), SHIPPED)
    french = raised.value.message("fr").replace("\u00a0", " ")
    assert named in french, french
    plain_line(french)


def test_a_missing_field_is_told_once_the_others_fit() -> None:
    with pytest.raises(AnswersError) as raised:
        from_json(json.dumps({"territory": TERRITORY}).encode(), SHIPPED)
    assert "« answers »" in raised.value.message("fr").replace("\u00a0", " ")
