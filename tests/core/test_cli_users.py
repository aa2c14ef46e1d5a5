"""``diagnostic-ess users`` and ``access-log export``: good cases, and bad ones that say so
in one line, exit non-zero and write nothing."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select

from diagnostic.accounts import Identity
from diagnostic.cli import main
from diagnostic.storage import close_repositories, open_repository
from diagnostic.storage.tables import metadata

HERE = "245400676"  # Métropole du Grand Nancy
PERSON = "camille@grand-nancy.fr"


@pytest.fixture
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A database where one person signed in once, named by the settings."""
    url = f"sqlite:///{tmp_path}/base.sqlite3"
    monkeypatch.setenv("DIAGNOSTIC_DATABASE_URL", url)
    monkeypatch.delenv("DIAGNOSTIC_LANG", raising=False)
    open_repository(url).sign_in(Identity(PERSON, "Camille Martin"))
    yield url
    close_repositories()


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def counts(url: str) -> dict[str, int]:
    engine = create_engine(url)
    with engine.connect() as connection:
        found = {
            table.name: int(connection.scalar(select(func.count()).select_from(table)) or 0)
            for table in metadata.sorted_tables
        }
    engine.dispose()
    return found


def test_grant_list_revoke(database: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "users", "grant", PERSON, "--member", "245 400 676")[0] == 0
    assert run(capsys, "users", "grant", PERSON.upper(), "--adviser", "44")[0] == 0
    code, out, _ = run(capsys, "users", "grant", PERSON, "--admin")
    assert (code, out) == (0, f"Rôle donné à {PERSON}\u00a0: administration.\n")
    code, out, _ = run(capsys, "users", "grant", PERSON, "--admin")
    assert code == 0 and "a déjà ce rôle" in out
    code, out, _ = run(capsys, "users", "list")
    assert code == 0
    email, name, roles, _seen = out.strip().split("\t")
    assert (email, name) == (PERSON, "Camille Martin")
    assert roles == f"administration, conseil région 44, membre de {HERE}"
    assert run(capsys, "users", "revoke", PERSON, "--member", HERE)[0] == 0
    code, out, _ = run(capsys, "--lang", "en", "users", "revoke", PERSON, "--member", HERE)
    assert code == 0 and "did not have this role" in out
    assert "membre" not in run(capsys, "users", "list")[1]


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("grant", "inconnu@exemple.fr", "--admin"), 1, "Aucun compte pour « inconnu@exemple.fr »"),
        (("grant", PERSON, "--member", "123456789"), 1, "n’est pas le SIREN"),
        (("grant", PERSON, "--member", "abc"), 1, "n’est pas le SIREN"),
        (("grant", PERSON, "--adviser", "99"), 1, "n’est pas un code de région"),
        (("grant", PERSON), 2, "indiquez une seule option"),
        (("grant", PERSON, "--admin", "--adviser", "44"), 2, "indiquez une seule option"),
        (("revoke", "inconnu@exemple.fr", "--adviser", "44"), 1, "Aucun compte"),
        (("forget", "inconnu@exemple.fr"), 1, "Aucun compte pour « inconnu@exemple.fr »"),
    ],
)
def test_bad_input_is_one_plain_line_and_writes_nothing(
    database: str,
    capsys: pytest.CaptureFixture[str],
    args: tuple[str, ...],
    code: int,
    message: str,
) -> None:
    before = counts(database)
    found, out, err = run(capsys, "users", *args)
    assert (found, out) == (code, "")
    assert err.count("\n") == 1 and err.startswith("Erreur\u00a0: ")
    assert message.replace(" »", "\u00a0»").replace("« ", "«\u00a0") in err
    assert counts(database) == before


def test_forget_erases_the_address(database: str, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "users", "grant", PERSON, "--member", HERE)
    code, out, _ = run(capsys, "users", "forget", PERSON)
    assert code == 0 and "Compte supprimé" in out
    assert "Aucun compte" in run(capsys, "users", "list")[1]
    target = Path(database.removeprefix("sqlite:///")).parent / "journal.csv"
    assert run(capsys, "access-log", "export", str(target))[0] == 0
    assert PERSON not in target.read_text(encoding="utf-8-sig")


def test_access_log_export_for_french_excel(
    database: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    run(capsys, "users", "grant", PERSON, "--member", HERE)
    run(capsys, "users", "grant", PERSON, "--adviser", "44")
    whole, mine = tmp_path / "tout.csv", tmp_path / "nancy.csv"
    assert run(capsys, "access-log", "export", str(whole))[0] == 0
    assert run(capsys, "access-log", "export", "--territory", HERE, str(mine))[0] == 0
    data = whole.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # a BOM: Excel reads UTF-8
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Date (UTC)", "Qui", "Action", "Territoire (SIREN)", "Détail"]
    actions = [row[2] for row in rows[1:]]
    assert actions.count("Attribution d’un rôle") == 2
    territory_rows = list(csv.reader(io.StringIO(mine.read_text("utf-8-sig")), delimiter=";"))
    assert {row[3] for row in territory_rows[1:]} == {HERE}
    assert any(f"<{PERSON}>" in row[4] for row in territory_rows[1:])


def test_access_log_export_refuses_a_bad_territory_and_writes_no_file(
    database: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    before = counts(database)
    target = tmp_path / "journal.csv"
    code, out, err = run(capsys, "access-log", "export", "--territory", "12", str(target))
    assert (code, out) == (1, "") and "n’est pas le SIREN" in err and err.count("\n") == 1
    assert not target.exists()
    assert counts(database) == before


def test_access_log_export_to_standard_output(
    database: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "--lang", "en", "access-log", "export", "-")
    assert code == 0
    assert out.splitlines()[0].lstrip("\ufeff") == "Date (UTC);Who;Action;Territory (SIREN);Detail"
    assert "Exported the access log" in out
