"""A JSON Schema error on an answers file, told as ONE plain line in the user's words.

The error's place in the file (its path) says which field it is about, and the value found
there what is wrong with it; never a jsonschema dump. The wording is the one the loader
uses for the same field (territory.py, plan/codec.py, answers.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..errors import AnswersError
from ..model import Referentiel
from ..plan import codec
from ..territory.profile import (
    DATE_INVALID,
    DEPARTEMENT_UNKNOWN,
    NAME_REQUIRED,
    POPULATION_INVALID,
    ROLE_UNKNOWN,
    TERRITORY_SHAPE,
    TYPE_REQUIRED,
    TYPE_UNKNOWN,
    Fragment,
    name_too_long,
    profile_error,
    shown,
    told,
    unknown_fields,
    whole,
)
from .answers import (
    FORMAT,
    FORMAT_VERSION,
    PRIORITIES_SHAPE,
    comment_problem,
    earlier,
    not_a_level,
    off_scale,
    too_many_priorities,
    unknown_motivation,
    unknown_question,
)

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError

Path = tuple[str | int, ...]

NOT_AN_OBJECT = (
    "Le fichier doit contenir un objet JSON avec « territory » et « answers ».",
    "The file must hold a JSON object with 'territory' and 'answers'.",
)
ANSWERS_SHAPE = (
    "« answers » doit associer chaque identifiant de question à sa réponse.",
    "'answers' must map each question id to its answer.",
)
COMMENTS_SHAPE = (
    "« comments » doit associer des identifiants de question à du texte.",
    "'comments' must map question ids to text.",
)
PREVIOUS_SHAPE = (
    "« previous » doit décrire le diagnostic précédent : « referentiel_version », "
    "« territory », « priorities », « answers », « comments » et « plan ».",
    "'previous' must describe the earlier diagnostic: 'referentiel_version', "
    "'territory', 'priorities', 'answers', 'comments' and 'plan'.",
)
VERSION_NOT_TEXT = (
    "« referentiel_version » doit être du texte, ex. « 2026.3 ».",
    "'referentiel_version' must be text, e.g. \"2026.3\".",
)


def plain(error: ValidationError, referentiel: Referentiel) -> AnswersError:
    """The schema error as one plain line, French and English."""
    path: Path = tuple(error.absolute_path)
    found = _message(path, error, referentiel)
    if found is not None:
        return found
    where = " › ".join(str(step + 1 if isinstance(step, int) else step) for step in path)
    return AnswersError(
        f"Valeur inattendue à l’endroit « {where or 'fichier'} » : le fichier ne suit pas le "
        "format des fichiers de réponses (voir docs/format-reponses.md).",
        f"Unexpected value at '{where or 'file'}': the file does not follow the answers "
        "file format (see docs/format-reponses.md).",
    )


def _message(path: Path, error: ValidationError, referentiel: Referentiel) -> AnswersError | None:
    if not path:
        return _root(error)
    head, rest = path[0], path[1:]
    if head == "previous":
        if not rest:
            return AnswersError(*PREVIOUS_SHAPE)
        inner = _message(rest, error, referentiel)  # the same shapes as the file's own
        return earlier(inner) if inner is not None else None
    handler = _HANDLERS.get(str(head))
    return handler(rest, error, referentiel) if handler is not None else None


def _root(error: ValidationError) -> AnswersError | None:
    if error.validator == "type":
        return AnswersError(*NOT_AN_OBJECT)
    if error.validator == "additionalProperties":
        extra = _extra_keys(error)
        if len(extra) == 1:
            return AnswersError(
                *told(("Clé inconnue « {value} ».", "Unknown key '{value}'."), extra[0])
            )
        return AnswersError(
            "Clés inconnues " + ", ".join(f"« {shown(key)} »" for key in extra) + ".",
            "Unknown keys " + ", ".join(f"'{shown(key)}'" for key in extra) + ".",
        )
    if error.validator == "required":
        missing = _missing(error)
        return AnswersError(*(TERRITORY_SHAPE if missing == "territory" else ANSWERS_SHAPE))
    return None


def _format(_: Path, error: ValidationError, __: Referentiel) -> AnswersError:
    value = error.instance
    return AnswersError(
        f"Ce n’est pas un fichier de réponses (format « {shown(value)} », attendu : « {FORMAT} »).",
        f"This is not an answers file (format '{shown(value)}', expected: '{FORMAT}').",
    )


def _format_version(_: Path, error: ValidationError, __: Referentiel) -> AnswersError:
    value = error.instance
    return AnswersError(
        f"Version de format {shown(value)} non prise en charge (attendu : {FORMAT_VERSION}).",
        f"Format version {shown(value)} is not supported (expected: {FORMAT_VERSION}).",
    )


def _version(*_: Any) -> AnswersError:
    return AnswersError(*VERSION_NOT_TEXT)


def _territory(rest: Path, error: ValidationError, _: Referentiel) -> AnswersError | None:
    if not rest:
        if error.validator == "additionalProperties":
            return profile_error([unknown_fields(*_extra_keys(error))])
        if error.validator == "required":
            missing = _missing(error)
            return profile_error([NAME_REQUIRED if missing == "name" else TYPE_REQUIRED])
        return AnswersError(*TERRITORY_SHAPE)
    field, value = str(rest[0]), error.instance
    if field == "name":
        too_long = error.validator == "maxLength" and isinstance(value, str)
        return profile_error([name_too_long(len(value)) if too_long else NAME_REQUIRED])
    if field in _CODES and isinstance(value, int | float) and not isinstance(value, bool):
        return profile_error([_CODES[field]])
    template = _PROFILE.get(field)
    return profile_error([told(template, value)]) if template is not None else None


SIREN_SHAPE = (
    "le SIREN « {value} » doit compter 9 chiffres, groupés par trois ou non "
    "(ex. 200 000 008 ou 200000008)",
    "SIREN '{value}' must have 9 digits, in groups of three or not (e.g. 200 000 008 or 200000008)",
)
_PROFILE = {
    "type": TYPE_UNKNOWN,
    "siren": SIREN_SHAPE,
    "departement": DEPARTEMENT_UNKNOWN,
    "population": POPULATION_INVALID,
    "respondent_role": ROLE_UNKNOWN,
    "date": DATE_INVALID,
}
_CODES = {  # codes written as JSON numbers
    "siren": (
        "le SIREN s’écrit entre guillemets, comme un texte (ex. « 200 000 008 »)",
        'the SIREN is written in quotes, as text (e.g. "200 000 008")',
    ),
    "departement": (
        "le département s’écrit entre guillemets, comme un texte (ex. « 54 », « 2A »)",
        'the département is written in quotes, as text (e.g. "54", "2A")',
    ),
}


def _priorities(rest: Path, error: ValidationError, referentiel: Referentiel) -> AnswersError:
    if error.validator == "uniqueItems":
        return too_many_priorities(referentiel.rules.ranking_max)
    if rest and isinstance(error.instance, str):
        return unknown_motivation(error.instance)
    return AnswersError(*PRIORITIES_SHAPE)


def _answers(rest: Path, error: ValidationError, referentiel: Referentiel) -> AnswersError:
    if not rest:
        if kind(error) == "propertyNames":
            return unknown_question(error.instance)
        return AnswersError(*ANSWERS_SHAPE)
    question_id, value = str(rest[0]), whole(error.instance)
    if isinstance(value, int) and not isinstance(value, bool):
        return off_scale(referentiel, question_id, value)
    return not_a_level(referentiel, question_id, error.instance)


def _comments(rest: Path, error: ValidationError, referentiel: Referentiel) -> AnswersError:
    if not rest:
        if kind(error) == "propertyNames":
            return comment_problem(error.instance, "unknown")
        return AnswersError(*COMMENTS_SHAPE)
    problem = "too_long" if error.validator == "maxLength" else "not_text"
    return comment_problem(str(rest[0]), problem)


def _plan(rest: Path, error: ValidationError, _: Referentiel) -> AnswersError | None:
    if not rest:
        return AnswersError(
            *(codec.PLAN_TOO_LONG if error.validator == "maxItems" else codec.PLAN_NOT_A_LIST)
        )
    number = int(rest[0]) + 1
    fragment = _plan_line(rest[1:], error)
    return AnswersError(*codec.line_problem(number, fragment)) if fragment else None


def _plan_line(rest: Path, error: ValidationError) -> Fragment | None:
    value, keyword = error.instance, error.validator
    if not rest:
        if keyword == "additionalProperties":
            return told(codec.UNKNOWN_FIELD, _extra_keys(error)[0])
        if keyword == "required":
            missing = _missing(error)
            required = {"id": codec.BAD_ID, "label": codec.LABEL_REQUIRED}
            return required.get(missing, codec.ADDED_REQUIRED)
        return codec.NOT_AN_OBJECT
    field = str(rest[0])
    if field in codec.TEXT_FIELDS:
        if not isinstance(value, str):
            return codec.not_text(field)
        if keyword == "maxLength":
            return codec.text_too_long(field, len(value))
        return codec.LABEL_REQUIRED
    if field == "id":
        return codec.BAD_ID
    if field in ("action", "lever"):
        return told(codec.NOT_A_REF, field)
    if field == "added" and value is None:
        return codec.ADDED_REQUIRED
    template = _LINE.get(field)
    return told(template, value) if template is not None else None


_LINE = {
    "added": codec.ADDED_INVALID,
    "quarter": codec.QUARTER_INVALID,
    "status": codec.STATUS_UNKNOWN,
}


Handler = Callable[[Path, "ValidationError", Referentiel], AnswersError | None]
_HANDLERS: dict[str, Handler] = {
    "format": _format,
    "format_version": _format_version,
    "referentiel_version": _version,
    "territory": _territory,
    "priorities": _priorities,
    "answers": _answers,
    "comments": _comments,
    "plan": _plan,
}


def kind(error: ValidationError) -> str:
    """The keyword that failed; ``propertyNames`` for a key (jsonschema says ``pattern``)."""
    return "propertyNames" if "propertyNames" in error.schema_path else str(error.validator)


def _extra_keys(error: ValidationError) -> list[str]:
    known = error.schema.get("properties", {}) if isinstance(error.schema, dict) else {}
    return [key for key in error.instance if key not in known]


def _missing(error: ValidationError) -> str:
    required = error.validator_value if isinstance(error.validator_value, list) else []
    return next((key for key in required if key not in error.instance), "")
