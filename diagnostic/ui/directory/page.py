"""The « Annuaire régional » page: a région's rows of « Qui appeler », edited, added, reverted.

Who may edit: a signed-in regional adviser for their région(s), the administrator for
every région; without sign-in, the person at the machine the app runs on (who administers
their own installation). Everyone else reads a plain refusal.

Widget keys: ``directory-region``, ``directory-row``, the form ``directory-form`` with
``directory-departement``, ``directory-provider``, ``directory-name``, ``directory-website``,
``directory-source``, ``directory-checked`` and ``directory-save``; ``directory-revert``.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from ...accounts import Actor, CommandLine, Identity
from ...errors import DiagnosticError
from ...i18n import t
from ...territory.contacts import Contact
from ...territory.directory_edits import (
    DirectoryRow,
    RowInput,
    as_input,
    check_row,
)
from ...territory.official import official_territories
from ...typography import format_date
from .. import account, pending, signin, state
from ..literal import escape_markdown
from ..local_access import is_local_request
from .table import rows_table

PREFIX = "directory-"
FIELDS = ("departement", "provider", "name", "website", "source", "checked")
NEW = "new"
FLASH = "directory-flash"
PROBLEMS = "directory-problems"
NEXT_ROW = "directory-next-row"
AT_THE_MACHINE = CommandLine(display_name="personne au poste")


def signed_in_actor() -> Identity | None:
    """The signed-in person; None when nobody is signed in or the app runs without sign-in."""
    return account.actor(state.context())


def render() -> None:
    """Draw the région's rows and the form, or say why the visitor may not edit them."""
    ctx = state.context()
    pending.flush_left_behind(ctx)
    lang = ctx.lang
    st.title(t("directory.title", lang))
    actor: Actor = signed_in_actor()
    try:
        if actor is None:
            if signin.configured():
                st.warning(t("directory.sign_in", lang))
                return
            if not is_local_request():
                st.warning(t("directory.not_local", lang))
                return
            actor = AT_THE_MACHINE
        regions = ctx.repository.directory_regions(actor)
    except DiagnosticError as error:
        st.error(escape_markdown(error.message(lang)))
        return
    if not regions:
        st.warning(t("directory.not_allowed", lang))
        return
    st.markdown(t("directory.intro", lang))
    flash = st.session_state.pop(FLASH, None)
    if flash:
        st.success(flash)
    names = official_territories().regions
    region = st.selectbox(
        t("directory.region", lang),
        regions,
        format_func=lambda code: f"{names.get(code, code)} ({code})",
        key=f"{PREFIX}region",
        on_change=_forget_row,
    )
    try:
        rows = ctx.repository.region_directory(region)
    except DiagnosticError as error:
        st.error(t("directory.unreadable", lang, reason=escape_markdown(error.message(lang))))
        return
    if rows:
        rows_table(ctx.referentiel, rows, lang)
    else:
        st.info(t("directory.empty", lang))
    chosen = _row_choice(rows, region, lang)
    _edit_form(ctx, actor, region, lang)
    if chosen is not None and chosen.origin != "shipped":
        _revert_button(ctx, actor, chosen, lang)


def _key(row: DirectoryRow) -> str:
    contact = row.contact
    return f"{contact.departement or ''}|{contact.provider}"


def _row_choice(rows: tuple[DirectoryRow, ...], region: str, lang: str) -> DirectoryRow | None:
    """The row to edit (or a new one), its fields put in the form when the choice changes."""
    by_key = {_key(row): row for row in rows}
    labels = {NEW: t("directory.new_row", lang)}
    for key, each in by_key.items():
        place = each.contact.departement or t("directory.whole_region", lang)
        labels[key] = f"{each.contact.name} — {each.contact.provider}, {place}"
    if NEXT_ROW in st.session_state:
        st.session_state[f"{PREFIX}row"] = st.session_state.pop(NEXT_ROW)
    if st.session_state.get(f"{PREFIX}row") not in labels:
        st.session_state[f"{PREFIX}row"] = NEW
    choice = st.selectbox(
        t("directory.pick", lang),
        list(labels),
        format_func=labels.__getitem__,
        key=f"{PREFIX}row",
    )
    row = by_key.get(choice)
    shown = (choice, region)
    if st.session_state.get(f"{PREFIX}shown") != shown:
        st.session_state[f"{PREFIX}shown"] = shown
        blank = RowInput(region, "", "", "", "", "", "")
        _fill(as_input(row.contact) if row else blank)
    return row


def _fill(raw: RowInput) -> None:
    """Put a row's fields in the form's widgets, and forget the last problems."""
    for field in FIELDS:
        st.session_state[f"{PREFIX}{field}"] = getattr(raw, field)
    st.session_state.pop(PROBLEMS, None)


def _forget_row() -> None:
    st.session_state[f"{PREFIX}row"] = NEW


def _edit_form(ctx: state.Context, actor: Actor, region: str, lang: str) -> None:
    """The row's fields; on save, checked all at once: saved, or every problem by its field."""
    providers = [str(provider.id) for provider in ctx.referentiel.providers]
    provider_names = {str(p.id): p.name.get(lang) for p in ctx.referentiel.providers}
    problems: dict[str, str] = st.session_state.get(PROBLEMS, {})
    with st.form(f"{PREFIX}form"):
        st.subheader(t("directory.form.title", lang))
        st.text_input(
            t("directory.col.departement", lang),
            key=f"{PREFIX}departement",
            help=t("directory.form.departement_help", lang),
        )
        _problem(problems, "departement")
        st.selectbox(
            t("directory.col.provider", lang),
            ["", *providers],
            format_func=lambda code: provider_names.get(code, code),
            key=f"{PREFIX}provider",
        )
        _problem(problems, "provider")
        for field in ("name", "website", "source"):
            st.text_input(t(f"directory.col.{field}", lang), key=f"{PREFIX}{field}")
            _problem(problems, field)
        st.text_input(
            t("directory.col.checked", lang),
            key=f"{PREFIX}checked",
            help=t("directory.form.checked_help", lang),
            placeholder="2026-11-30",
        )
        _problem(problems, "checked")
        saved = st.form_submit_button(
            t("directory.save", lang), type="primary", key=f"{PREFIX}save"
        )
    if problems:
        st.error(t("directory.not_saved", lang))
    if saved:
        _save(ctx, actor, region, providers, lang)


def _problem(problems: dict[str, str], field: str) -> None:
    if field in problems:
        st.error(escape_markdown(problems[field]), icon=":material/error:")


def _save(ctx: state.Context, actor: Actor, region: str, providers: list[str], lang: str) -> None:
    """Check the typed row; save it and say so, or keep every problem for the form."""
    raw = RowInput(region, *(str(st.session_state.get(f"{PREFIX}{f}") or "") for f in FIELDS))
    departements = [
        code
        for code, (_name, in_region) in official_territories().departements.items()
        if in_region == region
    ]
    found = check_row(raw, providers, departements, dt.date.today(), lang)
    if found.contact is None:
        st.session_state[PROBLEMS] = found.problems  # drawn under each field by the rerun
        st.rerun()
    try:
        ctx.repository.save_directory_row(actor, found.contact)
    except DiagnosticError as error:
        st.error(escape_markdown(error.message(lang)))
        return
    _after_change(found.contact, t("directory.saved", lang))


def _after_change(contact: Contact | None, message: str) -> None:
    """Show the message after the rerun, with the saved row chosen (or a new one)."""
    st.session_state[FLASH] = message
    st.session_state.pop(PROBLEMS, None)
    st.session_state[f"{PREFIX}shown"] = None
    chosen = f"{contact.departement or ''}|{contact.provider}" if contact else NEW
    st.session_state[NEXT_ROW] = chosen  # the row widget takes it before it is drawn
    st.rerun()


def _revert_button(ctx: state.Context, actor: Actor, row: DirectoryRow, lang: str) -> None:
    """« Revert to the shipped row » for an edit, « Delete the added row » for an addition."""
    label = t("directory.revert" if row.origin == "edited" else "directory.remove", lang)
    if row.edit is not None:
        when = format_date(row.edit.edited_at.date(), lang)
        st.caption(t("directory.by", lang, who=escape_markdown(row.edit.edited_by), date=when))
    if not st.button(label, key=f"{PREFIX}revert"):
        return
    contact = row.contact
    try:
        ctx.repository.remove_directory_edit(
            actor, contact.region, contact.departement, contact.provider
        )
    except DiagnosticError as error:
        st.error(escape_markdown(error.message(lang)))
        return
    done = "directory.reverted" if row.origin == "edited" else "directory.removed"
    _after_change(contact if row.origin == "edited" else None, t(done, lang))
