"""« Rattacher un diagnostic »: a member (or the administrator) brings a diagnostic saved
without an account into the territory's space, by its resume link or from its answers file;
and, on the results page, « Rattacher à l’espace de … » for the diagnostic opened by its link.

Every check is the storage's (``storage.spaces``): a refusal says why in one message and
writes nothing. Widget keys: ``space-attach-link``, ``space-attach-go``,
``space-attach-file``, ``space-attached`` (the table); ``space-attach-here`` on the results.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pandas as pd
import streamlit as st

from ...accounts import Identity
from ...errors import DiagnosticError
from ...export.jsonio import from_json
from ...i18n import t
from ...model import AnswerSheet
from ...typography import format_date
from .. import state
from ..files import RESULT_SUFFIX, show_result, uploaded_json
from ..literal import escape_markdown
from ..wording import tn
from .allowed import allowed_actor

TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{16,64}")
LINK_KEY, GO_KEY, FILE_KEY = "space-attach-link", "space-attach-go", "space-attach-file"
HERE_KEY = "space-attach-here"


def token_in(text: str) -> str | None:
    """The token a pasted resume link (``…/diagnostic?d=<token>``) or a bare token holds."""
    text = text.strip()
    if "?" in text or "/" in text:
        found = parse_qs(urlsplit(text).query).get(state.TOKEN_PARAM, [])
        text = found[0].strip() if len(found) == 1 else ""
    return text if TOKEN_SHAPE.fullmatch(text) else None


def attach_section(ctx: state.Context, key: str) -> None:
    """The link field and the file uploader, then what the space holds by attachment."""
    who = allowed_actor(ctx, "attach_diagnostic", key)
    if who is None:
        return
    lang = ctx.lang
    st.header(t("space.attach.title", lang))
    st.markdown(t("space.attach.intro", lang))
    by_link(ctx, who, key)
    if by_file(ctx, who, key):
        st.rerun()
    attached_table(ctx, who, key)


def by_link(ctx: state.Context, who: Identity, key: str) -> None:
    """Attach the diagnostic behind a pasted resume link or token."""
    lang = ctx.lang
    text = st.text_input(t("space.attach.link", lang), key=LINK_KEY)
    if not st.button(t("space.attach.go", lang), key=GO_KEY, type="primary"):
        return
    token = token_in(text)
    if token is None:
        shown = escape_markdown(text.strip()[:80])
        st.error(t("space.attach.not_link" if shown else "space.attach.no_link", lang, text=shown))
        return
    try:
        added = ctx.repository.attach_diagnostic(who, token, key)
    except DiagnosticError as error:
        st.error(escape_markdown(error.message(lang)))
        return
    st.success(t("space.attach.done" if added else "space.attach.already", lang))


def by_file(ctx: state.Context, who: Identity, key: str) -> bool:
    """Save an answers file of this territory as a new diagnostic of the space, once per file;
    True on the run that saved it (the caller reruns to list it)."""
    lang = ctx.lang
    upload = st.file_uploader(t("space.attach.file", lang), key=FILE_KEY)
    if upload is None:
        return False
    result = st.session_state.get(FILE_KEY + RESULT_SUFFIX)
    if result is not None and result[0] == upload.file_id:
        show_result(result[1], result[2])
        return False
    try:
        sheet = from_json(uploaded_json(upload, lang), ctx.referentiel)
        ctx.repository.import_diagnostic(who, sheet, key)
    except DiagnosticError as error:
        kind, message = "error", t("app.files.import_failed", lang, reason=error.message(lang))
        saved = False
    else:
        kind, message = "success", imported_words(sheet, lang)
        saved = True
    st.session_state[FILE_KEY + RESULT_SUFFIX] = (upload.file_id, kind, message)
    if not saved:
        show_result(kind, message)
    return saved


def imported_words(sheet: AnswerSheet, lang: str) -> str:
    """What a saved file became: its answers, and its place in the space."""
    return tn("app.files.imported", len(sheet.answers), lang) + " " + t("space.attach.filed", lang)


def attached_table(ctx: state.Context, who: Identity, key: str) -> None:
    """The diagnostics attached to the space: when made, by whom, when attached."""
    lang = ctx.lang
    try:
        items = [i for i in ctx.repository.territory_items(who, key) if i.kind == "diagnostic"]
    except DiagnosticError as error:
        st.error(escape_markdown(error.message(lang)))
        return
    if not items:
        st.caption(t("space.attach.none", lang))
        return
    columns = ("started", "by", "on")
    rows = [
        (
            format_date(i.created_at.date(), lang),
            i.attached_by,
            format_date(i.attached_at.date(), lang),
        )
        for i in items
    ]
    headers = [t(f"space.attach.col.{name}", lang) for name in columns]
    table = pd.DataFrame(rows, columns=headers)
    st.dataframe(table, hide_index=True, key="space-attached")


def attach_offer(ctx: state.Context, sheet: AnswerSheet) -> None:
    """On the results of a diagnostic opened by its link: « Rattacher à l’espace de … » for
    a signed-in member of its territory while no space holds it; a note once it is there."""
    profile = state.saved_profile(sheet)
    token = ctx.token
    if profile is None or not profile.siren or token is None:
        return
    who = allowed_actor(ctx, "attach_diagnostic", profile.siren)
    if who is None:
        return
    lang, name = ctx.lang, escape_markdown(profile.name)
    try:
        holder = ctx.repository.attachment_of(token)
    except DiagnosticError:
        return
    if holder == profile.siren:
        st.caption(t("space.attach.in_space", lang, name=name))
        return
    if holder is not None:
        return
    if not st.button(t("space.attach.here", lang, name=name), key=HERE_KEY):
        return
    try:
        ctx.repository.attach_diagnostic(who, token, profile.siren)
    except DiagnosticError as error:
        st.error(escape_markdown(error.message(lang)))
        return
    st.success(t("space.attach.here_done", lang, name=name))
