"""The results page's « L’ESS sur votre territoire »: the figures, or where to get them.

Container key: ``ess-figures``.
"""

from __future__ import annotations

import streamlit as st

from ..errors import StorageError
from ..i18n import t
from ..model import AnswerSheet
from ..portfolio.observatory import (
    FigureLine,
    TerritoryFigures,
    figure_lines,
    figures_code,
    line_label,
    line_text,
    territory_figures,
)
from . import state
from .literal import escape_markdown


def observatory_figures(ctx: state.Context, sheet: AnswerSheet) -> TerritoryFigures | None:
    """The territory's figures, read once for the run; None before the profile is saved."""
    profile = state.saved_profile(sheet)
    if profile is None:
        return None
    code = figures_code(profile)
    try:
        figures = ctx.repository.territory_figures(code) if code else ()
    except StorageError as error:
        st.warning(t("observatory.unreadable", ctx.lang, reason=error.message(ctx.lang)))
        return None
    return territory_figures(profile, figures, code)


def ess_figures_view(figures: TerritoryFigures | None, lang: str) -> None:
    """Each figure with its year and source; without figures, the CRESS that publishes them."""
    if figures is None:
        return
    with st.container(key="ess-figures"):
        st.header(t("observatory.title", lang))
        lines = figure_lines(figures.figures, lang)
        if not lines:
            st.info(_where_to_get(figures, lang), icon=":material/query_stats:")
            if figures.code is None:
                st.caption(t("observatory.not_official", lang))
            return
        st.caption(t("observatory.intro", lang))
        whole = [line for line in lines if not line.family]
        by_family = [line for line in lines if line.family]
        st.markdown(_list(whole, lang))
        if by_family:
            st.markdown(f"**{t('observatory.by_family', lang)}**")
            st.markdown(_list(by_family, lang))


def _list(lines: list[FigureLine], lang: str) -> str:
    """One bullet per figure: its label in bold, its value, year and source as given."""
    colon = t("app.colon", lang)
    return "\n".join(
        f"- **{escape_markdown(line_label(line))}**{colon}{escape_markdown(line_text(line, lang))}"
        for line in lines
    )


def _where_to_get(figures: TerritoryFigures, lang: str) -> str:
    """The CRESS by name with a link to its website, or CRESS in general."""
    if figures.observatory is None:
        return t("observatory.none_any", lang)
    website = figures.observatory.website
    if not website:
        return t(
            "observatory.none_cress_no_site", lang, cress=escape_markdown(figures.observatory.name)
        )
    return t(
        "observatory.none_cress",
        lang,
        cress=escape_markdown(figures.observatory.name),
        website=f"[{escape_markdown(website)}]({website})",
    )
