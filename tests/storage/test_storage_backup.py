"""``backup`` and ``restore``: a consistent copy while people answer, put back safely."""

from __future__ import annotations

import sqlite3
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from storage_support import PROFILE, QUESTIONS, expected_answer, old_database, pretend_newer

from diagnostic.cli import main
from diagnostic.storage import close_repositories, open_repository
from diagnostic.storage.migrate import head_revision

WRITERS = 40


def sqlite_url(folder: Path) -> str:
    return f"sqlite:///{folder}/data/diagnostic.sqlite3"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out.replace("\u00a0", " "), err.replace("\u00a0", " ")


@pytest.fixture
def live_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = sqlite_url(tmp_path)
    monkeypatch.setenv("DIAGNOSTIC_DATABASE_URL", url)
    yield url
    close_repositories()


@pytest.mark.slow
def test_a_backup_among_forty_writers_holds_every_answer_saved_before_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, live_url: str
) -> None:
    repo = open_repository(live_url)
    tokens = [repo.create_diagnostic(PROFILE).token for _ in range(WRITERS)]
    saved: list[tuple[int, int]] = []  # (writer, question position), once the save returned
    lock = threading.Lock()
    enough = threading.Event()

    def writer(number: int) -> None:
        for position, question in enumerate(QUESTIONS):
            repo.save_answer(tokens[number], question, expected_answer(number, position))
            with lock:
                saved.append((number, position))
                if len(saved) >= 400:
                    enough.set()

    backup_file = tmp_path / "sauvegarde.sqlite3"
    with ThreadPoolExecutor(WRITERS) as pool:
        futures = [pool.submit(writer, number) for number in range(WRITERS)]
        assert enough.wait(120)
        with lock:
            before = list(saved)
        code, out, err = run(capsys, "backup", str(backup_file))
        for future in futures:
            future.result()
    assert (code, err) == (0, "")
    assert out.startswith(f"Sauvegarde écrite dans {backup_file} : {WRITERS} diagnostics, ")
    assert len(saved) == WRITERS * len(QUESTIONS) > len(before)

    code, out, err = run(capsys, "restore", str(backup_file))
    assert (code, err) == (0, "")
    assert out.startswith(f"Base restaurée depuis {backup_file} : {WRITERS} diagnostics, ")
    restored = {
        number: repo.load_sheet(token).answers for number, token in enumerate(tokens)
    }  # the running server's repository sees the restored base
    for number, position in before:
        assert restored[number][QUESTIONS[position]] == expected_answer(number, position)
    for number, answers in restored.items():
        for question, answer in answers.items():
            assert answer == expected_answer(number, QUESTIONS.index(question))
    assert sum(len(answers) for answers in restored.values()) < WRITERS * len(QUESTIONS)


def test_a_backup_is_one_file_that_restores_into_a_new_place(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    live_url: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    repo = open_repository(live_url)
    token = repo.create_diagnostic(PROFILE).token
    repo.save_answer(token, QUESTIONS[0], 3)
    backup_file = tmp_path / "copie.sqlite3"
    assert run(capsys, "backup", str(backup_file))[0] == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["copie.sqlite3", "data"]
    elsewhere = sqlite_url(tmp_path / "ailleurs")
    monkeypatch.setenv("DIAGNOSTIC_DATABASE_URL", elsewhere)
    code, out, _ = run(capsys, "--lang", "en", "restore", str(backup_file))
    assert code == 0
    assert out == (
        f"Database restored from {backup_file}: 1 diagnostic, 1 answer, 0 workshops "
        f"(revision {head_revision()}, {round(backup_file.stat().st_size / 1000)} kB).\n"
    )
    assert open_repository(elsewhere).load_sheet(token).answers == {QUESTIONS[0]: 3}


def test_a_backup_onto_the_live_base_is_refused(
    capsys: pytest.CaptureFixture[str], live_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = open_repository(live_url)
    token = repo.create_diagnostic(PROFILE).token
    live = Path(live_url.removeprefix("sqlite:///"))
    monkeypatch.chdir(live.parent)
    code, out, err = run(capsys, "backup", live.name)
    assert (code, out) == (1, "")
    assert err == (
        f"Erreur : {live.name} est la base en service elle-même : choisissez un autre "
        "fichier pour la sauvegarde.\n"
    )
    repo.save_answer(token, QUESTIONS[0], 1)
    assert repo.load_sheet(token).answers == {QUESTIONS[0]: 1}


def _other_database(path: Path) -> None:
    with sqlite3.connect(path) as other:
        other.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    other.close()


@pytest.mark.parametrize("kind", ["text", "other-sqlite", "missing"])
def test_restore_refuses_what_is_not_a_backup(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, live_url: str, kind: str
) -> None:
    repo = open_repository(live_url)
    token = repo.create_diagnostic(PROFILE).token
    candidate = tmp_path / "fichier.sqlite3"
    if kind == "text":
        candidate.write_text("Une liste de courses.\n" * 50, encoding="utf-8")
    elif kind == "other-sqlite":
        _other_database(candidate)
    code, out, err = run(capsys, "restore", str(candidate))
    assert (code, out) == (1, "")
    expected = (
        f"Erreur : Fichier introuvable : {candidate}.\n"
        if kind == "missing"
        else f"Erreur : {candidate} n’est pas une sauvegarde de l’outil : rien n’a été restauré.\n"
    )
    assert err == expected
    assert repo.get_diagnostic(token).token == token


def test_restore_refuses_a_newer_schema(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, live_url: str
) -> None:
    repo = open_repository(live_url)
    token = repo.create_diagnostic(PROFILE).token
    backup_file = tmp_path / "future.sqlite3"
    assert run(capsys, "backup", str(backup_file))[0] == 0
    with sqlite3.connect(backup_file) as future:
        future.execute("UPDATE alembic_version SET version_num = '0009_future'")
    future.close()
    code, _, err = run(capsys, "restore", str(backup_file))
    assert code == 1
    assert err == (
        f"Erreur : {backup_file} vient d’une version plus récente de l’outil (révision "
        "« 0009_future ») : installez la dernière version avant de la restaurer.\n"
    )
    assert repo.get_diagnostic(token).token == token


def test_restore_migrates_an_older_schema(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, live_url: str
) -> None:
    old = tmp_path / "ancienne.sqlite3"
    old_database(f"sqlite:///{old}")  # schema 0001, one diagnostic, four answers
    code, out, err = run(capsys, "restore", str(old))
    assert (code, err) == (0, "")
    assert f"1 diagnostic, 4 réponses, 0 atelier (révision {head_revision()}" in out
    sheet = open_repository(live_url).load_sheet("tok_0123456789abcdef0123")
    assert sheet.referentiel_version == "2026.1"


def test_backup_of_a_postgresql_base_points_to_pg_dump(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DIAGNOSTIC_DATABASE_URL", "postgresql://diag@localhost/diag")
    code, _, err = run(capsys, "backup", str(tmp_path / "b.sqlite3"))
    assert code == 1
    assert "utilisez pg_dump et pg_restore (voir docs/deploiement.md)" in err
    assert not (tmp_path / "b.sqlite3").exists()


def test_db_check_says_what_the_base_holds(
    capsys: pytest.CaptureFixture[str], database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DIAGNOSTIC_DATABASE_URL", database_url)
    repo = open_repository(database_url)
    repo.save_answer(repo.create_diagnostic(PROFILE).token, QUESTIONS[1], 2)
    code, out, err = run(capsys, "db", "check")
    assert (code, err) == (0, "")
    assert out == (
        f"Base de données prête : 1 diagnostic, 1 réponse, 0 atelier "
        f"(révision {head_revision()}).\n"
    )


def test_db_check_refuses_a_newer_schema(
    capsys: pytest.CaptureFixture[str], database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DIAGNOSTIC_DATABASE_URL", database_url)
    open_repository(database_url)
    close_repositories()
    pretend_newer(database_url, "0009_future")
    code, out, err = run(capsys, "db", "check")
    assert (code, out) == (1, "")
    assert "révision « 0009_future », inconnue de cette version" in err
