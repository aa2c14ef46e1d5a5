"""A territory's observatory figures as the results page, the PDF and the XLSX show them.

Nothing is estimated: a territory shows the figures a CRESS loaded for it, each with its
year and source, or says where to get them (its région's CRESS, from the directory).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..errors import ReferentielError
from ..i18n import t
from ..model import TerritoryProfile
from ..territory.contacts import who_to_call
from ..territory.official import official_territories
from ..typography import NBSP, format_number, format_percent
from .figures import Figure
from .indicators import Catalogue, Indicator, shipped_catalogue


@dataclass(frozen=True)
class Observatory:
    """Who publishes a territory's ESS figures: its région's CRESS, when the directory knows it."""

    name: str
    website: str


@dataclass(frozen=True)
class TerritoryFigures:
    """A territory's latest figures (none when none is loaded) and where to get more."""

    code: str | None  # INSEE code or SIREN; None: not an official commune or EPCI
    figures: tuple[Figure, ...]
    observatory: Observatory | None


@dataclass(frozen=True)
class FigureLine:
    """One figure in words and as a number, with its year and source."""

    indicator: str  # « Salariés de l’ESS »
    family: str  # « Associations », or "" for the whole ESS
    text: str  # « 1 234 salariés », « 12,3 % de l’emploi privé »
    value: float
    unit: str  # « salariés », « % »
    year: int
    source: str


def figures_code(profile: TerritoryProfile) -> str | None:
    """The code a territory's figures are kept under: INSEE code of a commune, SIREN of an EPCI."""
    if not profile.siren:
        return None
    try:
        found = official_territories().by_siren(profile.siren)
    except ReferentielError:
        return None
    return None if found is None else found.code


def observatory_of(departement: str | None) -> Observatory | None:
    """The CRESS of the département's région, from the regional directory."""
    _region, contacts = who_to_call(departement)
    cress = next((contact for contact in contacts if contact.provider == "cress"), None)
    return None if cress is None else Observatory(cress.name, cress.website)


def territory_figures(
    profile: TerritoryProfile, figures: Sequence[Figure], code: str | None
) -> TerritoryFigures:
    """The figures read for ``code`` and the territory's CRESS."""
    return TerritoryFigures(code, tuple(figures), observatory_of(profile.departement))


def figure_lines(
    figures: Sequence[Figure], lang: str, catalogue: Catalogue | None = None
) -> tuple[FigureLine, ...]:
    """The figures in the catalogue's order: each indicator, the whole ESS then each family."""
    catalogue = catalogue or shipped_catalogue()
    order = {item.id: number for number, item in enumerate(catalogue.indicators)}
    families = {item.id: number for number, item in enumerate(catalogue.families, 1)}
    known = [f for f in figures if f.indicator in order and (not f.family or f.family in families)]
    known.sort(key=lambda f: (order[f.indicator], families.get(f.family, 0)))
    lines = []
    for figure in known:
        indicator = catalogue.indicator(figure.indicator)
        family = catalogue.family(figure.family)
        assert indicator is not None
        lines.append(
            FigureLine(
                indicator=indicator.label.get(lang),
                family=family.label.get(lang) if family else "",
                text=value_text(indicator, figure.value, lang),
                value=figure.value,
                unit="%" if indicator.kind == "share" else indicator.unit.get(lang),
                year=figure.year,
                source=figure.source,
            )
        )
    return tuple(lines)


def value_text(indicator: Indicator, value: float, lang: str) -> str:
    """« 1 234 salariés », « 1 salarié », « 12,3 % de l’emploi privé »."""
    if indicator.kind == "share":
        decimals = 0 if value.is_integer() else 1
        return f"{format_percent(value, lang, decimals)} {indicator.unit.get(lang)}"
    one = value == 1 if lang == "en" else value < 2
    unit = (indicator.unit_one if one else indicator.unit).get(lang)
    space = " " if lang == "en" else NBSP
    return f"{format_number(value, lang)}{space}{unit}"


def line_label(line: FigureLine) -> str:
    """« Salariés de l’ESS », or « Salariés de l’ESS — Associations » for a family."""
    return f"{line.indicator} — {line.family}" if line.family else line.indicator


def line_text(line: FigureLine, lang: str) -> str:
    """« 1 234 salariés (2023, source : …) »."""
    return t("observatory.line", lang, value=line.text, year=line.year, source=line.source)


def where_to_get(figures: TerritoryFigures, lang: str) -> str:
    """Where a territory without figures gets them: its CRESS by name, or CRESS in general."""
    if figures.observatory is None:
        return t("observatory.none_any", lang)
    if not figures.observatory.website:
        return t("observatory.none_cress_no_site", lang, cress=figures.observatory.name)
    return t(
        "observatory.none_cress",
        lang,
        cress=figures.observatory.name,
        website=figures.observatory.website,
    )
