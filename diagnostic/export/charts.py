"""Results as tables and plotly figures; each figure is drawn from the table shown under it.

No Streamlit here: the app, reports and tests share these functions. Table values are
plain numbers (None where nothing was answered); the figures round them for display.
"""

from __future__ import annotations

import textwrap
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ..advice.scoring import Scores
from ..i18n import t
from ..model import Referentiel

WRAP = 22
PRIORITY_COLOUR = "#b5446e"
MATURITY_COLOUR = "#1f6f8b"
NEED_COLOUR = "#1f6f8b"
RADAR_WRAP = 16
# One colour per motivation, each 4.5:1 or more on white, told apart by hue and by the
# white line between segments; the table under the chart gives every figure.
SOURCE_COLOURS = (
    "#1f5f8b",
    "#b5446e",
    "#2e7d32",
    "#8a5a00",
    "#6a3d9a",
    "#00707a",
    "#b03a2e",
)


def wrap_label(text: str, width: int = WRAP) -> str:
    """A long label on several lines for a chart axis (plotly breaks lines at ``<br>``)."""
    return "<br>".join(textwrap.wrap(text, width, break_long_words=False)) or text


def motivation_table(referentiel: Referentiel, scores: Scores, lang: str) -> pd.DataFrame:
    """One row per motivation: priority, maturity (0-100 or None), answered and unknown counts."""
    rows = []
    for result in scores.motivations:
        rows.append(
            {
                t("charts.motivation", lang): referentiel.motivation(result.id).label.get(lang),
                t("charts.priority", lang): result.priority,
                t("charts.maturity", lang): result.maturity,
                t("charts.answered", lang): f"{result.answered}/{result.total}",
                t("charts.unknown", lang): result.unknown,
            }
        )
    return pd.DataFrame(rows)


def lever_table(referentiel: Referentiel, scores: Scores, lang: str) -> pd.DataFrame:
    """One row per lever in rank order: rank, lever, need score 0-100."""
    return pd.DataFrame(
        [
            {
                t("charts.rank", lang): result.rank,
                t("charts.lever", lang): referentiel.lever(result.id).label.get(lang),
                t("charts.need", lang): result.need,
            }
            for result in scores.levers
        ]
    )


def source_table(referentiel: Referentiel, scores: Scores, lang: str) -> pd.DataFrame:
    """Points of each lever's need (columns, in rank order) brought by each motivation (rows).

    A column adds up to its lever's need score: it shows where the need comes from.
    """
    motivation_ids = [m.id for m in referentiel.motivations]
    points = np.zeros((len(motivation_ids), len(scores.levers)))
    for column, result in enumerate(scores.levers):
        for contribution in result.contributions:
            row = motivation_ids.index(referentiel.question(contribution.question).motivation)
            points[row, column] += contribution.points
    table = pd.DataFrame(
        points,
        index=pd.Index([m.label.get(lang) for m in referentiel.motivations]),
        columns=pd.Index([referentiel.lever(r.id).label.get(lang) for r in scores.levers]),
    )
    table.index.name = t("charts.motivation", lang)
    return table


def radar_figure(table: pd.DataFrame, lang: str) -> go.Figure:
    """Priority against maturity of each motivation, on a 0-100 radar (a motivation_table).

    The scale's figures are left off the chart, where they would sit on the outlines: the
    rings are 25, 50, 75 and 100, as the caption says; nor is the radial axis drawn, a line
    that would cross a label. Short lines keep labels on a phone, and the margins leave room
    for the longest label above and below the circle.
    """
    names = [wrap_label(str(name), RADAR_WRAP) for name in table.iloc[:, 0]]
    traces = []
    for position, colour, dash in ((1, PRIORITY_COLOUR, "solid"), (2, MATURITY_COLOUR, "dot")):
        column = str(table.columns[position])
        values = [None if pd.isna(v) else round(float(v)) for v in table.iloc[:, position]]
        traces.append(
            {
                "type": "scatterpolar",
                "r": [*values, values[0]],
                "theta": [*names, names[0]],
                "name": column,
                "mode": "lines+markers",
                "line": {"color": colour, "dash": dash, "width": 3},
                "marker": {"size": 8},
                "hovertemplate": f"%{{theta}}<br>{column}{_colon(lang)}%{{r}}<extra></extra>",
            }
        )
    layout = {
        "polar": {
            "radialaxis": {
                "range": [0, 100],
                "tickvals": [25, 50, 75, 100],
                "showticklabels": False,
                "showline": False,
                "ticks": "",
            },
            # The first motivation at the top.
            "angularaxis": {"rotation": 90, "direction": "clockwise", "tickfont": {"size": 11}},
        },
        "legend": {"orientation": "h", "y": -0.12},
        "margin": {"l": 70, "r": 70, "t": _label_room(names), "b": 30 + _label_room(names) // 2},
        "height": 480,
    }
    return _figure(traces, layout, lang)


def _label_room(names: list[str]) -> int:
    """Pixels above the circle for the tallest label: its lines at the tick font, and a gap."""
    lines = max((name.count("<br>") + 1 for name in names), default=1)
    return 24 + 16 * lines


def lever_figure(table: pd.DataFrame, lang: str) -> go.Figure:
    """The levers ranked by need, the first at the top (a lever_table)."""
    levers = [str(name) for name in table.iloc[:, 1]]
    values = [None if pd.isna(v) else round(float(v)) for v in table.iloc[:, 2]]
    bars = {
        "type": "bar",
        "x": values,
        "y": levers,
        "orientation": "h",
        "marker": {"color": NEED_COLOUR},
        "text": ["—" if v is None else v for v in values],
        "textposition": "auto",
        "hovertemplate": f"%{{y}}{_colon(lang)}%{{x}}<extra></extra>",
    }
    layout = {
        "xaxis": {"range": [0, 100], "title": {"text": t("charts.need_axis", lang)}},
        "yaxis": {"autorange": "reversed"},
        "margin": {"l": 10, "r": 10, "t": 10, "b": 40},
        "height": 60 + 48 * len(levers),
    }
    return _figure([bars], layout, lang)


def source_figure(table: pd.DataFrame, lang: str) -> go.Figure:
    """Each lever's need as a bar split by the motivations that bring it (a source_table).

    Horizontal bars read on a phone as on a screen: the levers' names stay on their own
    lines, where a heat map's columns would overlap at 390 px.
    """
    levers = [wrap_label(str(c), WRAP) for c in table.columns]
    traces = [
        {
            "type": "bar",
            "orientation": "h",
            "name": str(motivation),
            "x": [round(float(v), 1) for v in table.loc[motivation]],
            "y": levers,
            "marker": {
                "color": SOURCE_COLOURS[row % len(SOURCE_COLOURS)],
                "line": {"color": "#ffffff", "width": 1},
            },
            "hovertemplate": f"%{{fullData.name}}<br>%{{y}}{_colon(lang)}%{{x}}<extra></extra>",
        }
        for row, motivation in enumerate(table.index)
    ]
    layout = {
        "barmode": "stack",
        "yaxis": {"autorange": "reversed", "automargin": True},
        "xaxis": {"title": {"text": t("charts.points", lang)}, "rangemode": "tozero"},
        "legend": {
            "orientation": "h",
            "y": -0.18,
            "yanchor": "top",
            "font": {"size": 11},
            "traceorder": "normal",
        },
        "margin": {"l": 10, "r": 10, "t": 10, "b": 10},
        "height": 200 + 48 * len(levers) + 26 * len(table.index),
    }
    return _figure(traces, layout, lang)


def _figure(traces: list[dict[str, Any]], layout: dict[str, Any], lang: str) -> go.Figure:
    """One validated figure built in a single pass (much faster than add_trace/update_layout)."""
    return go.Figure({"data": traces, "layout": {**layout, "separators": _separators(lang)}})


def _separators(lang: str) -> str:
    """Plotly's decimal mark then thousands separator for the language."""
    return ".," if lang == "en" else ", "


def _colon(lang: str) -> str:
    """A colon with the language's spacing (no-break space before it in French)."""
    return ": " if lang == "en" else "\u00a0: "
