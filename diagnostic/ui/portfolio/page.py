"""The « Portefeuille » page: the territories the visitor may see, filtered, and the synthesis."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from ...errors import DiagnosticError
from ...export.portfolio.synthesis import Heading
from ...i18n import t
from ...portfolio.synthesis import synthesise
from ...portfolio.table import filter_rows, sort_rows
from ...territory.official import official_territories
from .. import pending, state
from ..literal import escape_markdown
from ..local_access import is_local_request
from .data import load_portfolio, shown_frame
from .filters import filter_controls
from .parts import figures_loaded, portfolio_visit, region_extras
from .table import downloads, table_view


def render() -> None:
    """Draw the portfolio, or say why it is not shown."""
    ctx = state.context()
    pending.flush_left_behind(ctx)
    lang = ctx.lang
    st.title(t("portfolio.title", lang))
    visit = portfolio_visit(ctx, is_local_request())
    if not visit.allowed:
        st.warning(t(visit.refusal, lang))
        return
    st.markdown(t("portfolio.intro", lang))
    today = dt.date.today()
    visible = visit.visible
    try:
        figures = figures_loaded(ctx, visible or ())
        portfolio = load_portfolio(ctx, visible, figures, today)
    except DiagnosticError as error:
        st.error(escape_markdown(error.message(lang)))
        return
    rows = portfolio.rows
    if not rows:
        st.info(t("portfolio.empty", lang))
        return
    choice = filter_controls(ctx.referentiel, rows, lang)
    shown = sort_rows(filter_rows(rows, choice.filters, today), choice.sort, choice.descending)
    st.caption(t("portfolio.count", lang, shown=len(shown), total=len(rows)))
    if shown:
        table_view(shown_frame(ctx, portfolio, shown, lang), lang)
    else:
        st.info(t("portfolio.none_match", lang))
    st.caption(t("portfolio.unnamed_note", lang))
    region_extras(ctx, shown, visit)
    regions = official_territories().region_name
    heading = Heading(
        ", ".join(sorted({regions(row.facts.region) for row in shown if row.facts.region})),
        choice.described,
        today,
    )
    downloads(
        ctx.referentiel, shown, lambda: synthesise(ctx.referentiel, shown, visible), heading, lang
    )
