"""The territory profile form: each field checked as it is typed, the profile saved when valid.

Widget keys: ``f"{prefix}profile-{field}"`` for type, name, siren, departement,
population and role. A value that fails its check stays in its field with a message
next to it and is not saved: the database keeps the last valid value. As for the
questions (see components.save_changes), a page calls save_profile_changes first on
every run, then draws the form with what it returns.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable, Mapping
from typing import Any

import streamlit as st

from ..errors import AnswersError, DiagnosticError
from ..i18n import t
from ..model import ROLES, TERRITORY_TYPES, TerritoryProfile
from ..territory.profile import NAME_MAX, POPULATION_MAX, clean_text, parse_profile
from ..typography import format_number
from .choices import translated_choice
from .literal import escape_markdown
from .territory_picker import Targets, territory_facts, territory_picker

SaveProfile = Callable[[TerritoryProfile], None]
FIELDS = ("type", "name", "siren", "departement", "population", "role")
TEXT_FIELDS = ("siren", "departement", "population")
REQUIRED = ("type", "name")
INSIST = "profile-insist"  # set when leaving was refused: blank required fields are flagged
POPULATION_EXAMPLE = 12_500
_BLANKS = re.compile(r"[\s\u00a0\u202f.]")


def field_key(field: str, prefix: str = "") -> str:
    """The widget key of a profile field."""
    return f"{prefix}profile-{field}"


def save_profile_changes(
    lang: str, saved: TerritoryProfile | None, save: SaveProfile, key_prefix: str = ""
) -> tuple[TerritoryProfile | None, dict[str, str]]:
    """Save the fields' values if they make a valid profile that differs from ``saved``.

    Returns the profile as now saved and the message to show under each field. A blank
    required field is flagged only once the user tried to leave the step.
    """
    if not any(field_key(field, key_prefix) in st.session_state for field in FIELDS):
        return saved, {}
    errors, values = check_fields(lang, key_prefix)
    insist = bool(st.session_state.get(key_prefix + INSIST))
    typed_name = clean_text(st.session_state.get(field_key("name", key_prefix)) or "").strip()
    shown = {
        field: message
        for field, message in errors.items()
        if insist or (field == "name" and typed_name) or field not in REQUIRED
    }
    if values["type"] is None or "name" not in values:
        return saved, shown
    kept = saved or TerritoryProfile(name="", type=values["type"])
    names = (*TEXT_FIELDS, "name", "type", "respondent_role")
    fields = {field: values[field] for field in names if field in values}
    profile = dataclasses.replace(kept, **fields, date=kept.date or dt.date.today())
    if profile == saved:
        return saved, shown
    try:
        save(profile)
    except DiagnosticError as error:
        shown["save"] = escape_markdown(t("app.save.failed", lang, reason=error.message(lang)))
        return saved, shown
    return profile, shown


def profile_form(
    lang: str, saved: TerritoryProfile | None, errors: Mapping[str, str], key_prefix: str = ""
) -> None:
    """The profile fields, filled from ``saved`` when not yet on screen, with their messages."""
    _seed(saved, key_prefix)
    territory_picker(lang, key_prefix, profile_targets(key_prefix))
    territory_type_select(lang, field_key("type", key_prefix))
    _error(errors, "type")
    territory_name_input(lang, field_key("name", key_prefix))
    _error(errors, "name")
    columns = st.columns(len(TEXT_FIELDS))
    for column, field in zip(columns, TEXT_FIELDS, strict=True):
        with column:
            st.text_input(
                t(f"app.profile.{field}", lang),
                help=t(f"app.profile.{field}_help", lang, **_examples(lang)),
                key=field_key(field, key_prefix),
            )
            _error(errors, field)
    territory_facts(
        lang,
        st.session_state.get(field_key("siren", key_prefix)),
        st.session_state.get(field_key("departement", key_prefix)),
    )
    translated_choice(
        st.selectbox,
        t("app.profile.role", lang),
        ROLES,
        lambda value: t(f"role.{value}", lang),
        field_key("role", key_prefix),
        lang,
        index=None,
        placeholder=t("app.profile.choose", lang),
    )
    _error(errors, "save")


def profile_targets(prefix: str = "") -> Targets:
    """The profile fields a territory picked from the official list fills."""
    keys = {field: field_key(field, prefix) for field in (*TEXT_FIELDS, "type", "name")}
    return Targets(**keys)


def territory_type_select(lang: str, key: str) -> None:
    """The territory type, chosen among commune, CC, CA, CU, métropole, Pays/PETR."""
    translated_choice(
        st.selectbox,
        t("app.profile.type", lang),
        TERRITORY_TYPES,
        lambda value: t(f"territory.{value}", lang),
        key,
        lang,
        index=None,
        placeholder=t("app.profile.choose", lang),
    )


def territory_name_input(lang: str, key: str) -> None:
    """The territory's name, at most NAME_MAX characters."""
    st.text_input(
        t("app.profile.name", lang),
        max_chars=NAME_MAX,
        placeholder=t("app.profile.name_placeholder", lang),
        key=key,
    )


def profile_ready(lang: str, key_prefix: str = "") -> bool:
    """Whether the fields hold a complete, valid profile; if not, blank fields get flagged."""
    errors, _ = check_fields(lang, key_prefix)
    st.session_state[key_prefix + INSIST] = bool(errors)
    return not errors


def check_fields(lang: str, key_prefix: str = "") -> tuple[dict[str, str], dict[str, Any]]:
    """(messages by field, valid values by field) for what the fields hold now."""
    raw = {field: st.session_state.get(field_key(field, key_prefix)) for field in FIELDS}
    errors: dict[str, str] = {}
    values: dict[str, Any] = {"type": raw["type"], "respondent_role": raw["role"]}
    if raw["type"] is None:
        errors["type"] = t("app.profile.error.type", lang)
    name = clean_text(raw["name"] or "").strip()
    if not name:
        errors["name"] = t("app.profile.error.name", lang)
    elif len(name) > NAME_MAX:
        errors["name"] = t("app.profile.error.name_long", lang, max=NAME_MAX)
    else:
        values["name"] = name
    for field in TEXT_FIELDS:
        text = _BLANKS.sub("", str(raw[field] or ""))
        if not text:
            values[field] = None
            continue
        candidate: Any = int(text) if field == "population" and text.isdigit() else text
        accepted = _core_check(field, candidate)
        if accepted is None:
            errors[field] = t(f"app.profile.error.{field}", lang, **_examples(lang))
        else:
            values[field] = accepted
    return errors, values


def _examples(lang: str) -> dict[str, str]:
    """Numbers quoted in the population messages, written the language's way."""
    return {
        "max": format_number(POPULATION_MAX, lang),
        "example": format_number(POPULATION_EXAMPLE, lang),
    }


def _core_check(field: str, value: Any) -> Any:
    """The value as diagnostic.territory.profile accepts it, or None if it refuses it."""
    try:
        profile = parse_profile({"name": "-", "type": "commune", field: value})
    except AnswersError:
        return None
    return getattr(profile, field)


def _seed(saved: TerritoryProfile | None, prefix: str) -> None:
    """Fill the fields from the saved profile when they are not on screen yet."""
    values: dict[str, Any] = {field: None for field in FIELDS}
    if saved is not None:
        values = {
            "type": saved.type,
            "name": saved.name,
            "siren": saved.siren or "",
            "departement": saved.departement or "",
            "population": "" if saved.population is None else str(saved.population),
            "role": saved.respondent_role,
        }
    for field in FIELDS:
        key = field_key(field, prefix)
        if key not in st.session_state:
            value = values[field]
            st.session_state[key] = "" if value is None and field not in ("type", "role") else value


def _error(errors: Mapping[str, str], field: str) -> None:
    if field in errors:
        st.error(errors[field])
