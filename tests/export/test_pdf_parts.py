"""The PDF building blocks a later report reuses: font, literal paragraphs, layout, charts."""

from __future__ import annotations

import io

import pytest
from export_support import body_text, pdf_pages
from pypdf import PdfReader
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Table

from diagnostic.errors import ExportError
from diagnostic.export.pdf_charts import Series, radar, ranked_bars
from diagnostic.export.pdf_fonts import (
    EMOJI_MARK,
    FONT,
    FONT_BOLD,
    FONTS_DIR,
    MISSING_MARK,
    printable,
    register_fonts,
)
from diagnostic.export.pdf_layout import CONTENT_WIDTH, build_pdf
from diagnostic.export.pdf_styles import ACCENT, WARM, escaped, fit, paragraph, rich, styles


def fonts_of(pdf: bytes) -> set[str]:
    return {
        font.get_object()["/BaseFont"].split("+")[-1]
        for page in PdfReader(io.BytesIO(pdf)).pages
        for font in page["/Resources"]["/Font"].values()
    }


def test_bundled_fonts_and_licence() -> None:
    sizes = {path.name: path.stat().st_size for path in FONTS_DIR.glob("*.ttf")}
    assert sizes.keys() == {"DejaVuSans.ttf", "DejaVuSans-Bold.ttf"}
    assert all(600_000 < size < 800_000 for size in sizes.values())
    licence = (FONTS_DIR / "LICENSE-DejaVu.txt").read_text(encoding="utf-8")
    assert "Bitstream Vera Fonts Copyright" in licence
    assert "Arev Fonts Copyright" in licence
    assert "DejaVu changes are in public domain" in licence
    assert register_fonts() == (FONT, FONT_BOLD)


def test_user_markup_is_escaped() -> None:
    assert escaped("<b>x</b> & y\n**z**") == "&lt;b&gt;x&lt;/b&gt; &amp; y<br/>**z**"
    assert escaped("a\x00b\x1bc") == "abc"  # control characters removed


def test_paragraph_and_rich_show_every_value_literally() -> None:
    story = [
        paragraph("<i>commentaire</i> & &amp;", bold="<b>Titre :</b>"),
        rich("{who} a dit {what}.", styles().body, bold=("who",), who="<Élu>", what="« & »"),
        paragraph("détail", bold="Action", below=True),
    ]
    text = body_text(build_pdf(story, "pied", cover=False))
    assert text == "<b>Titre :</b> <i>commentaire</i> & &amp; <Élu> a dit « & ». Action détail"


def test_characters_missing_from_the_font_print_as_the_documented_marks() -> None:
    text = "Fête 🎉 中文 😀 ❤️ 𝄞 fin"
    pdf = build_pdf([paragraph(text)], "pied", cover=False)
    shown = pdf_pages(pdf)[0].split("\n")[0]
    assert shown == printable(text) == f"Fête {EMOJI_MARK} {MISSING_MARK * 2} 😀 ❤ {EMOJI_MARK} fin"


def test_styled_letters_print_as_plain_letters() -> None:
    text = "Le 𝐁𝐎𝐍 plan, Ｎ° ① 𝟐𝟎𝟐𝟔"
    pdf = build_pdf([paragraph(text)], "pied", cover=False)
    assert pdf_pages(pdf)[0].split("\n")[0] == printable(text) == "Le BON plan, N° ① 2026"


def test_chart_labels_follow_the_same_marks() -> None:
    """Chart labels reach the font without a paragraph: the font applies the policy."""
    label = "Emploi 🧑‍🤝‍🧑 𝐀 中"
    bars = ranked_bars([label, "Observation"], [40, 20], CONTENT_WIDTH, "fr")
    chart = radar(
        ["Emploi", "Innovation", "Besoins"],
        [Series("Priorité 𝄞", [80, 60, 40], ACCENT)],
        CONTENT_WIDTH,
        300,
    )
    text = pdf_pages(build_pdf([bars, chart], "pied", cover=False))[0]
    assert f"Emploi {EMOJI_MARK} A {MISSING_MARK}" in text
    assert f"Priorité {EMOJI_MARK}" in text
    assert "\u200d" not in text and "𝐀" not in text


def test_widths_match_the_font_metrics() -> None:
    register_fonts()
    font = pdfmetrics.getFont(FONT)
    text = "Œuvre à 12,5 € — 🎉"
    face = font.face
    drawn = printable(text)  # what is measured is what is drawn: « [emoji] » here
    assert drawn.endswith(EMOJI_MARK)
    expected = sum(face.charWidths.get(ord(c), face.defaultWidth) for c in drawn) * 0.012
    assert pdfmetrics.stringWidth(text, FONT, 12) == pytest.approx(expected)


def test_fit_cuts_with_an_ellipsis() -> None:
    assert fit("Court", FONT, 8, 100) == "Court"
    long = "Communauté de communes " * 20
    cut = fit(long, FONT, 8, 200)
    assert cut.endswith("…")
    assert long.startswith(cut[:-1])
    assert pdfmetrics.stringWidth(cut, FONT, 8) <= 200
    assert fit("a\nb\tc", FONT, 8, 100) == "a b c"


def test_footer_and_page_numbers_on_every_page_but_the_cover() -> None:
    story = [paragraph(f"Paragraphe {i} " * 40) for i in range(40)]
    pages = pdf_pages(build_pdf(story, "Atelier — Pays du Lunévillois", "en"))
    assert len(pages) >= 3
    assert "Page" not in pages[0]
    for number, page in enumerate(pages[1:], start=2):
        assert page.rstrip("\n").split("\n")[-2:] == [
            "Atelier — Pays du Lunévillois",
            f"Page {number} of {len(pages)}",
        ]


def test_a_block_taller_than_a_page_is_an_export_error() -> None:
    cell = paragraph("ligne " * 6000)
    with pytest.raises(ExportError) as caught:
        build_pdf([Table([[cell]], colWidths=[CONTENT_WIDTH])], "pied")
    assert caught.value.message("fr") == (
        "Le rapport PDF n’a pas pu être mis en page\u00a0: un bloc est plus grand qu’une page."
    )
    assert caught.value.message("en") == (
        "The PDF report could not be laid out: a block is larger than a page."
    )


def test_charts_draw_text_in_the_embedded_font_only() -> None:
    spokes = ["Emploi", "Innovation", "Besoins des habitants"]
    chart = radar(
        spokes,
        [Series("Priorité", [80, None, 40], ACCENT), Series("Maturité", [10, 50, 100], WARM)],
        CONTENT_WIDTH,
        300,
    )
    bars = ranked_bars(["Observation", "Sensibilisation"], [62.4, 0], CONTENT_WIDTH, "fr")
    pdf = build_pdf([chart, bars], "pied", cover=False)
    assert fonts_of(pdf) == {"DejaVuSans", "DejaVuSans-Bold"}
    text = pdf_pages(pdf)[0]
    for label in ("1. Emploi", "2. Innovation", "3. Besoins des habitants", "Priorité"):
        assert label in text
    assert "62" in text.split("\n")
    assert bars.height == pytest.approx((9 * 2 + 12) * 72 / 25.4)  # a row per lever
