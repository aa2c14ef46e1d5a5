"""Saving what the wizard's widgets hold, first thing on every run.

Widget values reach the server with the run that follows a click or a keystroke. They
are compared with the saved sheet and any difference is saved before anything is drawn.
This replaces ``on_change`` callbacks on purpose: when a click lands while the run of a
previous click is still going, Streamlit cuts that run short and may never call the
callbacks it had not reached, whereas the comparison catches the change on the next
run. It also runs before the wizard changes step and on the other pages, so a value
typed just before leaving the step or the page is saved too.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

import streamlit as st

from ..errors import NotFoundError
from ..model import Answer, AnswerSheet, QuestionId, TerritoryProfile
from ..schema.answers import check_answer, check_comment
from . import memo
from .components import answer_key, comment_key, save_changes
from .literal import escape_markdown
from .profile import field_key, save_profile_changes
from .state import Context, Step, saved_profile

WIDGET_PREFIXES = ("answer-", "comment-", "profile-")


@dataclass(frozen=True)
class Saver:
    """Saves to the open diagnostic and keeps this session's memo of it in step."""

    ctx: Context
    token: str

    def answer(self, question_id: QuestionId, answer: Answer | None) -> None:
        referentiel = self.ctx.referentiel
        checked = None if answer is None else check_answer(referentiel, question_id, answer)
        self.ctx.repository.save_answer(self.token, question_id, checked)
        memo.remember_answer(question_id, checked)

    def comment(self, question_id: QuestionId, comment: str) -> None:
        checked = check_comment(self.ctx.referentiel, question_id, comment)
        self.ctx.repository.save_comment(self.token, question_id, checked)
        memo.remember_comment(question_id, checked)

    def profile(self, profile: TerritoryProfile) -> None:
        self.ctx.repository.save_profile(self.token, profile)
        memo.remember_profile(profile)


@dataclass(frozen=True)
class Flushed:
    """The sheet once the widgets' changes are saved, and what could not be."""

    sheet: AnswerSheet
    failures: list[str] = field(default_factory=list)
    profile_errors: dict[str, str] = field(default_factory=dict)


def flush(ctx: Context, sheet: AnswerSheet, step: Step | None = None) -> Flushed:
    """Save the changes the wizard's widgets hold compared with ``sheet``.

    With ``step``, only that step's widgets; else every wizard widget still in the session.
    """
    assert ctx.token is not None
    saver = Saver(ctx, ctx.token)
    keys = {str(key) for key in st.session_state.keys()}  # noqa: SIM118 (one pass, not 84)
    if step is None:
        shown = [
            q.motivation
            for q in ctx.referentiel.questions
            if answer_key(q.id) in keys or comment_key(q.id) in keys
        ]
    else:
        shown = [step.motivation] if step.motivation is not None else []
    failures: list[str] = []
    for motivation in dict.fromkeys(shown):
        sheet, failed = save_changes(
            ctx.referentiel, motivation, sheet, ctx.lang, saver.answer, saver.comment
        )
        failures += failed
    errors: dict[str, str] = {}
    profile_shown = field_key("type") in keys or field_key("name") in keys
    if profile_shown and (step is None or step.kind == "profile"):
        profile, errors = save_profile_changes(ctx.lang, saved_profile(sheet), saver.profile)
        if profile is not None and profile != sheet.territory:
            sheet = dataclasses.replace(sheet, territory=profile)
    return Flushed(sheet, failures, errors)


def flush_left_behind(ctx: Context) -> None:
    """On pages other than the wizard: save what its widgets still held when the user left."""
    if ctx.token is None or not any(str(k).startswith(WIDGET_PREFIXES) for k in st.session_state):
        return
    try:
        flushed = flush(ctx, memo.latest(ctx))
    except NotFoundError:
        return  # the page's own guard explains a link that opens nothing
    for failure in flushed.failures:
        st.error(escape_markdown(failure))
