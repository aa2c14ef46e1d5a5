"""The portfolio's rows, built once per state of the data and reused by every run."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import streamlit as st

from ...portfolio.table import PortfolioRow, build_rows
from ...territory.official import official_territories
from ..state import Context


def portfolio_rows(
    ctx: Context, visible: frozenset[str] | None, figures: Mapping[str, bool], today: dt.date
) -> list[PortfolioRow]:
    """Every visible territory's row; rebuilt only when a diagnostic, workshop or plan changed."""
    stamp = ctx.repository.portfolio_stamp(visible)
    flags = tuple(sorted(key for key, loaded in figures.items() if loaded))
    key = (ctx.settings.database_url, ctx.referentiel.version, stamp, visible, flags, today)
    return _rows(key, ctx, visible, figures, today)


@st.cache_resource(max_entries=16, show_spinner=False)
def _rows(
    key: tuple[object, ...],
    _ctx: Context,
    _visible: frozenset[str] | None,
    _figures: Mapping[str, bool],
    _today: dt.date,
) -> list[PortfolioRow]:
    """The rows for one ``key`` (database, référentiel, data stamp, visible set, figures, day)."""
    data = _ctx.repository.load_portfolio(_ctx.referentiel, official_territories(), _visible)
    return build_rows(_ctx.referentiel, data, _visible, _figures, _today)
