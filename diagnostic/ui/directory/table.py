"""The région's directory rows as a table: shipped, edited or added, with who edited them."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from ...i18n import t
from ...model import Referentiel
from ...territory.directory_edits import DirectoryRow
from ...typography import format_date

COLUMNS = ("departement", "provider", "name", "website", "source", "checked", "origin")


def rows_table(referentiel: Referentiel, rows: Sequence[DirectoryRow], lang: str) -> None:
    """One line per row, its origin in words (and by whom and when for an edit)."""
    names = {str(provider.id): provider.name.get(lang) for provider in referentiel.providers}
    whole = t("directory.whole_region", lang)
    lines = []
    for row in rows:
        contact = row.contact
        origin = t(f"directory.origin.{row.origin}", lang)
        if row.edit is not None:
            when = format_date(row.edit.edited_at.date(), lang)
            origin += " " + t("directory.by", lang, who=row.edit.edited_by, date=when)
        lines.append(
            (
                contact.departement or whole,
                names.get(contact.provider, contact.provider),
                contact.name,
                contact.website,
                contact.source,
                format_date(contact.checked, lang),
                origin,
            )
        )
    frame = pd.DataFrame(lines, columns=[t(f"directory.col.{key}", lang) for key in COLUMNS])
    with st.container(key="directory-rows"):
        st.dataframe(frame, hide_index=True)
