"""Find the territory in the official communes and EPCI, and fill the form from it.

Widget keys: ``f"{prefix}profile-search"`` (the query) and ``f"{prefix}profile-pick"``
(the match chosen). Choosing a match fills, through a callback that runs before the
next run draws anything, the form's fields whose keys ``Targets`` names: type, name,
SIREN, département, population. The fields stay editable: a Pays / PETR, or any
territory not found, is entered by hand. The official data is read once per process,
the first time a query is typed; if it cannot be read, the page says why once and the
form works by hand.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from ..errors import ReferentielError
from ..i18n import t
from ..territory.official import MIN_LETTERS, Territories, Territory, official_territories
from ..territory.profile import normalise_departement
from ..typography import format_number
from .choices import translated_choice
from .literal import escape_markdown

RESULTS = 10
WARNED = "territories-unreadable-said"


@dataclass(frozen=True)
class Targets:
    """The keys of the widgets a pick fills; None for a field the form does not have."""

    type: str
    name: str
    siren: str | None = None
    departement: str | None = None
    population: str | None = None


def search_key(prefix: str) -> str:
    return f"{prefix}profile-search"


def pick_key(prefix: str) -> str:
    return f"{prefix}profile-pick"


def readable_territories(lang: str) -> Territories | None:
    """The official territories, or None after saying once per session why they cannot be used."""
    try:
        return official_territories()
    except ReferentielError as error:
        if not st.session_state.get(WARNED):
            st.session_state[WARNED] = True
            reason = "; ".join(problem.message(lang) for problem in error.problems)
            st.warning(escape_markdown(t("app.picker.unreadable", lang, reason=reason)))
        return None


def territory_picker(lang: str, prefix: str, targets: Targets) -> None:
    """The search box and, once something is typed, the matches to choose from."""
    query = st.text_input(
        t("app.picker.search", lang),
        placeholder=t("app.picker.placeholder", lang),
        help=t("app.picker.help", lang),
        max_chars=200,
        key=search_key(prefix),
    )
    if not query or not query.strip():
        return
    territories = readable_territories(lang)
    if territories is None:
        return
    matches = territories.search(query, RESULTS)
    if not matches:
        short = len("".join(query.split())) < MIN_LETTERS
        key = "app.picker.too_short" if short else "app.picker.none"
        st.caption(t(key, lang, count=MIN_LETTERS))
        return
    by_siren = {match.siren: match for match in matches}
    translated_choice(
        st.selectbox,
        t("app.picker.choose", lang, count=len(matches)),
        list(by_siren),
        lambda siren: describe(by_siren[siren], territories, lang),
        pick_key(prefix),
        lang,
        index=None,
        placeholder=t("app.picker.choose_placeholder", lang),
        on_change=_fill,
        args=(territories, prefix, targets),
    )


def describe(territory: Territory, territories: Territories, lang: str) -> str:
    """« Name — type, Département (35), 12 345 hab. », telling homonyms apart."""
    text = t(
        "app.picker.match",
        lang,
        name=territory.name,
        kind=t(f"territory.{territory.kind}", lang),
        departement=territories.departement_name(territory.departement),
        code=territory.departement,
        population=format_number(territory.population, lang),
    )
    if territory.former_name:
        text += t("app.picker.former", lang, former=territory.former_name)
    return text


def _fill(territories: Territories, prefix: str, targets: Targets) -> None:
    """Copy the chosen territory into the form's fields."""
    siren = st.session_state.get(pick_key(prefix))
    territory = territories.by_siren(siren or "")
    if territory is None:
        return
    values = {
        targets.type: territory.kind,
        targets.name: territory.name,
        targets.siren: territory.siren,
        targets.departement: territory.departement,
        targets.population: str(territory.population),
    }
    for key, value in values.items():
        if key is not None:
            st.session_state[key] = value


def territory_facts(lang: str, siren: str | None, departement: str | None) -> None:
    """Under the fields: the région of the département, and an EPCI's member communes."""
    if not siren and not departement:
        return
    territories = readable_territories(lang)
    if territories is None:
        return
    region = territories.region_of(normalise_departement(departement or ""))
    if region:
        st.caption(t("app.picker.region", lang, region=territories.region_name(region)))
    official = territories.by_siren(siren or "")
    if official is None or not official.is_epci:
        return
    members = territories.members(official)
    with st.expander(t("app.picker.members", lang, count=len(members), name=official.name)):
        st.markdown(
            "\n".join(
                f"- {escape_markdown(member.name)} "
                f"({format_number(member.population, lang)}{t('app.picker.inhabitants', lang)})"
                for member in members
            )
        )
