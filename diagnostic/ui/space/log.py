"""« Journal des accès » on a territory's space: its lines (who, what, when) for its members
and the administrator, never for an adviser, and the whole of it as a French-Excel CSV.

The rules are the storage's (``view_access_log``, ``export_access_log``): a member's reading
is not logged, the administrator's is. Widget keys: ``space-log`` and ``space-log-download``.
"""

from __future__ import annotations

import streamlit as st

from ...errors import DiagnosticError
from ...export.access_log import access_log_csv
from ...i18n import t
from ..admin import CSV, LOG_SHOWN, log_rows
from ..literal import escape_markdown
from ..state import Context
from .allowed import allowed_actor


def log_file_name(key: str, lang: str) -> str:
    """``journal-des-acces-<SIREN>.csv`` (``access-log-<SIREN>.csv`` in English)."""
    return f"access-log-{key}.csv" if lang == "en" else f"journal-des-acces-{key}.csv"


def log_section(ctx: Context, key: str) -> None:
    """The territory's latest log lines, newest first, and the CSV of them all."""
    who = allowed_actor(ctx, "view_access_log", key)
    if who is None:
        return
    lang = ctx.lang
    st.header(t("space.log.title", lang))
    try:
        entries = ctx.repository.access_log(who, key)
    except DiagnosticError as error:
        st.error(escape_markdown(error.message(lang)))
        return
    st.caption(t("space.log.help", lang, count=LOG_SHOWN))
    if not entries:
        st.info(t("space.log.empty", lang))
        return
    st.dataframe(
        log_rows(entries[:LOG_SHOWN], lang), hide_index=True, width="stretch", key="space-log"
    )
    st.download_button(
        t("space.log.download", lang),
        data=lambda: access_log_csv(ctx.repository.export_access_log(who, key), lang),
        file_name=log_file_name(key, lang),
        mime=CSV,
        key="space-log-download",
        on_click="ignore",
        icon=":material/download:",
    )
