"""The group report's pages on the discussion: the answers the group retained, with their
notes and the raw distribution beside, then the « à creuser » list.

No participant's comment is printed (they may name people): a mark on a comment says so,
with the adviser's note only.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Spacer

from ...i18n import t
from ..pdf_layout import CONTENT_WIDTH
from ..pdf_styles import data_table, paragraph, styles
from .data import WorkshopData
from .retained import dig_header, dig_rows, retained_header, retained_rows

RETAINED_WIDTHS = (
    CONTENT_WIDTH - 138 * mm,
    28 * mm,
    28 * mm,
    44 * mm,
    38 * mm,
)
DIG_WIDTHS = (CONTENT_WIDTH - 100 * mm, 30 * mm, 70 * mm)


def retained_section(data: WorkshopData, lang: str) -> list[Flowable]:
    """The retained answers (question, retained, computed, raw distribution, note)."""
    diagnostic, sheet_styles = data.diagnostic, styles()
    if diagnostic is None or diagnostic.hidden:
        return []
    story: list[Flowable] = [
        CondPageBreak(60 * mm),
        paragraph(t("discussion.report.title", lang), sheet_styles.h1),
    ]
    rows = retained_rows(data.referentiel, diagnostic, lang)
    if not rows:
        return [*story, paragraph(t("discussion.report.none", lang)), Spacer(1, 4 * mm)]
    story.append(paragraph(t("discussion.report.intro", lang)))
    story.append(data_table(retained_header(lang), rows, RETAINED_WIDTHS))
    return [*story, Spacer(1, 6 * mm)]


def dig_section(data: WorkshopData, lang: str) -> list[Flowable]:
    """The « à creuser » list, in the order the adviser made it; nothing when empty."""
    rows = dig_rows(data.referentiel, data.discussion, lang)
    if not rows:
        return []
    return [
        CondPageBreak(40 * mm),
        paragraph(t("discussion.report.dig_title", lang), styles().h1),
        paragraph(t("discussion.report.dig_intro", lang)),
        data_table(dig_header(lang), rows, DIG_WIDTHS),
        Spacer(1, 6 * mm),
    ]
