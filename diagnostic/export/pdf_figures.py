"""The report's « L’ESS sur votre territoire », on the summary's page: figures, year, source."""

from __future__ import annotations

from reportlab.platypus import Flowable

from ..i18n import t
from ..portfolio.observatory import TerritoryFigures, figure_lines, where_to_get
from .pdf_layout import CONTENT_WIDTH
from .pdf_styles import data_table, paragraph, styles

WIDTHS = (0.25, 0.15, 0.24, 0.1, 0.26)
COLUMNS = ("indicator", "family", "value", "year", "source")


def figures_section(figures: TerritoryFigures | None, lang: str) -> list[Flowable]:
    """The observatory's figures, or where to get them; nothing if they were not looked up."""
    if figures is None:
        return []
    sheet_styles = styles()
    story: list[Flowable] = [paragraph(t("observatory.title", lang), sheet_styles.h2)]
    lines = figure_lines(figures.figures, lang)
    if not lines:
        story.append(paragraph(where_to_get(figures, lang)))
        if figures.code is None:
            story.append(paragraph(t("observatory.not_official", lang), sheet_styles.small))
        return story
    story.append(paragraph(t("observatory.intro", lang), sheet_styles.small))
    whole = t("observatory.all_ess", lang)
    rows = [
        [line.indicator, line.family or whole, line.text, str(line.year), line.source]
        for line in lines
    ]
    header = [t(f"observatory.col.{column}", lang) for column in COLUMNS]
    story.append(data_table(header, rows, [CONTENT_WIDTH * share for share in WIDTHS], right=(3,)))
    return story
