"""The « Synthèse régionale »: a PDF an adviser can hand to the Region, and its workbook."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass

from openpyxl import Workbook
from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from ...i18n import t
from ...model import Referentiel
from ...portfolio.synthesis import Synthesis
from ...typography import format_date
from ..pdf_layout import CONTENT_WIDTH, build_pdf, cover_page, creation_moment
from ..pdf_styles import data_table, paragraph, styles
from ..xlsx_cells import write_facts, write_note, write_table, write_titled
from .synthesis_tables import Section, late_text, masked_text, sections


@dataclass(frozen=True)
class Heading:
    """What the synthesis is about: the région(s), the filters applied, the day it is drawn up."""

    region: str
    filters: tuple[str, ...]
    day: dt.date


def facts(synthesis: Synthesis, heading: Heading, lang: str) -> list[tuple[str, str]]:
    """The cover's facts, as label and value."""
    filters = "; ".join(heading.filters) or t("synthesis.no_filter", lang)
    return [
        (t("synthesis.fact.region", lang), heading.region),
        (t("synthesis.fact.date", lang), format_date(heading.day, lang)),
        (t("synthesis.fact.territories", lang), str(synthesis.territories)),
        (t("synthesis.fact.diagnosed", lang), str(synthesis.diagnosed)),
        (t("synthesis.fact.filters", lang), filters),
    ]


def method_text(referentiel: Referentiel, lang: str) -> str:
    """The method note, with the référentiel's own thresholds."""
    rules = referentiel.rules
    return t(
        "synthesis.method.body",
        lang,
        strong=f"{rules.need_strong:g}",
        medium=f"{rules.need_medium:g}",
    )


def synthesis_pdf(
    referentiel: Referentiel, synthesis: Synthesis, heading: Heading, lang: str = "fr"
) -> bytes:
    """The synthesis as a dated A4 PDF: cover, one section per figure, names, method note."""
    parts = sections(referentiel, synthesis, lang)
    titles = [
        *[part.title for part in parts],
        t("synthesis.names.title", lang),
        t("synthesis.method.title", lang),
    ]
    subtitle = t(
        "synthesis.subtitle", lang, count=synthesis.territories, diagnosed=synthesis.diagnosed
    )
    story: list[Flowable] = cover_page(
        (t("synthesis.kicker", lang), t("synthesis.title", lang), subtitle),
        facts(synthesis, heading, lang),
        t("synthesis.purpose", lang),
        titles,
        lang,
    )
    for part in parts:
        story += _section(part, lang)
    story.append(paragraph(late_text(synthesis, lang)))
    sheet = styles()
    story.append(paragraph(t("synthesis.names.title", lang), sheet.h1))
    story.append(paragraph(", ".join(synthesis.names) or t("synthesis.none", lang)))
    story.append(paragraph(t("synthesis.method.title", lang), sheet.h1))
    story.append(paragraph(method_text(referentiel, lang)))
    footer = t("synthesis.footer", lang, date=format_date(heading.day, lang))
    return build_pdf(
        story,
        footer,
        lang,
        title=t("synthesis.title", lang),
        subject=heading.region,
        created=creation_moment(heading.day),
    )


def _section(part: Section, lang: str) -> list[Flowable]:
    sheet = styles()
    story: list[Flowable] = [paragraph(part.title, sheet.h1), paragraph(part.intro, sheet.lead)]
    if part.rows is None:
        story.append(paragraph(t("synthesis.masked_note", lang), bold=masked_text(lang) + " — "))
    elif not part.rows:
        story.append(paragraph(t("synthesis.none", lang)))
    else:
        story.append(data_table(part.header, _texts(part.rows, lang), _widths(part.header)))
    return story


def _texts(rows: Sequence[Sequence[object]], lang: str) -> list[list[str]]:
    return [[str(value) for value in row] for row in rows]


def _widths(header: Sequence[str]) -> list[float]:
    rest = 24 * mm
    first = CONTENT_WIDTH - rest * (len(header) - 1)
    return [first, *[rest] * (len(header) - 1)]


def synthesis_xlsx(
    referentiel: Referentiel, synthesis: Synthesis, heading: Heading, lang: str = "fr"
) -> bytes:
    """The synthesis as a workbook: a summary sheet, one sheet per section, the names."""
    book = Workbook()
    summary = book.active
    assert summary is not None
    summary.title = t("synthesis.sheet.summary", lang)
    items = [(label, value, None) for label, value in facts(synthesis, heading, lang)]
    row = write_facts(summary, items, lang)
    summary.cell(row=row, column=1, value=late_text(synthesis, lang))
    write_note(summary, row + 2, method_text(referentiel, lang))
    for part in sections(referentiel, synthesis, lang):
        sheet = book.create_sheet(_sheet_title(part.title))
        rows = part.rows if part.rows is not None else ((masked_text(lang),),)
        write_titled(sheet, 1, part.title, part.header, rows, widths=(60, 16, 16, 16, 16))
    names = book.create_sheet(t("synthesis.sheet.names", lang))
    write_table(names, [t("portfolio.col.name", lang)], [[n] for n in synthesis.names], (50,))
    book.properties.title = t("synthesis.title", lang)
    book.properties.created = dt.datetime.combine(heading.day, dt.time())
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _sheet_title(title: str) -> str:
    """A sheet name Excel accepts: 31 characters, none of []:*?/\\."""
    cleaned = "".join(" " if c in "[]:*?/\\" else c for c in title)
    return cleaned[:31].strip()
