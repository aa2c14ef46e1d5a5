"""Where the portfolio meets the other parts: who may see which territories, the ESS figures,
the région's map and the figures upload. Each is one function, called once per run."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import streamlit as st

from ...export.maps import MapLevel
from ...i18n import t
from ...model import LeverId
from ...portfolio.map_values import need_values, regions_of, status_values
from ...portfolio.table import PortfolioRow
from ...territory.contours import region_shapes
from ...territory.official import official_territories
from .. import account, signin
from ..figures_upload import figures_upload
from ..maps import region_map_view
from ..space.opening import open_territory
from ..state import Context

OPEN_KEY = "portfolio-open-territory"  # the territory a click on the map chose
COLOUR_STATUS = "status"


@dataclass(frozen=True)
class PortfolioVisit:
    """Whether the visitor may see the portfolio, which territories, and whether they may load
    figures; ``refusal`` is the locale key of the reason when not."""

    allowed: bool
    refusal: str = ""
    visible: frozenset[str] | None = None  # None: every territory of this installation


def portfolio_visit(ctx: Context, local: bool) -> PortfolioVisit:
    """Without sign-in, the person at the machine sees every territory diagnosed here; with
    accounts, the administrator sees them all, a regional adviser the territories that share
    with their région(s) now (each such read goes to the access log), anyone else nothing."""
    if not signin.configured():
        return PortfolioVisit(True) if local else PortfolioVisit(False, "portfolio.not_local")
    who = account.actor(ctx)
    if who is None:
        return PortfolioVisit(False, "portfolio.sign_in")
    roles = ctx.repository.roles_of(who)
    if roles is not None and roles.is_admin:
        return PortfolioVisit(True)
    regions = sorted(g.scope for g in roles.grants if g.kind == "adviser") if roles else []
    if not regions:
        return PortfolioVisit(False, "portfolio.no_role")
    keys: set[str] = set()
    for region in regions:
        keys.update(ctx.repository.shared_territories(who, region))
    return PortfolioVisit(True, visible=frozenset(keys))


def figures_loaded(ctx: Context, keys: Collection[str]) -> Mapping[str, bool]:
    """Per territory key (SIREN), whether its ESS figures are loaded; every key when ``keys``
    is empty."""
    loaded = sirens_of(ctx.repository.territories_with_figures())
    return {key: True for key in loaded if not keys or key in keys}


@lru_cache(maxsize=8)
def sirens_of(codes: frozenset[str]) -> frozenset[str]:
    """The SIRENs of the territories whose figures are kept under ``codes`` (a commune's INSEE
    code, an EPCI's SIREN)."""
    territories = official_territories()
    found = (territories.by_siren(code) for code in sorted(codes))
    return frozenset(territory.siren for territory in found if territory is not None)


def region_extras(ctx: Context, rows: Sequence[PortfolioRow], visit: PortfolioVisit) -> None:
    """Under the table: the région's map of the territories shown, and the figures upload.

    ``rows`` are the territories shown, filters applied; a click on the map, or on a name of
    the list beside it, opens the territory's space.
    """
    opened = st.session_state.pop(OPEN_KEY, None)
    if opened:
        open_territory(opened)
    region_map_section(ctx, rows, visit)
    with st.expander(t("portfolio.figures.upload", ctx.lang)):
        if figures_upload(ctx.repository, ctx.lang, key="portfolio-figures-upload"):
            st.rerun()  # the table's « chiffres » column follows the new figures


def region_map_section(ctx: Context, rows: Sequence[PortfolioRow], visit: PortfolioVisit) -> None:
    """The map of one région: each territory by diagnosis status, or by its need for a lever."""
    lang, referentiel = ctx.lang, ctx.referentiel
    regions = regions_of(rows)
    if not regions:
        return
    names = official_territories().region_name
    st.subheader(t("portfolio.map.title", lang))
    with st.container(horizontal=True):
        region = st.selectbox(
            t("portfolio.map.region", lang), regions, format_func=names, key="portfolio-map-region"
        )
        colours = [COLOUR_STATUS, *(lever.id for lever in referentiel.levers)]
        labels = {lever.id: lever.label.get(lang) for lever in referentiel.levers}
        colour = st.selectbox(
            t("portfolio.map.colour", lang),
            colours,
            format_func=lambda c: (
                t("portfolio.map.by_status", lang)
                if c == COLOUR_STATUS
                else t("portfolio.map.by_need", lang, lever=labels[c])
            ),
            key="portfolio-map-colour",
        )
    communes = any(r.facts.type == "commune" for r in rows if r.facts.region == region)
    level: MapLevel = st.radio(
        t("portfolio.map.level", lang),
        ["epci", "commune"],
        index=1 if communes and all(r.facts.type == "commune" for r in rows) else 0,
        format_func=lambda value: t(f"portfolio.map.level.{value}", lang),
        horizontal=True,
        key="portfolio-map-level",
    )
    if colour == COLOUR_STATUS:
        # Every EPCI without a diagnosis here is « never » diagnosed; not said of each of the
        # région's communes (thousands), nor when the visitor sees shared territories only.
        show_never = visit.visible is None and level == "epci"
        never = never_diagnosed(region) if show_never else ()
        values: Mapping[str, str | float] = status_values(rows, region, never)
        title = t("portfolio.map.by_status", lang)
    else:
        lever = LeverId(colour)
        values = need_values(rows, region, lever)
        title = t("portfolio.map.by_need", lang, lever=labels[lever])
    region_map_view(region, values, lang, _open, key="portfolio-map", level=level, title=title)


def never_diagnosed(region: str) -> tuple[str, ...]:
    """Every EPCI of the région: those with no diagnosis here are « never » diagnosed (said only
    when the visitor sees every territory of this installation)."""
    return tuple(str(feature["id"]) for feature in region_shapes(region).features("epci"))


def _open(key: str) -> None:
    st.session_state[OPEN_KEY] = key
