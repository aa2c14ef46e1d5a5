"""A web address in a table cell, broken after « / » or « . » and never inside a word."""

from __future__ import annotations

import re

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable

from ..territory.profile import clean_text
from .pdf_fonts import printable

_PIECE = re.compile(r"[^/.]*[/.]+|[^/.]+$")  # each piece ends after its run of « / » or « . »


def address_lines(address: str, font: str, size: float, width: float) -> list[str]:
    """``address`` cut into lines of at most ``width`` points, each after a « / » or « . ».

    A piece wider than ``width`` on its own keeps its line whole rather than being cut.
    """
    lines: list[str] = []
    line = ""
    for piece in _PIECE.findall(address):
        if line and pdfmetrics.stringWidth(line + piece, font, size) > width:
            lines.append(line)
            line = piece
        else:
            line += piece
    return [*lines, line] if line or not lines else lines


class AddressCell(Flowable):
    """A table cell holding a web address, drawn line by line in the cell's style."""

    def __init__(self, address: str, style: ParagraphStyle) -> None:
        super().__init__()
        self.address = printable(clean_text(address))
        self.style = style
        self._lines: list[str] = [self.address]

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        style = self.style
        room = availWidth - style.leftIndent - style.rightIndent
        self._lines = address_lines(self.address, style.fontName, style.fontSize, room)
        self.width, self.height = availWidth, style.leading * len(self._lines)
        return self.width, self.height

    def draw(self) -> None:
        style, canvas = self.style, self.canv
        canvas.saveState()
        canvas.setFillColor(style.textColor)
        canvas.setFont(style.fontName, style.fontSize, style.leading)
        for index, line in enumerate(self._lines):
            baseline = self.height - style.fontSize - index * style.leading
            canvas.drawString(style.leftIndent, baseline, line)
        canvas.restoreState()

    def getPlainText(self) -> str:
        return self.address
