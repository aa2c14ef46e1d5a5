"""Alembic environment: runs on the connection given by migrate.upgrade, or on the settings' URL."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from diagnostic.settings import Settings
from diagnostic.storage.engine import create_engine_for
from diagnostic.storage.tables import metadata


def _run(connection: Connection) -> None:
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


connection = context.config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    # Command line use: alembic -c diagnostic/storage/alembic.ini upgrade head
    engine = create_engine_for(Settings.from_env().database_url)
    with engine.connect() as fresh:
        _run(fresh)
        fresh.commit()
    engine.dispose()
