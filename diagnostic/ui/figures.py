"""The three results charts, each followed by the same figures as a table."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from pandas.io.formats.style import Styler
from pandas.io.formats.style_render import CSSDict

from ..advice.scoring import Scores
from ..export import charts
from ..i18n import t
from ..model import Referentiel
from .wording import score_text

# No plotly tool bar: on a phone it covers the figure, and the table below each chart
# holds the same figures for whoever needs them.
PLOTLY_CONFIG = {"displaylogo": False, "displayModeBar": False}


def figures_view(referentiel: Referentiel, scores: Scores, lang: str, key_prefix: str = "") -> None:
    """Radar of the motivations, levers ranked by need, and where the need comes from."""
    st.header(t("app.figures.title", lang))
    motivations = charts.motivation_table(referentiel, scores, lang)
    _chart_with_table(
        "radar",
        charts.radar_figure(motivations, lang),
        _right_aligned(
            _formatted(motivations, lang, first_numbers=1, last_numbers=3), (1, 2, 3, 4)
        ),
        lang,
        key_prefix,
        hide_index=True,
    )
    levers = charts.lever_table(referentiel, scores, lang)
    _chart_with_table(
        "levers",
        charts.lever_figure(levers, lang),
        _right_aligned(_formatted(levers, lang, first_numbers=2, last_numbers=3), (0, 2)),
        lang,
        key_prefix,
        hide_index=True,
    )
    sources = charts.source_table(referentiel, scores, lang)
    _chart_with_table(
        "sources",
        charts.source_figure(sources, lang),
        _right_aligned(
            sources.map(lambda value: score_text(value, lang)), range(len(sources.columns))
        ),
        lang,
        key_prefix,
        hide_index=False,
    )


def _chart_with_table(
    name: str,
    figure: go.Figure,
    table: pd.DataFrame | Styler,
    lang: str,
    key_prefix: str,
    hide_index: bool,
) -> None:
    st.subheader(t(f"app.figures.{name}.title", lang))
    st.caption(t(f"app.figures.{name}.read", lang))
    st.plotly_chart(
        figure,
        key=f"{key_prefix}chart-{name}",
        config=PLOTLY_CONFIG,
        alt=t(f"app.figures.{name}.alt", lang),
    )
    st.table(table, hide_index=hide_index)


def _right_aligned(table: pd.DataFrame, numbers: Sequence[int]) -> Styler:
    """The table with the columns at ``numbers`` right-aligned, headings too.

    Figures written as text would otherwise lean left, and their units would not line up.
    """
    columns = pd.Index([table.columns[i] for i in numbers])
    head: list[CSSDict] = [
        {"selector": f"th.col_heading.col{i}", "props": [("text-align", "right !important")]}
        for i in numbers
    ]
    aligned = table.style.set_properties(subset=columns, **{"text-align": "right !important"})
    return aligned.set_table_styles(head)


def _formatted(
    table: pd.DataFrame, lang: str, first_numbers: int, last_numbers: int
) -> pd.DataFrame:
    """The table with its score columns (positions first..last-1) written the language's way."""
    shown = table.copy()
    for column in table.columns[first_numbers:last_numbers]:
        shown[column] = [score_text(None if pd.isna(v) else float(v), lang) for v in table[column]]
    return shown
