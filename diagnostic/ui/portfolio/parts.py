"""Where the portfolio meets the other parts: who may see which territories, the ESS figures,
the région's map and the figures upload. Each is one function, called once per run."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from ...portfolio.table import PortfolioRow
from ..state import Context


def visible_territories(ctx: Context) -> frozenset[str] | None:
    """The territory keys (SIRENs) the visitor may see; None: every territory of this installation.

    Without sign-in, the person at the machine sees every territory diagnosed here; with
    accounts, this returns the keys of the territories shared with the adviser's région(s).
    """
    return None


def figures_loaded(ctx: Context, keys: Collection[str]) -> Mapping[str, bool]:
    """Per territory key, whether its ESS figures are loaded; none are without a figures store."""
    return {}


def region_extras(ctx: Context, rows: Sequence[PortfolioRow]) -> None:
    """The place under the table for the région's map and the ESS figures upload.

    ``rows`` are the territories shown, filters applied; the map draws them, and the
    upload adds figures for the territories the visitor may see.
    """
