"""The report's « Qui appeler » section: the territory's regional contacts first."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Flowable, PageBreak

from ..i18n import t
from ..territory.contacts import Contact
from .pdf_layout import CONTENT_WIDTH
from .pdf_sections import ReportData
from .pdf_styles import data_table, paragraph, styles
from .pdf_urls import AddressCell
from .who_to_call import call_list, sources_note, territories_note

WIDTHS = (0.27, 0.33, 0.2, 0.2)


def contacts_section(data: ReportData, edits: Sequence[Contact] = ()) -> list[Flowable]:
    """Who to call, with each contact's website and the levers it serves; ``edits``: the
    directory rows the région's advisers edited in the app."""
    lang, sheet_styles = data.lang, styles()
    departement = data.sheet.territory.departement
    calls = call_list(data.referentiel, data.top, departement, lang, edits)
    story: list[Flowable] = [
        PageBreak(),  # listed in the contents: it opens its page
        paragraph(t("contacts.title", lang), sheet_styles.h1),
        paragraph(t("contacts.intro", lang), sheet_styles.lead),
    ]
    if calls.region:
        story.append(paragraph(t("contacts.region", lang, region=calls.region)))
    header = [t(f"contacts.col.{key}", lang) for key in ("who", "role", "website", "levers")]
    missing = t("report.table.missing", lang)
    rows: list[list[str | Flowable]] = [
        [
            line.who,
            line.role or missing,
            AddressCell(line.website, sheet_styles.cell) if line.website else missing,
            ", ".join(line.levers) or missing,
        ]
        for line in calls.lines
    ]
    story.append(data_table(header, rows, [CONTENT_WIDTH * share for share in WIDTHS]))
    story.append(paragraph(sources_note(calls, lang), sheet_styles.small))
    for line in calls.named:
        story.append(paragraph(f"— {line.source}", sheet_styles.small, bold=line.who))
    story.append(paragraph(territories_note(lang), sheet_styles.small))
    return story
