"""The portfolio table on screen, with a link to each territory's space, and the downloads."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Sequence

import pandas as pd
import streamlit as st

from ...export.portfolio.synthesis import Heading, synthesis_pdf, synthesis_xlsx
from ...export.portfolio.table import portfolio_xlsx
from ...export.portfolio.wording import table_header, table_row
from ...i18n import t
from ...model import Referentiel
from ...portfolio.synthesis import Synthesis
from ...portfolio.table import PortfolioRow

SPACE_PAGE = "territoire"
SPACE_PARAM = "t"  # the territory space's parameter (ui.space.opening)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def space_link(key: str) -> str:
    """The address of a territory's space, relative to the app."""
    return f"{SPACE_PAGE}?{SPACE_PARAM}={key}"


def table_frame(
    referentiel: Referentiel, rows: Sequence[PortfolioRow], today: dt.date, lang: str
) -> pd.DataFrame:
    """The rows as the table shows them, with the link to each territory's space last."""
    header = table_header(lang)
    frame = pd.DataFrame([table_row(referentiel, row, today, lang) for row in rows], columns=header)
    frame[t("portfolio.col.space", lang)] = [space_link(row.key) for row in rows]
    return frame


def table_view(frame: pd.DataFrame, lang: str) -> None:
    """The table: sortable columns, numbers and dates typed, a link to open each territory."""
    config = {
        t("portfolio.col.name", lang): st.column_config.TextColumn(pinned=True),
        t("portfolio.col.population", lang): st.column_config.NumberColumn(format="localized"),
        t("portfolio.col.last_day", lang): st.column_config.DateColumn(
            format="DD/MM/YYYY" if lang == "fr" else "YYYY-MM-DD"
        ),
        t("portfolio.col.space", lang): st.column_config.LinkColumn(
            display_text=re.escape(t("portfolio.col.open", lang))
        ),
    }
    st.dataframe(frame, column_config=config, hide_index=True, key="portfolio-table")


def downloads(
    referentiel: Referentiel,
    rows: Sequence[PortfolioRow],
    synthesis: Callable[[], Synthesis],
    heading: Heading,
    lang: str,
) -> None:
    """The filtered table and the synthesis, each file (and the synthesis) made only when its
    button is pressed."""
    st.subheader(t("portfolio.download.title", lang))
    st.caption(t("portfolio.download.help", lang))
    stem = f"{t('synthesis.title', lang).lower().replace(' ', '-')}-{heading.day.isoformat()}"
    first, second, third = st.columns(3)
    first.download_button(
        t("portfolio.download.table", lang),
        data=lambda: portfolio_xlsx(referentiel, rows, heading.day, lang),
        file_name=f"portefeuille-{heading.day.isoformat()}.xlsx",
        mime=XLSX,
        key="portfolio-download-table",
        on_click="ignore",
        icon=":material/download:",
    )
    second.download_button(
        t("portfolio.download.synthesis_pdf", lang),
        data=lambda: synthesis_pdf(referentiel, synthesis(), heading, lang),
        file_name=f"{_ascii(stem)}.pdf",
        mime="application/pdf",
        key="portfolio-download-pdf",
        on_click="ignore",
        icon=":material/download:",
    )
    third.download_button(
        t("portfolio.download.synthesis_xlsx", lang),
        data=lambda: synthesis_xlsx(referentiel, synthesis(), heading, lang),
        file_name=f"{_ascii(stem)}.xlsx",
        mime=XLSX,
        key="portfolio-download-xlsx",
        on_click="ignore",
        icon=":material/download:",
    )


def _ascii(text: str) -> str:
    """« synthèse-régionale » -> ``synthese-regionale``."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
