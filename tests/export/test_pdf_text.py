"""The PDF's text helpers: quick paths that change nothing but the time they take."""

from __future__ import annotations

import io
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image, ImageChops
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Table

from diagnostic.export import pdf_styles
from diagnostic.export.pdf_fonts import (
    _drawable,
    _drawable_run,
    printable,
    register_fonts,
    replace_undrawable,
)
from diagnostic.export.pdf_styles import CellText, TextParagraph, escaped, paragraph, styles

LONG = "Réunir les élus, les agents et les acteurs de l’ESS autour des besoins du territoire. "


def test_every_character_drawn_as_it_is_passes_the_slow_path_unchanged() -> None:
    quick = [chr(code) for code in sorted(_drawable()) if _drawable_run().fullmatch(chr(code))]
    assert len(quick) > 3_000
    for char in quick:
        assert replace_undrawable(char) == char, hex(ord(char))


@given(st.text(max_size=40))
def test_printable_equals_its_slow_path(text: str) -> None:
    assert printable(text) == replace_undrawable(text)


def _document(cell: type[Paragraph]) -> bytes:
    """A table of wrapped paragraphs, long enough to split across pages, built twice."""
    register_fonts()
    sheet = styles()
    rows = [
        [cell(LONG * (1 + n % 4), sheet.cell), cell(str(n), sheet.cell_right)] for n in range(80)
    ]
    buffer = io.BytesIO()
    document = SimpleDocTemplate(buffer, pagesize=A4, invariant=1)
    flow = [Table(rows, colWidths=[380, 60], repeatRows=1)]
    flow += [cell(LONG * 30, sheet.body) for _ in range(3)]
    document.build(flow)
    return buffer.getvalue()


def test_text_paragraphs_lay_out_exactly_as_reportlab_paragraphs() -> None:
    kind = type(paragraph("x"))
    assert kind is not Paragraph and issubclass(kind, Paragraph)
    assert _document(kind) == _document(Paragraph)


CELLS = (
    "Sensibilisation",
    "42",
    "+3",
    "Structuration de l’écosystème ESS local et coopérations entre acteurs",
    "12\u202f%",
    "a  b\u00a0c",
    "« Zéro » <b>x</b> & =SOMME(A1)",
    "Texte\u202e inversé 😀",
    "Deux\nlignes",
    "",
    "Un texte bien trop long pour une seule ligne de cellule " * 3,
)


def _cells_page(make: Callable[[str, ParagraphStyle], Flowable]) -> bytes:
    sheet = styles()
    rows = [
        [make(text, sheet.cell), make(text, sheet.cell_right), make(text, sheet.cell_bold)]
        for text in CELLS
    ]
    buffer = io.BytesIO()
    document = SimpleDocTemplate(buffer, pagesize=A4, invariant=1)
    document.build([Table(rows, colWidths=[200, 120, 150])])
    return buffer.getvalue()


def _pixels(pdf: bytes, folder: Path, name: str) -> Image.Image:
    tool = shutil.which("pdftoppm")
    assert tool is not None, "pdftoppm (poppler-utils) is needed to draw the pages"
    (folder / f"{name}.pdf").write_bytes(pdf)
    subprocess.run(
        [tool, "-r", "150", "-png", "-singlefile", str(folder / f"{name}.pdf"), str(folder / name)],
        check=True,
    )
    return Image.open(folder / f"{name}.png").convert("L")


def test_cell_texts_look_and_read_exactly_as_paragraphs(tmp_path: Path) -> None:
    register_fonts()
    as_paragraphs = _cells_page(lambda text, style: TextParagraph(escaped(text), style))
    as_cells = _cells_page(CellText)
    drawn = ImageChops.difference(
        _pixels(as_paragraphs, tmp_path, "paragraphs"), _pixels(as_cells, tmp_path, "cells")
    )
    assert drawn.getbbox() is None  # not one pixel differs at 150 dpi
    read = [PdfReader(io.BytesIO(pdf)).pages[0].extract_text() for pdf in (as_paragraphs, as_cells)]
    assert read[0].split() == read[1].split()  # the same words (extraction spaces them freely)
    assert "« Zéro » <b>x</b> & =SOMME(A1)" in read[1]


def test_paragraphs_laid_out_before_are_reused_and_change_nothing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pdf_styles._LAYOUTS.clear()
    cold = _document(TextParagraph)
    assert pdf_styles._LAYOUTS  # the table's cells and the long paragraphs were kept
    warm = _document(TextParagraph)  # every paragraph finds its twin, long ones are cut
    assert warm == cold
    monkeypatch.setattr(pdf_styles, "_keep_layout", lambda key, layout: None)
    pdf_styles._LAYOUTS.clear()
    assert _document(TextParagraph) == cold  # and as laid out with no reuse at all
