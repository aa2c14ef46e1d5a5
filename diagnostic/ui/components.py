"""Reusable questionnaire widgets: one motivation's questions, progress, what is left to answer.

Each takes plain arguments (référentiel, answer sheet, save functions, a key prefix),
so the single diagnostic and a workshop participant's page draw the same widgets. A
page calls save_changes first, then draws with the sheet it returns.
Widget keys: ``f"{prefix}answer-{question_id}"`` and ``f"{prefix}comment-{question_id}"``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from typing import Any

import streamlit as st

from ..errors import DiagnosticError
from ..i18n import t
from ..model import (
    DECLINED,
    UNKNOWN,
    Answer,
    AnswerSheet,
    MotivationId,
    Question,
    QuestionId,
    Referentiel,
)
from ..referentiel.scope import for_territory
from ..territory.profile import COMMENT_MAX, clean_text
from .choices import translated_choice
from .wording import tn

SaveAnswer = Callable[[QuestionId, Answer | None], None]
SaveComment = Callable[[QuestionId, str], None]
GoTo = Callable[[MotivationId], None]


def answer_key(question_id: str, prefix: str = "") -> str:
    """The widget key of a question's answer."""
    return f"{prefix}answer-{question_id}"


def comment_key(question_id: str, prefix: str = "") -> str:
    """The widget key of a question's comment."""
    return f"{prefix}comment-{question_id}"


def save_changes(
    referentiel: Referentiel,
    motivation_id: MotivationId,
    sheet: AnswerSheet,
    lang: str,
    save_answer: SaveAnswer,
    save_comment: SaveComment,
    key_prefix: str = "",
) -> tuple[AnswerSheet, list[str]]:
    """Save what the user changed on one motivation's widgets since ``sheet`` was saved.

    Call it first on every run, before drawing: the widgets' values are known as the run
    starts, so each change is in the database before the page is drawn. It replaces
    ``on_change`` callbacks on purpose: when a click lands while the run of a previous
    click is still going, Streamlit cuts that run short and may never call the callbacks
    it had not reached, whereas this comparison catches the change on the next run.
    Returns the sheet as now saved, and a message for each change that could not be.
    """
    answers, comments = dict(sheet.answers), dict(sheet.comments)
    failures: list[str] = []
    for question in referentiel.questions_of(motivation_id):
        key, note_key = answer_key(question.id, key_prefix), comment_key(question.id, key_prefix)
        if key in st.session_state and st.session_state[key] != answers.get(question.id):
            answer = st.session_state[key]
            if _saved(save_answer, question.id, answer, lang, failures):
                _put(answers, question.id, answer)
        if note_key in st.session_state:
            comment = clean_text(st.session_state[note_key] or "").strip()
            changed = comment != comments.get(question.id, "")
            if changed and _saved(save_comment, question.id, comment, lang, failures):
                _put(comments, question.id, comment or None)
    if answers == sheet.answers and comments == sheet.comments:
        return sheet, failures
    return dataclasses.replace(sheet, answers=answers, comments=comments), failures


def _saved(
    save: Callable[[QuestionId, Any], None],
    question_id: QuestionId,
    value: Any,
    lang: str,
    failures: list[str],
) -> bool:
    try:
        save(question_id, value)
    except DiagnosticError as error:
        failures.append(t("app.save.failed", lang, reason=error.message(lang)))
        return False
    return True


def _put(values: dict[QuestionId, Any], question_id: QuestionId, value: Any) -> None:
    if value is None:
        values.pop(question_id, None)
    else:
        values[question_id] = value


def question_widgets(
    referentiel: Referentiel,
    question: Question,
    sheet: AnswerSheet,
    lang: str,
    prefix: str,
    disabled: bool = False,
    on_answer: Callable[[], None] | None = None,
) -> None:
    """One question: its answer's radio and its folded comment box, filled from ``sheet``.

    ``on_answer`` runs when the answer changes (before the run that saves it).
    """
    scale = referentiel.scale(question.scale)
    labels: dict[Answer, str] = {value: scale.label(value, lang) for value in scale.values()}
    if question.declinable:
        labels[DECLINED] = t("answer.declined", lang)
    labels[UNKNOWN] = t("answer.unknown", lang)
    key, note_key = answer_key(question.id, prefix), comment_key(question.id, prefix)
    if key not in st.session_state:
        st.session_state[key] = sheet.answer(question.id)
    if note_key not in st.session_state:
        st.session_state[note_key] = sheet.comments.get(question.id, "")
    # Worded in the page's language: translated_choice keeps the answer across a switch.
    translated_choice(
        st.radio,
        f"**{question.label.get(lang)}**",
        list(labels),
        labels.__getitem__,
        key,
        lang,
        index=None,
        # The référentiel's help (trusted text) opens from the (?) next to the question.
        help=question.help.get(lang),
        disabled=disabled,
        on_change=on_answer,
    )
    # Folded until wanted (a phone shows the questions, not six empty boxes); open when the
    # question already has a comment.
    has_comment = bool(st.session_state[note_key])
    with st.expander(t("app.question.comment_open", lang), expanded=has_comment):
        st.text_area(
            t("app.question.comment", lang),
            key=note_key,
            max_chars=COMMENT_MAX,
            height=68,
            placeholder=t("app.question.comment_placeholder", lang),
            label_visibility="collapsed",
            disabled=disabled,
        )


def answered_counts(
    referentiel: Referentiel, sheet: AnswerSheet, motivations: Sequence[MotivationId] | None = None
) -> tuple[int, int, int]:
    """(answered, of which "je ne sais pas", total) over the given motivations (all by default).

    Only the questions asked of the sheet's territory type count.
    """
    questions = _questions(for_territory(referentiel, sheet.territory.type), motivations)
    given = [sheet.answers[q.id] for q in questions if q.id in sheet.answers]
    return len(given), sum(answer == UNKNOWN for answer in given), len(questions)


def progress_bar(
    referentiel: Referentiel,
    sheet: AnswerSheet,
    lang: str,
    motivations: Sequence[MotivationId] | None = None,
) -> None:
    """How many questions have an answer, as a bar with its figures in words."""
    answered, unknown, total = answered_counts(referentiel, sheet, motivations)
    text = t("app.progress", lang, answered=answered, total=total, unknown=unknown)
    st.progress(answered / total if total else 0.0, text=text)


def unanswered_summary(
    referentiel: Referentiel,
    sheet: AnswerSheet,
    lang: str,
    go_to: GoTo | None = None,
    motivations: Sequence[MotivationId] | None = None,
    key_prefix: str = "",
) -> int:
    """The questions still without an answer, by motivation; returns how many there are.

    With ``go_to``, each motivation gets a ``f"{prefix}goto-{motivation_id}"`` button.
    """
    left = 0
    referentiel = for_territory(referentiel, sheet.territory.type)
    for motivation in referentiel.motivations:
        if motivations is not None and motivation.id not in motivations:
            continue
        blank = [q for q in referentiel.questions_of(motivation.id) if q.id not in sheet.answers]
        if not blank:
            continue
        left += len(blank)
        with st.container(border=True):
            label = motivation.label.get(lang)
            st.markdown(tn("app.summary.motivation_blanks", len(blank), lang, motivation=label))
            st.markdown("\n".join(f"- {q.label.get(lang)}" for q in blank))
            if go_to is not None:
                st.button(
                    t("app.summary.complete", lang),
                    key=f"{key_prefix}goto-{motivation.id}",
                    on_click=go_to,
                    args=(motivation.id,),
                )
    return left


def _questions(
    referentiel: Referentiel, motivations: Sequence[MotivationId] | None
) -> tuple[Question, ...]:
    if motivations is None:
        return referentiel.questions
    return tuple(q for q in referentiel.questions if q.motivation in motivations)
