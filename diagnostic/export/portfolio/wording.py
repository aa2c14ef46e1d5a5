"""The portfolio's cells in words, shared by the page and the files."""

from __future__ import annotations

import datetime as dt

from ...i18n import t
from ...model import STATUSES, Referentiel
from ...portfolio.readings import LeverNeed
from ...portfolio.table import PortfolioRow
from ..plan.wording import quarter_text

LEVER_COLUMNS = 3
Cell = str | int | float | dt.date | None


def lever_need_text(referentiel: Referentiel, need: LeverNeed, lang: str) -> str:
    """« Sensibilisation (fort) »."""
    label = referentiel.lever(need.lever).label.get(lang)
    return t("portfolio.lever_need", lang, lever=label, need=t(f"need.{need.need}", lang))


def months_between(earlier: dt.date, later: dt.date) -> int:
    """Whole months from ``earlier`` to ``later``."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    return months - (later.day < earlier.day)


def table_header(lang: str) -> list[str]:
    """The portfolio table's column names."""
    return [
        t("portfolio.col.name", lang),
        t("portfolio.col.type", lang),
        t("portfolio.col.departement", lang),
        t("portfolio.col.population", lang),
        t("portfolio.col.last_day", lang),
        t("portfolio.col.age", lang),
        t("portfolio.col.mode", lang),
        t("portfolio.col.workshops", lang),
        *[t("portfolio.col.lever", lang, n=n) for n in range(1, LEVER_COLUMNS + 1)],
        *[t(f"portfolio.col.status.{s}", lang) for s in STATUSES],
        t("portfolio.col.next_quarter", lang),
        t("portfolio.col.late", lang),
        t("portfolio.col.figures", lang),
    ]


def table_row(referentiel: Referentiel, row: PortfolioRow, today: dt.date, lang: str) -> list[Cell]:
    """One territory as the table's cells: text, whole numbers and dates."""
    levers = [lever_need_text(referentiel, need, lang) for need in row.levers]
    levers += [""] * (LEVER_COLUMNS - len(levers))
    facts = row.facts
    return [
        facts.name,
        t(f"territory.{facts.type}", lang),
        facts.departement,
        facts.population,
        row.last_day,
        months_between(row.last_day, today) if row.last_day else None,
        t(f"portfolio.mode.{row.mode}", lang) if row.mode else t("portfolio.never", lang),
        row.workshops,
        *levers[:LEVER_COLUMNS],
        *[row.plan.counts.get(status, 0) for status in STATUSES],
        quarter_text(row.plan.next_quarter, lang) if row.plan.next_quarter else "",
        row.plan.late,
        t("portfolio.yes" if row.figures else "portfolio.no", lang),
    ]
