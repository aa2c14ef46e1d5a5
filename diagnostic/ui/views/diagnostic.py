"""The wizard: territory profile, one step per motivation, then what is left to answer.

As on a workshop participant's page, the progress bar and each question are fragments: an
answer reruns its question and the progress bar, a comment (saved as typed, see as_typed)
its question alone. A move between steps reruns the page: in a session that a restarted
server has just opened, Streamlit drops a click made in a fragment it has not drawn yet,
whereas the page's own buttons get their first click through (see clicks).
Each run first saves what the widgets hold (see pending), then draws.
Widget keys: ``nav-step`` (step selector), ``nav-back``, ``nav-next``, ``to-results``,
``goto-<motivation>``, ``import-replace``, ``download-json``, ``ranking-motivations``; the profile's
``profile-<field>``; each question's ``answer-<id>`` and ``comment-<id>``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import partial

import streamlit as st

from ...errors import DiagnosticError
from ...i18n import t
from ...model import AnswerSheet, MotivationId, QuestionId
from ...referentiel.scope import for_territory, set_aside
from .. import frame, memo, pending, state
from ..choices import translated_choice
from ..clicks import action_button
from ..components import progress_bar, question_widgets, unanswered_summary
from ..file_check import confirmed_upload
from ..files import answers_download
from ..fragments import fragments_running, rerun_also
from ..literal import escape_markdown
from ..profile import profile_form, profile_ready
from ..scroll import SCROLL_KEY, SCROLL_SCRIPT
from ..wording import tn

STEP_SELECTOR = "nav-step"
PROGRESS_FRAGMENT = "wizard-progress"
RANKING_KEY = "ranking-motivations"


@dataclass(frozen=True)
class Wizard:
    """The open diagnostic's wizard: loading a file, and moving between steps."""

    ctx: state.Context
    token: str

    @property
    def last(self) -> int:
        return len(state.steps(self.ctx.referentiel)) - 1

    def replace_sheet(self, sheet: AnswerSheet) -> None:
        self.ctx.repository.replace_sheet(self.token, sheet)
        memo.forget()
        state.forget_widgets(("profile-", "answer-", "comment-", RANKING_KEY))

    def move(self, to: int) -> None:
        """Go to step ``to`` once this step's values are saved; the profile needs type and name."""
        here = state.steps(self.ctx.referentiel)[state.current_step(self.ctx)]
        pending.flush(self.ctx, memo.latest(self.ctx), here)
        if here.kind == "profile" and to > 0 and not profile_ready(self.ctx.lang):
            return
        state.go_to_step(min(max(to, 0), self.last))
        st.session_state[SCROLL_KEY] = True

    def jump(self) -> None:
        self.move(int(st.session_state[STEP_SELECTOR]))

    def go_to_motivation(self, motivation_id: MotivationId) -> None:
        steps = state.steps(self.ctx.referentiel)
        self.move(next(i for i, s in enumerate(steps) if s.motivation == motivation_id))


def render() -> None:
    """Draw the current step of the open diagnostic."""
    ctx = state.context()
    index = state.current_step(ctx)
    sheet = frame.require_sheet(ctx, screen=f"step-{index}")
    token = ctx.token
    assert token is not None
    aside = set_aside_note(ctx, sheet)
    # The questions asked are those of the territory's type (see for_territory).
    ctx = replace(ctx, referentiel=for_territory(ctx.referentiel, sheet.territory.type))
    wizard = Wizard(ctx, token)
    if st.query_params.get(state.STEP_PARAM) != str(index):
        st.query_params[state.STEP_PARAM] = str(index)
    step = state.steps(ctx.referentiel)[index]
    # Save first what the widgets hold, then draw (see pending).
    flushed = pending.flush(ctx, sheet, step)
    sheet = flushed.sheet
    state.show_flashes()
    upgrade_note(wizard, sheet)
    if aside:
        st.info(aside, icon=":material/visibility_off:")
    header(wizard, index)
    if step.kind == "profile":
        st.markdown(t("app.profile.intro", ctx.lang))
        profile_form(ctx.lang, state.saved_profile(sheet), flushed.profile_errors)
    elif step.motivation is not None:
        st.markdown(ctx.referentiel.motivation(step.motivation).description.get(ctx.lang))
        for failure in flushed.failures:
            st.error(escape_markdown(failure))
        for question in ctx.referentiel.questions_of(step.motivation):
            st.fragment(key=question_fragment(question.id))(question_view)(ctx, question.id)
    else:
        summary(wizard, sheet)
    navigation(wizard, index)
    if st.session_state.pop(SCROLL_KEY, False):
        # Last on the page, so that its coming and going shifts no other element.
        st.html(SCROLL_SCRIPT, unsafe_allow_javascript=True)


def question_view(ctx: state.Context, question_id: QuestionId) -> None:
    """A question's fragment: in its own run, save the step's changes first, then draw."""
    question = ctx.referentiel.question(question_id)
    sheet = memo.latest(ctx)
    if fragments_running():
        flushed = pending.flush(ctx, sheet, state.Step("motivation", question.motivation))
        sheet = flushed.sheet
        for failure in flushed.failures:
            st.error(escape_markdown(failure))
    on_answer = partial(answered, question_id)
    question_widgets(ctx.referentiel, question, sheet, ctx.lang, "", on_answer=on_answer)


def question_fragment(question_id: str) -> str:
    """The key of a question's fragment."""
    return f"question-{question_id}"


def answered(question_id: QuestionId) -> None:
    """After an answer, rerun its question (which saves it), then the progress bar."""
    rerun_also([question_fragment(question_id), PROGRESS_FRAGMENT])


def progress(ctx: state.Context) -> None:
    """The progress fragment: the bar, from the sheet as last saved."""
    progress_bar(ctx.referentiel, memo.latest(ctx), ctx.lang)


def upgrade_note(wizard: Wizard, sheet: AnswerSheet) -> None:
    """What changed when answers given with an earlier référentiel were carried over."""
    if sheet.upgrade_note is None:
        return
    lang = wizard.ctx.lang
    with st.container(border=True):
        # the note is the référentiel's own (trusted) text
        st.info(sheet.upgrade_note.get(lang), icon=":material/update:")
        if st.button(t("app.upgrade.seen", lang), key="upgrade-seen"):
            wizard.ctx.repository.clear_upgrade_note(wizard.token)
            memo.forget()
            st.rerun()


def set_aside_note(ctx: state.Context, sheet: AnswerSheet) -> str:
    """Say which answers are kept but unused: their question is not asked of this type."""
    aside = set_aside(ctx.referentiel, sheet)
    if not aside:
        return ""
    names = ", ".join(f"« {ctx.referentiel.question(q).short_label.get(ctx.lang)} »" for q in aside)
    if ctx.lang == "en":
        names = ", ".join(f"“{ctx.referentiel.question(q).short_label.en}”" for q in aside)
    return tn("scope.set_aside", len(aside), ctx.lang, questions=names)


def header(wizard: Wizard, index: int) -> None:
    """Progress, the step selector, and the step's number and name."""
    ctx = wizard.ctx
    lang = ctx.lang
    frame.resume_popover(ctx)
    st.fragment(key=PROGRESS_FRAGMENT)(progress)(ctx)
    st.session_state[STEP_SELECTOR] = index
    st.selectbox(
        t("app.nav.step_title", lang, n=index + 1, total=wizard.last + 1),
        range(wizard.last + 1),
        format_func=lambda i: t(
            "app.nav.step_option", lang, n=i + 1, label=state.step_label(ctx, i)
        ),
        key=STEP_SELECTOR,
        help=t("app.nav.step", lang),
        on_change=wizard.jump,
    )
    st.title(state.step_label(ctx, index))


def summary(wizard: Wizard, sheet: AnswerSheet) -> None:
    """What is still unanswered, the way to the results, and the answers file."""
    ctx = wizard.ctx
    lang = ctx.lang
    ranking(wizard, sheet)
    left = unanswered_summary(ctx.referentiel, sheet, lang, go_to=wizard.go_to_motivation)
    st.markdown(t("app.summary.all_done" if left == 0 else "app.summary.can_continue", lang))
    if st.button(t("app.summary.to_results", lang), key="to-results", type="primary"):
        st.switch_page(frame.RESULTS, query_params={state.TOKEN_PARAM: wizard.token})
    with st.expander(t("app.summary.files", lang)):
        st.markdown(t("app.summary.files_help", lang))
        # The file holds every answer, those to questions this type is not asked included.
        whole = replace(ctx, referentiel=state.context().referentiel)
        answers_download(whole.referentiel, sheet, lang)
        label = t("app.files.replace", lang)
        if confirmed_upload(whole, sheet, wizard.replace_sheet, "import-replace", label):
            st.rerun()  # draw the step again with the loaded answers, or the new diagnostic


def ranking(wizard: Wizard, sheet: AnswerSheet) -> None:
    """The officials' two or three motivations that matter most, saved as soon as changed."""
    ctx = wizard.ctx
    lang, referentiel = ctx.lang, ctx.referentiel
    if RANKING_KEY not in st.session_state:
        st.session_state[RANKING_KEY] = list(sheet.priorities)
    elif list(st.session_state[RANKING_KEY]) != list(sheet.priorities):
        try:
            ctx.repository.save_priorities(wizard.token, st.session_state[RANKING_KEY])
        except DiagnosticError as error:
            st.error(t("app.save.failed", lang, reason=error.message(lang)))
        memo.forget()
    most = referentiel.rules.ranking_max
    with st.container(border=True):
        st.subheader(t("app.ranking.title", lang))
        st.markdown(t("app.ranking.help", lang))
        translated_choice(
            st.multiselect,
            t("app.ranking.label", lang, most=most),
            [m.id for m in referentiel.motivations],
            lambda m: referentiel.motivation(m).label.get(lang),
            RANKING_KEY,
            lang,
            max_selections=most,
            placeholder=t("app.ranking.placeholder", lang),
        )


def navigation(wizard: Wizard, index: int) -> None:
    """Back and next buttons."""
    lang = wizard.ctx.lang
    with st.container(horizontal=True, horizontal_alignment="distribute"):
        action_button(
            t("app.nav.back", lang),
            "nav-back",
            partial(wizard.move, index - 1),
            disabled=index == 0,
            icon=":material/arrow_back:",
        )
        if index < wizard.last:
            action_button(
                t("app.nav.next", lang),
                "nav-next",
                partial(wizard.move, index + 1),
                type="primary",
                icon=":material/arrow_forward:",
                icon_position="right",
            )
