"""The PDF report an elected official reads: cover, two-minute summary, charts, levers, annex."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Spacer

from ..advice.recommend import STRENGTH_MATURITY, Recommendation, answer_label
from ..advice.scoring import Scores, score_sheet
from ..i18n import t
from ..model import UNKNOWN, AnswerSheet, Referentiel
from ..plan.compare import Comparison, comparison_for_report
from ..portfolio.observatory import TerritoryFigures
from ..territory.contacts import Contact
from ..typography import format_date, format_number, format_percent, format_score
from .findings import need_text, numbered, ranking_labels
from .pdf_annex import annex_section, choices_section, gaps_section, method_section
from .pdf_contacts import contacts_section
from .pdf_figures import figures_section
from .pdf_fonts import FONT
from .pdf_layout import CONTENT_WIDTH, build_pdf, cover_page, creation_moment
from .pdf_sections import (
    ReportData,
    charts_section,
    join_words,
    levers_section,
    provider_names,
    providers_section,
)
from .pdf_styles import data_table, fit, paragraph, rich, styles
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


def summary_section(data: ReportData, figures: Sequence[Flowable] = ()) -> list[Flowable]:
    """One page: the levers to start with in a sentence each, the strengths, what to find out;
    then the territory's ESS ``figures``, when they were looked up."""
    lang, sheet_styles = data.lang, styles()
    story: list[Flowable] = [
        paragraph(t("report.summary.title", lang), sheet_styles.h1),
        paragraph(t("report.summary.intro", lang), sheet_styles.lead),
    ]
    ranking = ranking_labels(data.referentiel, data.scores, lang)
    if ranking:
        story.append(
            paragraph(t("report.summary.ranking", lang, ranking=join_words(ranking, lang)))
        )
    story.append(paragraph(t("report.summary.start", lang), sheet_styles.h2))
    bold = t("report.summary.confidence", lang)
    story += [paragraph(line, sheet_styles.body, bold=bold) for line in data.confidence]
    for index, recommendation in enumerate(data.top, start=1):
        story.append(lever_sentence(data, recommendation, f"{index}."))
    if not data.top:
        story.append(paragraph(t("report.summary.none", lang)))
    story += levers_overview(data)
    story.append(paragraph(t("report.summary.strengths", lang), sheet_styles.h2))
    story += _strength_lines(data)
    if not data.strengths:
        threshold = format_number(STRENGTH_MATURITY, lang)
        story.append(paragraph(t("report.summary.no_strength", lang, threshold=threshold)))
    story.append(paragraph(t("report.summary.gaps", lang), sheet_styles.h2))
    count, section = len(data.scores.knowledge_gaps), t("report.gaps.title", lang)
    if count == 0:
        story.append(paragraph(t("report.gaps.none", lang)))
    elif count == 1:
        story.append(paragraph(t("report.summary.gaps_one", lang, section=section)))
    else:
        story.append(paragraph(t("report.summary.gaps_many", lang, count=count, section=section)))
    story += [
        Spacer(1, 6 * mm),
        paragraph(t("report.summary.reading", lang), sheet_styles.small),
        *figures,
        PageBreak(),
    ]
    return story


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


def levers_overview(data: ReportData) -> list[Flowable]:
    """Every lever at a glance: rank, need in words and figures, whom to contact."""
    lang = data.lang
    header = [t(f"report.table.{key}", lang) for key in ("rank", "lever", "need", "providers")]
    rows = [
        [
            str(rec.rank),
            rec.lever.label.get(lang),
            t(
                "report.summary.need_value",
                lang,
                need=t(f"need.{rec.need}", lang),
                score=format_score(rec.need_score, lang),
            ),
            provider_names(rec.providers, lang),
        ]
        for rec in sorted(data.explained, key=lambda rec: rec.rank)
    ]
    widths = (14 * mm, 58 * mm, 32 * mm, CONTENT_WIDTH - 104 * mm)
    title = t("report.summary.all_levers", lang, count=len(rows))
    return [paragraph(title, styles().h2), data_table(header, rows, widths, (0,))]


def lever_sentence(data: ReportData, recommendation: Recommendation, bullet: str) -> Flowable:
    """« Lever — besoin 72/100, fort. Raison principale : … Contact : … » as a numbered line."""
    lang, referentiel = data.lang, data.referentiel
    reason = recommendation.reasons[0]
    question = referentiel.question(reason.question).short_label.get(lang)
    if reason.answer == UNKNOWN:
        because = t("report.summary.reason.gap", lang, question=question)
    else:
        label = answer_label(referentiel, reason.question, reason.answer, lang)
        because = t("report.summary.reason.answer", lang, question=question, answer=label)
    providers = provider_names(recommendation.providers, lang)
    template = t("report.summary.lever" if providers else "report.summary.lever_no_provider", lang)
    action = ""
    if recommendation.actions:
        template += "\n{first} {action}."
        action = recommendation.actions[0].label.get(lang)
    return rich(
        template,
        styles().numbered,
        bold=("lever", "first"),
        bullet=bullet,
        keep=True,
        first=t("report.summary.first_action", lang),
        action=action,
        lever=recommendation.lever.label.get(lang),
        score=format_score(recommendation.need_score, lang),
        need=need_text(recommendation, lang),
        reason=because,
        providers=providers,
    )


def _strength_lines(data: ReportData) -> Sequence[Flowable]:
    lang, referentiel = data.lang, data.referentiel
    lines = []
    for strength in data.strengths:
        key, question, answer = "report.summary.strength", "", ""
        if strength.questions:
            best = strength.questions[0]
            key = "report.summary.strength_answer"
            question = referentiel.question(best).label.get(lang)
            answer = answer_label(referentiel, best, data.sheet.answer(best), lang)
        line = rich(
            t(key, lang),
            styles().bullet,
            bold=("motivation",),
            bullet="•",
            motivation=referentiel.motivation(strength.motivation).label.get(lang),
            score=format_number(strength.maturity, lang),
            question=question,
            answer=answer,
        )
        lines.append(line)
    return lines
