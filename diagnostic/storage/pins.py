"""Pinning a diagnostic to « Mes diagnostics et ateliers », where pinned ones come first."""

from __future__ import annotations

from sqlalchemy import Engine, delete, select
from sqlalchemy.dialects import postgresql, sqlite

from . import queries
from .checks import check_token
from .engine import reading, writing
from .tables import diagnostics, pins


class PinMethods:
    """Pin and unpin single diagnostics (by token); pins go when the diagnostic goes."""

    _engine: Engine

    def pin_diagnostic(self, token: str) -> None:
        """Pin a diagnostic; pinning it again changes nothing. NotFoundError if unknown."""
        token = check_token(token)
        with writing(self._engine) as connection:
            row = queries.find_diagnostic(connection, token)
            dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
            insert = dialect.insert(pins).values(diagnostic_id=row.id, pinned_at=queries.utcnow())
            connection.execute(insert.on_conflict_do_nothing(index_elements=[pins.c.diagnostic_id]))

    def unpin_diagnostic(self, token: str) -> None:
        """Take a diagnostic off the pinned ones (nothing happens if it was not pinned)."""
        token = check_token(token)
        mine = select(diagnostics.c.id).where(diagnostics.c.token == token)
        with writing(self._engine) as connection:
            queries.find_diagnostic(connection, token)
            connection.execute(delete(pins).where(pins.c.diagnostic_id.in_(mine)))

    def is_pinned(self, token: str) -> bool:
        """Whether a diagnostic is pinned (False for an unknown token)."""
        token = check_token(token)
        found = (
            select(pins.c.diagnostic_id)
            .join(diagnostics, diagnostics.c.id == pins.c.diagnostic_id)
            .where(diagnostics.c.token == token)
        )
        with reading(self._engine) as connection:
            return connection.scalar(found) is not None
