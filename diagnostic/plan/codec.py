"""The feuille de route in the answers file, and back, with plain messages for bad lines."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any, cast

from ..errors import AnswersError
from ..model import ActionId, LeverId
from ..territory import clean_text
from ..typography import NBSP, format_date, format_number
from .model import ENTRY_ID, PLAN_MAX, STATUSES, TEXT_MAX, Plan, PlanAction, Quarter, Status

FIELDS = ("id", "label", "added", "action", "lever", "owner", "partners", "quarter", "status")
FIELDS_ALL = (*FIELDS, "note")
TEXT_FIELDS = ("label", "owner", "partners", "note")
_REF_ID = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
Problems = list[tuple[str, str]]

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


def check_text(value: Any, name: str, required: bool = False) -> str:
    """A plan text cleaned of control characters, at most TEXT_MAX characters."""
    if not isinstance(value, str):
        raise AnswersError(f"« {name} » doit être du texte.", f"'{name}' must be text.")
    text = clean_text(value).strip()
    if required and not text:
        raise AnswersError(
            "L’intitulé de l’action est obligatoire.", "The action's wording is required."
        )
    if len(text) > TEXT_MAX:
        raise AnswersError(
            f"« {name} » dépasse {format_number(TEXT_MAX)} caractères "
            f"({format_number(len(text))}).",
            f"'{name}' is longer than {TEXT_MAX} characters ({len(text)}).",
        )
    return text


def plan_from_raw(raw: Any) -> Plan:
    """The plan from decoded JSON; raises AnswersError listing every bad line."""
    if not isinstance(raw, list):
        raise AnswersError(
            "« plan » doit être une liste d’actions.", "'plan' must be a list of actions."
        )
    if len(raw) > PLAN_MAX:
        raise AnswersError(
            f"La feuille de route compte plus de {PLAN_MAX} actions.",
            f"The plan holds more than {PLAN_MAX} actions.",
        )
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
            problems += [
                (
                    f"Feuille de route, action n°{NBSP}{number} : {fr}.",
                    f"Plan, action {number}: {en}.",
                )
                for fr, en in found
            ]
        elif action is not None:
            actions.append(action)
    if problems:
        raise AnswersError("\n".join(fr for fr, _ in problems), "\n".join(en for _, en in problems))
    return tuple(actions)


def _action(raw: Any, problems: Problems) -> PlanAction | None:
    if not isinstance(raw, Mapping):
        problems.append(("ce n’est pas un objet JSON", "not a JSON object"))
        return None
    for key in raw:
        if key not in FIELDS_ALL:
            problems.append((f"champ inconnu « {key} »", f"unknown field '{key}'"))
    entry = raw.get("id")
    if not isinstance(entry, str) or not ENTRY_ID.match(entry):
        problems.append(
            (
                "« id » doit être fait de 1 à 32 lettres minuscules ou chiffres",
                "'id' must be 1 to 32 lowercase letters or digits",
            )
        )
    texts = {name: _text(raw.get(name, ""), name, problems) for name in TEXT_FIELDS}
    if not texts["label"]:
        problems.append(("l’intitulé (« label ») est obligatoire", "the 'label' is required"))
    added = _added(raw.get("added"), problems)
    quarter = _quarter(raw.get("quarter"), problems)
    status = _status(raw.get("status", "a_lancer"), problems)
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
        return check_text(value, name)
    except AnswersError as error:
        problems.append((error.message("fr").rstrip("."), error.message("en").rstrip(".")))
        return ""


def _added(value: Any, problems: Problems) -> dt.date | None:
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    problems.append(
        (
            f"la date d’ajout « {value} » n’est pas une date AAAA-MM-JJ",
            f"the date added '{value}' is not a YYYY-MM-DD date",
        )
    )
    return None


def _quarter(value: Any, problems: Problems) -> Quarter | None:
    if value in (None, ""):
        return None
    quarter = Quarter.parse(value) if isinstance(value, str) else None
    if quarter is None:
        problems.append(
            (
                f"l’échéance « {value} » n’est pas un trimestre (ex. 2027-Q2)",
                f"the target '{value}' is not a quarter (e.g. 2027-Q2)",
            )
        )
    return quarter


def _status(value: Any, problems: Problems) -> Status | None:
    if value in STATUSES:
        return cast(Status, value)
    allowed_fr = ", ".join(f"{s} ({status_label(s, 'fr')})" for s in STATUSES)
    allowed_en = ", ".join(f"{s} ({status_label(s, 'en')})" for s in STATUSES)
    problems.append(
        (
            f"statut « {value} » inconnu (attendu : {allowed_fr})",
            f"unknown status '{value}' (expected: {allowed_en})",
        )
    )
    return None


def _ref(value: Any, name: str, problems: Problems) -> str | None:
    if value is None:
        return None
    if isinstance(value, str) and _REF_ID.match(value):
        return value
    problems.append(
        (
            f"« {name} » doit être un identifiant du référentiel",
            f"'{name}' must be a référentiel id",
        )
    )
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
