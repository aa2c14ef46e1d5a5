"""The report's inner sections: charts with their figures, one section per lever, gaps, annex."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreak, Spacer

from ..advice.confidence import Confidence, describe
from ..advice.recommend import ChosenAction, Recommendation, Strength, describe_reason
from ..advice.scoring import Scores
from ..i18n import t
from ..model import AnswerSheet, Provider, Referentiel
from ..referentiel.scope import asked_sheet
from ..typography import NBSP, format_number, format_score
from .findings import Findings, because_text, need_text, short_name
from .pdf_charts import Series, radar, ranked_bars
from .pdf_layout import CONTENT_WIDTH
from .pdf_styles import ACCENT, WARM, data_table, paragraph, styles


@dataclass(frozen=True)
class ReportData:
    """Everything one report shows, computed once."""

    referentiel: Referentiel
    sheet: AnswerSheet
    scores: Scores
    lang: str
    generated_on: dt.date
    explained: tuple[Recommendation, ...]
    top: tuple[Recommendation, ...]
    strengths: tuple[Strength, ...]
    confidence: tuple[str, ...]  # plain sentences before the ranking, when it is uncertain
    assessment: Confidence | None = None  # what those sentences say: few answers, close levers

    @classmethod
    def build(
        cls,
        referentiel: Referentiel,
        sheet: AnswerSheet,
        scores: Scores,
        lang: str,
        generated_on: dt.date,
    ) -> ReportData:
        referentiel, sheet = asked_sheet(referentiel, sheet)  # the questions asked of it
        findings = Findings.of(referentiel, sheet, scores)
        return cls(
            referentiel=referentiel,
            sheet=sheet,
            scores=scores,
            lang=lang,
            generated_on=generated_on,
            explained=findings.explained,
            top=findings.top,
            strengths=findings.strengths,
            confidence=tuple(describe(referentiel, findings.confidence, lang)),
            assessment=findings.confidence,
        )


def join_words(words: Sequence[str], lang: str) -> str:
    """« a, b et c » / "a, b and c"."""
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} {t('report.and', lang)} {words[-1]}"


def quoted(text: str, lang: str) -> str:
    """« text » in French, “text” in English."""
    return f"“{text}”" if lang == "en" else f"«{NBSP}{text}{NBSP}»"


def provider_names(providers: Sequence[Provider], lang: str) -> str:
    """The providers' short names, comma-separated."""
    return ", ".join(short_name(provider, lang) for provider in providers)


def score_text(value: float | None, lang: str) -> str:
    """A 0-100 score as a whole number, or a dash when nothing was answered."""
    return t("report.table.missing", lang) if value is None else format_number(value, lang)


def charts_section(data: ReportData) -> list[Flowable]:
    """The radar of motivations and the ranked levers chart, each followed by its figures."""
    lang, referentiel, sheet_styles = data.lang, data.referentiel, styles()
    motivations = data.scores.motivations
    labels = [referentiel.motivation(m.id).label.get(lang) for m in motivations]
    series = [
        Series(t("kind.priority", lang), [m.priority for m in motivations], ACCENT),
        Series(t("kind.maturity", lang), [m.maturity for m in motivations], WARM),
    ]
    motivation_rows = [
        [
            str(index),
            label,
            score_text(result.priority, lang),
            score_text(result.maturity, lang),
            f"{result.answered}/{result.total}",
            str(result.unknown),
        ]
        for index, (label, result) in enumerate(zip(labels, motivations, strict=True), start=1)
    ]
    motivation_header = [
        t(key, lang)
        for key in (
            "report.table.number",
            "report.table.motivation",
            "kind.priority",
            "kind.maturity",
            "report.table.answered",
            "report.table.unknown",
        )
    ]
    motivation_widths = [10 * mm, CONTENT_WIDTH - 98 * mm, 20 * mm, 20 * mm, 22 * mm, 26 * mm]
    levers = data.explained
    lever_rows = [
        [
            str(rec.rank),
            rec.lever.label.get(lang),
            t(
                "report.table.need_value",
                lang,
                score=format_score(rec.need_score, lang),
                need=need_text(rec, lang),
            ),
            provider_names(rec.providers, lang),
        ]
        for rec in levers
    ]
    lever_header = [
        t(key, lang) for key in ("report.table.rank", "report.table.lever", "report.table.need")
    ] + [t("report.table.providers", lang)]
    lever_widths = [14 * mm, 62 * mm, 24 * mm, CONTENT_WIDTH - 100 * mm]
    return [
        KeepTogether(
            [
                paragraph(t("report.charts.motivations", lang), sheet_styles.h1),
                paragraph(t("report.charts.motivations_intro", lang)),
                radar(labels, series, CONTENT_WIDTH, 106 * mm),
                Spacer(1, 3 * mm),
                data_table(motivation_header, motivation_rows, motivation_widths, (2, 3, 4, 5)),
            ]
        ),
        CondPageBreak(95 * mm),
        KeepTogether(
            [
                paragraph(t("report.charts.levers", lang), sheet_styles.h1),
                paragraph(t("report.charts.levers_intro", lang)),
                ranked_bars(
                    [rec.lever.label.get(lang) for rec in levers],
                    [rec.need_score for rec in levers],
                    CONTENT_WIDTH,
                    lang,
                ),
                Spacer(1, 3 * mm),
                data_table(lever_header, lever_rows, lever_widths, (0, 2)),
            ]
        ),
        PageBreak(),
    ]


def levers_section(data: ReportData) -> list[Flowable]:
    """One section per lever in rank order: need, why, who to ask, first actions."""
    lang, sheet_styles = data.lang, styles()
    story: list[Flowable] = [
        paragraph(t("report.levers.title", lang), sheet_styles.h1),
        paragraph(t("report.levers.intro", lang), sheet_styles.lead),
    ]
    for rec in data.explained:
        story += [CondPageBreak(60 * mm), *lever_block(data, rec)]
    return story


def providers_section(data: ReportData) -> list[Flowable]:
    """Who does what: every provider named in the lever sections, described once."""
    lang, sheet_styles = data.lang, styles()
    story: list[Flowable] = [
        PageBreak(),  # listed in the contents: it opens its page
        paragraph(t("report.providers.title", lang), sheet_styles.h1),
    ]
    seen: set[str] = set()
    for rec in data.explained:
        for provider in rec.providers:
            if provider.id in seen:
                continue
            seen.add(provider.id)
            story.append(
                paragraph(
                    provider.description.get(lang),
                    sheet_styles.bullet,
                    provider.name.get(lang),
                    "•",
                    below=True,
                )
            )
    story.append(PageBreak())
    return story


def lever_block(data: ReportData, rec: Recommendation) -> list[Flowable]:
    """A lever's heading, need and description, reasons, providers and actions."""
    lang, referentiel, sheet_styles = data.lang, data.referentiel, styles()
    label = rec.lever.label.get(lang)
    story: list[Flowable] = [
        paragraph(t("report.lever.heading", lang, rank=rec.rank, lever=label), sheet_styles.h2),
        paragraph(
            rec.lever.description.get(lang),
            bold=t(
                "report.lever.need",
                lang,
                score=format_score(rec.need_score, lang),
                need=need_text(rec, lang),
            ),
        ),
        paragraph(t("report.lever.why", lang), sheet_styles.h3),
    ]
    story += [
        paragraph(describe_reason(referentiel, reason, lang), sheet_styles.bullet, bullet="•")
        for reason in rec.reasons
    ] or [paragraph(t("report.lever.why_none", lang))]
    story.append(paragraph(t("report.lever.providers", lang), sheet_styles.h3))
    story += [paragraph(p.name.get(lang), sheet_styles.bullet, bullet="•") for p in rec.providers]
    story.append(paragraph(t("report.lever.actions", lang), sheet_styles.h3))
    story += [
        paragraph(_action_detail(data, a), sheet_styles.bullet, a.label.get(lang), "•", below=True)
        for a in rec.actions
    ] or [paragraph(t("report.lever.no_actions", lang))]
    story.append(Spacer(1, 5 * mm))
    return story


def _action_detail(data: ReportData, action: ChosenAction) -> str:
    """How to go about an action, then the answers it follows from (« suite à : … »)."""
    because = because_text(data.referentiel, action, data.lang)
    detail = action.detail.get(data.lang)
    return f"{detail}\n({because})" if because else detail
