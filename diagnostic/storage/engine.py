"""Engines for SQLite and PostgreSQL, transactions, and database failures as StorageError."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Connection, Engine, create_engine, event, exc
from sqlalchemy.engine import URL, make_url
from sqlalchemy.pool import StaticPool

from ..errors import DiskFullError, StorageError
from .writers import one_writer

SQLITE_BUSY_TIMEOUT_MS = 30_000
POSTGRES_CONNECT_TIMEOUT_S = 10
# Connections per server process: at most 15 (docs/deploiement.md); writers queue for ten
# of them at a time in arrival order, so reads always find one free.
POSTGRES_POOL_SIZE = 5
POSTGRES_POOL_OVERFLOW = 10
POSTGRES_WRITERS = 10
_WRITE = "diagnostic_write"
PG_DISK_FULL = "53100"  # SQLSTATE disk_full
# Failures of the database itself (down, locked, full, read-only), not bugs in our SQL.
_UNAVAILABLE = (exc.OperationalError, exc.InterfaceError, exc.TimeoutError)
# What the driver says, and the same in words (SQLite's messages; PostgreSQL's codes differ).
_REASONS = (
    (
        ("file is not a database", "malformed", "not a database"),
        "le fichier n’est pas une base de données de l’outil, ou il est endommagé",
        "the file is not one of the tool's databases, or it is damaged",
    ),
    (
        ("readonly", "read-only", "read only"),
        "la base est en lecture seule",
        "the database is read-only",
    ),
    (("disk is full", "disk full", "no space"), "le disque est plein", "the disk is full"),
    (("locked", "busy"), "la base est occupée", "the database is busy"),
)


def safe_url(url: str | URL) -> str:
    """The URL with its password hidden, fit for a message."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except exc.ArgumentError:
        return "?"


def open_error(url: str | URL) -> StorageError:
    """The database cannot be opened at all."""
    shown = safe_url(url)
    return StorageError(
        f"Impossible d’ouvrir la base de données « {shown} ». Vérifiez le réglage "
        "DIAGNOSTIC_DATABASE_URL, que le serveur répond et que le dossier est accessible "
        "en écriture.",
        f"Cannot open the database '{shown}'. Check the DIAGNOSTIC_DATABASE_URL setting, "
        "that the server is up and that the folder is writable.",
    )


def operation_error() -> StorageError:
    """The database failed while reading or saving."""
    return StorageError(
        "La base de données n’a pas pu lire ou enregistrer les données. Réessayez dans un "
        "instant ; si le problème continue, prévenez la personne qui administre l’outil.",
        "The database could not read or save the data. Try again in a moment; if the "
        "problem persists, tell whoever runs the tool.",
    )


def with_reason(error: StorageError, failure: BaseException) -> StorageError:
    """``error`` with the cause in words when the driver's message names one."""
    said = str(getattr(failure, "orig", None) or failure).lower()
    for clues, fr, en in _REASONS:
        if any(clue in said for clue in clues):
            return StorageError(
                f"{error.message_fr} (Cause : {fr}.)", f"{error.message_en} (Cause: {en}.)"
            )
    return error


def disk_full() -> DiskFullError:
    """The database's disk is full; what was saved before is kept."""
    return DiskFullError(
        "Le disque de la base de données est plein : cette modification n’a pas été "
        "enregistrée, mais rien de ce qui l’était déjà n’est perdu. L’enregistrement "
        "reprendra dès que de la place aura été libérée : prévenez la personne qui "
        "administre l’outil.",
        "The database's disk is full: this change was not saved, but nothing saved "
        "before is lost. Saving will work again as soon as space is freed: tell whoever "
        "runs the tool.",
    )


def is_disk_full(failure: BaseException) -> bool:
    """SQLite's "database or disk is full" (also its page limit), PostgreSQL's 53100."""
    cause = getattr(failure, "orig", None) or failure
    if getattr(cause, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL:
        return True
    if PG_DISK_FULL in (getattr(cause, "sqlstate", None), getattr(cause, "pgcode", None)):
        return True
    return "database or disk is full" in str(cause)


def is_unavailable(failure: BaseException) -> bool:
    """A failure of the database itself, not of our statements (constraints, SQL)."""
    # A plain DatabaseError is SQLite's "file is not a database" or "disk image malformed";
    # its subclasses (IntegrityError…) are our business.
    return isinstance(failure, _UNAVAILABLE) or type(failure) is exc.DatabaseError


def create_engine_for(url: str) -> Engine:
    """An engine for an SQLite or PostgreSQL URL; raises StorageError for anything else."""
    try:
        parsed = make_url(url)
    except exc.ArgumentError as error:
        raise StorageError(
            f"L’adresse de base de données « {url} » n’est pas une URL SQLAlchemy valide "
            "(ex. sqlite:///chemin/base.sqlite3).",
            f"The database address '{url}' is not a valid SQLAlchemy URL "
            "(e.g. sqlite:///path/base.sqlite3).",
        ) from error
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        return _sqlite_engine(parsed)
    if backend == "postgresql":
        return _postgres_engine(parsed)
    raise StorageError(
        f"Base de données « {backend} » non prise en charge : utilisez SQLite ou PostgreSQL.",
        f"Unsupported database '{backend}': use SQLite or PostgreSQL.",
    )


def _sqlite_engine(url: URL) -> Engine:
    database = url.database or ""
    in_memory = database in ("", ":memory:")
    if not in_memory and not database.startswith("file:"):
        try:
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise open_error(url) from error
    options: dict[str, Any] = {"connect_args": {"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}}
    if in_memory:
        options = {"poolclass": StaticPool, "connect_args": {"check_same_thread": False}}
    engine = create_engine(url, **options)
    event.listen(engine, "connect", _sqlite_on_connect)
    event.listen(engine, "begin", _sqlite_on_begin)
    return engine


def _sqlite_on_connect(connection: sqlite3.Connection, _record: object) -> None:
    """Let SQLAlchemy emit BEGIN itself, and tune each new connection for concurrency."""
    connection.isolation_level = None
    cursor = connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        # Deleted rows are overwritten with zeros, not just marked free.
        cursor.execute("PRAGMA secure_delete = ON")
        _use_wal(cursor)
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA foreign_keys = ON")
    finally:
        cursor.close()


def _use_wal(cursor: sqlite3.Cursor) -> None:
    """Switch the file to WAL once; it stays so. Another opener may hold the lock meanwhile:
    switching the journal mode does not wait for it, so wait here."""
    if cursor.execute("PRAGMA journal_mode").fetchone()[0].lower() == "wal":
        return
    deadline = time.monotonic() + SQLITE_BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            cursor.execute("PRAGMA journal_mode = WAL")  # an in-memory base stays "memory"
            return
        except sqlite3.OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def _sqlite_on_begin(connection: Connection) -> None:
    """BEGIN IMMEDIATE takes the write lock up front, so read-then-write never deadlocks."""
    write = connection.get_execution_options().get(_WRITE, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def _postgres_engine(url: URL) -> Engine:
    connect_args: dict[str, Any] = {}
    if "connect_timeout" not in url.query:
        connect_args["connect_timeout"] = POSTGRES_CONNECT_TIMEOUT_S
    try:
        return create_engine(
            url,
            pool_pre_ping=True,
            pool_size=POSTGRES_POOL_SIZE,
            max_overflow=POSTGRES_POOL_OVERFLOW,
            connect_args=connect_args,
        )
    except ModuleNotFoundError as error:
        raise StorageError(
            "Le pilote PostgreSQL n’est pas installé : pip install 'diagnostic-ess[postgres]'.",
            "The PostgreSQL driver is not installed: pip install 'diagnostic-ess[postgres]'.",
        ) from error


@contextmanager
def translated(error: StorageError) -> Iterator[None]:
    """Turn a failure of the database itself into ``error``, with its cause in words."""
    try:
        yield
    except (exc.DBAPIError, exc.TimeoutError) as failure:
        if not is_unavailable(failure):
            raise
        if is_disk_full(failure):
            raise disk_full() from failure
        raise with_reason(error, failure) from failure


@contextmanager
def reading(engine: Engine) -> Iterator[Connection]:
    """A read-only transaction; its reads see one consistent state."""
    with translated(operation_error()), engine.connect() as connection, connection.begin():
        yield connection


@contextmanager
def writing(engine: Engine, failure: StorageError | None = None) -> Iterator[Connection]:
    """A write transaction (BEGIN IMMEDIATE on SQLite): all or nothing.

    This process's writers queue for their turn first (see ``writers``): one at a time on
    SQLite, ``POSTGRES_WRITERS`` at a time on PostgreSQL.
    A failure of the database raises ``failure``, by default ``operation_error()``.
    """
    error = failure or operation_error()
    with one_writer(engine, SQLITE_BUSY_TIMEOUT_MS / 1000, writer_permits(engine)) as granted:
        if not granted:
            raise with_reason(error, TimeoutError("database is busy"))
        with translated(error), engine.connect() as connection:
            connection.execution_options(**{_WRITE: True})
            with connection.begin():
                yield connection


def writer_permits(engine: Engine) -> int:
    """How many of this process's writers run at once: one on SQLite, a few on a server."""
    return 1 if engine.dialect.name == "sqlite" else POSTGRES_WRITERS


def forget_deleted(engine: Engine) -> None:
    """After a delete on SQLite, move the write-ahead log into the file and empty it.

    With ``secure_delete`` the rows are zeroed in the file; the log still holds copies of
    the pages from before the delete until this checkpoint truncates it.
    """
    if engine.dialect.name != "sqlite":
        return
    with one_writer(engine, SQLITE_BUSY_TIMEOUT_MS / 1000), translated(operation_error()):
        raw = engine.raw_connection()  # outside any transaction, which would pin the log
        try:
            driver = cast(sqlite3.Connection, raw.driver_connection)
            driver.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        except sqlite3.Error as failure:
            raise with_reason(operation_error(), failure) from failure
        finally:
            raw.close()
