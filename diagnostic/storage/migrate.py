"""Bring a database schema to the latest revision with alembic, safely and idempotently."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import Connection, Engine, text

from ..errors import StorageError
from .engine import open_error, writing

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# Any fixed number: PostgreSQL serialises concurrent upgrades on this advisory lock.
_PG_LOCK_KEY = 0x_D1A6_E55


def alembic_config(script_location: Path = MIGRATIONS) -> Config:
    """An alembic configuration built in code: no alembic.ini needed at run time."""
    config = Config()
    config.set_main_option("script_location", str(script_location).replace("%", "%%"))
    return config


def head_revision(script_location: Path = MIGRATIONS) -> str | None:
    """The latest revision the migration scripts know."""
    return ScriptDirectory.from_config(alembic_config(script_location)).get_current_head()


def current_revision(connection: Connection) -> str | None:
    """The revision the database is at, None for an empty database."""
    return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine, script_location: Path = MIGRATIONS) -> None:
    """Upgrade to head in one transaction that concurrent openers wait for, then skip."""
    config = alembic_config(script_location)
    with writing(engine, open_error(engine.url)) as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK_KEY})
        config.attributes["connection"] = connection
        try:
            command.upgrade(config, "head")
        except CommandError as error:
            raise _newer_schema(current_revision(connection)) from error


def _newer_schema(revision: str | None) -> StorageError:
    return StorageError(
        f"La base de données est à la révision « {revision} », inconnue de cette version de "
        "l’outil : elle a sans doute été mise à jour par une version plus récente. "
        "Installez la dernière version.",
        f"The database is at revision '{revision}', unknown to this version of the tool: "
        "a newer version probably upgraded it. Install the latest version.",
    )
