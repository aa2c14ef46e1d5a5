"""The answers file's shape, checked at run time against its shipped JSON Schema.

``answers.schema.json`` says what a file may hold; answers.py then checks what depends on
the référentiel or the calendar. The schema is read once and its validator built once.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from importlib.resources import files
from typing import TYPE_CHECKING, Any

from ..model import Referentiel
from .messages import kind, plain

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError
    from jsonschema.protocols import Validator

# Among errors on one object, the first kind listed here speaks first: an unknown key is
# often a misspelt one, which also explains the "missing" one. A missing field speaks only
# once every field present fits: ``{"territory": 3}`` is told about its territory.
_OBJECT_KINDS = ("type", "additionalProperties", "propertyNames", "required")


@cache
def answers_schema() -> dict[str, Any]:
    """The JSON Schema of the answers file, as shipped with the package."""
    text = (files("diagnostic.schema") / "answers.schema.json").read_text("utf-8")
    return dict(json.loads(text))


@cache
def _validator() -> Validator:
    from jsonschema import Draft202012Validator  # on first use: other commands start faster

    return Draft202012Validator(answers_schema())


def check_shape(raw: Any, referentiel: Referentiel) -> None:
    """Raise AnswersError, one line in the user's words, if ``raw`` does not fit the schema."""
    error = most_relevant(_validator().iter_errors(raw), raw)
    if error is not None:
        raise plain(error, referentiel)


def most_relevant(errors: Iterable[ValidationError], raw: Any) -> ValidationError | None:
    """The error to tell: on a present field before a missing one, shallowest, first in the file."""

    def rank(error: ValidationError) -> tuple[bool, int, tuple[int, ...], int]:
        found = kind(error)
        order = _OBJECT_KINDS.index(found) if found in _OBJECT_KINDS else len(_OBJECT_KINDS)
        path = error.absolute_path
        return found == "required", len(path), _positions(raw, path), order

    return min(errors, key=rank, default=None)


def _positions(raw: Any, path: Iterable[str | int]) -> tuple[int, ...]:
    """Where a path lies in the file: the rank of each key or index on the way."""
    positions = []
    for step in path:
        if isinstance(raw, dict) and step in raw:
            positions.append(list(raw).index(step))
            raw = raw[step]
        elif isinstance(raw, list) and isinstance(step, int):
            positions.append(step)
            raw = raw[step]
    return tuple(positions)
