"""Persistence: diagnostics and workshops in SQLite (default) or PostgreSQL.

``open_repository(settings.database_url)`` upgrades the schema and returns a Repository.
"""

from __future__ import annotations

from .checks import CODE_ALPHABET, PSEUDONYM_MAX, normalise_code
from .records import (
    EMPTY_PROFILE,
    DiagnosticRecord,
    ParticipantSheet,
    WorkshopRecord,
    WorkshopStatus,
)
from .repository import Repository, close_repositories, open_repository

__all__ = [
    "CODE_ALPHABET",
    "EMPTY_PROFILE",
    "PSEUDONYM_MAX",
    "DiagnosticRecord",
    "ParticipantSheet",
    "Repository",
    "WorkshopRecord",
    "WorkshopStatus",
    "close_repositories",
    "normalise_code",
    "open_repository",
]
