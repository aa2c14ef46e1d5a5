"""``diagnostic-ess workshop export``: the workshop's files from the database, one-line errors."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from export_support import MINI, body_text
from openpyxl import load_workbook
from workshop_export_support import TERRITORY, database_url, stored_workshop

from diagnostic.cli import main
from diagnostic.export.workshop.tabular import workshop_csv
from diagnostic.typography import french_spacing

MINI_DIR = str(Path(__file__).resolve().parent.parent / "data" / "ok")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The folder of the database the command reads (DIAGNOSTIC_DATABASE_URL)."""
    monkeypatch.setenv("DIAGNOSTIC_DATABASE_URL", database_url(tmp_path))
    monkeypatch.delenv("DIAGNOSTIC_LANG", raising=False)
    return tmp_path


def test_export_writes_every_file(capsys: pytest.CaptureFixture[str], database: Path) -> None:
    pdf, xlsx, csv = (database / name for name in ("a.pdf", "a.xlsx", "a.csv"))
    with stored_workshop(database) as stored:
        code = stored.record.code
        options = ("--pdf", str(pdf), "--xlsx", str(xlsx), "--csv", str(csv))
        # The code as people type it: lower case, with a dash.
        typed = f"{code[:3].lower()}-{code[3:].lower()}"
        status, out, err = run(capsys, "--data", MINI_DIR, "workshop", "export", typed, *options)
        expected_csv = workshop_csv(MINI, stored.record, stored.sheets)
    assert (status, err) == (0, "")
    assert [line.split(" (")[0] for line in out.splitlines()] == [str(pdf), str(xlsx), str(csv)]
    assert out.splitlines()[0].endswith("\u00a0ko)")
    assert f"{TERRITORY} Rapport d’atelier" in body_text(pdf.read_bytes())
    assert load_workbook(io.BytesIO(xlsx.read_bytes())).sheetnames[3] == "À discuter"
    assert csv.read_bytes() == expected_csv


def test_export_in_english(capsys: pytest.CaptureFixture[str], database: Path) -> None:
    pdf = database / "a.pdf"
    with stored_workshop(database) as stored:
        args = ("workshop", "export", stored.record.code, "--pdf", str(pdf), "--lang", "en")
        status, out, _ = run(capsys, "--data", MINI_DIR, *args)
    assert status == 0
    assert out == f"{pdf} ({round(pdf.stat().st_size / 1000)} kB)\n"
    assert "The workshop at a glance" in body_text(pdf.read_bytes())


def test_an_unknown_code_is_one_line_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], database: Path
) -> None:
    pdf = database / "a.pdf"
    with stored_workshop(database):
        status, out, err = run(capsys, "workshop", "export", "zz-zz99", "--pdf", str(pdf))
    assert (status, out) == (1, "")
    assert err == french_spacing(
        "Erreur : Aucun atelier ne correspond au code « ZZZZ99 ». "
        "Vérifiez le code donné par l’animateur.\n"
    )
    assert not pdf.exists()


def test_nothing_is_written_when_one_file_cannot_be_built(
    capsys: pytest.CaptureFixture[str], database: Path
) -> None:
    # The workshop was answered on the miniature; the shipped référentiel lacks its questions.
    csv, pdf = database / "a.csv", database / "a.pdf"
    with stored_workshop(database) as stored:
        args = ("workshop", "export", stored.record.code, "--csv", str(csv), "--pdf", str(pdf))
        status, out, err = run(capsys, *args)
    assert (status, out) == (1, "")
    assert err == french_spacing("Erreur : Question inconnue : « emploi_chiffres ».\n")
    assert not csv.exists() and not pdf.exists()


def test_export_needs_an_output(capsys: pytest.CaptureFixture[str], database: Path) -> None:
    status, out, err = run(capsys, "workshop", "export", "ABCDEF")
    assert (status, out) == (2, "")
    assert err == french_spacing(
        "Erreur : aucun fichier demandé : indiquez au moins --pdf, --xlsx ou --csv\n"
    )
    status, _, err = run(capsys, "workshop", "export", "ABCDEF", "--lang", "en")
    assert (status, err) == (2, "Error: no output: give at least one of --pdf, --xlsx, --csv\n")
