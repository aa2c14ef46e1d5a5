"""The feuille de route in the answers file, and back, with plain messages for bad lines."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any, cast

from ..errors import AnswersError
from ..model import ActionId, LeverId
from ..territory.profile import Fragment, blank, clean_text, told
from ..typography import NBSP, format_date, format_number
from .model import ENTRY_ID, PLAN_MAX, STATUSES, TEXT_MAX, Plan, PlanAction, Quarter, Status

FIELDS = ("id", "label", "added", "action", "lever", "owner", "partners", "quarter", "status")
FIELDS_ALL = (*FIELDS, "note")
TEXT_FIELDS = ("label", "owner", "partners", "note")
_REF_ID = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
Problems = list[Fragment]

STATUS_LABELS: dict[Status, tuple[str, str]] = {
    "a_lancer": ("à lancer", "to start"),
    "en_cours": ("en cours", "under way"),
    "fait": ("fait", "done"),
    "abandonne": ("abandonné", "dropped"),
}


def status_label(status: Status, lang: str) -> str:
    """« à lancer », « en cours », « fait », « abandonné » (or English)."""
    french, english = STATUS_LABELS[status]
    return english if lang == "en" else french


def not_text(name: str) -> Fragment:
    return f"« {name} » doit être du texte", f"'{name}' must be text"


def text_too_long(name: str, length: int) -> Fragment:
    return (
        f"« {name} » dépasse {format_number(TEXT_MAX)} caractères ({format_number(length)})",
        f"'{name}' is longer than {TEXT_MAX} characters ({length})",
    )


def check_text(value: Any, name: str, required: bool = False) -> str:
    """A plan text cleaned of control characters, at most TEXT_MAX characters."""
    if not isinstance(value, str):
        raise _sentence(not_text(name))
    text = clean_text(value).strip()
    if required and not text:
        raise AnswersError(
            "L’intitulé de l’action est obligatoire.", "The action's wording is required."
        )
    if len(text) > TEXT_MAX:
        raise _sentence(text_too_long(name, len(text)))
    return text


def _sentence(problem: Fragment) -> AnswersError:
    return AnswersError(problem[0] + ".", problem[1] + ".")


PLAN_NOT_A_LIST = ("« plan » doit être une liste d’actions.", "'plan' must be a list of actions.")
PLAN_TOO_LONG = (
    f"La feuille de route compte plus de {PLAN_MAX} actions.",
    f"The plan holds more than {PLAN_MAX} actions.",
)
NOT_AN_OBJECT = ("ce n’est pas un objet JSON", "not a JSON object")
BAD_ID = (
    "« id » doit être fait de 1 à 32 lettres minuscules ou chiffres",
    "'id' must be 1 to 32 lowercase letters or digits",
)
LABEL_REQUIRED = ("l’intitulé (« label ») est obligatoire", "the 'label' is required")


def line_problem(number: int, problem: Fragment) -> Fragment:
    """A problem of the plan's ``number``-th action, as a sentence."""
    return (
        f"Feuille de route, action n°{NBSP}{number} : {problem[0]}.",
        f"Plan, action {number}: {problem[1]}.",
    )


UNKNOWN_FIELD = ("champ inconnu « {value} »", "unknown field '{value}'")
ADDED_REQUIRED = (
    "la date d’ajout (« added ») est obligatoire, au format AAAA-MM-JJ",
    "the date added ('added') is required, as YYYY-MM-DD",
)
ADDED_INVALID = (
    "la date d’ajout « {value} » n’est pas une date AAAA-MM-JJ",
    "the date added '{value}' is not a YYYY-MM-DD date",
)
QUARTER_INVALID = (
    "l’échéance « {value} » n’est pas un trimestre (ex. 2027-Q2)",
    "the target '{value}' is not a quarter (e.g. 2027-Q2)",
)
_STATUSES_FR = ", ".join(f"{s} ({label})" for s, (label, _) in STATUS_LABELS.items())
_STATUSES_EN = ", ".join(f"{s} ({label})" for s, (_, label) in STATUS_LABELS.items())
STATUS_UNKNOWN = (
    f"statut « {{value}} » inconnu (attendu : {_STATUSES_FR})",
    f"unknown status '{{value}}' (expected: {_STATUSES_EN})",
)
NOT_A_REF = (
    "« {value} » doit être un identifiant du référentiel",
    "'{value}' must be a référentiel id",
)


def plan_from_raw(raw: Any) -> Plan:
    """The plan from decoded JSON; raises AnswersError listing every bad line.

    An optional field left out, ``null`` or ``""`` is not given (status: « à lancer »).
    """
    if not isinstance(raw, list):
        raise AnswersError(*PLAN_NOT_A_LIST)
    if len(raw) > PLAN_MAX:
        raise AnswersError(*PLAN_TOO_LONG)
    problems: Problems = []
    actions: list[PlanAction] = []
    seen: set[str] = set()
    for number, item in enumerate(raw, start=1):
        found: Problems = []
        action = _action(item, found)
        entry = item.get("id") if isinstance(item, Mapping) else None
        if isinstance(entry, str) and entry in seen:
            found.append((f"identifiant « {entry} » en double", f"duplicate id '{entry}'"))
        if isinstance(entry, str):
            seen.add(entry)
        if found:
            problems += [line_problem(number, problem) for problem in found]
        elif action is not None:
            actions.append(action)
    if problems:
        raise AnswersError("\n".join(fr for fr, _ in problems), "\n".join(en for _, en in problems))
    return tuple(actions)


def _action(raw: Any, problems: Problems) -> PlanAction | None:
    if not isinstance(raw, Mapping):
        problems.append(NOT_AN_OBJECT)
        return None
    problems += [told(UNKNOWN_FIELD, key) for key in raw if key not in FIELDS_ALL]
    entry = raw.get("id")
    if not isinstance(entry, str) or not ENTRY_ID.match(entry):
        problems.append(BAD_ID)
    texts = {name: _text(raw.get(name), name, problems) for name in TEXT_FIELDS}
    if not texts["label"]:
        problems.append(LABEL_REQUIRED)
    added = _added(raw.get("added"), problems)
    quarter = _quarter(raw.get("quarter"), problems)
    status = _status(raw.get("status"), problems)
    refs = {name: _ref(raw.get(name), name, problems) for name in ("action", "lever")}
    if quarter is not None and added is not None and quarter.last_day < added:
        problems.append(
            (
                f"l’échéance « {quarter} » ({quarter.label('fr')}) est déjà passée à la date où "
                f"l’action a été ajoutée ({format_date(added, 'fr')}) : choisissez un trimestre "
                "à venir",
                f"the target '{quarter}' ({quarter.label('en')}) had already passed when the "
                f"action was added ({format_date(added, 'en')}): choose a coming quarter",
            )
        )
    if problems or added is None or status is None or not isinstance(entry, str):
        return None
    return PlanAction(
        id=entry,
        label=texts["label"],
        added=added,
        action=cast(ActionId | None, refs["action"]),
        lever=cast(LeverId | None, refs["lever"]),
        owner=texts["owner"],
        partners=texts["partners"],
        quarter=quarter,
        status=status,
        note=texts["note"],
    )


def _text(value: Any, name: str, problems: Problems) -> str:
    try:
        return check_text("" if value is None else value, name)
    except AnswersError as error:
        problems.append((error.message("fr").rstrip("."), error.message("en").rstrip(".")))
        return ""


def _added(value: Any, problems: Problems) -> dt.date | None:
    if isinstance(value, str) and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    problems.append(ADDED_REQUIRED if value is None else told(ADDED_INVALID, value))
    return None


def _quarter(value: Any, problems: Problems) -> Quarter | None:
    if blank(value):
        return None
    quarter = Quarter.parse(value) if isinstance(value, str) else None
    if quarter is None:
        problems.append(told(QUARTER_INVALID, value))
    return quarter


def _status(value: Any, problems: Problems) -> Status | None:
    if blank(value):
        return "a_lancer"
    if value in STATUSES:
        return cast(Status, value)
    problems.append(told(STATUS_UNKNOWN, value))
    return None


def _ref(value: Any, name: str, problems: Problems) -> str | None:
    if blank(value):
        return None
    if isinstance(value, str) and _REF_ID.match(value):
        return value
    problems.append(told(NOT_A_REF, name))
    return None


def plan_to_raw(plan: Plan) -> list[dict[str, Any]]:
    """The plan as JSON-ready values: fixed key order, empty fields left out (stable bytes)."""
    lines = []
    for action in plan:
        values: dict[str, Any] = {
            "id": action.id,
            "label": action.label,
            "added": action.added.isoformat(),
            "action": action.action,
            "lever": action.lever,
            "owner": action.owner or None,
            "partners": action.partners or None,
            "quarter": str(action.quarter) if action.quarter else None,
            "status": action.status,
            "note": action.note or None,
        }
        lines.append({key: value for key, value in values.items() if value is not None})
    return lines
