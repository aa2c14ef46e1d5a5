"""The plan's quarters and lines, and the plan in the answers file (round trip, bad input)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st
from plan_support import ADDED, MINI, PROFILE, line, lowest, mini

from diagnostic.errors import AnswersError
from diagnostic.export.jsonio import from_json, to_json
from diagnostic.plan.codec import plan_from_raw, plan_to_raw
from diagnostic.plan.model import (
    TEXT_MAX,
    Quarter,
    quarter_choices,
    same_label,
    status_counts,
)


def test_quarters_read_write_and_name_themselves() -> None:
    quarter = Quarter.parse("2027-Q2")
    assert quarter == Quarter(2027, 2)
    assert str(quarter) == "2027-Q2"
    assert quarter.label("fr") == "2e\u00a0trimestre 2027"
    assert Quarter(2027, 1).label("fr") == "1er\u00a0trimestre 2027"
    assert quarter.label("en") == "Q2 2027"
    assert quarter.last_day == dt.date(2027, 6, 30)
    assert Quarter(2026, 4).last_day == dt.date(2026, 12, 31)
    assert Quarter(2026, 4).next() == Quarter(2027, 1)
    assert Quarter.of(dt.date(2026, 11, 27)) == Quarter(2026, 4)
    for bad in ("2027-Q5", "2027Q2", "T2 2027", "1999-Q1", ""):
        assert Quarter.parse(bad) is None


def test_quarter_choices_start_now_and_keep_the_current_one() -> None:
    choices = quarter_choices(dt.date(2026, 11, 27), Quarter(2025, 3), count=4)
    assert choices == [Quarter(2025, 3), Quarter(2026, 4), *(Quarter(2027, n) for n in (1, 2, 3))]


def test_a_plan_goes_through_the_answers_file_byte_for_byte() -> None:
    referentiel = mini()
    plan = (
        line("a1"),
        line("b2", label="Réunir les acteurs", status="a_lancer", quarter=None, note=""),
    )
    earlier = dataclasses.replace(lowest(referentiel), plan=(line("a1", status="a_lancer"),))
    sheet = dataclasses.replace(lowest(referentiel), plan=plan, previous=earlier)
    data = to_json(sheet, referentiel)
    back = from_json(data, referentiel)
    assert back.plan == plan
    assert back.previous is not None and back.previous.plan == earlier.plan
    assert back.previous.answers == earlier.answers
    assert to_json(back, referentiel) == data
    raw = json.loads(data)
    assert raw["plan"][1] == {
        "id": "b2",
        "label": "Réunir les acteurs",
        "added": "2026-11-27",
        "owner": "Maire",
        "partners": "CRESS, CNFPT",
        "status": "a_lancer",
    }


def test_a_file_without_plan_is_unchanged() -> None:
    referentiel = mini()
    data = to_json(lowest(referentiel), referentiel)
    assert b'"plan"' not in data and b'"previous"' not in data


HOSTILE = '=HYPERLINK("http://x")\n<b>gras</b> \u202eevil'
SHOWN = '=HYPERLINK("http://x")\n<b>gras</b> evil'  # bidi controls are stripped on reading


@given(st.text(max_size=200).filter(lambda text: text.strip()))
def test_any_text_survives_the_round_trip_cleaned(text: str) -> None:
    raw = plan_to_raw((line(label="x"),))
    raw[0]["note"] = text
    [back] = plan_from_raw(raw)
    assert plan_from_raw(plan_to_raw((back,))) == (back,)


def test_hostile_text_is_kept_verbatim_in_the_file_but_for_bidi_controls() -> None:
    [back] = plan_from_raw(plan_to_raw((line(label=HOSTILE, owner=HOSTILE),)))
    assert back.label == SHOWN and back.owner == SHOWN


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"status": "termine"},
            "Feuille de route, action n°\u00a01\u00a0: statut «\u00a0termine\u00a0» inconnu "
            "(attendu\u00a0: a_lancer (à lancer), en_cours (en cours), fait (fait), "
            "abandonne (abandonné)).",
        ),
        (
            {"quarter": "2019-Q1"},
            "Feuille de route, action n°\u00a01\u00a0: l’échéance «\u00a02019-Q1\u00a0» "
            "(1er\u00a0trimestre 2019) est déjà passée à la date où l’action a été ajoutée "
            "(27 novembre 2026)\u00a0: choisissez un trimestre à venir.",
        ),
        (
            {"quarter": "printemps"},
            "Feuille de route, action n°\u00a01\u00a0: l’échéance «\u00a0printemps\u00a0» "
            "n’est pas un trimestre (ex. 2027-Q2).",
        ),
        (
            {"label": ""},
            "Feuille de route, action n°\u00a01\u00a0: l’intitulé («\u00a0label\u00a0») "
            "est obligatoire.",
        ),
        (
            {"note": "x" * (TEXT_MAX + 1)},
            "Feuille de route, action n°\u00a01\u00a0: «\u00a0note\u00a0» dépasse "
            "10\u00a0000 caractères (10\u00a0001).",
        ),
        (
            {"added": "27/11/2026"},
            "Feuille de route, action n°\u00a01\u00a0: la date d’ajout «\u00a027/11/2026\u00a0» "
            "n’est pas une date AAAA-MM-JJ.",
        ),
        (
            {"colour": "red"},
            "Feuille de route, action n°\u00a01\u00a0: champ inconnu «\u00a0colour\u00a0».",
        ),
    ],
)
def test_a_bad_line_in_a_file_gets_a_plain_message(change: dict[str, object], message: str) -> None:
    referentiel = mini()
    raw = json.loads(to_json(dataclasses.replace(lowest(referentiel), plan=(line(),)), referentiel))
    raw["plan"][0].update(change)
    with pytest.raises(AnswersError) as caught:
        from_json(json.dumps(raw).encode(), referentiel)
    assert caught.value.message("fr") == message


def test_every_bad_line_is_reported_at_once() -> None:
    raw = plan_to_raw((line("a1"), line("a2")))
    raw[0]["status"] = "?"
    raw[1]["id"] = "a1"
    with pytest.raises(AnswersError) as caught:
        plan_from_raw(raw)
    lines = caught.value.message("en").splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("Plan, action 1: unknown status '?'")
    assert lines[1] == "Plan, action 2: duplicate id 'a1'."


def test_status_counts_and_lateness() -> None:
    plan = (line("a1"), line("a2", status="fait"), line("a3", quarter=Quarter(2020, 1)))
    assert status_counts(plan) == {"a_lancer": 0, "en_cours": 2, "fait": 1, "abandonne": 0}
    assert plan[2].is_late and not plan[1].is_late
    assert not line(quarter=None).is_late
    assert PROFILE.date == ADDED


def test_a_file_with_plan_and_previous_fits_the_json_schema() -> None:
    referentiel = mini()
    schema_path = MINI.parents[1].parent / "diagnostic" / "schema" / "answers.schema.json"
    schema = json.loads(schema_path.read_text("utf-8"))
    earlier = dataclasses.replace(lowest(referentiel), plan=(line("a1", status="a_lancer"),))
    sheet = dataclasses.replace(
        earlier, plan=(line("a1"), line("b2", quarter=None)), previous=earlier
    )
    jsonschema.validate(json.loads(to_json(sheet, referentiel)), schema)
    bad = json.loads(to_json(sheet, referentiel))
    bad["plan"][0]["status"] = "termine"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)


def test_a_line_worded_alike_is_found_whatever_its_case_and_spaces() -> None:
    plan = (line("a1", label="Former les élus à l’ESS"), line("b2", label="Réunir les acteurs"))
    assert same_label(plan, "  réunir  LES acteurs ") == 2
    assert same_label(plan, "Former les élus") is None
    assert same_label((), "Réunir les acteurs") is None
