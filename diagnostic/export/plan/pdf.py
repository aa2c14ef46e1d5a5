"""The PDF's « Notre feuille de route » page and « Ce qui a bougé » section."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import lru_cache

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    PageBreak,
    Spacer,
    Table,
)

from ...i18n import t
from ...model import AnswerSheet, Referentiel
from ...plan.compare import AnswerChange, Comparison
from ...plan.model import Plan
from ...typography import NBSP
from ..pdf_charts import Series
from ..pdf_layout import CONTENT_WIDTH, build_pdf
from ..pdf_styles import (
    ACCENT,
    RULE,
    WARM,
    KeptParagraph,
    TextParagraph,
    data_table,
    escaped,
    paragraph,
    styles,
)
from .charts import paired_bars
from .wording import (
    answer_text,
    date_text,
    delta,
    lever_text,
    quarter_text,
    score,
    status_name,
    status_text,
)

SIGN_ROW = 14 * mm


@lru_cache(maxsize=1)
def line_style() -> ParagraphStyle:
    """A plan line: body text, a little air above."""
    return ParagraphStyle("plan_line", parent=styles().body, spaceBefore=7, spaceAfter=3)


def plan_page(referentiel: Referentiel, plan: Plan, lang: str) -> list[Flowable]:
    """Every line of the plan (who, with whom, by when, status, note) and room to sign off."""
    sheet = styles()
    story: list[Flowable] = [
        paragraph(t("plan.title", lang), sheet.h1),
        paragraph(t("plan.pdf.intro", lang), sheet.lead),
    ]
    if not plan:
        story.append(paragraph(t("plan.pdf.empty", lang)))
    for number, action in enumerate(plan, start=1):
        colon = t("app.colon", lang)
        facts = [
            (t("plan.col.lever", lang), lever_text(referentiel, action, lang)),
            (t("plan.col.owner", lang), action.owner),
            (t("plan.col.partners", lang), action.partners),
            (t("plan.col.quarter", lang), quarter_text(action.quarter, lang)),
            (t("plan.col.status", lang), status_text(action, lang)),
            (t("plan.col.note", lang), action.note),
        ]
        # One paragraph per line, heading then facts one under the other: a 20-line plan
        # stays fast to lay out, and a short line is never cut from its heading.
        heading = t("plan.pdf.heading", lang, number=number, label=action.label)
        markup = f"<b>{escaped(heading)}</b><br/>" + "<br/>".join(
            f"<b>{escaped(label + colon.rstrip())}</b> {escaped(value)}"
            for label, value in facts
            if value
        )
        story.append(KeptParagraph(markup, line_style()))
    story += [Spacer(1, 6 * mm), signoff(lang), PageBreak()]
    return story


def signoff(lang: str) -> Flowable:
    """A box for the name, the date and the signature of whoever approves the plan."""
    sheet = styles()
    rows = [
        [paragraph(t(f"plan.pdf.signoff_{key}", lang), sheet.cell_bold), ""]
        for key in ("name", "date", "sign")
    ]
    table = Table(
        rows,
        colWidths=[45 * mm, CONTENT_WIDTH - 45 * mm],
        rowHeights=[SIGN_ROW, SIGN_ROW, 2 * SIGN_ROW],
        hAlign="LEFT",
    )
    table.setStyle([("GRID", (0, 0), (-1, -1), 0.5, RULE), ("VALIGN", (0, 0), (-1, -1), "TOP")])
    return KeepTogether(
        [
            paragraph(t("plan.pdf.signoff", lang), sheet.h2),
            paragraph(t("plan.pdf.signoff_intro", lang)),
            Spacer(1, 2 * mm),
            table,
        ]
    )


def comparison_section(
    referentiel: Referentiel, comparison: Comparison, lang: str
) -> list[Flowable]:
    """Scores then and now with a chart, the answers that moved, the plan's statuses."""
    sheet = styles()
    before, after = date_text(comparison.earlier_date, lang), date_text(comparison.later_date, lang)
    story: list[Flowable] = [
        paragraph(t("compare.title", lang), sheet.h1),
        paragraph(t("compare.intro", lang, before=before, after=after), sheet.lead),
    ]
    if comparison.unchanged:
        return [*story, paragraph(t("compare.none", lang)), PageBreak()]
    labels = [referentiel.lever(c.id).label.get(lang) for c in comparison.levers]
    series = (
        Series(t("compare.col.before", lang), [c.need.before for c in comparison.levers], WARM),
        Series(t("compare.col.after", lang), [c.need.after for c in comparison.levers], ACCENT),
    )
    story += [
        KeepTogether(
            [
                paragraph(t("compare.levers", lang), sheet.h2),
                paired_bars(labels, series, CONTENT_WIDTH, lang),
                Spacer(1, 2 * mm),
                data_table(*_lever_table(referentiel, comparison, lang), right=(1, 2, 3)),
            ]
        ),
        CondPageBreak(60 * mm),
        paragraph(t("compare.motivations", lang), sheet.h2),
        data_table(*_motivation_table(referentiel, comparison, lang), right=(1, 2, 3, 4, 5)),
        paragraph(t("compare.answers", lang), sheet.h2),
    ]
    story += _answer_lists(referentiel, comparison, lang)
    if comparison.plan:
        story.append(paragraph(t("compare.plan", lang), sheet.h2))
        colon = t("app.colon", lang)
        lines = (
            f"•{NBSP}"
            + escaped(
                f"{_short(line.action.label)}{colon}{status_name(line.before, lang)} → "
                f"{status_text(line.action, lang)}"
            )
            for line in comparison.plan
        )
        story.append(TextParagraph("<br/>".join(lines), sheet.bullet))
    story.append(PageBreak())
    return story


def _short(text: str, limit: int = 400) -> str:
    """A table cell cannot run over a page: long texts are cut there, with an ellipsis."""
    return text if len(text) <= limit else text[:limit].rstrip() + "…"


def _lever_table(
    referentiel: Referentiel, comparison: Comparison, lang: str
) -> tuple[list[str], list[list[str]], list[float]]:
    header = [t("plan.col.lever", lang)] + [
        t(f"compare.col.{key}", lang) for key in ("need_before", "need_after", "delta")
    ]
    rows = [
        [
            referentiel.lever(c.id).label.get(lang),
            score(c.need.before, lang),
            score(c.need.after, lang),
            delta(c.need, lang),
        ]
        for c in comparison.levers
    ]
    return header, rows, [CONTENT_WIDTH - 78 * mm, 26 * mm, 26 * mm, 26 * mm]


def _motivation_table(
    referentiel: Referentiel, comparison: Comparison, lang: str
) -> tuple[list[str], list[list[str]], list[float]]:
    keys = (
        "priority_before",
        "priority_after",
        "maturity_before",
        "maturity_after",
        "maturity_delta",
    )
    header = [t("report.table.motivation", lang)] + [t(f"compare.col.{k}", lang) for k in keys]
    rows = [
        [
            referentiel.motivation(m.id).label.get(lang),
            score(m.priority.before, lang),
            score(m.priority.after, lang),
            score(m.maturity.before, lang),
            score(m.maturity.after, lang),
            delta(m.maturity, lang),
        ]
        for m in comparison.motivations
    ]
    return header, rows, [CONTENT_WIDTH - 110 * mm, *([22 * mm] * 5)]


def _answer_lists(
    referentiel: Referentiel, comparison: Comparison, lang: str
) -> Sequence[Flowable]:
    sheet = styles()
    if not comparison.answers:
        return [paragraph(t("compare.no_answer_moved", lang))]
    story: list[Flowable] = []
    for direction in ("up", "down", "changed"):
        found = [c for c in comparison.answers if c.direction == direction]
        if found:
            story.append(paragraph(t(f"compare.{direction}", lang), sheet.h3))
            lines = (f"•{NBSP}" + escaped(answer_line(referentiel, c, lang)) for c in found)
            story.append(TextParagraph("<br/>".join(lines), sheet.bullet))
    return story


def answer_line(referentiel: Referentiel, change: AnswerChange, lang: str) -> str:
    """« Question : before → after »."""
    question = referentiel.question(change.question).label.get(lang)
    before = answer_text(referentiel, change.question, change.before, lang)
    after = answer_text(referentiel, change.question, change.after, lang)
    return f"{question}{t('app.colon', lang)}{before} → {after}"


def comparison_pdf(
    referentiel: Referentiel,
    later: AnswerSheet,
    comparison: Comparison,
    lang: str = "fr",
    generated_on: dt.date | None = None,
) -> bytes:
    """A short report of the comparison alone (the CLI's ``compare --pdf``)."""
    sheet = styles()
    day = generated_on or dt.date.today()
    title = referentiel.title.get(lang)
    story: list[Flowable] = [
        paragraph(title, sheet.kicker),
        paragraph(later.territory.name, sheet.title),
        paragraph(t("compare.report.subtitle", lang), sheet.subtitle),
        paragraph(t("report.cover.generated", lang) + t("app.colon", lang) + date_text(day, lang)),
        Spacer(1, 6 * mm),
        *comparison_section(referentiel, comparison, lang),
    ]
    if later.plan:
        story += plan_page(referentiel, later.plan, lang)
    return build_pdf(
        story,
        footer=t("report.footer", lang, title=title, territory=later.territory.name),
        lang=lang,
        title=f"{title} — {later.territory.name}",
        subject=t("compare.report.subtitle", lang),
        cover=False,
    )
