"""Back up and restore an SQLite database while the server runs (SQLite's online backup).

A backup is one consistent picture of the base, taken at the moment it starts: writers
go on meanwhile, and what they save afterwards is not in it. A restore checks the file is
one of the tool's bases, brings an older schema up to date on a copy, then copies it over
the live base in one step. PostgreSQL has its own tools (``docs/deploiement.md``).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from alembic.script import ScriptDirectory
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from ..errors import StorageError
from .engine import SQLITE_BUSY_TIMEOUT_MS, create_engine_for, open_error, reading
from .migrate import alembic_config, current_revision, upgrade
from .tables import answers, diagnostics, workshops

SQLITE_HEADER = b"SQLite format 3\x00"
# The tables every base of the tool has had since its first revision.
TOOL_TABLES = ("alembic_version", "diagnostics", "answers", "workshops")


@dataclass(frozen=True)
class Summary:
    """What a backup or a restored base holds."""

    revision: str
    diagnostics: int
    answers: int
    workshops: int
    size: int | None


def sqlite_path(url: str) -> Path:
    """The file of an SQLite database URL; a plain error for PostgreSQL or a memory base."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        raise StorageError(
            "La sauvegarde intégrée ne vaut que pour SQLite : pour PostgreSQL, utilisez "
            "pg_dump et pg_restore (voir docs/deploiement.md), puis diagnostic-ess db check.",
            "The built-in backup is for SQLite only: for PostgreSQL, use pg_dump and "
            "pg_restore (see docs/deploiement.md), then diagnostic-ess db check.",
        )
    database = parsed.database or ""
    if database in ("", ":memory:") or database.startswith("file:"):
        raise StorageError(
            "La base est en mémoire : il n’y a rien à sauvegarder ni à restaurer.",
            "The database is in memory: there is nothing to back up or restore.",
        )
    return Path(database)


def backup(url: str, destination: Path) -> Summary:
    """Copy the live base into ``destination`` (replaced only once the copy is complete)."""
    source = sqlite_path(url)
    if not source.is_file():
        raise open_error(url)
    if destination.resolve() in {Path(f"{source.resolve()}{end}") for end in ("", "-wal", "-shm")}:
        raise StorageError(
            f"{destination} est la base en service elle-même : choisissez un autre fichier "
            "pour la sauvegarde.",
            f"{destination} is the live database itself: choose another file for the backup.",
        )
    with _connect(source) as live, _beside(destination) as temporary:
        _check_tool_base(live, source)
        with _connect(temporary) as copy:
            live.backup(copy)  # one step: a consistent picture, writers carry on meanwhile
            copy.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
            summary = _summary(copy, temporary)
        temporary.replace(destination)
    return summary


def restore(url: str, backup_file: Path) -> Summary:
    """Put ``backup_file`` back as the live base, its schema brought up to date."""
    target = sqlite_path(url)
    _check_backup_file(backup_file)
    with _connect(backup_file, readonly=True) as saved:
        _check_tool_base(saved, backup_file)
        _check_not_newer(saved, backup_file)
        with tempfile.TemporaryDirectory() as folder:
            copy_path = Path(folder) / "restored.sqlite3"
            with _connect(copy_path) as copy:
                saved.backup(copy)
            engine = create_engine_for(f"sqlite:///{copy_path}")
            try:
                upgrade(engine)  # an older schema is migrated on the copy, not the live base
            finally:
                engine.dispose()
            target.parent.mkdir(parents=True, exist_ok=True)
            with _connect(copy_path) as copy, _connect(target) as live:
                copy.backup(live)  # the live base takes the copy's pages in one write
                return _summary(live, target)


def check(url: str) -> Summary:
    """Open any base as the server would (an older schema upgraded, a newer one or a base
    of another tool refused) and say what it holds: the check after a ``pg_restore``."""
    engine = create_engine_for(url)
    try:
        upgrade(engine)
        with reading(engine) as connection:
            revision = current_revision(connection) or ""
            counts = [
                int(connection.scalar(select(func.count()).select_from(table)) or 0)
                for table in (diagnostics, answers, workshops)
            ]
    finally:
        engine.dispose()
    return Summary(revision, counts[0], counts[1], counts[2], size=None)


def _check_backup_file(path: Path) -> None:
    try:
        with path.open("rb") as file:
            header = file.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        raise StorageError(f"Fichier introuvable : {path}.", f"File not found: {path}.") from None
    except OSError as error:
        raise StorageError(
            f"Lecture impossible de {path} ({error.strerror}).",
            f"Cannot read {path} ({error.strerror}).",
        ) from None
    if header != SQLITE_HEADER:
        raise _not_a_backup(path)


def _check_tool_base(connection: sqlite3.Connection, path: Path) -> None:
    try:
        names = {
            row[0]
            for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
        revision = _revision(connection) if "alembic_version" in names else None
    except sqlite3.DatabaseError:
        raise _not_a_backup(path) from None
    if not set(TOOL_TABLES) <= names or revision is None:
        raise _not_a_backup(path)


def _check_not_newer(connection: sqlite3.Connection, path: Path) -> None:
    revision = _revision(connection)
    scripts = ScriptDirectory.from_config(alembic_config())
    if revision not in {script.revision for script in scripts.walk_revisions()}:
        raise StorageError(
            f"{path} vient d’une version plus récente de l’outil (révision « {revision} ») : "
            "installez la dernière version avant de la restaurer.",
            f"{path} comes from a newer version of the tool (revision '{revision}'): "
            "install the latest version before restoring it.",
        )


def _not_a_backup(path: Path) -> StorageError:
    return StorageError(
        f"{path} n’est pas une sauvegarde de l’outil : rien n’a été restauré.",
        f"{path} is not a backup of this tool: nothing was restored.",
    )


def _revision(connection: sqlite3.Connection) -> str | None:
    row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    return str(row[0]) if row else None


def _summary(connection: sqlite3.Connection, path: Path) -> Summary:
    def count(table: str) -> int:
        return int(connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0])

    return Summary(
        revision=_revision(connection) or "",
        diagnostics=count("diagnostics"),
        answers=count("answers"),
        workshops=count("workshops"),
        size=path.stat().st_size,
    )


@contextlib.contextmanager
def _connect(path: Path, readonly: bool = False) -> Iterator[sqlite3.Connection]:
    """A plain sqlite3 connection, closed on leaving; its failures said in words."""
    try:
        if readonly:
            connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        else:
            connection = sqlite3.connect(path, timeout=SQLITE_BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error as error:
        raise open_error(f"sqlite:///{path}") from error
    try:
        yield connection
    except sqlite3.Error as error:
        raise StorageError(
            f"La copie de la base a échoué ({error}) : rien n’a été remplacé.",
            f"Copying the database failed ({error}): nothing was replaced.",
        ) from error
    finally:
        connection.close()


@contextlib.contextmanager
def _beside(destination: Path) -> Iterator[Path]:
    """A fresh file name beside ``destination``; the file is gone unless moved into place."""
    if destination.is_dir():
        raise StorageError(
            f"{destination} est un dossier, pas un fichier.", f"{destination} is a folder."
        )
    try:
        handle, name = tempfile.mkstemp(
            dir=destination.parent, prefix=f".{destination.name}.", suffix=".tmp"
        )
    except OSError as error:
        raise StorageError(
            f"Écriture impossible dans {destination} ({error.strerror}).",
            f"Cannot write {destination} ({error.strerror}).",
        ) from None
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
    finally:
        temporary.unlink(missing_ok=True)
