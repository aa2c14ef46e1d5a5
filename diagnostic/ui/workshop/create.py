"""Creating a workshop: the territory, the date, and optionally the motivations to work on.

Widget keys: ``animation-type``, ``animation-name``, ``animation-date``,
``animation-motivations``, ``animation-create``, and the official territory picker's
``animation-profile-search`` and ``animation-profile-pick``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

import streamlit as st

from ...errors import DiagnosticError
from ...i18n import t
from ...model import TERRITORY_TYPES, TerritoryProfile, TerritoryType
from ...territory.official import official_territories
from ...territory.profile import clean_text
from .. import state
from ..choices import translated_choice
from ..literal import escape_markdown
from ..profile import territory_name_input, territory_type_select
from ..territory_picker import Targets, territory_picker
from .session import remember_admin

TYPE, NAME, DATE, MOTIVATIONS, CREATE = (
    f"animation-{name}" for name in ("type", "name", "date", "motivations", "create")
)
# Filled by the picker, not widgets: kept only while the name is the one picked.
PICKED_SIREN = "animation-picked-siren"
PICKED = Targets(
    type=TYPE,
    name=NAME,
    siren=PICKED_SIREN,
    departement="animation-picked-departement",
    population="animation-picked-population",
)


def render(ctx: state.Context) -> None:
    """The creation form; a valid one creates the workshop and opens its dashboard."""
    lang = ctx.lang
    state.show_flashes()
    st.title(t("atelier.create.title", lang))
    st.markdown(t("atelier.create.intro", lang))
    territory_picker(lang, "animation-", PICKED)
    territory_type_select(lang, TYPE)
    territory_name_input(lang, NAME)
    st.date_input(
        t("atelier.create.date", lang), value=dt.date.today(), format="DD/MM/YYYY", key=DATE
    )
    motivations = ctx.referentiel.motivations
    translated_choice(
        st.multiselect,
        t("atelier.create.motivations", lang),
        [motivation.id for motivation in motivations],
        lambda value: ctx.referentiel.motivation(value).label.get(lang),
        MOTIVATIONS,
        lang,
        placeholder=t("atelier.create.motivations_placeholder", lang),
        help=t("atelier.create.motivations_help", lang),
    )
    if st.button(t("atelier.create.button", lang), key=CREATE, type="primary"):
        create(ctx)
    st.caption(t("atelier.create.have_link", lang))


def picked_facts(name: str) -> dict[str, Any]:
    """SIREN, département and population of the territory picked, if its name was kept."""
    siren = st.session_state.get(PICKED_SIREN)
    official = official_territories().by_siren(siren) if siren else None
    if official is None or official.name != name:
        return {}
    return {
        "siren": official.siren,
        "departement": official.departement,
        "population": official.population,
    }


def create(ctx: state.Context) -> None:
    """Create the workshop from the form's values, or say what is missing."""
    lang = ctx.lang
    kind = st.session_state.get(TYPE)
    name = clean_text(st.session_state.get(NAME) or "").strip()
    problems = []
    if kind not in TERRITORY_TYPES:
        problems.append(t("app.profile.error.type", lang))
    if not name:
        problems.append(t("app.profile.error.name", lang))
    if problems:
        st.error("\n\n".join(problems))
        return
    day = st.session_state.get(DATE)
    profile = TerritoryProfile(
        name=name,
        type=cast(TerritoryType, kind),
        date=day if isinstance(day, dt.date) else dt.date.today(),
        **picked_facts(name),
    )
    chosen = set(st.session_state.get(MOTIVATIONS) or ())
    ordered = [m.id for m in ctx.referentiel.motivations if m.id in chosen]
    try:
        record, admin_key = ctx.repository.create_workshop(profile, ordered)
    except DiagnosticError as error:
        st.error(escape_markdown(error.message(lang)))
        return
    remember_admin(record.code, admin_key)
    state.flash("success", t("atelier.create.done", lang, code=record.code))
    st.rerun()
