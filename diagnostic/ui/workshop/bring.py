"""Bringing a single diagnostic into a workshop: the same instrument, alone then together.

Its resume link (or token) or its answers file replaces the participant's answers and
comments; the participant keeps their role. On any problem a plain message says so and
nothing changes. Widget keys: ``atelier-bring-link``, ``atelier-bring-go``,
``atelier-bring-file``.
"""

from __future__ import annotations

import streamlit as st

from ...errors import DiagnosticError, NotFoundError
from ...export.jsonio import from_json
from ...i18n import t
from .. import state
from ..files import uploaded_json
from ..literal import escape_markdown
from ..wording import tn
from .participation import Participation
from .session import PARTICIPANT_PREFIX, pasted_participant_link, token_in

LINK, GO, FILE = (f"{PARTICIPANT_PREFIX}bring-{name}" for name in ("link", "go", "file"))
FILE_RESULT = f"{FILE}-result"  # (file id, kind, message) of the last file read


def render(participation: Participation) -> None:
    """The bring-in box: a resume link, or an answers file."""
    lang = participation.ctx.lang
    with st.expander(t("atelier.bring.title", lang), icon=":material/input:"):
        st.markdown(t("atelier.bring.intro", lang))
        if participation.workshop.motivations:
            st.caption(t("atelier.bring.subset", lang))
        st.text_input(
            t("atelier.bring.link", lang),
            placeholder=t("atelier.bring.link_placeholder", lang),
            key=LINK,
        )
        if st.button(t("atelier.bring.link_button", lang), key=GO):
            from_link(participation)
        from_file(participation)


def from_link(participation: Participation) -> None:
    """Bring in the diagnostic behind a pasted resume link, or say why not."""
    ctx, lang = participation.ctx, participation.ctx.lang
    text = str(st.session_state.get(LINK) or "")
    if not text.strip():
        st.error(t("atelier.bring.empty", lang))
        return
    if pasted_participant_link(text):
        st.error(t("atelier.bring.participant_link", lang))
        return
    token = token_in(text)
    try:
        record = ctx.repository.get_diagnostic(token)
    except NotFoundError:
        st.error(t("atelier.bring.bad_link", lang))
        return
    if record.workshop_code is not None:
        st.error(t("atelier.bring.participant_link", lang))
        return
    try:
        count = participation.bring(ctx.repository.load_sheet(record.token))
    except DiagnosticError as error:
        st.error(escape_markdown(t("atelier.bring.failed", lang, reason=error.message(lang))))
        return
    done(tn("atelier.bring.done", count, lang))


def from_file(participation: Participation) -> None:
    """Bring in an answers file once; a bad file gets a plain message and changes nothing.

    Read in the page's run, like files.answers_upload, whose count of the file's answers
    would overstate what a workshop on some motivations keeps.
    """
    lang = participation.ctx.lang
    upload = st.file_uploader(t("atelier.bring.file", lang), key=FILE)
    if upload is None:
        return
    result = st.session_state.get(FILE_RESULT)
    if result is not None and result[0] == upload.file_id:
        if result[1] == "error":
            st.error(escape_markdown(result[2]))
        return
    try:
        # Read against the whole référentiel: a file may answer questions this workshop's
        # territory is not asked, which bring() leaves out.
        whole = state.context().referentiel
        count = participation.bring(from_json(uploaded_json(upload, lang), whole))
    except DiagnosticError as error:
        message = t("atelier.bring.failed", lang, reason=error.message(lang))
        st.session_state[FILE_RESULT] = (upload.file_id, "error", message)
        st.error(escape_markdown(message))
        return
    st.session_state[FILE_RESULT] = (upload.file_id, "success", "")
    done(tn("atelier.bring.done", count, lang))


def done(message: str) -> None:
    """Show the brought-in answers: fresh widgets, a message on the next run."""
    state.forget_widgets((f"{PARTICIPANT_PREFIX}answer-", f"{PARTICIPANT_PREFIX}comment-"))
    state.flash("success", message)
    st.rerun()
