"""The PDF report an elected official reads: cover, two-minute summary, charts, levers, annex."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak

from ..advice.scoring import Scores, score_sheet
from ..i18n import t
from ..model import AnswerSheet, Referentiel
from ..plan.compare import Comparison, comparison_for_report
from ..portfolio.observatory import TerritoryFigures
from ..territory.contacts import Contact
from ..typography import format_date, format_number, format_percent
from .findings import numbered, ranking_labels
from .pdf_annex import annex_section, choices_section, gaps_section, method_section
from .pdf_contacts import contacts_section
from .pdf_essentiel import summary_section
from .pdf_figures import figures_section
from .pdf_fonts import FONT
from .pdf_layout import build_pdf, cover_page, creation_moment
from .pdf_sections import (
    ReportData,
    charts_section,
    levers_section,
    providers_section,
)
from .pdf_styles import fit, paragraph, styles
from .plan.pdf import comparison_section, plan_page


def to_pdf(
    referentiel: Referentiel,
    sheet: AnswerSheet,
    lang: str = "fr",
    scores: Scores | None = None,
    generated_on: dt.date | None = None,
    comparison: Comparison | None = None,
    figures: TerritoryFigures | None = None,
    directory_edits: Sequence[Contact] = (),
) -> bytes:
    """The A4 report of one diagnostic, in French or English, with embedded fonts.

    A plan adds « Notre feuille de route » after the summary; a re-diagnosis, the
    comparison with the earlier diagnostic (``comparison``, computed if not given); the
    territory's observatory ``figures``, « L’ESS sur votre territoire » on the summary's page;
    ``directory_edits``, the directory rows edited in the app, in « Qui appeler ».
    """
    scores = scores or score_sheet(referentiel, sheet)
    data = ReportData.build(referentiel, sheet, scores, lang, generated_on or dt.date.today())
    comparison = comparison or comparison_for_report(referentiel, sheet)
    story: list[Flowable] = [*cover_section(data, comparison)]
    story += [*summary_section(data, figures_section(figures, lang)), *upgrade_section(data)]
    if sheet.plan:
        story += plan_page(referentiel, sheet.plan, lang)
    story += charts_section(data)
    if comparison is not None:
        story += comparison_section(referentiel, comparison, lang)
    story += [*levers_section(data), *contacts_section(data, directory_edits)]
    story += providers_section(data)
    story += [*gaps_section(data), *choices_section(data)]
    story += [*method_section(data), *annex_section(data)]
    title = referentiel.title.get(lang)
    name = sheet.territory.name
    return build_pdf(
        story,
        footer=t("report.footer", lang, title=title, territory=name),
        lang=lang,
        title=f"{title} — {name}",
        subject=t("report.subtitle", lang),
        created=creation_moment(generated_on),
    )


def contents_keys(data: ReportData, compared: bool) -> list[str]:
    """The titles' keys of the sections the report holds, in their order (the cover lists them)."""
    keys = ["report.summary.title"]
    if data.sheet.upgrade_note is not None:
        keys.append("report.summary.upgrade")
    if data.sheet.plan:
        keys.append("plan.title")
    keys += ["report.charts.motivations", "report.charts.levers"]
    if compared:
        keys.append("compare.title")
    keys += ["report.levers.title", "contacts.title", "report.providers.title"]
    keys.append("report.gaps.title")
    if data.scores.declined:
        keys.append("report.choices.title")
    return [*keys, "report.method.title", "report.annex.title"]


def cover_section(data: ReportData, comparison: Comparison | None = None) -> list[Flowable]:
    """Territory, type, dates, who answered, référentiel version, purpose and contents."""
    lang, sheet = data.lang, data.sheet
    profile = sheet.territory
    not_given = t("report.cover.not_given", lang)
    version = data.referentiel.version
    if sheet.referentiel_version and sheet.referentiel_version != version:
        version = t(
            "report.cover.version_other",
            lang,
            version=version,
            answers_version=fit(sheet.referentiel_version, FONT, 8.5, 40 * mm),
        )
    ranking = numbered(ranking_labels(data.referentiel, data.scores, lang))
    facts = [(t("report.cover.type", lang), t(f"territory.{profile.type}", lang))]
    if profile.departement:
        facts.append((t("report.cover.departement", lang), profile.departement))
    if profile.population is not None:
        facts.append((t("report.cover.population", lang), format_number(profile.population, lang)))
    if profile.siren:
        facts.append((t("report.cover.siren", lang), profile.siren))
    role = profile.respondent_role
    facts += [
        (t("report.cover.respondent", lang), t(f"role.{role}", lang) if role else not_given),
        (
            t("report.cover.date", lang),
            format_date(profile.date, lang) if profile.date else not_given,
        ),
        (t("report.cover.generated", lang), format_date(data.generated_on, lang)),
        (t("report.cover.version", lang), version),
        (t("report.cover.answered", lang), _answered(data)),
        (t("report.cover.ranking", lang), ranking or t("report.cover.ranking_none", lang)),
    ]
    keys = contents_keys(data, comparison is not None)
    contents = [t(key, lang) for key in keys]
    heading = (data.referentiel.title.get(lang), profile.name, t("report.subtitle", lang))
    return cover_page(heading, facts, t("report.cover.purpose", lang), contents, lang)


def _answered(data: ReportData) -> str:
    scores, lang = data.scores, data.lang
    key = "report.cover.answered_declined" if scores.declined else "report.cover.answered_value"
    return t(
        key,
        lang,
        answered=scores.answered,
        total=scores.total,
        share=format_percent(100 * scores.answered_share, lang),
        unknown=len(scores.knowledge_gaps),
        declined=len(scores.declined),
    )


def upgrade_section(data: ReportData) -> list[Flowable]:
    """After the summary: what changed when the answers were carried over, if they were."""
    note, sheet_styles = data.sheet.upgrade_note, styles()
    if note is None:
        return []
    story: list[Flowable] = [paragraph(t("report.summary.upgrade", data.lang), sheet_styles.h1)]
    for line in note.get(data.lang).splitlines():
        if line.startswith("- "):
            story.append(paragraph(line[2:], sheet_styles.bullet, bullet="•"))
        else:
            story.append(paragraph(line))
    return [*story, PageBreak()]
