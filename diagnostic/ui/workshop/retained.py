"""The group's retained answer on the projected question, the « à creuser » list, and the
group result that follows from the retained answers.

Widget keys: ``animation-discuss-answer-<question>``, ``animation-discuss-note-<question>``,
``animation-discuss-retain``, ``animation-discuss-forget``, ``animation-discuss-dig-note-
<question>``, ``animation-discuss-dig-question``, ``animation-discuss-undig-<n>``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

import streamlit as st

from ...advice.recommend import answer_label
from ...errors import DiagnosticError
from ...export.workshop.retained import answer_text, raw_distribution
from ...i18n import t
from ...model import DECLINED, UNKNOWN, Answer, Referentiel
from ...storage import ParticipantSheet, WorkshopRecord
from ...workshop import WorkshopSummary
from ...workshop.discussion import comment_ref
from ...workshop.divergence import QuestionConsensus
from ...workshop.retained import (
    Discussion,
    GroupDiagnostic,
    diagnostic_sheet,
    group_diagnostic,
    with_retained,
)
from .. import state
from ..files import answers_download
from ..literal import escape_markdown
from ..wording import tn

SAVED_KEY = "animation-discuss-saved"


def answer_options(referentiel: Referentiel, question_id: str) -> list[Answer]:
    """The levels of the question, "je ne sais pas", and "non pertinent" where offered."""
    question = referentiel.question(question_id)
    options: list[Answer] = [*referentiel.scale(question.scale).values(), UNKNOWN]
    return [*options, DECLINED] if question.declinable else options


def retained_form(
    ctx: state.Context,
    workshop: WorkshopRecord,
    admin_key: str,
    consensus: QuestionConsensus,
    computed: Answer | None,
    discussion: Discussion,
    error_key: str,
) -> None:
    """Record or change the group's answer on the question, with a note; mark it to dig."""
    lang, referentiel, question = ctx.lang, ctx.referentiel, consensus.question
    st.subheader(t("discussion.retain_title", lang))
    if workshop.status == "closed":
        st.caption(t("discussion.closed_note", lang))
    kept = discussion.retained.get(question)
    if kept is not None:
        label = answer_label(referentiel, question, kept.answer, lang)
        st.markdown(t("discussion.retained_now", lang, answer=escape_markdown(label)))
    computed_text = (
        t("discussion.no_computed", lang)
        if computed is None
        else answer_label(referentiel, question, computed, lang)
    )
    st.caption(t("discussion.computed_now", lang, answer=computed_text))
    options = answer_options(referentiel, question)
    current = kept.answer if kept is not None else computed
    st.radio(
        t("discussion.retain_answer", lang),
        options,
        index=options.index(current) if current in options else None,
        format_func=lambda answer: answer_label(referentiel, question, answer, lang),
        key=f"animation-discuss-answer-{question}",
        horizontal=True,
    )
    st.text_area(
        t("discussion.retain_note", lang),
        value=kept.note if kept is not None else "",
        placeholder=t("discussion.retain_note_placeholder", lang),
        key=f"animation-discuss-note-{question}",
        height=80,
    )
    save, back = st.columns(2)
    save.button(
        t("discussion.change" if kept is not None else "discussion.retain", lang),
        key="animation-discuss-retain",
        type="primary",
        on_click=_retain,
        args=(ctx, workshop.code, admin_key, question, error_key),
    )
    if kept is not None:
        back.button(
            t("discussion.forget", lang),
            key="animation-discuss-forget",
            on_click=call_write,
            args=(ctx, error_key, "forget_retained", workshop.code, admin_key, question),
        )
    dig_question(ctx, workshop.code, admin_key, question, discussion, error_key)


def dig_question(
    ctx: state.Context,
    code: str,
    admin_key: str,
    question: str,
    discussion: Discussion,
    error_key: str,
) -> None:
    """Mark the question « à creuser », with a note, or take the mark away."""
    lang = ctx.lang
    mark = discussion.marked(question)
    note_key = f"animation-discuss-dig-note-{question}"
    st.text_input(t("discussion.dig_note", lang), value=mark.note if mark else "", key=note_key)
    st.button(
        t("discussion.dig_question", lang),
        key="animation-discuss-dig-question",
        help=t("discussion.dig_help", lang),
        on_click=_dig,
        args=(ctx, code, admin_key, question, note_key, error_key),
    )


def dig_list(
    ctx: state.Context,
    code: str,
    admin_key: str,
    sheets: Sequence[ParticipantSheet],
    discussion: Discussion,
    error_key: str,
) -> None:
    """The « à creuser » list, in the order it was made, each with a button to remove it."""
    lang, referentiel = ctx.lang, ctx.referentiel
    st.subheader(t("discussion.dig_list", lang))
    if not discussion.marks:
        st.caption(t("discussion.dig_none", lang))
        return
    texts = {
        comment_ref(own.token, question): text
        for own in sheets
        for question, text in own.sheet.comments.items()
    }
    for number, mark in enumerate(discussion.marks, start=1):
        label = escape_markdown(referentiel.question(mark.question).label.get(lang))
        line = f"{number}. **{label}**"
        if mark.comment is not None:
            text = texts.get(mark.comment)
            hidden = text is None or mark.comment in discussion.hidden
            about = (
                t("discussion.dig_comment_hidden", lang)
                if hidden
                else t("discussion.dig_comment", lang, text=escape_markdown(text or ""))
            )
            line += f" — {about}"
        if mark.note:
            line += f" — {escape_markdown(mark.note)}"
        words, remove = st.columns([6, 2], vertical_alignment="center")
        words.markdown(line)
        remove.button(
            t("discussion.undig", lang),
            key=f"animation-discuss-undig-{number}",
            on_click=call_write,
            args=(ctx, error_key, "mark_to_dig", code, admin_key, mark.question, mark.comment),
            kwargs={"marked": False},
        )


def group_file(
    ctx: state.Context, workshop: WorkshopRecord, summary: WorkshopSummary, discussion: Discussion
) -> None:
    """The group diagnostic as an answers file, with the workshop's feuille de route, to
    load as the territory's diagnostic."""
    lang = ctx.lang
    st.subheader(t("discussion.file_title", lang))
    diagnostic = group_diagnostic(ctx.referentiel, summary, discussion.retained)
    sheet = diagnostic_sheet(diagnostic, workshop.profile)
    if sheet is None:
        st.caption(t("discussion.file_hidden", lang))
        return
    st.caption(t("discussion.file_help", lang))
    plan = ctx.repository.load_workshop_plan(workshop.code)
    sheet = dataclasses.replace(sheet, plan=plan)
    answers_download(ctx.referentiel, sheet, lang, key="animation-discuss-group-file")


def discussed(
    ctx: state.Context, code: str, summary: WorkshopSummary
) -> tuple[WorkshopSummary, GroupDiagnostic]:
    """The summary whose group result follows the retained answers, and the diagnostic."""
    discussion = ctx.repository.discussion(code)
    diagnostic = group_diagnostic(ctx.referentiel, summary, discussion.retained)
    return with_retained(summary, diagnostic), diagnostic


def retained_panel(referentiel: Referentiel, diagnostic: GroupDiagnostic, lang: str) -> None:
    """Above the group result: which answers the group retained, beside the computed ones."""
    kept = diagnostic.retained
    if not kept:
        return
    lines = []
    for question in kept:
        own = question.question
        line = t(
            "discussion.group_line",
            lang,
            question=escape_markdown(referentiel.question(own).label.get(lang)),
            answer=escape_markdown(answer_text(referentiel, own, question.answer, lang)),
            computed=escape_markdown(answer_text(referentiel, own, question.computed, lang)),
            distribution=escape_markdown(raw_distribution(referentiel, question.consensus, lang)),
        )
        if question.note:
            line += " — " + t("discussion.note", lang, note=escape_markdown(question.note))
        lines.append(f"- {line}")
    st.info(tn("discussion.group_retained", len(kept), lang) + "\n" + "\n".join(lines))


def _retain(ctx: state.Context, code: str, admin_key: str, question: str, error_key: str) -> None:
    answer = st.session_state.get(f"animation-discuss-answer-{question}")
    note = st.session_state.get(f"animation-discuss-note-{question}", "")
    if answer is None:
        st.session_state[error_key] = t("discussion.no_answer_chosen", ctx.lang)
        return
    args = (code, admin_key, ctx.referentiel, question, answer, note)
    if written(ctx, error_key, "retain_answer", *args):
        st.session_state[SAVED_KEY] = t("discussion.saved", ctx.lang)


def _dig(
    ctx: state.Context, code: str, admin_key: str, question: str, note_key: str, error_key: str
) -> None:
    note = st.session_state.get(note_key, "")
    call_write(ctx, error_key, "mark_to_dig", code, admin_key, question, None, note)


def call_write(
    ctx: state.Context, error_key: str, method: str, *args: object, **kw: object
) -> None:
    """A repository write from a button; its refusal is shown at the top of the tab."""
    written(ctx, error_key, method, *args, **kw)


def written(ctx: state.Context, error_key: str, method: str, *args: object, **kw: object) -> bool:
    """Whether a repository write went through; its refusal is kept to be shown."""
    try:
        getattr(ctx.repository, method)(*args, **kw)
    except DiagnosticError as error:
        st.session_state[error_key] = error.message(ctx.lang)
        return False
    return True
