"""Results: what to do first, who to call and why; knowledge gaps; charts with their tables.

Widget keys: ``to-questions`` and the ``download-*`` buttons (see files.report_downloads);
the feuille de route's ``plan-*`` and the re-diagnosis' ``redo-*`` (see ui/plan).
"""

from __future__ import annotations

import streamlit as st

from ...advice.scoring import Scores, score_sheet
from ...i18n import t
from ...model import Answer, AnswerSheet, MotivationId, QuestionId, TerritoryProfile
from .. import frame, pending, state
from ..components import answered_counts
from ..contacts_view import who_to_call_view
from ..directory.edits import region_edits
from ..files import report_downloads
from ..maps import locator_view
from ..observatory_view import ess_figures_view, observatory_figures
from ..plan.section import flush_diagnostic_plan, plan_section
from ..resources import referentiel_at
from ..results import results_view
from ..space.attach import attach_offer
from ..wording import territory_line


def render() -> None:
    """Draw the open diagnostic's results, computed once for this run."""
    ctx = state.context()
    pending.flush_left_behind(ctx)
    lang = ctx.lang
    sheet = frame.require_sheet(ctx)
    referentiel = ctx.referentiel
    st.title(t("app.results.title", lang))
    frame.resume_popover(ctx)
    profile = state.saved_profile(sheet)
    if profile is not None:
        st.markdown(territory_line(profile, lang))
        locator_view(profile, lang)
        attach_offer(ctx, sheet)
    else:
        st.warning(t("app.results.no_profile", lang))
    answered, unknown, total = answered_counts(referentiel, sheet)
    if answered == 0:
        st.info(t("app.results.nothing_yet", lang))
        to_questions(ctx, sheet)
        st.stop()
    st.markdown(t("app.results.answered", lang, answered=answered, total=total, unknown=unknown))
    if answered < total:
        to_questions(ctx, sheet)
    scores = score_sheet(referentiel, sheet)
    sheet = flush_diagnostic_plan(ctx, sheet)
    figures = observatory_figures(ctx, sheet)  # read once: the page, the PDF and the XLSX
    edits = region_edits(ctx, sheet.territory.departement)  # the page, the PDF and the XLSX
    report_downloads(referentiel, sheet, scores, lang, figures=figures, directory_edits=edits)
    answers = tuple(sorted(sheet.answers.items(), key=lambda item: item[0]))
    territory = TerritoryProfile("", sheet.territory.type, population=sheet.territory.population)
    directory = str(ctx.settings.referentiel_dir)
    drawn_results(directory, answers, sheet.priorities, territory, lang, scores)
    ess_figures_view(figures, lang)
    who_to_call_view(referentiel, sheet, scores, lang, edits)
    plan_section(ctx, sheet, scores)
    st.divider()
    st.caption(t("app.results.conversation", lang))


@st.cache_resource(show_spinner=False, max_entries=512)
def drawn_results(
    directory: str,
    answers: tuple[tuple[QuestionId, Answer], ...],
    priorities: tuple[MotivationId, ...],
    territory: TerritoryProfile,
    lang: str,
    _scores: Scores,
) -> None:
    """The results display, drawn once per set of answers and replayed on later reruns.

    Streamlit records the elements drawn by a cached function and replays them on a
    hit, so charts and tables are not rebuilt when nothing changed. Everything the
    results depend on is an argument: the answers, the ranking, the type and population.
    ``_scores``, the page's own scoring of those, is not part of the key (it follows from it).
    """
    referentiel = referentiel_at(directory)
    sheet = AnswerSheet(territory, dict(answers), priorities=priorities)
    results_view(referentiel, sheet, _scores, lang)


def to_questions(ctx: state.Context, sheet: AnswerSheet) -> None:
    """A button back to the profile or the first step with a blank question."""
    if st.button(t("app.results.to_questions", ctx.lang), key="to-questions"):
        has_profile = state.saved_profile(sheet) is not None
        state.go_to_step(state.first_blank_step(ctx.referentiel, sheet, has_profile))
        st.switch_page(frame.DIAGNOSTIC, query_params={state.TOKEN_PARAM: ctx.token or ""})
