"""The access log as a CSV file for French Excel: who did what, about which territory, when."""

from __future__ import annotations

from collections.abc import Sequence

from ..accounts import ACTIONS, AccessEntry
from ..i18n import t
from .csvfmt import to_french_csv_bytes

COLUMNS = ("at", "actor", "action", "territory", "detail")


def access_log_csv(entries: Sequence[AccessEntry], lang: str = "fr") -> bytes:
    """The entries in the order given, one per row; dates in UTC, actions in words."""
    header = [t(f"accounts.log.col.{column}", lang) for column in COLUMNS]
    rows = [
        (
            entry.at.strftime("%Y-%m-%d %H:%M:%S" if lang == "en" else "%d/%m/%Y %H:%M:%S"),
            entry.actor,
            t(f"accounts.action.{entry.action}", lang) if entry.action in ACTIONS else entry.action,
            entry.territory or "",
            entry.detail,
        )
        for entry in entries
    ]
    return to_french_csv_bytes(header, rows)
