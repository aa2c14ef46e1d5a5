"""The PDF's embedded font, colours, styles, and helpers that render user text literally."""

from __future__ import annotations

import re
import unicodedata
from collections import OrderedDict
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import SUBSETN, TTFont, TTFontFile
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle
from reportlab.platypus.paragraph import split as paragraph_words

from ..territory.profile import clean_text

FONTS_DIR = Path(__file__).resolve().parent.parent / "fonts"
FONT = "DiagnosticSans"
FONT_BOLD = "DiagnosticSans-Bold"

INK = colors.HexColor("#1d2731")
MUTED = colors.HexColor("#56626d")
ACCENT = colors.HexColor("#1f5f8b")
WARM = colors.HexColor("#d9822b")
RULE = colors.HexColor("#c9d1d9")
SHADE = colors.HexColor("#eef2f6")

EMOJI_MARK = "[emoji]"
MISSING_MARK = "[?]"
_INVISIBLE = frozenset((0x200D, 0xFE0E, 0xFE0F, 0x20E3))  # joiner, selectors, keycap
WORDS_KEPT = 20_000  # word widths remembered per font
KEEP_MAX = 200.0  # points: taller paragraphs may still be cut across pages
_WIDE_UNICODE = re.compile(r"<([0-9A-F]{2})> <([0-9A-F]{5,6})>")


class EmbeddedFont(TTFont):
    """A subset-embedded TrueType font whose text extracts back exactly as it was written."""

    # Every text drawn in the font, whatever drew it (paragraphs, table cells, chart labels,
    # footers), is first made ``printable``: what the fonts cannot draw is replaced the one
    # documented way, here, and measured as it is drawn. reportlab also writes characters
    # beyond U+FFFF into the ToUnicode map as invalid hex: here they are mapped in UTF-16.
    # A missing character that still got through would get a code of its own (drawn as the
    # font's empty box), not reportlab's code 0, extracted as garbage.

    def splitString(self, text: str | bytes, doc: Any, encoding: str = "utf-8") -> Any:
        glyphs = self.face.charToGlyph
        chars = printable(text.decode(encoding) if isinstance(text, bytes) else text)
        for char in set(chars):
            if ord(char) not in glyphs and char != "\u00a0":
                glyphs[ord(char)] = 0
        return super().splitString(chars, doc, encoding)

    def stringWidth(self, text: str | bytes, size: float, encoding: str = "utf8") -> float:
        """Width in points; the width of each word met is kept, as layout measures words often."""
        chars = text.decode(encoding) if isinstance(text, bytes) else text
        known = self._known_words()
        width = known.get(chars)
        if width is None:
            if len(known) >= WORDS_KEPT:
                known.clear()
            drawn = printable(chars)
            width = known[chars] = sum(map(self._widths().__getitem__, drawn))
        return 0.001 * size * width

    def _known_words(self) -> dict[str, float]:
        known: dict[str, float] | None = getattr(self, "_word_widths", None)
        if known is None:
            known = {}
            self._word_widths = known
        return known

    def _widths(self) -> _Widths:
        widths: _Widths | None = getattr(self, "_width_table", None)
        if widths is None:
            widths = _Widths(self.face.defaultWidth)
            widths.update((chr(code), width) for code, width in self.face.charWidths.items())
            self._width_table = widths
        return widths

    def addObjects(self, doc: Any) -> None:
        state = self.state.get(doc)
        subsets = list(state.subsets) if state is not None else []
        super().addObjects(doc)
        for index, subset in enumerate(subsets):
            if max(subset) <= 0xFFFF:
                continue
            name = b"".join((SUBSETN(index), b"+", self.face.name, self.face.subfontNameX))
            stream = doc.idToObject["toUnicodeCMap:" + name.decode("pdfdoc")]
            stream.content = _WIDE_UNICODE.sub(_utf16_entry, stream.content)


class _Widths(dict[str, float]):
    """Character -> advance width, with the font's default width for any other character."""

    def __init__(self, default: float) -> None:
        super().__init__()
        self.default = default

    def __missing__(self, char: str) -> float:
        return self.default


def _utf16_entry(match: re.Match[str]) -> str:
    wide = chr(int(match[2], 16)).encode("utf-16-be").hex().upper()
    return f"<{match[1]}> <{wide}>"


@lru_cache(maxsize=1)
def register_fonts() -> tuple[str, str]:
    """Register DejaVu Sans (regular, bold) once per process; returns their reportlab names."""
    pdfmetrics.registerFont(EmbeddedFont(FONT, str(FONTS_DIR / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(EmbeddedFont(FONT_BOLD, str(FONTS_DIR / "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD
    )
    return FONT, FONT_BOLD


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


@lru_cache(maxsize=1)
def _drawable() -> frozenset[int]:
    """The characters both embedded fonts (regular and bold) can draw."""
    found = []
    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"):
        face = TTFontFile(str(FONTS_DIR / name))
        found.append({code for code, glyph in face.charToGlyph.items() if glyph})
    return frozenset(set.intersection(*found))


@lru_cache(maxsize=1)
def _drawable_run() -> re.Pattern[str]:
    """Text the fonts draw as it is: drawable characters but the invisible ones, and spaces."""
    codes = sorted(
        code
        for code in _drawable() | {ord(c) for c in " \t\n\u00a0\u202f"}
        if code not in _INVISIBLE and not (0x1F3FB <= code <= 0x1F3FF or 0xE0020 <= code <= 0xE007F)
    )
    ranges: list[list[int]] = []
    for code in codes:
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    spans = "".join(
        re.escape(chr(low)) if low == high else f"{re.escape(chr(low))}-{re.escape(chr(high))}"
        for low, high in ranges
    )
    return re.compile(f"[{spans}]*")


def printable(text: str) -> str:
    """``text`` with what the fonts cannot draw replaced, never printed as an empty box.

    The policy (docs/methode.md): emoji joiners, presentation selectors and skin tones
    vanish; a styled letter or digit (𝐀, Ａ, ①) is drawn as its plain form (A, A, 1); a
    missing symbol or emoji becomes « [emoji] », any other missing character « [?] ».
    Spaces and line breaks stay as they are.
    """
    if _drawable_run().fullmatch(text):
        return text
    return replace_undrawable(text)


def replace_undrawable(text: str) -> str:
    """``printable`` character by character (``printable`` skips text with nothing to do)."""
    drawable = _drawable()
    out = []
    for char in text:
        code = ord(char)
        if code in _INVISIBLE or 0x1F3FB <= code <= 0x1F3FF or 0xE0020 <= code <= 0xE007F:
            continue
        plain = unicodedata.normalize("NFKC", char)
        if code in drawable or char.isspace():
            out.append(char)
        elif plain != char and plain.strip() and all(ord(c) in drawable for c in plain):
            out.append(plain)  # a compatibility form: 𝐀 -> A, ① -> 1, ㎏ -> kg
        elif unicodedata.category(char) in ("So", "Sk", "Cs", "Co"):
            if not out or out[-1] != EMOJI_MARK:  # a run of emoji makes one mark
                out.append(EMOJI_MARK)
        else:
            out.append(MISSING_MARK)
    return "".join(out)


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
