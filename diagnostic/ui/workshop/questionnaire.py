"""A participant's questionnaire: the workshop's motivations one step at a time, then
« Mes réponses », then the group result once the adviser shows it.

The step (progress, step selector, questions, back and next) is a fragment, and so are the
progress bar and each question inside it: a move reruns the step alone, an answer its
question and the progress bar, a comment its question; never the header, the bring-in box
or the group's result. As in the single diagnostic, each of these runs first saves what
the widgets hold (see components.save_changes), then draws, once per run: a move saves in
the step, not again in each question it draws; the sheet as saved is kept in the session
between runs. A closed workshop saves nothing: its widgets are reset to the
saved answers and shown read-only; a workshop closed meanwhile redraws the whole page.
Widget keys: ``atelier-answer-<id>``, ``atelier-comment-<id>``, ``atelier-nav-step``,
``atelier-nav-back``, ``atelier-nav-next``, ``atelier-goto-<motivation>``, ``atelier-leave``,
and the bring-in widgets (see bring).
"""

from __future__ import annotations

import dataclasses
from functools import partial

import streamlit as st

from ...errors import DiagnosticError, NotFoundError
from ...i18n import t
from ...model import AnswerSheet, MotivationId, QuestionId
from ...referentiel.scope import for_territory
from .. import state
from ..choices import DRAWN_IN
from ..clicks import action_button
from ..components import (
    answer_key,
    comment_key,
    progress_bar,
    question_widgets,
    save_changes,
)
from ..fragments import fragments_running, own_run, rerun_also
from ..literal import escape_markdown
from ..scroll import SCROLL_KEY, SCROLL_SCRIPT
from ..wording import territory_line
from . import bring, my_answers
from .paced_phone import announce, follow, pacing_now
from .participation import Participation
from .session import (
    CODE_PARAM,
    PARTICIPANT_PREFIX,
    closed_message,
    forget_participant,
    participant_link,
)
from .watch import GROUP_ANCHOR, group_section, results_notice, watch_status

STEP_KEY = "atelier-step"  # (participant token, step index)
SHEET_KEY = "atelier-sheet"  # (participant token, the sheet as saved)
FAILURES_KEY = "atelier-save-failures"  # (participant token, the page run's failed saves)
SAVED_KEY = "atelier-saved-in-run"  # participant token, while the step saved draws its questions
STEP_FRAGMENT = "atelier-step-fragment"
PROGRESS_FRAGMENT = "atelier-progress-fragment"
SELECTOR = f"{PARTICIPANT_PREFIX}nav-step"
ANSWER_WIDGETS = (f"{PARTICIPANT_PREFIX}answer-", f"{PARTICIPANT_PREFIX}comment-")


def render(ctx: state.Context, token: str) -> bool:
    """Draw the participation behind ``token``; False (after a message) if there is none."""
    loaded = load(ctx, token)
    if loaded is None:
        return False
    participation, sheet, failures = save_first(*loaded)
    st.session_state[SHEET_KEY] = (participation.token, sheet)
    st.session_state[FAILURES_KEY] = (participation.token, failures)
    state.show_flashes()
    header(participation)
    results_notice(participation)
    if not participation.closed:
        bring.render(participation)
    st.fragment(key=STEP_FRAGMENT)(step)(participation)
    st.divider()
    st.header(t("atelier.group.title", ctx.lang), anchor=GROUP_ANCHOR)
    group_section(ctx, participation.workshop)
    someone_else(participation)
    return True


def step(participation: Participation) -> None:
    """The step fragment: save what the widgets changed, then draw the current step.

    In the page's run, the page has saved already (before its header, which says whether
    the workshop is closed) and its failed saves are shown here; in a run of the fragment
    alone, it saves first itself, and follows the pacing as it is now (the status watch
    reruns the step alone when the adviser opens another motivation).
    """
    if fragments_running():
        participation = paced_now(participation)
    page = st.session_state.pop(FAILURES_KEY, None)
    now, sheet, failures = saved_sheet(participation)
    if isinstance(page, tuple) and page[0] == participation.token:
        failures = [*page[1], *failures]
    st.session_state[SAVED_KEY] = participation.token  # its questions need not save again
    try:
        questionnaire(now, sheet, failures)
    finally:
        st.session_state.pop(SAVED_KEY, None)
    if st.session_state.pop(SCROLL_KEY, False):
        st.html(SCROLL_SCRIPT, unsafe_allow_javascript=True)


def paced_now(participation: Participation) -> Participation:
    """The participation with the workshop's pacing as this server reads it now (the whole
    page says so if the workshop is gone)."""
    try:
        pacing = pacing_now(participation.ctx, participation.workshop.code)
    except NotFoundError:
        st.rerun(scope="app")
    return dataclasses.replace(participation, pacing=pacing)


def saved_sheet(participation: Participation) -> tuple[Participation, AnswerSheet, list[str]]:
    """In a fragment's own run, save what the widgets changed on the sheet the session
    keeps (the page's read, then each save), so that it reads nothing from the database
    unless a save fails; a workshop closed meanwhile redraws the whole page. In the page's
    run, the page has saved already, and in the step's run the step has (a question drawn
    by the step saves nothing more); a closed workshop saves nothing."""
    token = participation.token
    sheet = kept_sheet(token)
    if sheet is None:
        sheet = participation.ctx.repository.load_sheet(token)
    saved = st.session_state.get(SAVED_KEY) == token
    if participation.closed or not fragments_running() or saved:
        # read-only, or the page's run, which saved (and reset a closed workshop's widgets),
        # or a question drawn by the step, which saved
        return participation, sheet, []
    now, sheet, failures = save_first(participation, sheet)
    st.session_state[SHEET_KEY] = (token, sheet)
    if now.closed and not participation.closed:
        st.rerun(scope="app")  # closed meanwhile: the whole page says so
    return now, sheet, failures


def progress(participation: Participation) -> None:
    """The progress fragment: the bar, from the sheet as last saved, and the status watch."""
    ctx = participation.ctx
    sheet = kept_sheet(participation.token)
    if sheet is not None:
        progress_bar(ctx.referentiel, sheet, ctx.lang, participation.motivations)
    watch_status(participation, STEP_FRAGMENT)


def kept_sheet(token: str) -> AnswerSheet | None:
    """The sheet the session keeps for this participation (as last read or saved)."""
    kept = st.session_state.get(SHEET_KEY)
    return kept[1] if isinstance(kept, tuple) and kept[0] == token else None


def question(participation: Participation, question_id: QuestionId) -> None:
    """A question's fragment: an answer reruns it and the progress bar, a comment it alone."""
    now, sheet, failures = saved_sheet(participation)
    ctx = now.ctx
    for failure in failures:
        st.error(escape_markdown(failure))
    question_widgets(
        ctx.referentiel,
        ctx.referentiel.question(question_id),
        sheet,
        ctx.lang,
        PARTICIPANT_PREFIX,
        disabled=now.closed,
        on_answer=partial(answered, question_id),
    )


def question_fragment(question_id: str) -> str:
    """The key of a question's fragment."""
    return f"{PARTICIPANT_PREFIX}question-{question_id}"


def answered(question_id: QuestionId) -> None:
    """After an answer, rerun its question (which saves it), then the progress bar."""
    rerun_also([question_fragment(question_id), PROGRESS_FRAGMENT])


def load(ctx: state.Context, token: str) -> tuple[Participation, AnswerSheet] | None:
    """The participation, its workshop and its sheet (one read), or a plain message when the
    link opens none."""
    lang = ctx.lang
    try:
        record, workshop, sheet = ctx.repository.open_participation(token, ctx.referentiel.version)
    except NotFoundError:
        workshop = None
        record = None
    if workshop is None:
        single = record is not None and record.workshop_code is None
        st.error(t("atelier.me.single_link" if single else "atelier.me.not_found", lang))
        forget_participant()
        return None
    assert record is not None
    # The workshop's territory type decides which questions its participants are asked.
    asked = dataclasses.replace(
        ctx, referentiel=for_territory(ctx.referentiel, workshop.profile.type)
    )
    return Participation(asked, token, record, workshop, pacing_now(ctx, workshop.code)), sheet


def save_first(
    participation: Participation, sheet: AnswerSheet
) -> tuple[Participation, AnswerSheet, list[str]]:
    """Save what the widgets changed (nothing once the workshop is closed)."""
    ctx = participation.ctx
    if participation.closed:
        state.forget_widgets(ANSWER_WIDGETS)
        return participation, sheet, []
    keys = {str(key) for key in st.session_state.keys()}  # noqa: SIM118 (one pass)
    failures: list[str] = []
    for motivation in participation.included:  # a step just hidden may hold a last change
        widgets = [
            key(q.id, PARTICIPANT_PREFIX)
            for q in ctx.referentiel.questions_of(motivation)
            for key in (answer_key, comment_key)
        ]
        if any(widget in keys for widget in widgets):
            sheet, failed = save_changes(
                ctx.referentiel,
                motivation,
                sheet,
                ctx.lang,
                participation.save_answer,
                participation.save_comment,
                PARTICIPANT_PREFIX,
            )
            failures += failed
    if failures:  # closed meanwhile? then say so plainly and show the saved answers
        try:
            workshop = ctx.repository.get_workshop(participation.workshop.code)
        except DiagnosticError:
            return participation, sheet, failures
        participation = dataclasses.replace(participation, workshop=workshop)
        if participation.closed:
            state.forget_widgets(ANSWER_WIDGETS)
            return participation, ctx.repository.load_sheet(participation.token), []
    return participation, sheet, failures


def header(participation: Participation) -> None:
    """The workshop, who the participant is, whether it is closed, and their own link."""
    ctx, lang = participation.ctx, participation.ctx.lang
    st.title(t("atelier.me.title", lang))
    st.markdown(territory_line(participation.workshop.profile, lang))
    role = t(f"role.{participation.record.role}", lang)
    pseudonym = participation.record.pseudonym
    if pseudonym:
        st.markdown(
            t("atelier.me.as_pseudonym", lang, role=role, pseudonym=escape_markdown(pseudonym))
        )
    else:
        st.markdown(t("atelier.me.as_role", lang, role=role))
    if participation.closed:
        st.warning(escape_markdown(closed_message(lang)), icon=":material/lock:")
        st.caption(t("atelier.me.read_only", lang))
    with st.container(border=True):
        st.caption(t("atelier.me.link", lang))
        st.code(participant_link(ctx, participation.token), language=None, wrap_lines=True)


def questionnaire(participation: Participation, sheet: AnswerSheet, failures: list[str]) -> None:
    """The current step: one motivation's questions, or « Mes réponses»; then back and next."""
    ctx, lang = participation.ctx, participation.ctx.lang
    motivations = participation.motivations
    last = len(motivations)
    follow(participation, STEP_KEY)
    index = current_step(participation, sheet)
    forget_other_steps(participation, index)
    st.fragment(key=PROGRESS_FRAGMENT)(progress)(participation)
    announce(participation)
    st.session_state[SELECTOR] = index
    st.selectbox(
        t("app.nav.step_title", lang, n=index + 1, total=last + 1),
        range(last + 1),
        format_func=lambda i: t(
            "app.nav.step_option", lang, n=i + 1, label=step_label(ctx, i, motivations)
        ),
        key=SELECTOR,
        help=t("app.nav.step", lang),
        on_change=lambda: chosen(participation),
    )
    st.subheader(step_label(ctx, index, motivations))
    if index < last:
        motivation = ctx.referentiel.motivation(motivations[index])
        st.markdown(motivation.description.get(lang))
        for failure in failures:
            st.error(escape_markdown(failure))
        for one in ctx.referentiel.questions_of(motivation.id):
            st.fragment(key=question_fragment(one.id))(question)(participation, one.id)
    else:
        my_answers.render(participation, sheet, move)
    with st.container(horizontal=True, horizontal_alignment="distribute"):
        action_button(
            t("app.nav.back", lang),
            f"{PARTICIPANT_PREFIX}nav-back",
            partial(move, participation, index - 1),
            disabled=index == 0,
            icon=":material/arrow_back:",
        )
        if index < last:
            action_button(
                t("app.nav.next", lang),
                f"{PARTICIPANT_PREFIX}nav-next",
                partial(move, participation, index + 1),
                type="primary",
                icon=":material/arrow_forward:",
                icon_position="right",
            )


def forget_other_steps(participation: Participation, index: int) -> None:
    """Drop the answer and comment widgets of every step but ``index`` (saved by now).

    While another step is shown, a step's question fragments do not run: Streamlit keeps
    their widgets' values but the browser forgets them, so a step shown again in a run of
    the step alone would come back blank, and the next save would save the blanks.
    Dropped, they are seeded again from the saved sheet when their step is shown.
    """
    motivations = participation.motivations
    shown = motivations[index] if index < len(motivations) else None
    keys = {str(key) for key in st.session_state.keys()}  # noqa: SIM118 (one pass)
    for motivation in participation.included:
        if motivation == shown:
            continue
        for one in participation.ctx.referentiel.questions_of(motivation):
            answer = answer_key(one.id, PARTICIPANT_PREFIX)
            for key in (answer, answer + DRAWN_IN, comment_key(one.id, PARTICIPANT_PREFIX)):
                if key in keys:
                    del st.session_state[key]


def step_label(ctx: state.Context, index: int, motivations: tuple[MotivationId, ...]) -> str:
    """A motivation's label, or « Mes réponses » for the last step."""
    if index < len(motivations):
        return ctx.referentiel.motivation(motivations[index]).label.get(ctx.lang)
    return t("atelier.me.mine", ctx.lang)


def current_step(participation: Participation, sheet: AnswerSheet) -> int:
    """This session's step; on a first visit, the first step with a blank question."""
    saved = st.session_state.get(STEP_KEY)
    last = len(participation.motivations)
    if isinstance(saved, tuple) and saved[0] == participation.token:
        return min(max(int(saved[1]), 0), last)
    questions = participation.ctx.referentiel.questions_of
    blank = [
        index
        for index, motivation in enumerate(participation.motivations)
        if any(q.id not in sheet.answers for q in questions(motivation))
    ]
    index = blank[0] if blank else last
    st.session_state[STEP_KEY] = (participation.token, index)
    return index


def chosen(participation: Participation) -> None:
    """Go to the step picked in the selector, unless its value is one left behind (see
    fragments): a request sent before a move had drawn the new step still holds the old."""
    if own_run(STEP_FRAGMENT):
        move(participation, int(st.session_state[SELECTOR]))


def move(participation: Participation, to: int) -> None:
    """Go to step ``to`` (a callback: the next run saves the widgets first, then draws it)."""
    last = len(participation.motivations)
    st.session_state[STEP_KEY] = (participation.token, min(max(to, 0), last))
    st.session_state[SCROLL_KEY] = True


def someone_else(participation: Participation) -> None:
    """On a shared phone or tablet: leave this participation (its link still opens it)."""
    lang = participation.ctx.lang
    st.divider()
    st.caption(t("atelier.me.someone_else_help", lang))
    if st.button(t("atelier.me.someone_else", lang), key=f"{PARTICIPANT_PREFIX}leave"):
        forget_participant()
        st.query_params[CODE_PARAM] = participation.workshop.code
        st.rerun()
