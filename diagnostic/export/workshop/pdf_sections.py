"""The workshop report's inner sections: questions to discuss, roles, participants, method."""

from __future__ import annotations

from functools import lru_cache

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreak, Spacer, TableStyle

from ...i18n import t
from ...model import Referentiel, Role
from ...typography import format_number
from ...workshop.divergence import QuestionConsensus
from ...workshop.groups import SUBJECTS, GroupResult, RoleGap
from ..pdf_charts import share_bar
from ..pdf_layout import CONTENT_WIDTH
from ..pdf_sections import score_text
from ..pdf_styles import MUTED, data_table, paragraph, styles
from .answers import answer_line, group_answer_text
from .data import WorkshopData, count_text, item_label, value_rows

DETAILED = 10  # questions to discuss shown with their distribution; the others in a table
TOP_GAPS = 5
BAR_WIDTH = 45 * mm
MIN_COLUMN = 14 * mm  # a value column of the comparison by role, at the least
PADDING = 4  # points each side of a value column, so that six roles fit beside the labels
_NARROW = [("LEFTPADDING", (1, 0), (-1, -1), PADDING), ("RIGHTPADDING", (1, 0), (-1, -1), PADDING)]


def divergence_text(value: float, lang: str) -> str:
    """A divergence with two decimals: « 0,67 »."""
    return format_number(value, lang, 2)


def gap_sentence(referentiel: Referentiel, gap: RoleGap, lang: str) -> str:
    """« Les élus jugent la priorité de « … » plus haute que les agents (+50). »"""
    first, second, value = gap.first, gap.second, gap.gap
    if value < 0:
        first, second, value = second, first, -value
    text = t(
        f"workshop.gap.{gap.subject}",
        lang,
        first=t(f"workshop.roles.{first}", lang),
        second=t(f"workshop.roles.{second}", lang),
        item=item_label(referentiel, gap.subject, gap.item, lang),
        gap="+" + format_number(value, lang),
    )
    return text[:1].upper() + text[1:]


def discuss_section(data: WorkshopData, lang: str) -> list[Flowable]:
    """The most divergent questions with their distribution, then the others in a table."""
    sheet_styles, questions = styles(), data.summary.to_discuss
    story: list[Flowable] = [
        paragraph(t("workshop.report.discuss", lang), sheet_styles.h1),
        paragraph(t("workshop.report.discuss_intro", lang)),
    ]
    if not questions:
        story.append(paragraph(t("workshop.report.agreement", lang)))
    for number, consensus in enumerate(questions[:DETAILED], start=1):
        story.append(KeepTogether(_question_block(data, consensus, number, lang)))
    if questions[DETAILED:]:
        rows = []
        for number, consensus in enumerate(questions[DETAILED:], start=DETAILED + 1):
            assert consensus.spread is not None  # questions to discuss always have one
            question = data.referentiel.question(consensus.question)
            median = group_answer_text(data.referentiel, consensus, lang)
            divergence = divergence_text(consensus.spread.divergence, lang)
            rows.append([str(number), question.label.get(lang), median, divergence])
            rows[-1].append(str(consensus.unknown))
        keys = ("number", "unknown")
        header = [t(f"report.table.{key}", lang) for key in keys]
        header[1:1] = [t(f"workshop.report.col.{key}", lang) for key in ("question", "median")]
        header.insert(3, t("workshop.report.col.divergence", lang))
        widths = (10 * mm, CONTENT_WIDTH - 108 * mm, 42 * mm, 26 * mm, 30 * mm)
        story += [
            CondPageBreak(50 * mm),
            paragraph(t("workshop.report.others", lang), _loose_h2()),
            data_table(header, rows, widths, (0, 3, 4)),
        ]
    hidden = sum(consensus.hidden for consensus in data.summary.questions)
    if hidden:
        story.append(paragraph(t("workshop.report.hidden_questions", lang, count=hidden)))
    return [*story, PageBreak()]


def _question_block(
    data: WorkshopData, consensus: QuestionConsensus, number: int, lang: str
) -> list[Flowable]:
    """A question's text, how many chose each level (with a bar), its median and divergence."""
    spread, referentiel, sheet_styles = consensus.spread, data.referentiel, styles()
    assert spread is not None and consensus.unknown is not None
    question = referentiel.question(consensus.question)
    scale = referentiel.scale(question.scale)
    people = max(consensus.respondents, 1)
    rows: list[list[str | Flowable]] = []
    for level, count in spread.counts:
        label: str | Flowable = scale.label(level, lang)
        if level == spread.median and not consensus.split:
            mark = t("workshop.report.median_mark", lang)
            label = paragraph(f"{label} — {mark}", sheet_styles.cell_bold)
        rows.append([label, str(count), share_bar(count / people, BAR_WIDTH, 3 * mm)])
    unknown = consensus.unknown
    bar = share_bar(unknown / people, BAR_WIDTH, 3 * mm, MUTED)
    rows.append([t("answer.unknown", lang), str(unknown), bar])
    motivation = referentiel.motivation(question.motivation).label.get(lang)
    about = f"{motivation} — {t(f'kind.{question.kind}', lang)}"
    header = [about, t("workshop.report.col.people", lang), ""]
    widths = (CONTENT_WIDTH - BAR_WIDTH - 29 * mm, 24 * mm, BAR_WIDTH + 5 * mm)
    divergence = divergence_text(spread.divergence, lang)
    spread_line = t(
        "workshop.report.spread", lang, divergence=divergence, given=spread.given, unknown=unknown
    )
    return [
        paragraph(f"{number}. {question.label.get(lang)}", sheet_styles.h3),
        data_table(header, rows, widths, (1,)),
        Spacer(1, 1.5 * mm),
        paragraph("", sheet_styles.body, bold=answer_line(referentiel, consensus, lang)),
        paragraph(spread_line, sheet_styles.body),
        Spacer(1, 1 * mm),
    ]


def roles_section(data: WorkshopData, lang: str) -> list[Flowable]:
    """Priority, maturity and lever values per visible role, then the largest gaps in words."""
    sheet_styles, visible = styles(), data.visible_roles()
    story: list[Flowable] = [
        paragraph(t("workshop.report.roles", lang), sheet_styles.h1),
        paragraph(t("workshop.report.roles_intro", lang)),
    ]
    if not visible:
        story.append(paragraph(t("workshop.report.roles_none", lang)))
    for subject in SUBJECTS if visible else ():
        first = t("report.table.lever" if subject == "lever" else "report.table.motivation", lang)
        header = [first, t("workshop.group", lang)]
        header += [t(f"workshop.role_short.{role}", lang) for role in visible]
        rows = [
            [str(row[1]), *(score_text(_number(value), lang) for value in row[2:])]
            for row in value_rows(data, visible, (subject,), lang)
        ]
        widths = [_column_width(label) for label in header[1:]]
        right = tuple(range(1, len(header)))
        table = data_table(header, rows, [CONTENT_WIDTH - sum(widths), *widths], right)
        table.setStyle(TableStyle(_NARROW))
        story += [paragraph(t(f"workshop.subject.{subject}", lang), sheet_styles.h3), table]
    story.append(Spacer(1, 3 * mm))
    for role in data.present_roles():
        if role not in visible:
            label, hidden = t(f"role.{role}", lang), t("workshop.hidden", lang)
            story.append(
                paragraph(t("workshop.report.hidden_role", lang, role=label, hidden=hidden))
            )
    gaps = [gap for gap in data.summary.role_gaps if round(abs(gap.gap)) >= 1][:TOP_GAPS]
    lines = [
        paragraph(gap_sentence(data.referentiel, gap, lang), sheet_styles.bullet, bullet="•")
        for gap in gaps
    ]
    if not gaps:
        key = "workshop.report.gaps_none" if len(visible) < 2 else "workshop.report.gaps_equal"
        lines.append(paragraph(t(key, lang)))
    title = paragraph(t("workshop.report.gaps", lang), sheet_styles.h2)
    return [*story, KeepTogether([title, *lines]), Spacer(1, 6 * mm)]


def _number(value: object) -> float | None:
    return value if isinstance(value, float | int) else None


def _column_width(label: str) -> float:
    """Wide enough for the header's longest word, in bold, so that no word is cut."""
    head = styles().cell_bold
    widest = max(
        (stringWidth(word, head.fontName, head.fontSize) for word in label.split()), default=0.0
    )
    return max(MIN_COLUMN, widest + 2 * PADDING + 1)


@lru_cache(maxsize=1)
def _loose_h2() -> ParagraphStyle:
    """A section heading that may end a page, before a long table that splits across pages."""
    return ParagraphStyle("loose_h2", parent=styles().h2, keepWithNext=0)


def participants_section(data: WorkshopData, lang: str) -> list[Flowable]:
    """Participants by role, without names: « moins de 3 » for a small role."""
    sheet_styles = styles()
    rows = []
    groups: list[tuple[Role | None, int, GroupResult]] = [
        (role, data.joined(role), data.role_result(role)) for role in data.present_roles()
    ]
    groups.append((None, data.summary.joined, data.summary.group))
    for role, joined, result in groups:
        label = t(f"role.{role}", lang) if role else t("workshop.report.total", lang)
        state = t("workshop.report.shown", lang, respondents=result.respondents)
        rows.append(
            [
                label,
                str(count_text(joined, lang)),
                t("workshop.hidden", lang) if result.hidden else state,
            ]
        )
    keys = ("workshop.report.col.role", "workshop.report.joined", "workshop.report.col.results")
    widths = (70 * mm, 30 * mm, CONTENT_WIDTH - 100 * mm)
    return [
        CondPageBreak(70 * mm),
        paragraph(t("workshop.report.participants", lang), sheet_styles.h1),
        paragraph(t("workshop.report.participants_intro", lang)),
        data_table([t(key, lang) for key in keys], rows, widths, (1,)),
        Spacer(1, 8 * mm),
    ]


def method_section(data: WorkshopData, lang: str) -> list[Flowable]:
    """How the group result is computed, and what is hidden and why."""
    sheet_styles = styles()
    note = [
        paragraph(t("report.method.title", lang), sheet_styles.h1),
        paragraph(t("workshop.report.method_group", lang)),
        paragraph(t("report.method.levers", lang)),
        paragraph(t("workshop.report.method_divergence", lang)),
        paragraph(t("workshop.report.method_privacy", lang, version=data.referentiel.version)),
    ]
    return [KeepTogether(note)]
