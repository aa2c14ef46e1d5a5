"""The open diagnostic's answers as this session last saved them, to spare a read per click.

Within one screen (a wizard step), every change is saved to the database by this
session and mirrored here, so the rerun that follows a click needs no query. Moving
to another screen reads the database again, which picks up changes from elsewhere.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import streamlit as st

from ..model import Answer, AnswerSheet, QuestionId, TerritoryProfile
from .state import Context

MEMO_KEY = "sheet-memo"


@dataclass(frozen=True)
class Memo:
    token: str
    screen: str
    sheet: AnswerSheet


def sheet_for(ctx: Context, screen: str) -> AnswerSheet:
    """The open diagnostic's sheet: from the database on a new screen, else as last saved."""
    assert ctx.token is not None
    memo = st.session_state.get(MEMO_KEY)
    if isinstance(memo, Memo) and memo.token == ctx.token and memo.screen == screen:
        return memo.sheet
    sheet = ctx.sheet()
    st.session_state[MEMO_KEY] = Memo(ctx.token, screen, sheet)
    return sheet


def latest(ctx: Context) -> AnswerSheet:
    """The sheet as this session last saw or saved it, whatever the screen."""
    memo = st.session_state.get(MEMO_KEY)
    if isinstance(memo, Memo) and memo.token == ctx.token:
        return memo.sheet
    return ctx.sheet()


def forget() -> None:
    """Read the database on the next run, whatever the screen."""
    st.session_state.pop(MEMO_KEY, None)


def remember_answer(question_id: QuestionId, answer: Answer | None) -> None:
    """Mirror a saved answer (None: cleared)."""
    memo = st.session_state.get(MEMO_KEY)
    if isinstance(memo, Memo):
        answers = dict(memo.sheet.answers)
        if answer is None:
            answers.pop(question_id, None)
        else:
            answers[question_id] = answer
        _replace(memo, dataclasses.replace(memo.sheet, answers=answers))


def remember_comment(question_id: QuestionId, comment: str) -> None:
    """Mirror a saved comment ("": cleared)."""
    memo = st.session_state.get(MEMO_KEY)
    if isinstance(memo, Memo):
        comments = dict(memo.sheet.comments)
        if comment:
            comments[question_id] = comment
        else:
            comments.pop(question_id, None)
        _replace(memo, dataclasses.replace(memo.sheet, comments=comments))


def remember_profile(profile: TerritoryProfile) -> None:
    """Mirror a saved profile."""
    memo = st.session_state.get(MEMO_KEY)
    if isinstance(memo, Memo):
        _replace(memo, dataclasses.replace(memo.sheet, territory=profile))


def _replace(memo: Memo, sheet: AnswerSheet) -> None:
    st.session_state[MEMO_KEY] = dataclasses.replace(memo, sheet=sheet)
