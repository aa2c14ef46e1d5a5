"""The PDF's embedded fonts, and the one policy for text they cannot draw (docs/methode.md)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Any

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import SUBSETN, TTFont, TTFontFile

FONTS_DIR = Path(__file__).resolve().parent.parent / "fonts"
FONT = "DiagnosticSans"
FONT_BOLD = "DiagnosticSans-Bold"

EMOJI_MARK = "[emoji]"
MISSING_MARK = "[?]"
_INVISIBLE = frozenset((0x200D, 0xFE0E, 0xFE0F, 0x20E3))  # joiner, selectors, keycap
WORDS_KEPT = 20_000  # word widths remembered per font
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
