"""The adviser's controls, in the sidebar so that the projected page stays clean.

Close or reopen, show the group result to participants or not, the exports (built when
clicked), the private link, deleting with a confirmation, and creating another workshop.
Widget keys: ``animation-close``, ``animation-reopen``, ``animation-show-results``,
``animation-hide-results``, ``animation-download-pdf``, ``animation-download-xlsx``,
``animation-download-csv``, ``animation-delete-code``, ``animation-delete``, ``animation-new``.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from ...errors import DiagnosticError
from ...export.workshop.pdf import workshop_pdf
from ...export.workshop.tabular import workshop_csv, workshop_xlsx
from ...i18n import t
from ...model import AnswerSheet
from ...referentiel.scope import for_territory
from ...storage import WorkshopRecord, normalise_code
from .. import state
from ..directory.edits import region_edits
from ..files import MIME, file_stem
from ..literal import escape_markdown
from .session import adviser_link, forget_admin
from .shared import workshop_changed

DELETE_CODE, DELETE = "animation-delete-code", "animation-delete"
EXPORTS = {"pdf": workshop_pdf, "xlsx": workshop_xlsx, "csv": workshop_csv}


def sidebar(ctx: state.Context, workshop: WorkshopRecord, admin_key: str) -> None:
    """Every control of the workshop, in the sidebar."""
    lang, code, repository = ctx.lang, workshop.code, ctx.repository
    with st.sidebar:
        st.divider()
        st.subheader(t("atelier.side.title", lang, code=code))
        if workshop.status == "open":
            if st.button(
                t("atelier.side.close", lang),
                key="animation-close",
                help=t("atelier.side.close_help", lang),
                icon=":material/lock:",
            ):
                act(ctx, code, lambda: repository.set_workshop_status(code, admin_key, "closed"))
        elif st.button(
            t("atelier.side.reopen", lang), key="animation-reopen", icon=":material/lock_open:"
        ):
            act(ctx, code, lambda: repository.set_workshop_status(code, admin_key, "open"))
        shown = workshop.results_visible
        label = t("atelier.side.hide" if shown else "atelier.side.show", lang)
        key = "animation-hide-results" if shown else "animation-show-results"
        if st.button(label, key=key, icon=":material/visibility:"):
            act(ctx, code, lambda: repository.set_results_visible(code, admin_key, not shown))
        exports(ctx, workshop, admin_key)
        with st.expander(t("atelier.side.private_title", lang), icon=":material/key:"):
            st.markdown(t("atelier.side.private", lang))
            st.code(adviser_link(ctx, code, admin_key), language=None, wrap_lines=True)
        delete_box(ctx, code, admin_key)
        if st.button(t("atelier.side.new", lang), key="animation-new", icon=":material/add:"):
            forget_admin()
            st.rerun()


def act(ctx: state.Context, code: str, change: Callable[[], None]) -> None:
    """Apply a change to the workshop, then draw the page again; a failure gets a message."""
    try:
        change()
    except DiagnosticError as error:
        st.error(escape_markdown(error.message(ctx.lang)))
        return
    workshop_changed(ctx, code)
    st.rerun()


def exports(ctx: state.Context, workshop: WorkshopRecord, admin_key: str) -> None:
    """The group report and the tables, built with the answers of the moment when clicked."""
    lang = ctx.lang
    st.markdown(f"**{t('atelier.side.exports', lang)}**")
    st.caption(t("atelier.side.exports_help", lang))
    stem = f"{file_stem(AnswerSheet(workshop.profile))}-atelier-{workshop.code}"
    for kind in EXPORTS:
        st.download_button(
            t(f"atelier.file.{kind}", lang),
            data=builder(ctx, workshop.code, admin_key, kind),
            file_name=f"{stem}.{kind}",
            mime=MIME[kind],
            key=f"animation-download-{kind}",
            on_click="ignore",
            type="primary" if kind == "pdf" else "secondary",
            icon=":material/download:",
        )


def builder(ctx: state.Context, code: str, admin_key: str, kind: str) -> Callable[[], bytes]:
    """A function that builds one export from what the database holds when it is called."""

    def build() -> bytes:
        workshop = ctx.repository.check_admin(code, admin_key)
        sheets = ctx.repository.participants(code, admin_key)
        referentiel = for_territory(ctx.referentiel, workshop.profile.type)
        if kind == "csv":
            return workshop_csv(referentiel, workshop, sheets, ctx.lang)
        plan = ctx.repository.load_workshop_plan(code)  # the group's feuille de route
        discussion = ctx.repository.discussion(code)  # the group's retained answers
        if kind == "pdf":
            edits = region_edits(ctx, workshop.profile.departement)  # « Qui appeler »
            return workshop_pdf(
                referentiel,
                workshop,
                sheets,
                ctx.lang,
                plan=plan,
                discussion=discussion,
                directory_edits=edits,
            )
        return workshop_xlsx(
            referentiel, workshop, sheets, ctx.lang, plan=plan, discussion=discussion
        )

    return build


def delete_box(ctx: state.Context, code: str, admin_key: str) -> None:
    """Delete the workshop and everything in it, once its code is typed to confirm."""
    lang = ctx.lang
    with st.expander(t("atelier.delete.title", lang), icon=":material/delete:"):
        st.markdown(t("atelier.delete.intro", lang))
        st.text_input(t("atelier.delete.confirm", lang, code=code), key=DELETE_CODE)
        if not st.button(t("atelier.delete.button", lang), key=DELETE):
            return
        if normalise_code(st.session_state.get(DELETE_CODE) or "") != code:
            st.error(t("atelier.delete.mismatch", lang, code=code))
            return
        try:
            ctx.repository.delete_workshop(code, admin_key)
        except DiagnosticError as error:
            st.error(escape_markdown(error.message(lang)))
            return
    forget_admin()
    state.flash("success", t("atelier.delete.done", lang, code=code))
    st.rerun()
