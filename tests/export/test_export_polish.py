"""The exports' finish: contents with page numbers, real dates, symbols the font lacks,
numbers bound to their units, a fuller summary, filters and frozen headers in the workbooks."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from export_support import DAY, MINI, SHIPPED, fold, pdf_pages, sample_sheet
from openpyxl import load_workbook
from pypdf import PdfReader
from workshop_export_support import stored_workshop

from diagnostic.advice.recommend import explain_all, need_word
from diagnostic.advice.scoring import score_sheet
from diagnostic.export.pdf import contents_keys, to_pdf
from diagnostic.export.pdf_fonts import EMOJI_MARK, MISSING_MARK, printable
from diagnostic.export.pdf_sections import ReportData
from diagnostic.export.tabular import to_xlsx
from diagnostic.export.workshop.tabular import workshop_xlsx
from diagnostic.i18n import bind_numbers, catalogue, t
from diagnostic.model import AnswerSheet
from diagnostic.typography import NBSP


@pytest.fixture(scope="module")
def sample_pdf() -> bytes:
    return to_pdf(SHIPPED, sample_sheet(), "fr", generated_on=DAY)


def test_the_contents_give_the_page_where_each_section_starts(sample_pdf: bytes) -> None:
    pages = [fold(text) for text in pdf_pages(sample_pdf)]
    cover = pages[0]
    sheet = sample_sheet()
    data = ReportData.build(SHIPPED, sheet, score_sheet(SHIPPED, sheet), "fr", DAY)
    keys = contents_keys(data, compared=False)
    numbers = [int(word) for word in cover.split()[-len(keys) :]]
    assert numbers == sorted(numbers) and numbers[0] == 2
    for key, number in zip(keys, numbers, strict=True):
        title = fold(t(key, "fr"))
        assert f"• {title}" in cover
        assert pages[number - 1].startswith(title), (title, number)  # the page opens with it


def test_the_file_carries_its_creation_date_and_title(sample_pdf: bytes) -> None:
    info = PdfReader(io.BytesIO(sample_pdf)).metadata
    assert info is not None
    assert info["/CreationDate"].startswith(f"D:{DAY:%Y%m%d}")  # not reportlab's 2000-01-01
    assert info.title == f"Diagnostic ESS territorial — {sample_sheet().territory.name}"
    assert to_pdf(SHIPPED, sample_sheet(), "fr", generated_on=DAY) == sample_pdf  # reproducible


def test_what_the_font_cannot_draw_is_replaced_by_a_documented_mark() -> None:
    assert printable("Bon réseau 👍🏽 ok") == f"Bon réseau {EMOJI_MARK} ok"  # skin tone vanishes
    assert printable("👩‍👩‍👧") == EMOJI_MARK  # one mark for a joined family
    assert printable("中") == MISSING_MARK
    assert printable("Œuvre « ✓ » → 3,6 €") == "Œuvre « ✓ » → 3,6 €"  # drawable: untouched


def test_an_emoji_comment_prints_its_mark_not_an_empty_box() -> None:
    base = sample_sheet()
    first = SHIPPED.questions[0].id
    sheet = AnswerSheet(base.territory, base.answers, {first: "Réseau actif 👍"})
    text = fold(" ".join(pdf_pages(to_pdf(SHIPPED, sheet, "fr", generated_on=DAY))))
    assert f"Réseau actif {EMOJI_MARK}" in text
    assert "👍" not in text


def test_numbers_stay_on_the_line_of_their_unit() -> None:
    assert t("reason.points", "fr", points="3,6") == f"+3,6{NBSP}points"
    assert (
        bind_numbers("{count} participants, {name} x") == f"{{count}}{NBSP}participants, {{name}} x"
    )
    for texts in catalogue().values():
        for text in texts.values():
            assert "{points} points" not in text and "{count} questions" not in text


def test_the_summary_lists_every_lever_with_its_need_in_words(sample_pdf: bytes) -> None:
    summary = fold(pdf_pages(sample_pdf)[1])
    assert fold(t("report.summary.all_levers", "fr", count=len(SHIPPED.levers))) in summary
    sheet = sample_sheet()
    for rec in explain_all(SHIPPED, sheet, score_sheet(SHIPPED, sheet)):
        word = t(f"need.{rec.need}", "fr")
        assert f"{rec.lever.label.fr} {word} (" in summary


def test_need_words_follow_the_documented_thresholds() -> None:
    rules = SHIPPED.rules
    # the word is read from the figure shown, rounded once: 59.6 shows as 60, "fort"
    assert (
        need_word(rules.need_strong - 0.4, rules),
        need_word(rules.need_strong - 0.6, rules),
    ) == (
        "fort",
        "moyen",
    )
    assert (
        need_word(rules.need_medium - 0.4, rules),
        need_word(rules.need_medium - 0.6, rules),
    ) == (
        "moyen",
        "faible",
    )


def test_every_table_sheet_has_filters_and_a_frozen_header(tmp_path: Path) -> None:
    books = [load_workbook(io.BytesIO(to_xlsx(SHIPPED, sample_sheet(), "fr")))]
    with stored_workshop(tmp_path) as stored:
        data = workshop_xlsx(MINI, stored.record, stored.sheets, "fr")
        books.append(load_workbook(io.BytesIO(data)))
    for book in books:
        for sheet in book.worksheets:
            assert sheet.auto_filter.ref, sheet.title
            assert sheet.freeze_panes not in (None, "A1"), sheet.title
            header_row = int(sheet.auto_filter.ref.split(":")[0][1:])
            assert sheet.cell(row=header_row, column=1).font.bold, sheet.title
