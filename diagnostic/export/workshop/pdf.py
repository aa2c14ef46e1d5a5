"""The workshop's group report: cover, summary, charts, divergences, roles, participants, method.

Only aggregates are printed, and only those resting on at least 3 respondents: no name,
pseudonym, token, comment or individual answer. When the whole group has fewer than 3
respondents the report still builds, and says plainly that the results are hidden.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer

from ...advice.recommend import STRENGTH_MATURITY, Recommendation, answer_label, describe_reason
from ...i18n import t
from ...model import Referentiel
from ...plan.model import Plan
from ...territory.contacts import Contact
from ...typography import format_date, format_number
from ...workshop.retained import NO_DISCUSSION, Discussion
from ..pdf_contacts import contacts_section
from ..pdf_layout import CONTENT_WIDTH, build_pdf, cover_page, creation_moment
from ..pdf_sections import ReportData, charts_section, provider_names, quoted
from ..pdf_styles import data_table, paragraph, rich, styles
from ..plan.pdf import plan_page
from .data import WorkshopData, uncovered_labels
from .pdf_retained import dig_section, retained_section
from .pdf_sections import (
    discuss_section,
    divergence_text,
    method_section,
    participants_section,
    roles_section,
)

if TYPE_CHECKING:
    from ...storage import ParticipantSheet, WorkshopRecord

LED_THERE = 2  # group answers quoted under each lever to start with
TOP_QUESTIONS = 3  # questions to discuss named in the summary


def workshop_pdf(
    referentiel: Referentiel,
    workshop: WorkshopRecord,
    sheets: Sequence[ParticipantSheet],
    lang: str = "fr",
    generated_on: dt.date | None = None,
    plan: Plan = (),
    discussion: Discussion = NO_DISCUSSION,
    directory_edits: Sequence[Contact] = (),
) -> bytes:
    """The A4 report of a workshop's group result, in French or English.

    ``plan``, the feuille de route built with the group, follows the summary; the group
    result follows the answers the group retained in ``discussion``, listed with their notes;
    « Qui appeler » names whom to call for the group's levers (``directory_edits``: the
    directory rows the région's advisers edited in the app).
    """
    data = WorkshopData.build(referentiel, workshop, sheets, discussion)
    day = generated_on or dt.date.today()
    scores = data.summary.group.scores
    story = cover_section(data, lang, day)
    if data.group is None or scores is None:
        story += hidden_section(data, lang)
        story += plan_page(referentiel, plan, lang) if plan else []
    else:
        report = ReportData.build(referentiel, data.group, scores, lang, day)
        story += summary_section(data, report)
        story += plan_page(referentiel, plan, lang) if plan else []
        story += charts_section(report)
        story += [*retained_section(data, lang), *discuss_section(data, lang)]
        story += roles_section(data, lang)
        story += contacts_section(report, directory_edits)
    story += dig_section(data, lang)
    story += [*participants_section(data, lang), *method_section(data, lang)]
    title, name = referentiel.title.get(lang), workshop.profile.name
    return build_pdf(
        story,
        footer=t("workshop.report.footer", lang, title=title, territory=name),
        lang=lang,
        title=f"{title} — {name}",
        subject=t("workshop.report.subtitle", lang),
        created=creation_moment(generated_on),
    )


def uncovered_fact(data: WorkshopData, lang: str) -> list[tuple[str, str]]:
    """The motivations the workshop left out, as a cover fact (none when it covered all)."""
    labels = uncovered_labels(data, lang)
    return [(t("pacing.report.uncovered", lang), "\n".join(labels))] if labels else []


def cover_section(data: WorkshopData, lang: str, day: dt.date) -> list[Flowable]:
    """Territory, type, workshop date, participants, respondents, référentiel version."""
    profile, summary = data.workshop.profile, data.summary
    facts = [(t("report.cover.type", lang), t(f"territory.{profile.type}", lang))]
    if profile.departement:
        facts.append((t("report.cover.departement", lang), profile.departement))
    if profile.population is not None:
        facts.append((t("report.cover.population", lang), format_number(profile.population, lang)))
    chosen = [data.referentiel.motivation(m).label.get(lang) for m in data.workshop.motivations]
    every = len(data.referentiel.motivations)
    facts += [
        (t("workshop.report.date", lang), format_date(data.day, lang)),
        (t("workshop.report.joined", lang), str(summary.joined)),
        (t("workshop.report.respondents", lang), str(summary.respondents)),
        (
            t("workshop.report.motivations", lang),
            "\n".join(chosen) or t("workshop.report.all_motivations", lang, count=every),
        ),
        *uncovered_fact(data, lang),
        (t("report.cover.generated", lang), format_date(day, lang)),
        (t("report.cover.version", lang), data.referentiel.version),
    ]
    keys = ["workshop.report.hidden_title"]
    if data.group is not None:
        keys = ["workshop.report.summary", "report.charts.motivations", "report.charts.levers"]
        keys += ["discussion.report.title", "workshop.report.discuss", "workshop.report.roles"]
        keys.append("contacts.title")
    if data.discussion.marks:
        keys.append("discussion.report.dig_title")
    keys += ["workshop.report.participants", "report.method.title"]
    heading = (data.referentiel.title.get(lang), profile.name, t("workshop.report.subtitle", lang))
    purpose, contents = t("workshop.report.purpose", lang), [t(key, lang) for key in keys]
    return cover_page(heading, facts, purpose, contents, lang, 58 * mm)


def hidden_section(data: WorkshopData, lang: str) -> list[Flowable]:
    """Fewer than 3 respondents: say plainly that the group's results are hidden, and why."""
    respondents = data.summary.respondents
    return [
        paragraph(t("workshop.report.hidden_title", lang), styles().h1),
        paragraph(t("workshop.report.hidden_text", lang, respondents=respondents), styles().lead),
        Spacer(1, 6 * mm),
    ]


def summary_section(data: WorkshopData, report: ReportData) -> list[Flowable]:
    """The group's levers to start with and why, its strengths, the questions to discuss."""
    lang, sheet_styles = report.lang, styles()
    story: list[Flowable] = [
        paragraph(t("workshop.report.summary", lang), sheet_styles.h1),
        paragraph(t("report.summary.start", lang), sheet_styles.h2),
    ]
    for index, recommendation in enumerate(report.top, start=1):
        story.append(KeepTogether(lever_lines(report, recommendation, f"{index}.")))
    if not report.top:
        story.append(paragraph(t("report.summary.none", lang)))
    story.append(paragraph(t("report.summary.strengths", lang), sheet_styles.h2))
    story += strengths_table(report)
    story.append(paragraph(t("workshop.report.top_discuss", lang), sheet_styles.h2))
    for index, consensus in enumerate(data.summary.to_discuss[:TOP_QUESTIONS], start=1):
        spread = consensus.spread
        assert spread is not None  # questions to discuss always have one
        question = data.referentiel.question(consensus.question).label.get(lang)
        divergence = divergence_text(spread.divergence, lang)
        line = t(
            "workshop.report.discuss_line",
            lang,
            question=quoted(question, lang),
            divergence=divergence,
        )
        if consensus.split:
            line += " " + t("workshop.split", lang) + "."
        story.append(paragraph(line, sheet_styles.bullet, bullet=f"{index}."))
    if not data.summary.to_discuss:
        story.append(paragraph(t("workshop.report.agreement", lang)))
    story += [
        Spacer(1, 3 * mm),
        paragraph(t("workshop.report.reading", lang), sheet_styles.small),
        PageBreak(),
    ]
    return story


@lru_cache(maxsize=1)
def _under_lever() -> tuple[ParagraphStyle, ParagraphStyle, ParagraphStyle]:
    """Heading, bullet and body styles indented under a numbered lever."""
    sheet_styles, indent = styles(), 7 * mm
    return (
        ParagraphStyle("under_h3", parent=sheet_styles.h3, leftIndent=indent, spaceBefore=0),
        ParagraphStyle(
            "under_bullet",
            parent=sheet_styles.bullet,
            fontSize=9,
            leading=12.5,
            leftIndent=indent + 4 * mm,
            bulletIndent=indent,
        ),
        ParagraphStyle("under_body", parent=sheet_styles.body, leftIndent=indent),
    )


def lever_lines(report: ReportData, recommendation: Recommendation, bullet: str) -> list[Flowable]:
    """A lever to start with: need and providers, the group answers behind it, a first action."""
    lang, sheet_styles = report.lang, styles()
    heading, item, body = _under_lever()
    providers = provider_names(recommendation.providers, lang)
    key = "workshop.report.lever" if providers else "workshop.report.lever_no_provider"
    lines: list[Flowable] = [
        rich(
            t(key, lang),
            sheet_styles.numbered,
            bold=("lever",),
            bullet=bullet,
            lever=recommendation.lever.label.get(lang),
            score=format_number(recommendation.score, lang),
            providers=providers,
        ),
        paragraph(t("workshop.report.led_there", lang), heading),
    ]
    lines += [
        paragraph(describe_reason(report.referentiel, reason, lang), item, bullet="•")
        for reason in recommendation.reasons[:LED_THERE]
    ]
    if recommendation.actions:
        action = recommendation.actions[0].label.get(lang) + "."
        lines.append(paragraph(action, body, bold=t("report.summary.first_action", lang)))
    return [*lines, Spacer(1, 2 * mm)]


def strengths_table(report: ReportData) -> list[Flowable]:
    """The motivations the group judges advanced, with its most advanced answer on each."""
    lang, referentiel = report.lang, report.referentiel
    if not report.strengths:
        threshold = format_number(STRENGTH_MATURITY, lang)
        return [paragraph(t("report.summary.no_strength", lang, threshold=threshold))]
    rows = []
    for strength in report.strengths:
        best = t("report.table.missing", lang)
        if strength.questions:
            question = referentiel.question(strength.questions[0])
            answer = answer_label(referentiel, question.id, report.sheet.answer(question.id), lang)
            best = f"{quoted(question.label.get(lang), lang)} — {quoted(answer, lang)}"
        label = referentiel.motivation(strength.motivation).label.get(lang)
        rows.append([label, format_number(strength.maturity, lang), best])
    header = [t("report.table.motivation", lang), t("kind.maturity", lang)]
    header.append(t("workshop.report.strength_answer", lang))
    return [data_table(header, rows, (58 * mm, 20 * mm, CONTENT_WIDTH - 78 * mm), (1,))]
