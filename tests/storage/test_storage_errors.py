"""A database that cannot be reached, written or understood gives a plain StorageError."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import event, exc
from storage_support import PROFILE

from diagnostic.errors import DiskFullError, StorageError
from diagnostic.storage import Repository, close_repositories, engine, open_repository


def _open_failure(shown: str) -> tuple[str, str]:
    return (
        f"Impossible d’ouvrir la base de données «\u00a0{shown}\u00a0». Vérifiez le réglage "
        "DIAGNOSTIC_DATABASE_URL, que le serveur répond et que le dossier est accessible "
        "en écriture.",
        f"Cannot open the database '{shown}'. Check the DIAGNOSTIC_DATABASE_URL setting, "
        "that the server is up and that the folder is writable.",
    )


OPERATION_FAILURE = (
    "La base de données n’a pas pu lire ou enregistrer les données. Réessayez dans un "
    "instant\u00a0; si le problème continue, prévenez la personne qui administre l’outil.",
    "The database could not read or save the data. Try again in a moment; if the "
    "problem persists, tell whoever runs the tool.",
)


def _messages(error: StorageError) -> tuple[str, str]:
    return error.message("fr"), error.message("en")


def _because(message: tuple[str, str], fr: str, en: str) -> tuple[str, str]:
    return f"{message[0]} (Cause\u00a0: {fr}.)", f"{message[1]} (Cause: {en}.)"


@pytest.fixture(autouse=True)
def _close() -> object:
    yield
    close_repositories()


def test_the_sqlite_folder_is_created_when_missing(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "c" / "base.sqlite3"
    open_repository(f"sqlite:///{path}").create_diagnostic()
    assert path.is_file()


def test_a_folder_that_cannot_be_created(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("not a folder")
    url = f"sqlite:///{tmp_path}/file/sub/base.sqlite3"
    with pytest.raises(StorageError) as caught:
        open_repository(url)
    assert _messages(caught.value) == _open_failure(url)


def test_a_path_that_is_a_folder(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}"
    with pytest.raises(StorageError) as caught:
        open_repository(url)
    assert _messages(caught.value) == _open_failure(url)


def test_a_postgresql_server_that_does_not_answer() -> None:
    url = "postgresql+psycopg://diag:s3cret@127.0.0.1:9/diagnostic"
    with pytest.raises(StorageError) as caught:
        open_repository(url)
    shown = "postgresql+psycopg://diag:***@127.0.0.1:9/diagnostic"
    assert _messages(caught.value) == _open_failure(shown)
    assert "s3cret" not in str(caught.value)


def test_a_read_only_database_cannot_save(tmp_path: Path) -> None:
    path = tmp_path / "base.sqlite3"
    token = open_repository(f"sqlite:///{path}").create_diagnostic(PROFILE).token
    close_repositories()
    read_only = open_repository(f"sqlite:///file:{path}?mode=ro&uri=true")
    assert read_only.get_diagnostic(token).profile == PROFILE
    with pytest.raises(StorageError) as caught:
        read_only.save_answer(token, "q01", 1)
    assert _messages(caught.value) == _because(
        OPERATION_FAILURE, "la base est en lecture seule", "the database is read-only"
    )


def test_a_database_locked_too_long(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "SQLITE_BUSY_TIMEOUT_MS", 200)
    path = tmp_path / "base.sqlite3"
    repo: Repository = open_repository(f"sqlite:///{path}")
    token = repo.create_diagnostic().token
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StorageError) as caught:
            repo.save_answer(token, "q01", 1)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert _messages(caught.value) == _because(
        OPERATION_FAILURE, "la base est occupée", "the database is busy"
    )
    repo.save_answer(token, "q01", 1)


@pytest.mark.parametrize(
    "content",
    [b"", b"Ceci est un texte, pas une base.\n" * 200, b"SQLite format 3\x00" + b"\xff" * 4096],
)
def test_a_file_that_is_not_a_database(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes(content)
    url = f"sqlite:///{path}"
    if not content:  # an empty file is a new, empty database for SQLite: that is fine
        open_repository(url).create_diagnostic()
        return
    with pytest.raises(StorageError) as caught:
        open_repository(url)
    assert _messages(caught.value) == _because(
        _open_failure(url),
        "le fichier n’est pas une base de données de l’outil, ou il est endommagé",
        "the file is not one of the tool's databases, or it is damaged",
    )
    assert path.read_bytes() == content  # left as it was


DISK_FULL = (
    "Le disque de la base de données est plein\u00a0: cette modification n’a pas été "
    "enregistrée, mais rien de ce qui l’était déjà n’est perdu. L’enregistrement reprendra "
    "dès que de la place aura été libérée\u00a0: prévenez la personne qui administre l’outil.",
    "The database's disk is full: this change was not saved, but nothing saved before is "
    "lost. Saving will work again as soon as space is freed: tell whoever runs the tool.",
)


def _fill_the_disk(repo: Repository) -> Callable[[], None]:
    """From now on the base cannot grow (SQLite's page limit says "database or disk is
    full"); the returned function frees the space again."""

    def limit(connection: sqlite3.Connection, _record: object) -> None:
        connection.execute("PRAGMA max_page_count = 1")  # no smaller than the file: no growth

    event.listen(repo._engine, "connect", limit)
    repo._engine.dispose()

    def free() -> None:
        event.remove(repo._engine, "connect", limit)
        repo._engine.dispose()

    return free


def test_a_full_disk(tmp_path: Path) -> None:
    repo = open_repository(f"sqlite:///{tmp_path / 'base.sqlite3'}")
    token = repo.create_diagnostic().token
    _fill_the_disk(repo)
    with pytest.raises(DiskFullError) as caught:
        repo.save_comment(token, "q01", "x" * 9000)
    assert _messages(caught.value) == DISK_FULL


def test_a_full_disk_loses_nothing_and_saving_resumes_once_space_returns(
    tmp_path: Path,
) -> None:
    repo = open_repository(f"sqlite:///{tmp_path / 'base.sqlite3'}")
    token = repo.create_diagnostic(PROFILE).token
    for number in range(1, 6):
        repo.save_answer(token, f"q{number:02d}", number % 5)
    repo.save_comment(token, "q01", "avant")
    before = repo.load_sheet(token)
    free = _fill_the_disk(repo)
    for _attempt in range(3):
        with pytest.raises(DiskFullError):
            repo.save_comment(token, "q02", "y" * 9000)
    assert repo.load_sheet(token) == before
    free()
    repo.save_comment(token, "q02", "y" * 9000)
    after = repo.load_sheet(token)
    assert after.answers == before.answers
    assert after.comments == {**before.comments, "q02": "y" * 9000}


def test_postgresql_disk_full_is_the_same_plain_error() -> None:
    psycopg_errors = pytest.importorskip("psycopg.errors")
    failure = exc.OperationalError("INSERT …", {}, psycopg_errors.DiskFull("could not extend"))
    assert engine.is_disk_full(failure)
    with pytest.raises(DiskFullError) as caught, engine.translated(engine.operation_error()):
        raise failure
    assert _messages(caught.value) == DISK_FULL
    other = exc.OperationalError("SELECT 1", {}, psycopg_errors.AdminShutdown("bye"))
    assert not engine.is_disk_full(other)


@pytest.mark.parametrize(
    ("url", "english"),
    [
        (
            "pas une url",
            "The database address 'pas une url' is not a valid SQLAlchemy URL "
            "(e.g. sqlite:///path/base.sqlite3).",
        ),
        ("mysql://u@localhost/db", "Unsupported database 'mysql': use SQLite or PostgreSQL."),
    ],
)
def test_an_address_that_is_not_supported(url: str, english: str) -> None:
    with pytest.raises(StorageError) as caught:
        open_repository(url)
    assert caught.value.message("en") == english
