"""How the group report words the retained answers and the « à creuser » list.

Shared by the dashboard, the PDF and the XLSX. No participant's comment is written here:
a mark on a comment says « un commentaire », the note is the adviser's own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...advice.recommend import answer_label
from ...i18n import t
from ...model import Answer, Referentiel
from ...workshop.divergence import QuestionConsensus
from ...workshop.retained import Discussion, GroupDiagnostic
from ..xlsx_cells import write_note, write_titled
from .answers import distribution_text

if TYPE_CHECKING:
    from openpyxl import Workbook

    from .data import WorkshopData

Row = list[str]


def raw_distribution(referentiel: Referentiel, consensus: QuestionConsensus, lang: str) -> str:
    """The answers as given (« 4 « Enjeu majeur », 1 « Je ne sais pas » »), « masqué » below
    3 respondents, a dash when there is nothing to count."""
    if consensus.hidden:
        return t("workshop.masked", lang)
    if consensus.spread is not None:
        return distribution_text(referentiel, consensus, lang)
    if consensus.unknown:
        return t("workshop.distribution_item", lang, count=consensus.unknown, label=_unknown(lang))
    return "—"


def answer_text(referentiel: Referentiel, question: str, answer: Answer | None, lang: str) -> str:
    """An answer's label; a dash when there is none."""
    return "—" if answer is None else answer_label(referentiel, question, answer, lang)


def retained_rows(referentiel: Referentiel, diagnostic: GroupDiagnostic, lang: str) -> list[Row]:
    """[question, retained answer, computed answer, raw distribution, note] per retained one."""
    return [
        [
            referentiel.question(kept.question).label.get(lang),
            answer_text(referentiel, kept.question, kept.answer, lang),
            answer_text(referentiel, kept.question, kept.computed, lang),
            raw_distribution(referentiel, kept.consensus, lang),
            kept.note,
        ]
        for kept in diagnostic.retained
    ]


def retained_header(lang: str) -> Row:
    keys = ("retained", "computed", "distribution", "note")
    return [t("workshop.report.col.question", lang)] + [
        t(f"discussion.report.col.{key}", lang) for key in keys
    ]


def dig_rows(referentiel: Referentiel, discussion: Discussion, lang: str) -> list[Row]:
    """[question, on the question or a comment, note] per « à creuser » mark, in order."""
    return [
        [
            referentiel.question(mark.question).label.get(lang),
            t(
                "discussion.report.dig_question"
                if mark.comment is None
                else "discussion.report.dig_on_comment",
                lang,
            ),
            mark.note,
        ]
        for mark in discussion.marks
        if mark.question in {q.id for q in referentiel.questions}
    ]


def dig_header(lang: str) -> Row:
    return [
        t("workshop.report.col.question", lang),
        t("discussion.report.col.on", lang),
        t("discussion.report.col.note", lang),
    ]


def _unknown(lang: str) -> str:
    return t("answer.unknown", lang)


def diagnostic_rows(referentiel: Referentiel, diagnostic: GroupDiagnostic, lang: str) -> list[Row]:
    """Every answered question of the group diagnostic: its answer, retained or computed,
    the computed answer, the raw distribution and the note."""
    rows = []
    for question in diagnostic.questions:
        if question.source == "none":
            continue
        own = referentiel.question(question.question)
        rows.append(
            [
                referentiel.motivation(own.motivation).label.get(lang),
                own.id,
                own.label.get(lang),
                answer_text(referentiel, own.id, question.answer, lang),
                t(f"discussion.source.{question.source}", lang),
                answer_text(referentiel, own.id, question.computed, lang),
                raw_distribution(referentiel, question.consensus, lang),
                question.note,
            ]
        )
    return rows


def diagnostic_header(lang: str) -> Row:
    return [
        t("report.col.motivation", lang),
        t("report.col.question_id", lang),
        t("report.col.question", lang),
        *(t(f"discussion.report.col.{key}", lang) for key in ("answer", "source", "computed")),
        *(t(f"discussion.report.col.{key}", lang) for key in ("distribution", "note")),
    ]


def add_retained_sheet(book: Workbook, data: WorkshopData, lang: str) -> None:
    """A sheet with the group diagnostic (retained or computed, raw distribution beside)
    and the « à creuser » list."""
    sheet = book.create_sheet(t("discussion.sheet.retained", lang))
    referentiel, row = data.referentiel, 1
    diagnostic = data.diagnostic
    if diagnostic is None or diagnostic.hidden:
        write_note(sheet, row, t("workshop.xlsx.group_hidden", lang))
        row += 2
    else:
        write_note(sheet, row, t("discussion.report.intro", lang), columns=6)
        rows = diagnostic_rows(referentiel, diagnostic, lang)
        title = t("discussion.report.title", lang)
        widths = (28, 24, 60, 26, 12, 26, 44, 44)
        row = write_titled(sheet, row + 2, title, diagnostic_header(lang), rows, None, widths)
    dig = dig_rows(referentiel, data.discussion, lang)
    title = t("discussion.report.dig_title", lang)
    if not dig:
        write_note(sheet, row, t("discussion.dig_none", lang))
        return
    write_titled(sheet, row, title, dig_header(lang), dig)
