"""An answers file loaded over the open diagnostic: say what it holds and what it replaces, ask.

Nothing is saved until the user confirms. A file of the same territory replaces the open
diagnostic's answers; another territory's file opens as a new diagnostic, with its own
resume link, and the open one stays as it was. Widget keys: ``<key>`` (the uploader),
``<key>-confirm`` and ``<key>-cancel``.
"""

from __future__ import annotations

import streamlit as st

from ..errors import DiagnosticError
from ..export.jsonio import from_json
from ..i18n import t
from ..model import AnswerSheet
from ..plan.compare import same_territory
from ..typography import format_date
from . import memo, state
from .files import RESULT_SUFFIX, LoadSheet, show_result, uploaded_json
from .literal import escape_markdown
from .wording import tn

READ_SUFFIX = "-read"  # (file id, the sheet it holds): read once, kept until answered


def confirmed_upload(
    ctx: state.Context, current: AnswerSheet, replace: LoadSheet, key: str, label: str
) -> bool:
    """The uploader, then the file's check and the question; True on the run that changed data.

    The caller reruns on True, so that the page shows the new answers or the new diagnostic.
    """
    lang = ctx.lang
    upload = st.file_uploader(label, key=key)
    if upload is None:
        st.session_state.pop(key + READ_SUFFIX, None)
        return False
    result = st.session_state.get(key + RESULT_SUFFIX)
    if result is not None and result[0] == upload.file_id:
        show_result(result[1], result[2])
        return False
    read = st.session_state.get(key + READ_SUFFIX)
    if read is None or read[0] != upload.file_id:
        try:
            read = (upload.file_id, from_json(uploaded_json(upload, lang), ctx.referentiel))
        except DiagnosticError as error:
            reason = error.message(lang)
            _answer(key, upload.file_id, "error", t("app.files.import_failed", lang, reason=reason))
            return False
        st.session_state[key + READ_SUFFIX] = read
    return _ask(ctx, current, read[1], replace, key, upload.file_id)


def _ask(
    ctx: state.Context,
    current: AnswerSheet,
    sheet: AnswerSheet,
    replace: LoadSheet,
    key: str,
    file_id: str,
) -> bool:
    lang = ctx.lang
    another = state.saved_profile(current) is not None and not same_territory(
        current.territory, sheet.territory
    )
    with st.container(border=True):
        st.markdown(t("app.files.check.holds", lang) + "\n\n" + file_lines(sheet, lang))
        what = "app.files.check.other" if another else "app.files.check.replaces"
        st.markdown(t(what, lang, open=open_words(current, lang)))
        with st.container(horizontal=True):
            confirm = st.button(
                t("app.files.check.open_new" if another else "app.files.check.replace", lang),
                key=f"{key}-confirm",
                type="primary",
            )
            cancel = st.button(t("app.files.check.cancel", lang), key=f"{key}-cancel")
    if cancel:
        _answer(key, file_id, "info", t("app.files.check.cancelled", lang))
        st.rerun()
    if not confirm:
        return False
    old_token = ctx.token
    try:
        if another:
            open_new(ctx, sheet)
        else:
            replace(sheet)
    except DiagnosticError as error:
        reason = error.message(lang)
        _answer(key, file_id, "error", t("app.files.import_failed", lang, reason=reason))
        return False
    if another and old_token is not None:
        link = state.resume_link(ctx, old_token)
        message = t("app.files.check.opened", lang, name=current.territory.name, link=link)
        state.flash("info", message)
    _answer(key, file_id, "success", tn("app.files.imported", len(sheet.answers), lang))
    return True


def file_lines(sheet: AnswerSheet, lang: str) -> str:
    """The file's territory, date, number of answers and référentiel version, as a list."""
    unsaid = t("app.files.check.unsaid", lang)
    day = sheet.territory.date
    lines = (
        t("app.files.check.territory", lang, name=escape_markdown(sheet.territory.name)),
        t("app.files.check.date", lang, date=format_date(day, lang) if day else unsaid),
        tn("app.files.check.answers", len(sheet.answers), lang),
        t("app.files.check.version", lang, version=sheet.referentiel_version or unsaid),
    )
    return "\n".join(f"- {line}" for line in lines)


def open_words(sheet: AnswerSheet, lang: str) -> str:
    """The open diagnostic in a few words: its territory (if named) and its answer count."""
    count = tn("app.files.check.answers", len(sheet.answers), lang)
    if state.saved_profile(sheet) is None:
        return t("app.files.check.open_unnamed", lang, answers=count)
    name = escape_markdown(sheet.territory.name)
    return t("app.files.check.open_named", lang, name=name, answers=count)


def open_new(ctx: state.Context, sheet: AnswerSheet) -> None:
    """Start a new diagnostic holding the file's answers; nothing is left if saving fails."""
    record = ctx.repository.create_diagnostic(referentiel_version=ctx.referentiel.version)
    try:
        ctx.repository.replace_sheet(record.token, sheet)
    except BaseException:
        ctx.repository.delete_diagnostic(record.token)
        raise
    memo.forget()
    state.open_diagnostic(record.token, len(state.steps(ctx.referentiel)) - 1)


def _answer(key: str, file_id: str, kind: str, message: str) -> None:
    """Remember how this file was answered, and say it: once only, whatever the reruns."""
    st.session_state[key + RESULT_SUFFIX] = (file_id, kind, message)
    st.session_state.pop(key + READ_SUFFIX, None)
    show_result(kind, message)
