"""The A4 page template of every report: margins, running footer and « page n / N »."""

from __future__ import annotations

import datetime as dt
import io
import threading
from collections.abc import Sequence
from functools import partial
from typing import Any

from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
)
from reportlab.platypus.doctemplate import LayoutError

from ..errors import ExportError
from ..i18n import t
from ..territory.profile import clean_text
from .pdf_fonts import FONT, printable, register_fonts
from .pdf_styles import MUTED, RULE, fit, key_values, paragraph, styles

MARGIN = 18 * mm
FOOTER_Y = 10 * mm
FOOTER_SIZE = 7.5
CONTENTS_SIZE = 9.5  # the page numbers of the contents, as the lines' text
PAGE_WIDTH, PAGE_HEIGHT = A4
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN
CONTENT_HEIGHT = PAGE_HEIGHT - 2 * MARGIN


class FooterCanvas(Canvas):
    """A canvas that keeps its pages until the end, to print « page n / N » on each.

    It also prints each section's page on the contents lines: known only once every page
    is laid out.
    """

    def __init__(
        self,
        *args: Any,
        footer: str = "",
        lang: str = "fr",
        cover: bool = True,
        created: dt.datetime | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self._footer = printable(footer)
        self._lang = lang
        self._cover = cover
        self._pages: list[dict[str, Any]] = []
        self.section_pages: dict[str, int] = {}
        self.contents_slots: list[tuple[int, str, float, float]] = []  # page, title, x, y
        if created is not None:
            # The file's creation date: the report's own, not reportlab's fixed 2000-01-01.
            self._doc._timeStamp = _Stamp(created)

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            if number > 1 or not self._cover:
                self._draw_footer(number, total)
            self._draw_contents_pages(number)
            super().showPage()
        super().save()

    def _draw_contents_pages(self, number: int) -> None:
        for page, title, x, y in self.contents_slots:
            found = self.section_pages.get(title)
            if page == number and found is not None:
                self.saveState()
                self.setFont(FONT, CONTENTS_SIZE)
                self.setFillColor(MUTED)
                self.drawRightString(x, y, str(found))
                self.restoreState()

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


class _Stamp:
    """A time stamp as reportlab's PDF date wants it, for a given moment (UTC offset 0)."""

    def __init__(self, moment: dt.datetime) -> None:
        self.YMDhms = moment.timetuple()[:6]
        self.dhh = self.dmm = 0


def creation_moment(day: dt.date | None) -> dt.datetime:
    """When a report is created: now, or midnight of the day it is dated (reproducible)."""
    if day is None:
        return dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)
    return dt.datetime.combine(day, dt.time())


class ReportTemplate(BaseDocTemplate):
    """A document that notes the page of every section heading (level 1 and 2)."""

    def afterFlowable(self, flowable: Flowable) -> None:
        if isinstance(flowable, Paragraph) and flowable.style.name in ("h1", "h2"):
            pages: dict[str, int] = self.canv.section_pages
            pages.setdefault(flowable.getPlainText(), self.page)


class ContentsLine(Flowable):
    """A line of the contents: a bullet and a section's title, its page number on the right."""

    def __init__(self, title: str) -> None:
        super().__init__()
        self.title = title
        self._paragraph = paragraph(title, styles().bullet, bullet="•")

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        _, height = self._paragraph.wrap(available_width - 14 * mm, available_height)
        self.height = height
        return available_width, height + styles().bullet.spaceAfter

    def draw(self) -> None:
        self._paragraph.drawOn(self.canv, 0, styles().bullet.spaceAfter)
        top = styles().bullet.spaceAfter + self.height
        x, y = self.canv.absolutePosition(self.width, top - CONTENTS_SIZE)
        slots: list[tuple[int, str, float, float]] = self.canv.contents_slots
        slots.append((self.canv.getPageNumber(), self._paragraph.getPlainText(), x, y))


_BUILD = threading.Lock()
# Compressed streams are written as they are, not also spelled out in ASCII: smaller
# files, and a quarter less time spent saving them.
rl_config.useA85 = 0


def build_pdf(
    story: Sequence[Flowable],
    footer: str,
    lang: str = "fr",
    title: str = "",
    subject: str = "",
    cover: bool = True,
    created: dt.datetime | None = None,
) -> bytes:
    """Lay ``story`` out on A4 pages with the running ``footer``; the first page is a cover.

    Output is byte-for-byte reproducible for the same inputs (``created``, the file's
    creation date, included). Raises ExportError when a block cannot be placed on any page.
    """
    register_fonts()
    buffer = io.BytesIO()
    document = ReportTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=" ".join(clean_text(title).split()),
        author="Diagnostic ESS territorial",
        subject=subject,
        creator="Diagnostic ESS territorial",
        lang="en" if lang == "en" else "fr",
        invariant=1,
        initialFontName=FONT,
    )
    frame = Frame(MARGIN, MARGIN, CONTENT_WIDTH, CONTENT_HEIGHT, id="content")
    document.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    canvas = partial(FooterCanvas, footer=footer, lang=lang, cover=cover, created=created)
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
        *[ContentsLine(item) for item in contents],
        PageBreak(),
    ]
