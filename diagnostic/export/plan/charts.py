"""A vector chart for the comparison: each lever's need before and after, side by side."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib.units import mm

from ...territory.profile import clean_text
from ..pdf_charts import Series, blank_drawing, style_bar_axes
from ..pdf_fonts import FONT
from ..pdf_styles import INK

ROW = 12 * mm
LABEL_WIDTH = 56 * mm


def paired_bars(
    labels: Sequence[str], series: Sequence[Series], width: float, lang: str = "fr"
) -> Drawing:
    """Horizontal bars 0-100, one group per label with a bar per series, and a legend."""
    height = ROW * len(labels) + 18 * mm
    drawing = blank_drawing(width, height)
    chart = HorizontalBarChart()
    chart.x, chart.y = LABEL_WIDTH, 8 * mm
    chart.width = width - LABEL_WIDTH - 12 * mm
    chart.height = ROW * len(labels)
    # reportlab draws a group's first series at its bottom: reversed, the first is on top.
    drawn = list(reversed(series))
    chart.data = [[0.0 if v is None else v for v in s.values] for s in drawn]
    for index, one in enumerate(drawn):
        chart.bars[index].fillColor = one.colour
        chart.bars[index].strokeColor = None
    chart.barWidth = 3.5 * mm
    chart.groupSpacing = 3 * mm
    style_bar_axes(chart, labels, LABEL_WIDTH, lang)
    chart.barLabels.fontName = FONT
    chart.barLabels.fontSize = 7
    chart.barLabels.fillColor = INK
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    drawing.add(chart)
    x = LABEL_WIDTH
    for one in series:
        drawing.add(
            Rect(x, height - 6 * mm, 4 * mm, 3 * mm, fillColor=one.colour, strokeColor=None)
        )
        drawing.add(
            String(x + 6 * mm, height - 5.6 * mm, clean_text(one.name), fontName=FONT, fontSize=8)
        )
        x += 40 * mm
    return drawing
