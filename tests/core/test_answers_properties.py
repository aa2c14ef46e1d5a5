"""Generated answers files: what the référentiel allows is valid for the schema and the loader
alike and comes back byte for byte; whatever damage the schema refuses gets one plain line."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
from hypothesis import given, settings
from hypothesis import strategies as st

from diagnostic import AnswersError, from_json, to_json
from diagnostic.model import DECLINED, ROLES, TERRITORY_TYPES, UNKNOWN, Referentiel
from diagnostic.plan.model import Quarter
from diagnostic.referentiel.load import load_referentiel
from diagnostic.settings import PROJECT_DATA
from diagnostic.territory.profile import clean_text

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((ROOT / "diagnostic" / "schema" / "answers.schema.json").read_text("utf-8"))
DIRECT = jsonschema.Draft202012Validator(SCHEMA)
SHIPPED = load_referentiel(PROJECT_DATA)
MINI = load_referentiel(ROOT / "tests" / "data" / "ok")
FEW = settings(max_examples=60, deadline=None)
SEPARATORS = ("", " ", "\u00a0", "\u202f")
DEPARTEMENTS = (
    *"123456789",
    *(f"{n:02d}" for n in range(1, 96) if n != 20),
    *("2A", "2B", "2a", "2b", "971", "972", "973", "974", "976"),
)
DAYS = st.dates(dt.date(2000, 1, 1), dt.date(2097, 12, 31))  # two years of quarters to 2100
WORDS = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=80)
BLANK = st.sampled_from([None, ""])


def luhn_digit(body: str) -> str:
    """The ninth digit that makes ``body`` (8 digits) a valid SIREN."""
    total = 0
    for index, char in enumerate(reversed(body + "0")):
        digit = int(char) * (2 if index % 2 else 1)
        total += digit - 9 if digit > 9 else digit
    return str((10 - total % 10) % 10)


@st.composite
def sirens(draw: st.DrawFn) -> str:
    """A valid SIREN as people type it: groups of three or not, spaces around or not."""
    body = draw(st.text("0123456789", min_size=8, max_size=8))
    digits = body + luhn_digit(body)
    first, second, around = (draw(st.sampled_from(SEPARATORS)) for _ in range(3))
    return f"{around}{digits[:3]}{first}{digits[3:6]}{second}{digits[6:]}{around}"


def optional(value: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """A field given, left blank (null or ""), or left out (the ``...`` marker)."""
    return st.one_of(value, BLANK, st.just(...))


def names() -> st.SearchStrategy[str]:
    return WORDS.filter(lambda text: bool(clean_text(text).strip()) and len(text) <= 300)


@st.composite
def territories(draw: st.DrawFn) -> dict[str, Any]:
    population = st.integers(0, 15_000_000)
    fields = {
        "name": draw(names()),
        "type": draw(st.sampled_from(TERRITORY_TYPES)),
        "siren": draw(optional(sirens())),
        "departement": draw(optional(st.sampled_from(DEPARTEMENTS))),
        "population": draw(optional(st.one_of(population, population.map(float)))),
        "respondent_role": draw(optional(st.sampled_from(ROLES))),
        "date": draw(optional(DAYS.map(dt.date.isoformat))),
    }
    return {key: value for key, value in fields.items() if value is not ...}


@st.composite
def answers(draw: st.DrawFn, referentiel: Referentiel) -> dict[str, Any]:
    chosen = draw(st.lists(st.sampled_from(referentiel.questions), unique_by=lambda q: q.id))
    values: dict[str, Any] = {}
    for question in chosen:
        scale = referentiel.scale(question.scale)
        level = st.integers(scale.min, scale.max)
        kinds = [level, level.map(float), st.just(UNKNOWN), st.none()]
        values[question.id] = draw(st.one_of(*kinds, *([st.just(DECLINED)] * question.declinable)))
    return values


@st.composite
def plan_lines(draw: st.DrawFn, referentiel: Referentiel) -> list[dict[str, Any]]:
    lines = []
    for number in range(draw(st.integers(0, 4))):
        added = draw(DAYS)
        quarter = Quarter.of(added).next(draw(st.integers(0, 8)))
        action = draw(st.sampled_from(referentiel.actions))
        fields = {
            "id": f"a{number}",
            "label": draw(names()),
            "added": added.isoformat(),
            "action": draw(optional(st.just(action.id))),
            "lever": draw(optional(st.just(action.lever))),
            "owner": draw(optional(WORDS)),
            "partners": draw(optional(WORDS)),
            "quarter": draw(optional(st.just(str(quarter)))),
            "status": draw(
                optional(st.sampled_from(["a_lancer", "en_cours", "fait", "abandonne"]))
            ),
            "note": draw(optional(WORDS)),
        }
        lines.append({key: value for key, value in fields.items() if value is not ...})
    return lines


@st.composite
def answers_files(draw: st.DrawFn, referentiel: Referentiel) -> dict[str, Any]:
    """A file that fits both the schema and the référentiel, written as people might."""
    motivations = [m.id for m in referentiel.motivations]
    questions = [q.id for q in referentiel.questions]
    raw: dict[str, Any] = {
        "format": draw(st.sampled_from(["diagnostic-ess-answers", ...])),
        "format_version": draw(st.sampled_from([1, ...])),
        "referentiel_version": draw(st.sampled_from([referentiel.version, None, ...])),
        "territory": draw(territories()),
        "priorities": draw(
            st.lists(st.sampled_from(motivations), unique=True, max_size=3) | st.just(...)
        ),
        "answers": draw(answers(referentiel)),
        "comments": draw(st.dictionaries(st.sampled_from(questions), WORDS) | st.just(...)),
        "plan": draw(plan_lines(referentiel) | st.just(...)),
    }
    if draw(st.booleans()):
        previous = {"territory": draw(territories()), "answers": draw(answers(referentiel))}
        raw["previous"] = {**previous, "plan": draw(plan_lines(referentiel))}
    return {key: value for key, value in raw.items() if value is not ...}


def encoded(raw: Any) -> bytes:
    return json.dumps(raw, ensure_ascii=False).encode("utf-8")


@FEW
@given(st.data())
def test_a_file_the_referentiel_allows_is_valid_for_both_and_round_trips(
    data: st.DataObject,
) -> None:
    referentiel = data.draw(st.sampled_from([SHIPPED, MINI]))
    raw = data.draw(answers_files(referentiel))
    assert DIRECT.is_valid(raw), next(iter(DIRECT.iter_errors(raw))).message
    first = to_json(from_json(encoded(raw), referentiel), referentiel)
    assert to_json(from_json(first, referentiel), referentiel) == first
    assert DIRECT.is_valid(json.loads(first))


JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False, allow_infinity=False),
    WORDS,
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)


def places(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value inside ``value``, the root included."""
    found = [path]
    items = (
        value.items()
        if isinstance(value, dict)
        else enumerate(value)
        if isinstance(value, list)
        else ()
    )
    for key, inner in items:
        found += places(inner, (*path, key))
    return found


def damaged(raw: dict[str, Any], path: tuple[Any, ...], junk: Any, new_key: bool) -> Any:
    """``raw`` with ``junk`` put at ``path``, or, with ``new_key``, beside it under a new key."""
    if not path:
        return junk
    copy = json.loads(json.dumps(raw))
    target = copy
    for step in path[:-1]:
        target = target[step]
    if new_key and isinstance(target, dict):
        target["cle_en_trop"] = junk
    else:
        target[path[-1]] = junk
    return copy


@FEW
@given(st.data())
def test_any_damage_the_schema_refuses_is_told_in_one_plain_line(data: st.DataObject) -> None:
    raw = data.draw(answers_files(SHIPPED))
    path = data.draw(st.sampled_from(places(raw)))
    bad = damaged(raw, path, data.draw(JUNK), data.draw(st.booleans()))
    try:
        from_json(encoded(bad), SHIPPED)
    except AnswersError as error:
        for lang in ("fr", "en"):
            message = error.message(lang)
            assert message and ("\n" not in message or DIRECT.is_valid(bad)), message
            assert not message.startswith(("Valeur inattendue", "Unexpected value")), message
    else:
        assert DIRECT.is_valid(bad)
