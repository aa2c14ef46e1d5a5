"""The région's edited directory rows, read once per run for « Qui appeler »."""

from __future__ import annotations

import streamlit as st

from ...errors import DiagnosticError
from ...i18n import t
from ...territory.contacts import Contact
from ...territory.official import official_territories
from ..state import Context


def region_edits(ctx: Context, departement: str | None) -> tuple[Contact, ...]:
    """The rows the advisers of the département's région edited in the app; none if unread."""
    try:
        region = official_territories().region_of(departement)
        if region is None:
            return ()
        return tuple(edit.contact for edit in ctx.repository.directory_edits(region))
    except DiagnosticError as error:
        st.warning(t("directory.unreadable", ctx.lang, reason=error.message(ctx.lang)))
        return ()
