"""The dashboard's discussion tab: a motivation's questions by divergence, one projected.

The tab is a fragment: a click redraws it alone, from what the database holds then. The
projected question shows its wording in large type, its distribution (by role where a role
has 3 respondents), the "je ne sais pas" share and the comments not hidden; the adviser
hides a comment, marks « à creuser » and records the group's retained answer (retained).
Widget keys: ``animation-discuss-*``.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

import pandas as pd
import streamlit as st

from ...errors import DiagnosticError
from ...export.workshop.pdf_sections import divergence_text
from ...i18n import t
from ...model import Referentiel
from ...storage import ParticipantSheet, WorkshopRecord
from ...typography import format_percent
from ...workshop.discussion import (
    ProjectedQuestion,
    Voice,
    discussion_order,
    project,
    voices_on,
)
from ...workshop.divergence import QuestionConsensus
from ...workshop.retained import Discussion
from .. import state
from ..literal import escape_markdown
from ..wording import tn
from .group import summarise
from .panels import share_bar
from .retained import SAVED_KEY, call_write, dig_list, group_file, retained_form

MOTIVATION_KEY = "animation-discuss-motivation"
PROJECTED_KEY = "animation-discuss-projected"  # the question id on screen
ERROR_KEY = "animation-discuss-error"
WORDING_STYLE = "font-size: 2.6rem; font-weight: 700; line-height: 1.25; margin: 0.4rem 0 1rem;"


def discussion_tab(ctx: state.Context, workshop: WorkshopRecord, admin_key: str) -> None:
    """The discussion, redrawn alone on each click."""
    st.fragment(discussion_body)(ctx, workshop.code, admin_key)


def discussion_body(ctx: state.Context, code: str, admin_key: str) -> None:
    """Read the workshop again and draw the list, the projected question and « à creuser »."""
    lang, referentiel = ctx.lang, ctx.referentiel
    try:
        workshop = ctx.repository.check_admin(code, admin_key)
        sheets = ctx.repository.participants(code, admin_key)
        discussion = ctx.repository.discussion(code)
    except DiagnosticError as error:
        st.error(escape_markdown(error.message(lang)))
        return
    failed = st.session_state.pop(ERROR_KEY, None)
    if failed:
        st.error(escape_markdown(failed))
    saved = st.session_state.pop(SAVED_KEY, None)
    if saved:
        st.success(saved)
    st.caption(t("discussion.intro", lang))
    summary = summarise(ctx, sheets, workshop.motivations)
    motivation = pick_motivation(referentiel, workshop.motivations, lang)
    ordered = discussion_order(referentiel, summary.questions, motivation)
    if not ordered:
        st.info(t("discussion.none", lang))
        return
    ids = [consensus.question for consensus in ordered]
    if st.session_state.get(PROJECTED_KEY) not in ids:
        st.session_state[PROJECTED_KEY] = None
    listing, stage = st.columns([2, 5], gap="large")
    with listing:
        question_list(referentiel, ordered, discussion, lang)
    with stage:
        projected = st.session_state.get(PROJECTED_KEY)
        if projected is None:
            st.info(t("discussion.pick", lang))
        else:
            consensus = ordered[ids.index(projected)]
            navigation(ids, ids.index(projected), lang)
            shown = project(referentiel, consensus, voices(sheets, projected), discussion.hidden)
            projection(ctx, code, admin_key, shown, discussion)
            computed = (summary.group.answers or {}).get(consensus.question)
            retained_form(ctx, workshop, admin_key, consensus, computed, discussion, ERROR_KEY)
    dig_list(ctx, code, admin_key, sheets, discussion, ERROR_KEY)
    group_file(ctx, workshop, summary, discussion)


def pick_motivation(referentiel: Referentiel, chosen: Sequence[str], lang: str) -> str:
    """The motivation discussed: one of the workshop's (all of the référentiel's if none)."""
    ids = list(chosen) or [motivation.id for motivation in referentiel.motivations]
    label = {m.id: m.label.get(lang) for m in referentiel.motivations}
    return str(
        st.selectbox(
            t("discussion.motivation", lang),
            ids,
            format_func=lambda item: label.get(item, item),
            key=MOTIVATION_KEY,
        )
    )


def question_list(
    referentiel: Referentiel,
    ordered: Sequence[QuestionConsensus],
    discussion: Discussion,
    lang: str,
) -> None:
    """One button per question, most divergent first, its divergence and whether retained."""
    st.markdown(f"**{t('discussion.list', lang)}**")
    projected = st.session_state.get(PROJECTED_KEY)
    for number, consensus in enumerate(ordered, start=1):
        question = referentiel.question(consensus.question)
        spread = consensus.spread
        measure = (
            t("discussion.divergence", lang, divergence=divergence_text(spread.divergence, lang))
            if spread is not None
            else t("discussion.no_spread", lang)
        )
        if consensus.question in discussion.retained:
            measure += f" · ✓ {t('discussion.retained_mark', lang)}"
        st.button(
            f"{number}. {question.short_label.get(lang)} — {measure}",
            key=f"animation-discuss-pick-{consensus.question}",
            help=t("discussion.pick_help", lang),
            type="primary" if consensus.question == projected else "secondary",
            on_click=_project,
            args=(consensus.question,),
            width="stretch",
        )


def navigation(ids: Sequence[str], index: int, lang: str) -> None:
    """Previous and next question, also on the keyboard's ← and → keys."""
    before, where, after = st.columns([2, 3, 2], vertical_alignment="center")
    with before:
        st.button(
            t("discussion.previous", lang),
            key="animation-discuss-previous",
            disabled=index == 0,
            on_click=_project,
            args=(ids[max(index - 1, 0)],),
            shortcut="Left",
        )
    with where:
        st.caption(t("discussion.position", lang, number=index + 1, total=len(ids)))
    with after:
        st.button(
            t("discussion.next", lang),
            key="animation-discuss-next",
            disabled=index == len(ids) - 1,
            on_click=_project,
            args=(ids[min(index + 1, len(ids) - 1)],),
            shortcut="Right",
        )
    st.caption(t("discussion.keys", lang))


def projection(
    ctx: state.Context,
    code: str,
    admin_key: str,
    shown: ProjectedQuestion,
    discussion: Discussion,
) -> None:
    """The question in large type, its distribution, its "je ne sais pas" and its comments."""
    lang, referentiel = ctx.lang, ctx.referentiel
    consensus = shown.consensus
    question = referentiel.question(consensus.question)
    wording = html.escape(question.label.get(lang))
    st.html(f'<div class="discussion-wording" style="{WORDING_STYLE}">{wording}</div>')
    if consensus.hidden:
        st.info(t("discussion.hidden_question", lang))
        return
    distribution(referentiel, shown, lang)
    comments(ctx, code, admin_key, shown, discussion)


def distribution(referentiel: Referentiel, shown: ProjectedQuestion, lang: str) -> None:
    """How many chose each level, the "je ne sais pas" share, then each role's counts."""
    consensus = shown.consensus
    question = referentiel.question(consensus.question)
    scale = referentiel.scale(question.scale)
    people = max(consensus.respondents, 1)
    unknown = consensus.unknown or 0
    counts = consensus.spread.counts if consensus.spread else ()
    rows = [[scale.label(level, lang), n, share_bar(n / people)] for level, n in counts]
    rows.append([t("answer.unknown", lang), unknown, share_bar(unknown / people)])
    columns = [t("workshop.report.col.level", lang), t("workshop.report.col.people", lang), ""]
    st.table(pd.DataFrame(rows, columns=columns), hide_index=True)
    share = format_percent(100 * consensus.unknown_share, lang)
    st.markdown(t("discussion.unknown_share", lang, share=share, count=unknown))
    if shown.declined:
        st.caption(t("discussion.declined", lang, count=shown.declined))
    visible = [role for role in shown.roles if not role.hidden]
    if visible:
        st.markdown(f"**{t('discussion.by_role', lang)}**")
        labels = [scale.label(level, lang) for level in scale.values()]
        labels.append(t("answer.unknown", lang))
        table = {
            t(f"workshop.role_short.{role.role}", lang): [
                *(n for _, n in role.counts or ()),
                role.unknown,
            ]
            for role in visible
        }
        frame = pd.DataFrame({t("workshop.report.col.level", lang): labels, **table})
        st.table(frame, hide_index=True)
    for role in shown.roles:
        if role.hidden:
            st.caption(t("discussion.role_hidden", lang, role=t(f"role.{role.role}", lang)))


def comments(
    ctx: state.Context,
    code: str,
    admin_key: str,
    shown: ProjectedQuestion,
    discussion: Discussion,
) -> None:
    """The comments not hidden, each with « Masquer » and « À creuser »; the hidden apart."""
    lang, question = ctx.lang, shown.consensus.question
    st.markdown(f"**{t('discussion.comments', lang)}**")
    hiding = (ctx, ERROR_KEY, "set_comment_hidden", code, admin_key, question)
    if not shown.comments:
        st.caption(t("discussion.no_comment", lang))
    for comment in shown.shown:
        with st.container(border=True, key=f"animation-discuss-comment-{comment.ref}"):
            text, hide, dig = st.columns([6, 1, 1], vertical_alignment="center")
            text.markdown(f"« {escape_markdown(comment.text)} »")
            hide.button(
                t("discussion.hide", lang),
                key=f"animation-discuss-hide-{comment.ref}",
                help=t("discussion.hide_help", lang),
                on_click=call_write,
                args=(*hiding, comment.ref, True),
            )
            marked = discussion.marked(question, comment.ref) is not None
            dig.button(
                t("discussion.dug" if marked else "discussion.dig", lang),
                key=f"animation-discuss-dig-{comment.ref}",
                help=t("discussion.dig_help", lang),
                disabled=marked,
                on_click=call_write,
                args=(ctx, ERROR_KEY, "mark_to_dig", code, admin_key, question, comment.ref),
            )
    hidden = shown.hidden_comments
    if hidden:
        with st.expander(tn("discussion.hidden_comments", len(hidden), lang)):
            for comment in hidden:
                st.markdown(f"« {escape_markdown(comment.text)} »")
                st.button(
                    t("discussion.show", lang),
                    key=f"animation-discuss-show-{comment.ref}",
                    on_click=call_write,
                    args=(*hiding, comment.ref, False),
                )


def voices(sheets: Sequence[ParticipantSheet], question: str) -> tuple[Voice, ...]:
    """Each participant's voice on the question, keyed by their token (never shown)."""
    members = [(own.token, own.role, own.sheet.answers, own.sheet.comments) for own in sheets]
    return voices_on(question, members)


def _project(question: str) -> None:
    st.session_state[PROJECTED_KEY] = question
