"""The A4 page template of every report: margins, running footer and « page n / N »."""

from __future__ import annotations

import io
import threading
from collections.abc import Sequence
from functools import partial
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageBreak, PageTemplate, Spacer
from reportlab.platypus.doctemplate import LayoutError

from ..errors import ExportError
from ..i18n import t
from .pdf_styles import FONT, MUTED, RULE, fit, key_values, paragraph, register_fonts, styles

MARGIN = 18 * mm
FOOTER_Y = 10 * mm
FOOTER_SIZE = 7.5
PAGE_WIDTH, PAGE_HEIGHT = A4
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN
CONTENT_HEIGHT = PAGE_HEIGHT - 2 * MARGIN


class FooterCanvas(Canvas):
    """A canvas that keeps its pages until the end, to print « page n / N » on each."""

    def __init__(
        self, *args: Any, footer: str = "", lang: str = "fr", cover: bool = True, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self._footer = footer
        self._lang = lang
        self._cover = cover
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            if number > 1 or not self._cover:
                self._draw_footer(number, total)
            super().showPage()
        super().save()

    def _draw_footer(self, number: int, total: int) -> None:
        page = t("report.page", self._lang, page=number, total=total)
        page_width = self.stringWidth(page, FONT, FOOTER_SIZE)
        text = fit(self._footer, FONT, FOOTER_SIZE, CONTENT_WIDTH - page_width - 8 * mm)
        self.saveState()
        self.setStrokeColor(RULE)
        self.setLineWidth(0.4)
        self.line(MARGIN, FOOTER_Y + 4 * mm, PAGE_WIDTH - MARGIN, FOOTER_Y + 4 * mm)
        self.setFont(FONT, FOOTER_SIZE)
        self.setFillColor(MUTED)
        self.drawString(MARGIN, FOOTER_Y, text)
        self.drawRightString(PAGE_WIDTH - MARGIN, FOOTER_Y, page)
        self.restoreState()


_BUILD = threading.Lock()


def build_pdf(
    story: Sequence[Flowable],
    footer: str,
    lang: str = "fr",
    title: str = "",
    subject: str = "",
    cover: bool = True,
) -> bytes:
    """Lay ``story`` out on A4 pages with the running ``footer``; the first page is a cover.

    Output is byte-for-byte reproducible for the same inputs. Raises ExportError when a
    block cannot be placed on any page.
    """
    register_fonts()
    buffer = io.BytesIO()
    document = BaseDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=fit(title, FONT, 10, 4000),
        subject=subject,
        creator="Diagnostic ESS territorial",
        lang="en" if lang == "en" else "fr",
        invariant=1,
        initialFontName=FONT,
    )
    frame = Frame(MARGIN, MARGIN, CONTENT_WIDTH, CONTENT_HEIGHT, id="content")
    document.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    canvas = partial(FooterCanvas, footer=footer, lang=lang, cover=cover)
    try:
        with _BUILD:  # reportlab's fonts keep shared state while a document is written
            document.build(list(story), canvasmaker=canvas)
    except LayoutError:
        raise ExportError(
            "Le rapport PDF n’a pas pu être mis en page : un bloc est plus grand qu’une page.",
            "The PDF report could not be laid out: a block is larger than a page.",
        ) from None
    return buffer.getvalue()


def cover_page(
    heading: tuple[str, str, str],
    facts: Sequence[tuple[str, str]],
    purpose: str,
    contents: Sequence[str],
    lang: str,
    label_width: float = 50 * mm,
) -> list[Flowable]:
    """A first page: kicker, title and subtitle (``heading``), facts, purpose, contents."""
    kicker, title, subtitle = heading
    sheet = styles()
    return [
        Spacer(1, 30 * mm),
        paragraph(kicker, sheet.kicker),
        paragraph(title, sheet.title),
        paragraph(subtitle, sheet.subtitle),
        key_values(facts, (label_width, CONTENT_WIDTH - label_width)),
        Spacer(1, 10 * mm),
        paragraph(purpose, sheet.lead),
        paragraph(t("report.cover.contents", lang), sheet.h2),
        *[paragraph(item, sheet.bullet, bullet="•") for item in contents],
        PageBreak(),
    ]
