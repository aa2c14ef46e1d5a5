"""The portfolio's filter, search and sort widgets, read into a Filters value."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import streamlit as st

from ...advice.recommend import NeedWord
from ...i18n import t
from ...model import Referentiel
from ...portfolio.table import SORT_KEYS, Filters, PortfolioRow, SortKey
from ...territory.official import official_territories

NEED_WORDS: tuple[NeedWord, ...] = ("fort", "moyen", "faible")


@dataclass(frozen=True)
class Choice:
    """The filters chosen, how to sort, and the filters in words (for the synthesis)."""

    filters: Filters
    sort: SortKey
    descending: bool
    described: tuple[str, ...]


def filter_controls(referentiel: Referentiel, rows: Sequence[PortfolioRow], lang: str) -> Choice:
    """The search field and the filters, in an expander; returns what is chosen."""
    search = st.text_input(t("portfolio.filter.search", lang), key="portfolio-search")
    with st.expander(t("portfolio.filter.title", lang), expanded=True):
        left, right = st.columns(2)
        departements = sorted({row.facts.departement for row in rows})
        names = official_territories().departement_name
        chosen_departements = left.multiselect(
            t("portfolio.filter.departement", lang),
            departements,
            format_func=lambda code: f"{code} {names(code)}".strip(),
            key="portfolio-departement",
        )
        types = sorted({row.facts.type for row in rows})
        chosen_types = right.multiselect(
            t("portfolio.filter.type", lang),
            types,
            format_func=lambda kind: t(f"territory.{kind}", lang),
            key="portfolio-type",
        )
        levers = [lever.id for lever in referentiel.levers]
        lever = left.selectbox(
            t("portfolio.filter.lever", lang),
            [None, *levers],
            format_func=lambda item: (
                t("portfolio.filter.lever_any", lang)
                if item is None
                else referentiel.lever(item).label.get(lang)
            ),
            key="portfolio-lever",
        )
        needs = right.multiselect(
            t("portfolio.filter.need", lang),
            NEED_WORDS,
            format_func=lambda word: t(f"need.{word}", lang),
            key="portfolio-need",
            disabled=lever is None,
        )
        stale = left.checkbox(t("portfolio.filter.stale", lang), key="portfolio-stale")
        late = right.checkbox(t("portfolio.filter.late", lang), key="portfolio-late")
        sort = left.selectbox(
            t("portfolio.filter.sort", lang),
            SORT_KEYS,
            format_func=lambda key: t(f"portfolio.sort.{key}", lang),
            key="portfolio-sort",
        )
        descending = right.checkbox(
            t("portfolio.filter.descending", lang), key="portfolio-descending"
        )
    filters = Filters(
        departements=frozenset(chosen_departements),
        types=frozenset(chosen_types),
        needs={lever: frozenset(needs)} if lever is not None and needs else {},
        stale=stale,
        late=late,
        search=search or "",
    )
    return Choice(filters, sort, descending, describe(referentiel, filters, lang))


def describe(referentiel: Referentiel, filters: Filters, lang: str) -> tuple[str, ...]:
    """The filters in words, one item each: « Départements : 01, 69 »."""
    colon = t("app.colon", lang)
    found = []
    if filters.search.strip():
        found.append(t("portfolio.filter.searched", lang, text=filters.search.strip()))
    if filters.departements:
        found.append(
            t("portfolio.filter.departement", lang)
            + colon
            + ", ".join(sorted(filters.departements))
        )
    if filters.types:
        kinds = ", ".join(t(f"territory.{kind}", lang) for kind in sorted(filters.types))
        found.append(t("portfolio.filter.type", lang) + colon + kinds)
    for lever, words in filters.needs.items():
        label = referentiel.lever(lever).label.get(lang)
        needs = ", ".join(t(f"need.{word}", lang) for word in NEED_WORDS if word in words)
        found.append(f"{label}{colon}{needs}")
    if filters.stale:
        found.append(t("portfolio.filter.stale", lang))
    if filters.late:
        found.append(t("portfolio.filter.late", lang))
    return tuple(found)
