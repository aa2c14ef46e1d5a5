"""Where the portfolio meets the other parts: who may see which territories, the ESS figures,
the région's map and the figures upload. Each is one function, called once per run."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from functools import lru_cache

import streamlit as st

from ...i18n import t
from ...portfolio.table import PortfolioRow
from ...territory.official import official_territories
from ..figures_upload import figures_upload
from ..state import Context


def visible_territories(ctx: Context) -> frozenset[str] | None:
    """The territory keys (SIRENs) the visitor may see; None: every territory of this installation.

    Without sign-in, the person at the machine sees every territory diagnosed here; with
    accounts, this returns the keys of the territories shared with the adviser's région(s).
    """
    return None


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


def region_extras(ctx: Context, rows: Sequence[PortfolioRow]) -> None:
    """The place under the table for the région's map and the ESS figures upload.

    ``rows`` are the territories shown, filters applied; the map draws them, and the
    upload adds figures for the territories the visitor may see.
    """
    with st.expander(t("portfolio.figures.upload", ctx.lang)):
        if figures_upload(ctx.repository, ctx.lang, key="portfolio-figures-upload"):
            st.rerun()  # the table's « chiffres » column follows the new figures
