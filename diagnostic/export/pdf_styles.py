"""The PDF's colours, styles, and helpers that render user text literally."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle
from reportlab.platypus.paragraph import split as paragraph_words

from ..territory.profile import clean_text
from .pdf_fonts import FONT, FONT_BOLD, printable, register_fonts

INK = colors.HexColor("#1d2731")
MUTED = colors.HexColor("#56626d")
ACCENT = colors.HexColor("#1f5f8b")
WARM = colors.HexColor("#d9822b")
RULE = colors.HexColor("#c9d1d9")
SHADE = colors.HexColor("#eef2f6")

KEEP_MAX = 200.0  # points: taller paragraphs may still be cut across pages


@dataclass(frozen=True)
class Styles:
    """The paragraph styles of every report."""

    kicker: ParagraphStyle
    title: ParagraphStyle
    subtitle: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    body: ParagraphStyle
    lead: ParagraphStyle
    small: ParagraphStyle
    bullet: ParagraphStyle
    numbered: ParagraphStyle
    comment: ParagraphStyle
    question: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    cell_right: ParagraphStyle


@lru_cache(maxsize=1)
def styles() -> Styles:
    """The styles, built once, in the embedded font."""
    register_fonts()
    base = ParagraphStyle(
        "base", fontName=FONT, fontSize=9.5, leading=13.5, textColor=INK, allowWidows=0
    )

    def derive(name: str, **values: Any) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **values)

    heading = {"fontName": FONT_BOLD, "keepWithNext": 1, "textColor": ACCENT}
    return Styles(
        kicker=derive("kicker", fontSize=11, leading=15, textColor=MUTED, spaceAfter=6),
        title=derive("title", fontName=FONT_BOLD, fontSize=24, leading=30, spaceAfter=8),
        subtitle=derive("subtitle", fontSize=13, leading=18, textColor=MUTED, spaceAfter=14),
        h1=derive("h1", fontSize=17, leading=22, spaceBefore=4, spaceAfter=8, **heading),
        h2=derive("h2", fontSize=12.5, leading=17, spaceBefore=10, spaceAfter=4, **heading),
        h3=derive(
            "h3",
            fontName=FONT_BOLD,
            fontSize=10,
            leading=14,
            spaceBefore=7,
            spaceAfter=2,
            keepWithNext=1,
        ),
        body=derive("body", spaceAfter=5),
        lead=derive("lead", fontSize=11, leading=16, spaceAfter=8),
        small=derive("small", fontSize=8, leading=11, textColor=MUTED, spaceAfter=3),
        bullet=derive(
            "bullet", leftIndent=5 * mm, bulletIndent=1 * mm, bulletFontName=FONT, spaceAfter=3
        ),
        numbered=derive(
            "numbered",
            fontSize=10.5,
            leading=15,
            leftIndent=7 * mm,
            bulletIndent=0,
            bulletFontName=FONT_BOLD,
            bulletFontSize=10.5,
            spaceAfter=7,
        ),
        comment=derive(
            "comment", fontSize=8.5, leading=12, leftIndent=5 * mm, textColor=MUTED, spaceAfter=4
        ),
        question=derive("question", spaceBefore=5, spaceAfter=2),
        cell=derive("cell", fontSize=8.5, leading=11),
        cell_bold=derive("cell_bold", fontName=FONT_BOLD, fontSize=8.5, leading=11),
        cell_right=derive("cell_right", fontSize=8.5, leading=11, alignment=TA_RIGHT),
    )


def escaped(text: str) -> str:
    """User or data text as Paragraph markup that shows exactly that text."""
    return escape(printable(clean_text(text))).replace("\n", "<br/>")


def paragraph(
    text: str,
    style: ParagraphStyle | None = None,
    bold: str = "",
    bullet: str | None = None,
    below: bool = False,
) -> Paragraph:
    """``text`` shown literally, after an optional bold lead-in (on its own line if ``below``)."""
    markup = escaped(text)
    if bold:
        markup = f"<b>{escaped(bold)}</b>{'<br/>' if below else ' '}{markup}"
    return TextParagraph(markup, style or styles().body, bulletText=bullet)


class TextParagraph(Paragraph):
    """A Paragraph that lays its lines out once per width, and once per text and width.

    reportlab wraps most paragraphs twice (a table measures its cells, then draws them;
    a frame tries a block, then places it), and every report repeats the référentiel's
    texts; line breaking only depends on the markup, the style and the width. So a
    paragraph reuses its own lines at the same width, and the lines of an identical
    paragraph laid out before (``LAYOUTS_KEPT`` kept). A paragraph cut across two pages
    lays itself out again first: cutting reads the paragraph's own fragments.
    """

    _wrapped: tuple[float, float, float, Any] | None = None
    _borrowed = False

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        done = self._wrapped
        if done is not None and done[0] == availWidth:
            # split() may have dropped the lines when it moved the paragraph on whole
            self.width, self.height, self.blPara = done[1], done[2], done[3]
            return done[1], done[2]
        key = self._layout_key(availWidth)
        known = _LAYOUTS.get(key) if key is not None else None
        if known is not None and known[0] is self.style:
            _, width, height, lines, widths = known
            self.width, self.height, self.blPara, self._wrapWidths = width, height, lines, widths
            self._borrowed = True
        else:
            width, height = super().wrap(availWidth, availHeight)
            self._borrowed = False
            if key is not None:
                _keep_layout(key, (self.style, width, height, self.blPara, self._wrapWidths))
        self._wrapped = (availWidth, width, height, self.blPara)
        return width, height

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        if self._borrowed:  # cut from this paragraph's own fragments, not a twin's
            self._wrapped = None
            super().wrap(availWidth, availHeight)
            self._borrowed = False
        return list(super().split(availWidth, availHeight))

    def _layout_key(self, width: float) -> tuple[Any, ...] | None:
        text = getattr(self, "text", None)
        if not isinstance(text, str) or getattr(self, "_splitpara", False):
            return None
        return (type(self), text, self.style.name, id(self.style), self.bulletText, width)


LAYOUTS_KEPT = 4_096
_LAYOUTS: OrderedDict[tuple[Any, ...], tuple[Any, ...]] = OrderedDict()


def _keep_layout(key: tuple[Any, ...], layout: tuple[Any, ...]) -> None:
    """Remember a paragraph's lines (reports are built one at a time, under a lock)."""
    _LAYOUTS[key] = layout
    if len(_LAYOUTS) > LAYOUTS_KEPT:
        _LAYOUTS.popitem(last=False)


class CellText(Flowable):
    """A table cell's text, drawn as a one-line Paragraph would draw it, without one.

    Most cells hold a figure or a few words: laying them out as Paragraphs (parsing the
    markup, breaking lines) took a fifth of a report's time. Text that does not fit on
    one line, or holds a line break, becomes the Paragraph it stands for.
    """

    def __init__(self, text: str, style: ParagraphStyle) -> None:
        super().__init__()
        self.text = printable(clean_text(text))
        self.style = style
        self._line = " ".join(paragraph_words(self.text))
        self._paragraph: TextParagraph | None = None
        if not self._line or "\n" in self.text:
            self._paragraph = self._as_paragraph()

    def _as_paragraph(self) -> TextParagraph:
        return TextParagraph(escape(self.text).replace("\n", "<br/>"), self.style)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if self._paragraph is None:
            style = self.style
            room = availWidth - style.leftIndent - style.rightIndent
            width = pdfmetrics.stringWidth(self._line, style.fontName, style.fontSize)
            if width <= room:
                self.width, self.height = availWidth, style.leading
                return availWidth, style.leading
            self._paragraph = self._as_paragraph()
        return self._paragraph.wrap(availWidth, availHeight)

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        if self._paragraph is not None:
            return list(self._paragraph.split(availWidth, availHeight))
        return [] if availHeight < self.style.leading else [self]

    def draw(self) -> None:
        if self._paragraph is not None:
            self._paragraph.drawOn(self.canv, 0, 0)
            return
        style, canvas = self.style, self.canv
        canvas.saveState()
        canvas.setFillColor(style.textColor)
        canvas.setFont(style.fontName, style.fontSize, style.leading)
        baseline = self.height - style.fontSize  # where a Paragraph puts its first line
        if style.alignment == TA_RIGHT:
            canvas.drawRightString(self.width - style.rightIndent, baseline, self._line)
        else:
            canvas.drawString(style.leftIndent, baseline, self._line)
        canvas.restoreState()

    def getPlainText(self) -> str:
        return self.text


class KeptParagraph(TextParagraph):
    """A short paragraph moved whole to the next page rather than cut across two."""

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        if getattr(self, "height", KEEP_MAX) < KEEP_MAX:
            return []
        return super().split(availWidth, availHeight)


def rich(
    template: str,
    style: ParagraphStyle,
    bold: Collection[str] = (),
    bullet: str | None = None,
    keep: bool = False,
    **values: str,
) -> Paragraph:
    """A paragraph from a ``{name}`` template: values shown literally, those in ``bold`` bold."""
    markup = {
        name: f"<b>{escaped(value)}</b>" if name in bold else escaped(value)
        for name, value in values.items()
    }
    kind = KeptParagraph if keep else TextParagraph
    return kind(escaped(template).format(**markup), style, bulletText=bullet)


def key_values(rows: Sequence[tuple[str, str]], widths: Sequence[float]) -> Table:
    """A two-column table of labels and short values, without borders."""
    sheet = styles()
    data = [[CellText(key, sheet.cell_bold), CellText(value, sheet.cell)] for key, value in rows]
    table = Table(data, colWidths=list(widths), hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("FONTNAME", (0, 0), (-1, -1), FONT),
                ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


def data_table(
    header: Sequence[str],
    rows: Sequence[Sequence[str | Flowable]],
    widths: Sequence[float],
    right: Sequence[int] = (),
) -> Table:
    """A small figures table with a shaded header; cells hold short texts or small drawings."""
    sheet = styles()

    def cell(text: str | Flowable, column: int, head: bool) -> Flowable:
        if not isinstance(text, str):
            return text
        style = sheet.cell_bold if head else sheet.cell_right if column in right else sheet.cell
        return CellText(text, style)

    data = [[cell(text, i, True) for i, text in enumerate(header)]]
    data += [[cell(text, i, False) for i, text in enumerate(row)] for row in rows]
    table = Table(data, colWidths=list(widths), repeatRows=1, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                ("LINEBELOW", (0, 0), (-1, 0), 0.6, ACCENT),
                ("LINEBELOW", (0, 1), (-1, -1), 0.3, RULE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("FONTNAME", (0, 0), (-1, -1), FONT),
                ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
            ]
        )
    )
    return table


def fit(text: str, font: str, size: float, width: float) -> str:
    """``text`` on one line, cut with an ellipsis so that it fits ``width`` points."""
    register_fonts()  # the metrics of the embedded fonts are needed before any build
    line = " ".join(printable(clean_text(text)).split())
    if pdfmetrics.stringWidth(line, font, size) <= width:
        return line
    low, high = 0, len(line)
    while low < high:
        middle = (low + high + 1) // 2
        if pdfmetrics.stringWidth(line[:middle] + "…", font, size) <= width:
            low = middle
        else:
            high = middle - 1
    return line[:low].rstrip() + "…"
