"""« L’essentiel », page 2 of the report: read in two minutes, and held on its one page.

Acronyms are written out at their first use on the page, each lever names at most three
bodies to call in the order a territory calls them, a tie warning follows the levers it
concerns, and French text generated after a colon starts in lower case.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepInFrame, PageBreak, Spacer

from ..advice.confidence import describe
from ..advice.recommend import STRENGTH_MATURITY, Recommendation, answer_label
from ..i18n import t
from ..model import UNKNOWN, LeverId
from ..typography import format_number, format_score
from .findings import need_text, ranking_labels, short_name
from .page_words import PageWords, call_first, lower_initial
from .pdf_layout import CONTENT_HEIGHT, CONTENT_WIDTH
from .pdf_sections import ReportData, join_words
from .pdf_styles import ACCENT, data_table, paragraph, rich, styles

TITLE_ROOM = 34.0  # points: the page's title, « L’essentiel », above the held content


def summary_section(data: ReportData, figures: Sequence[Flowable] = ()) -> list[Flowable]:
    """One page: the levers to start with in a sentence each, the strengths, what to find out;
    then the territory's ESS ``figures``, when they were looked up."""
    lang = data.lang
    words = PageWords(data.referentiel, lang)
    body = _start(data, words) + levers_overview(data, words) + _strengths(data, words)
    body += _gaps(data, words)
    body += [Spacer(1, 4 * mm), _text(words, t("report.summary.reading", lang), styles().small)]
    body += figures
    held = KeepInFrame(CONTENT_WIDTH, CONTENT_HEIGHT - TITLE_ROOM, body, mode="shrink")
    return [paragraph(t("report.summary.title", lang), styles().h1), held, PageBreak()]


def _text(words: PageWords, text: str, style: ParagraphStyle | None = None) -> Flowable:
    return paragraph(words.expand(text), style)


def _start(data: ReportData, words: PageWords) -> list[Flowable]:
    """The intro, the officials' ranking, then each lever to start with and its ties."""
    lang, sheet = data.lang, styles()
    story = [_text(words, t("report.summary.intro", lang), sheet.lead)]
    ranking = [
        lower_initial(label, lang) for label in ranking_labels(data.referentiel, data.scores, lang)
    ]
    if ranking:
        story.append(
            _text(words, t("report.summary.ranking", lang, ranking=join_words(ranking, lang)))
        )
    story.append(paragraph(t("report.summary.start", lang), sheet.h2))
    bold = t("report.summary.confidence", lang)
    for line in _few_answers(data):
        story.append(paragraph(words.expand(lower_initial(line, lang)), sheet.body, bold=bold))
    ties = data.assessment.close_groups if data.assessment else ()
    for index, recommendation in enumerate(data.top, start=1):
        story.append(lever_sentence(data, words, recommendation, f"{index}."))
        story += [_tie_note(data, words, group) for group in ties if _closes(data, group, index)]
    if not data.top:
        story.append(_text(words, t("report.summary.none", lang)))
    shown = {rec.lever.id for rec in data.top}
    story += [_tie_note(data, words, group) for group in ties if not shown & set(group)]
    return story


def _few_answers(data: ReportData) -> list[str]:
    """The warning that too few questions were answered, if they were."""
    if data.assessment is None:
        return list(data.confidence)
    return describe(data.referentiel, replace(data.assessment, close_groups=()), data.lang)


def _closes(data: ReportData, group: Sequence[LeverId], index: int) -> bool:
    """Whether the ``index``-th lever to start with is the last of ``group`` among them."""
    shown = [i for i, rec in enumerate(data.top, start=1) if rec.lever.id in group]
    return bool(shown) and shown[-1] == index


def _tie_note(data: ReportData, words: PageWords, group: Sequence[LeverId]) -> Flowable:
    """« Les leviers 1, 2 et 3 sont au coude-à-coude… », just below the last of them."""
    lang = data.lang
    ranks = {rec.lever.id: rec.rank for rec in data.explained}
    numbers = [str(ranks[lever]) for lever in group if lever in ranks]
    points = format_number(data.referentiel.rules.close_points, lang, 0)
    text = t(
        "essentiel.tie",
        lang,
        ranks=join_words(numbers, lang),
        points=points,
        end=t("essentiel.tie_end", lang),
    )
    return _text(words, text, _tie_style())


def _tie_style() -> ParagraphStyle:
    numbered = styles().numbered
    return ParagraphStyle(
        "tie", parent=styles().body, leftIndent=numbered.leftIndent, textColor=ACCENT
    )


def lever_sentence(
    data: ReportData, words: PageWords, recommendation: Recommendation, bullet: str
) -> Flowable:
    """« Lever — besoin 72/100, fort. Raison principale : … Qui appeler : … » as a numbered line."""
    lang, referentiel = data.lang, data.referentiel
    reason = recommendation.reasons[0]
    question = referentiel.question(reason.question).short_label.get(lang)
    if reason.answer == UNKNOWN:
        because = t("report.summary.reason.gap", lang, question=question)
    else:
        label = answer_label(referentiel, reason.question, reason.answer, lang)
        because = t("report.summary.reason.answer", lang, question=question, answer=label)
    lever = words.expand(recommendation.lever.label.get(lang))
    reason_text = lower_initial(words.expand(because), lang)
    providers = _called(data, words, recommendation, first_lowered=True)
    template = t("essentiel.lever" if providers else "essentiel.lever_no_provider", lang)
    action = ""
    if recommendation.actions:
        template += "\n{first} {action}."
        action = lower_initial(words.expand(recommendation.actions[0].label.get(lang)), lang)
    return rich(
        template,
        styles().numbered,
        bold=("lever", "first"),
        bullet=bullet,
        keep=True,
        first=t("report.summary.first_action", lang),
        action=action,
        lever=lever,
        score=format_score(recommendation.need_score, lang),
        need=need_text(recommendation, lang),
        reason=reason_text,
        providers=providers,
    )


def _called(
    data: ReportData, words: PageWords, rec: Recommendation, first_lowered: bool = False
) -> str:
    """The (at most three) bodies to call for a lever, in order, acronyms written out once."""
    names = [
        words.expand(short_name(p, data.lang)) for p in call_first(data.referentiel, rec.providers)
    ]
    if names and first_lowered:
        names[0] = lower_initial(names[0], data.lang)
    return ", ".join(names)


def levers_overview(data: ReportData, words: PageWords) -> list[Flowable]:
    """Every lever at a glance: rank, need in words and figures, whom to call first."""
    lang = data.lang
    header = [t(f"report.table.{key}", lang) for key in ("rank", "lever", "need")]
    header.append(t("essentiel.call", lang))
    rows = [
        [
            str(rec.rank),
            words.expand(rec.lever.label.get(lang)),
            t(
                "report.summary.need_value",
                lang,
                need=t(f"need.{rec.need}", lang),
                score=format_score(rec.need_score, lang),
            ),
            _called(data, words, rec),
        ]
        for rec in sorted(data.explained, key=lambda rec: rec.rank)
    ]
    widths = (14 * mm, 56 * mm, 34 * mm, CONTENT_WIDTH - 104 * mm)
    title = t("report.summary.all_levers", lang, count=len(rows))
    return [paragraph(title, styles().h2), data_table(header, rows, widths, (0,))]


def _strengths(data: ReportData, words: PageWords) -> list[Flowable]:
    """The motivations already advanced, each with an answer that shows it."""
    lang, referentiel = data.lang, data.referentiel
    story: list[Flowable] = [paragraph(t("report.summary.strengths", lang), styles().h2)]
    for strength in data.strengths:
        motivation = words.expand(referentiel.motivation(strength.motivation).label.get(lang))
        key, question, answer = "report.summary.strength", "", ""
        if strength.questions:
            best = strength.questions[0]
            key = "essentiel.strength_answer"
            question = words.expand(referentiel.question(best).short_label.get(lang))
            answer = words.expand(answer_label(referentiel, best, data.sheet.answer(best), lang))
        story.append(
            rich(
                t(key, lang),
                styles().bullet,
                bold=("motivation",),
                bullet="•",
                motivation=motivation,
                score=format_number(strength.maturity, lang),
                question=question,
                answer=answer,
            )
        )
    if not data.strengths:
        threshold = format_number(STRENGTH_MATURITY, lang)
        story.append(_text(words, t("report.summary.no_strength", lang, threshold=threshold)))
    return story


def _gaps(data: ReportData, words: PageWords) -> list[Flowable]:
    """How many questions were answered « je ne sais pas », and where they are listed."""
    lang = data.lang
    story: list[Flowable] = [paragraph(t("report.summary.gaps", lang), styles().h2)]
    count, section = len(data.scores.knowledge_gaps), t("report.gaps.title", lang)
    if count == 0:
        story.append(_text(words, t("report.gaps.none", lang)))
    elif count == 1:
        story.append(_text(words, t("report.summary.gaps_one", lang, section=section)))
    else:
        text = t("report.summary.gaps_many", lang, count=count, section=section)
        story.append(_text(words, text))
    return story
