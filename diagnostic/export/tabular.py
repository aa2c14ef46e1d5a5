"""The tables an officer works from: French-Excel CSV and an XLSX workbook, formula-safe."""

from __future__ import annotations

import io
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from ..advice.confidence import describe
from ..advice.recommend import Recommendation, answer_label, describe_reason, explain_all, who_knows
from ..advice.scoring import Scores, score_sheet
from ..i18n import t
from ..model import AnswerSheet, Provider, QuestionId, Referentiel
from ..plan.compare import Comparison, comparison_for_report
from ..portfolio.observatory import TerritoryFigures
from ..referentiel.scope import asked_sheet
from ..territory.contacts import Contact
from ..territory.profile import clean_text
from ..typography import format_score
from .csvfmt import to_french_csv_bytes
from .findings import Findings, action_text, need_text, numbered, ranking_labels
from .plan.tabular import add_comparison_sheet, add_plan_sheet
from .who_to_call import call_list, call_table
from .xlsx_cells import (
    SCORE_FORMAT,
    Fact,
    Row,
    write_facts,
    write_note,
    write_table,
    write_titled,
    xlsx_text,
)
from .xlsx_figures import add_figures_sheet

LEVER_WIDTHS = (8, 32, 14, 14, 48, 90, 90)
QUESTION_WIDTHS = (34, 30, 70, 48, 60)
CALL_WIDTHS = (40, 48, 30, 48, 60, 16)


def answer_header(lang: str) -> list[str]:
    """Columns of the answers table."""
    keys = ("motivation", "question_id", "question", "kind", "level", "answer", "comment")
    return [t(f"report.col.{key}", lang) for key in keys]


def answer_rows(referentiel: Referentiel, sheet: AnswerSheet, lang: str) -> list[Row]:
    """One row per question asked of the territory, in référentiel order; a level only for an
    answer on the scale."""
    referentiel, sheet = asked_sheet(referentiel, sheet)
    rows: list[Row] = []
    for question in referentiel.questions:
        answer = sheet.answer(question.id)
        rows.append(
            [
                referentiel.motivation(question.motivation).label.get(lang),
                question.id,
                question.label.get(lang),
                t(f"kind.{question.kind}", lang),
                answer if isinstance(answer, int) else None,
                answer_label(referentiel, question.id, answer, lang),
                clean_text(sheet.comments.get(question.id, "")) or None,
            ]
        )
    return rows


def lever_header(lang: str) -> list[str]:
    """Columns of the lever scores table."""
    keys = ("rank", "lever", "score", "need", "providers", "why", "actions")
    return [t(f"report.col.{key}", lang) for key in keys]


def lever_rows(
    referentiel: Referentiel, sheet: AnswerSheet, lang: str, scores: Scores | None = None
) -> list[Row]:
    """Every lever in rank order (see ``lever_table``)."""
    return lever_table(referentiel, explain_all(referentiel, sheet, scores), lang)


def lever_table(
    referentiel: Referentiel, explained: Sequence[Recommendation], lang: str
) -> list[Row]:
    """Rank, label, need (one decimal) and its word, providers, reasons, actions with theirs."""
    return [
        [
            rec.rank,
            rec.lever.label.get(lang),
            score_cell(rec),
            need_text(rec, lang),
            _names(rec.providers, lang),
            "\n".join(describe_reason(referentiel, reason, lang) for reason in rec.reasons),
            "\n".join(action_text(referentiel, action, lang) for action in rec.actions),
        ]
        for rec in explained
    ]


def motivation_header(lang: str) -> list[str]:
    """Columns of the motivation scores table."""
    keys = ("motivation", "priority", "maturity", "answered", "unknown", "total")
    return [t(f"report.col.{key}", lang) for key in keys]


def motivation_rows(referentiel: Referentiel, scores: Scores, lang: str) -> list[Row]:
    """Every motivation: priority and maturity (one decimal, empty if unanswered) and counts."""
    return [
        [
            referentiel.motivation(result.id).label.get(lang),
            None if result.priority is None else round(result.priority, 1),
            None if result.maturity is None else round(result.maturity, 1),
            result.answered,
            result.unknown,
            result.total,
        ]
        for result in scores.motivations
    ]


def to_csv(
    referentiel: Referentiel, sheet: AnswerSheet, lang: str = "fr", scores: Scores | None = None
) -> bytes:
    """The answers table as a French-Excel CSV; ``scores`` is unused, kept for a uniform call."""
    return to_french_csv_bytes(answer_header(lang), answer_rows(referentiel, sheet, lang))


def levers_csv(
    referentiel: Referentiel, sheet: AnswerSheet, lang: str = "fr", scores: Scores | None = None
) -> bytes:
    """The lever scores table as a French-Excel CSV."""
    rows = lever_rows(referentiel, sheet, lang, scores)
    return to_french_csv_bytes(lever_header(lang), rows)


def to_xlsx(
    referentiel: Referentiel,
    sheet: AnswerSheet,
    lang: str = "fr",
    scores: Scores | None = None,
    comparison: Comparison | None = None,
    figures: TerritoryFigures | None = None,
    directory_edits: Sequence[Contact] = (),
) -> bytes:
    """Summary, lever scores, motivation scores, what to find out, choices, answers;
    the territory's observatory ``figures`` on a sheet of their own; « Qui appeler » with
    the ``directory_edits`` laid over the shipped directory."""
    scores = scores or score_sheet(referentiel, sheet)
    findings = Findings.of(referentiel, sheet, scores)
    book = Workbook()
    summary = book.active
    assert summary is not None
    summary.title = t("report.sheet.summary", lang)
    _summary(summary, referentiel, sheet, scores, findings, lang)
    levers = book.create_sheet(t("report.sheet.levers", lang))
    rows = lever_table(referentiel, findings.explained, lang)
    write_table(levers, lever_header(lang), rows, LEVER_WIDTHS, {2: SCORE_FORMAT})
    motivations = book.create_sheet(t("report.sheet.motivations", lang))
    write_table(
        motivations,
        motivation_header(lang),
        motivation_rows(referentiel, scores, lang),
        widths=(52, 16, 16, 16, 18, 12),
        number_formats={1: SCORE_FORMAT, 2: SCORE_FORMAT},
    )
    gaps = book.create_sheet(t("report.sheet.gaps", lang))
    rows = question_rows(referentiel, sheet, scores.knowledge_gaps, lang, gap=True)
    write_table(gaps, question_header(lang, "who_knows"), rows, QUESTION_WIDTHS)
    choices = book.create_sheet(t("report.sheet.choices", lang))
    rows = question_rows(referentiel, sheet, scores.declined, lang, gap=False)
    write_table(choices, question_header(lang, "subject"), rows, QUESTION_WIDTHS)
    answers = book.create_sheet(t("report.sheet.answers", lang))
    write_table(
        answers,
        answer_header(lang),
        answer_rows(referentiel, sheet, lang),
        widths=(34, 30, 70, 14, 12, 34, 60),
    )
    calls = call_list(referentiel, findings.top, sheet.territory.departement, lang, directory_edits)
    write_table(
        book.create_sheet(t("contacts.title", lang)), *call_table(calls, lang), widths=CALL_WIDTHS
    )
    add_plan_sheets(book, referentiel, sheet, lang, comparison)
    add_figures_sheet(book, figures, lang)
    book.properties.title = f"{referentiel.title.get(lang)} — {clean_text(sheet.territory.name)}"
    book.properties.creator = referentiel.title.get(lang)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def question_header(lang: str, extra: str) -> list[str]:
    """Columns of a list of questions: motivation, id, question, ``extra``, comment."""
    keys = ("motivation", "question_id", "question", extra, "comment")
    return [t(f"report.col.{key}", lang) for key in keys]


def add_plan_sheets(
    book: Workbook,
    referentiel: Referentiel,
    sheet: AnswerSheet,
    lang: str,
    comparison: Comparison | None,
) -> None:
    """The plan's sheet and the comparison's, when the diagnostic has them."""
    if sheet.plan:
        add_plan_sheet(book, referentiel, sheet.plan, lang)
    comparison = comparison or comparison_for_report(referentiel, sheet)
    if comparison is not None:
        add_comparison_sheet(book, referentiel, comparison, lang)


def question_rows(
    referentiel: Referentiel,
    sheet: AnswerSheet,
    questions: Sequence[QuestionId],
    lang: str,
    gap: bool,
) -> list[Row]:
    """One row per question: who can answer it (``gap``) or the subject declined."""
    rows: list[Row] = []
    for question_id in questions:
        question = referentiel.question(question_id)
        extra = (
            _names(who_knows(referentiel, question_id), lang)
            if gap
            else question.short_label.get(lang)
        )
        rows.append(
            [
                referentiel.motivation(question.motivation).label.get(lang),
                question.id,
                question.label.get(lang),
                extra,
                clean_text(sheet.comments.get(question_id, "")) or None,
            ]
        )
    return rows


def _summary(
    book_sheet: Worksheet,
    referentiel: Referentiel,
    sheet: AnswerSheet,
    scores: Scores,
    findings: Findings,
    lang: str,
) -> None:
    profile = sheet.territory
    percent = "0%" if lang == "en" else '0" "%'
    facts: list[Fact] = [
        (t("report.xlsx.territory", lang), profile.name, None),
        (t("report.cover.type", lang), t(f"territory.{profile.type}", lang), None),
        (t("report.cover.departement", lang), profile.departement, None),
        (t("report.cover.population", lang), profile.population, "#,##0"),
        (t("report.cover.siren", lang), profile.siren, None),
        (
            t("report.cover.respondent", lang),
            t(f"role.{profile.respondent_role}", lang) if profile.respondent_role else None,
            None,
        ),
        (t("report.cover.date", lang), profile.date, "dd/mm/yyyy"),
        (t("report.cover.version", lang), referentiel.version, None),
        (t("report.xlsx.answered_share", lang), scores.answered_share, percent),
        (t("report.xlsx.unknown", lang), len(scores.knowledge_gaps), None),
        (t("report.xlsx.declined", lang), len(scores.declined), None),
        (
            t("report.cover.ranking", lang),
            numbered(ranking_labels(referentiel, scores, lang)) or None,
            None,
        ),
    ]
    row = write_facts(book_sheet, facts, lang)
    notes = describe(referentiel, findings.confidence, lang)
    if notes:
        book_sheet.cell(row=row, column=1, value=xlsx_text(t("report.xlsx.confidence", lang)))
        book_sheet.cell(row=row, column=1).font = Font(bold=True)
        for offset, line in enumerate(notes, start=1):
            write_note(book_sheet, row + offset, line)
        row += len(notes) + 2
    row = write_findings(book_sheet, referentiel, findings, lang, row)
    if sheet.upgrade_note is not None:
        book_sheet.cell(row=row, column=1, value=xlsx_text(t("report.summary.upgrade", lang)))
        book_sheet.cell(row=row, column=1).font = Font(bold=True)
        write_note(book_sheet, row + 1, sheet.upgrade_note.get(lang))


def write_recommendations(
    book_sheet: Worksheet,
    referentiel: Referentiel,
    sheet: AnswerSheet,
    scores: Scores,
    lang: str,
    row: int,
) -> int:
    """The levers to start with, then the strengths, from ``row``; returns the next free row."""
    findings = Findings.of(referentiel, sheet, scores)
    return write_findings(book_sheet, referentiel, findings, lang, row)


def write_findings(
    book_sheet: Worksheet, referentiel: Referentiel, findings: Findings, lang: str, row: int
) -> int:
    """The levers to start with (need and its word), then the strengths; returns the next row."""
    top = [
        [
            rec.rank,
            rec.lever.label.get(lang),
            score_cell(rec),
            need_text(rec, lang),
            _names(rec.providers, lang),
        ]
        for rec in findings.top
    ]
    keys = ("rank", "lever", "score", "need", "providers")
    header = [t(f"report.col.{key}", lang) for key in keys]
    widths = (34, 40, 14, 14, 60)
    title = t("report.xlsx.start", lang)
    row = write_titled(book_sheet, row, title, header, top, {2: SCORE_FORMAT}, widths)
    found = [
        [referentiel.motivation(s.motivation).label.get(lang), round(s.maturity, 1)]
        for s in findings.strengths
    ]
    header = [t("report.col.motivation", lang), t("report.col.maturity", lang)]
    title = t("report.xlsx.strengths", lang)
    return write_titled(book_sheet, row, title, header, found, {1: SCORE_FORMAT}, widths)


def _names(providers: Sequence[Provider], lang: str) -> str:
    return "\n".join(provider.name.get(lang) for provider in providers)


def score_cell(rec: Recommendation) -> float | str:
    """The need to one decimal, or « — » when no answer bears on the lever (see format_score)."""
    need = rec.need_score
    return format_score(None) if need is None else round(need, 1)
