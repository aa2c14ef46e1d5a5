"""The PDF's text helpers: quick paths that change nothing but the time they take."""

from __future__ import annotations

import io

from hypothesis import given
from hypothesis import strategies as st
from reportlab.lib.pagesizes import A4
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table

from diagnostic.export.pdf_styles import (
    _drawable,
    _drawable_run,
    paragraph,
    printable,
    register_fonts,
    replace_undrawable,
    styles,
)

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
