"""The report's back matter: what remains to be found out, the method note, every answer."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer

from ..advice.recommend import answer_label
from ..i18n import t
from ..model import Referentiel
from ..typography import format_number, format_percent, format_score
from .findings import capitalised, who_knows_names
from .pdf_sections import ReportData, join_words, quoted
from .pdf_styles import paragraph, rich, styles


def gaps_section(data: ReportData) -> list[Flowable]:
    """The « je ne sais pas » answers as things to find out, pointing to the observation lever."""
    lang, referentiel, sheet_styles = data.lang, data.referentiel, styles()
    story: list[Flowable] = [paragraph(t("report.gaps.title", lang), sheet_styles.h1)]
    gaps = data.scores.knowledge_gaps
    if not gaps:
        return [*story, paragraph(t("report.gaps.none", lang)), Spacer(1, 8 * mm)]
    weights = referentiel.knowledge_gap_levers
    if weights:
        lever_id = max(weights, key=lambda lever: (weights[lever], -_order(referentiel, lever)))
        rec = next(r for r in data.explained if r.lever.id == lever_id)
        story.append(
            rich(
                t("report.gaps.intro", lang),
                sheet_styles.body,
                bold=("lever",),
                lever=rec.lever.label.get(lang),
                rank=str(rec.rank),
                score=format_score(rec.need_score, lang),
            )
        )
    for motivation in referentiel.motivations:
        questions = [q for q in referentiel.questions_of(motivation.id) if q.id in gaps]
        if not questions:
            continue
        story.append(paragraph(motivation.label.get(lang), sheet_styles.h3))
        for question in questions:
            who = who_knows_names(referentiel, question.id, lang)
            story += [
                paragraph(question.label.get(lang), sheet_styles.bullet, bullet="☐"),
                paragraph(question.help.get(lang), sheet_styles.comment),
                paragraph(t("report.gaps.who_knows", lang, providers=who), sheet_styles.comment),
            ]
    return [*story, PageBreak()]  # the next section (choices or method) opens its page


def choices_section(data: ReportData) -> list[Flowable]:
    """The subjects declined on purpose (« non pertinent / choix assumé »): choices, not gaps."""
    lang, referentiel, sheet_styles = data.lang, data.referentiel, styles()
    if not data.scores.declined:
        return []
    story: list[Flowable] = [
        paragraph(t("report.choices.title", lang), sheet_styles.h1),
        paragraph(t("report.choices.intro", lang)),
    ]
    for question_id in data.scores.declined:
        question = referentiel.question(question_id)
        subject = capitalised(question.short_label.get(lang))
        story += [
            paragraph(subject, sheet_styles.bullet, bullet="•"),
            paragraph(question.label.get(lang), sheet_styles.comment),
        ]
        comment = data.sheet.comments.get(question_id)
        if comment:
            bold = t("report.annex.comment", lang)
            story.append(paragraph(comment, sheet_styles.comment, bold=bold))
    return [*story, PageBreak()]  # the method opens its own page


def _order(referentiel: Referentiel, lever_id: str) -> int:
    return referentiel.lever(lever_id).order


def method_section(data: ReportData) -> list[Flowable]:
    """How the scores are computed, in four short paragraphs."""
    lang, referentiel, sheet_styles = data.lang, data.referentiel, styles()
    gap_levers = [
        quoted(referentiel.lever(lever).label.get(lang), lang)
        for lever in referentiel.knowledge_gap_levers
    ]
    note = [
        paragraph(t("report.method.title", lang), sheet_styles.h1),
        paragraph(t("report.method.motivations", lang)),
        paragraph(t("report.method.levers", lang)),
        paragraph(_ranking_note(referentiel, lang)),
        paragraph(t("report.method.gaps", lang, levers=join_words(gap_levers, lang))),
        paragraph(t("report.method.collegial", lang, version=referentiel.version)),
    ]
    return [KeepTogether(note), PageBreak()]


def _ranking_note(referentiel: Referentiel, lang: str) -> str:
    rules = referentiel.rules
    factors = [format_percent(100 * factor, lang) for factor in rules.ranking_factors]
    return t(
        "report.method.ranking",
        lang,
        factors=join_words(factors, lang),
        unranked=format_percent(100 * rules.ranking_unranked, lang),
        strong=format_number(rules.need_strong, lang),
        medium=format_number(rules.need_medium, lang),
        close=format_number(rules.close_points, lang),
    )


def annex_section(data: ReportData) -> list[Flowable]:
    """Every question with its answer and comment, motivation by motivation."""
    lang, referentiel, sheet, sheet_styles = data.lang, data.referentiel, data.sheet, styles()
    story: list[Flowable] = [paragraph(t("report.annex.title", lang), sheet_styles.h1)]
    for index, motivation in enumerate(referentiel.motivations, start=1):
        story.append(paragraph(f"{index}. {motivation.label.get(lang)}", sheet_styles.h2))
        for question in referentiel.questions_of(motivation.id):
            kind = t(f"kind.{question.kind}", lang)
            answer = answer_label(referentiel, question.id, sheet.answer(question.id), lang)
            story.append(
                rich(
                    "{kind} {question}\n{answer_title} {answer}",
                    sheet_styles.question,
                    bold=("kind", "answer_title"),
                    keep=True,
                    kind=f"[{kind}]",
                    question=question.label.get(lang),
                    answer_title=t("report.annex.answer", lang),
                    answer=answer,
                )
            )
            comment = sheet.comments.get(question.id)
            if comment:
                bold = t("report.annex.comment", lang)
                story.append(paragraph(comment, sheet_styles.comment, bold=bold))
    return story
