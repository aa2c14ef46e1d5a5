"""Vector charts drawn by reportlab itself: a radar of motivations and a ranked bar chart."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from math import cos, pi, sin

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.spider import SpiderChart
from reportlab.graphics.charts.textlabels import Label
from reportlab.graphics.shapes import Drawing, Line, Polygon, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import mm

from ..territory.profile import clean_text
from ..typography import format_number, format_score
from .pdf_fonts import FONT, FONT_BOLD, register_fonts
from .pdf_styles import ACCENT, INK, MUTED, RULE, SHADE

SCALE_MAX = 100.0
RINGS = (25.0, 50.0, 75.0, 100.0)
LABEL_SIZE = 8


@dataclass(frozen=True)
class Series:
    """One line of a radar: its name, a value 0-100 per spoke (None: not answered), colour."""

    name: str
    values: Sequence[float | None]
    colour: colors.Color


class _FixedScaleSpider(SpiderChart):
    """A spider chart whose outer ring is always 100, whatever the data."""

    def normalizeData(self, outer: float = 0.0) -> list[list[float]]:
        self._norm = SCALE_MAX
        return [[min(max(value, 0.0), SCALE_MAX) / SCALE_MAX for value in row] for row in self.data]


def blank_drawing(width: float, height: float) -> Drawing:
    """An empty drawing whose default font is the embedded one (no stray Helvetica)."""
    register_fonts()
    drawing = Drawing(width, height)
    drawing.initialFontName = FONT
    return drawing


def _translucent(colour: colors.Color, alpha: float) -> colors.Color:
    return colors.Color(colour.red, colour.green, colour.blue, alpha=alpha)


def radar(labels: Sequence[str], series: Sequence[Series], width: float, height: float) -> Drawing:
    """A radar with one numbered spoke per label, rings at 25/50/75/100 and a legend.

    The rings carry no figures (they would sit on the outlines): the text above the chart
    says what they mark."""
    drawing = blank_drawing(width, height)
    radius = min(height / 2 - 16 * mm, width / 2 - 50 * mm)
    cx, cy = width / 2, height / 2 - 2 * mm
    angles = [pi / 2 - 2 * pi * i / len(labels) for i in range(len(labels))]
    for ring in RINGS:
        reach = radius * ring / SCALE_MAX
        points = [value for a in angles for value in (cx + reach * cos(a), cy + reach * sin(a))]
        drawing.add(Polygon(points, fillColor=None, strokeColor=RULE, strokeWidth=0.5))
    chart = _FixedScaleSpider()
    chart.x, chart.y = cx - radius, cy - radius
    chart.width = chart.height = 2 * radius
    chart.data = [[value or 0.0 for value in line.values] for line in series]
    chart.labels = None
    chart.spokes.strokeColor = RULE
    for index, line in enumerate(series):
        chart.strands[index].strokeColor = line.colour
        chart.strands[index].strokeWidth = 1.6
        chart.strands[index].fillColor = _translucent(line.colour, 0.14)
        chart.strands[index].symbol = "FilledCircle"
        chart.strands[index].symbolSize = 3.5
    drawing.add(chart)
    for number, (label, angle) in enumerate(zip(labels, angles, strict=True), start=1):
        drawing.add(_spoke_label(f"{number}. {clean_text(label)}", cx, cy, radius + 4 * mm, angle))
    _legend(drawing, series, 0, height - 8)
    return drawing


def _spoke_label(text: str, cx: float, cy: float, reach: float, angle: float) -> Label:
    """A wrapped label just outside a spoke's end, anchored away from the chart."""
    dx, dy = cos(angle), sin(angle)
    vertical = "s" if dy > 0.5 else "n" if dy < -0.5 else ""
    horizontal = "w" if dx > 0.2 else "e" if dx < -0.2 else ""
    label = Label()
    label.setOrigin(cx + reach * dx, cy + reach * dy)
    label.setText(text)
    label.boxAnchor = (vertical + horizontal) or "c"
    label.textAnchor = {"w": "start", "e": "end"}.get(horizontal, "middle")
    label.fontName = FONT
    label.fontSize = LABEL_SIZE
    label.leading = LABEL_SIZE * 1.25
    label.fillColor = INK
    label.maxWidth = 42 * mm
    return label


def _legend(drawing: Drawing, series: Sequence[Series], x: float, y: float) -> None:
    for line in series:
        drawing.add(
            Rect(
                x,
                y,
                9,
                6,
                fillColor=_translucent(line.colour, 0.5),
                strokeColor=line.colour,
                strokeWidth=1,
            )
        )
        drawing.add(
            String(
                x + 13,
                y + 0.5,
                clean_text(line.name),
                fontName=FONT,
                fontSize=LABEL_SIZE,
                fillColor=INK,
            )
        )
        x += 22 * mm


def ranked_bars(
    labels: Sequence[str],
    values: Sequence[float | None],
    width: float,
    lang: str = "fr",
    colour: colors.Color = ACCENT,
) -> Drawing:
    """Horizontal bars 0-100, first label at the top, each followed by its value (None: « — »)."""
    row = 9 * mm
    label_width = 56 * mm
    height = row * len(labels) + 12 * mm
    drawing = blank_drawing(width, height)
    chart = HorizontalBarChart()
    chart.x, chart.y = label_width, 8 * mm
    chart.width = width - label_width - 12 * mm
    chart.height = row * len(labels)
    chart.data = [list(values)]
    chart.bars[0].fillColor = colour
    chart.bars[0].strokeColor = None
    chart.barWidth = 5 * mm
    chart.groupSpacing = 4 * mm
    style_bar_axes(chart, labels, label_width, lang)
    chart.barLabels.fontName = FONT_BOLD
    chart.barLabels.fontSize = 8.5
    chart.barLabels.fillColor = INK
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    drawing.add(chart)
    drawing.add(Line(chart.x, chart.y, chart.x, chart.y + chart.height, strokeColor=MUTED))
    return drawing


def style_bar_axes(
    chart: HorizontalBarChart, labels: Sequence[str], label_width: float, lang: str
) -> None:
    """Labels on the left, first at the top; a 0-100 value axis with a light grid."""
    chart.categoryAxis.categoryNames = [clean_text(label) for label in labels]
    chart.categoryAxis.reverseDirection = 1
    chart.categoryAxis.strokeColor = RULE
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 8.5
    chart.categoryAxis.labels.fillColor = INK
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.textAnchor = "end"
    chart.categoryAxis.labels.dx = -4
    chart.categoryAxis.labels.maxWidth = label_width - 6 * mm
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = SCALE_MAX
    chart.valueAxis.valueStep = 25
    chart.valueAxis.strokeColor = RULE
    chart.valueAxis.visibleGrid = 1
    chart.valueAxis.gridStrokeColor = RULE
    chart.valueAxis.gridStrokeWidth = 0.4
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.labels.fillColor = MUTED
    chart.valueAxis.labelTextFormat = lambda value: format_number(value, lang)
    chart.barLabelFormat = lambda value: format_score(value, lang)


def share_bar(share: float, width: float, height: float, colour: colors.Color = ACCENT) -> Drawing:
    """A thin bar filled from the left to ``share`` (0 to 1) of its width, on a light track."""
    drawing = blank_drawing(width, height)
    drawing.add(Rect(0, 0, width, height, fillColor=SHADE, strokeColor=None))
    filled = width * min(max(share, 0.0), 1.0)
    if filled > 0:
        drawing.add(Rect(0, 0, filled, height, fillColor=colour, strokeColor=None))
    return drawing
