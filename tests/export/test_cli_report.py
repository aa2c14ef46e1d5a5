"""``diagnostic-ess report``: the same files as the app, and one-line errors."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from export_support import SAMPLE_FILE, SHIPPED, body_text, sample_sheet
from openpyxl import load_workbook

from diagnostic.cli import main
from diagnostic.export.tabular import levers_csv, to_csv
from diagnostic.typography import french_spacing


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_report_writes_every_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    names = ("r.pdf", "r.csv", "l.csv", "r.xlsx", "r.json")
    pdf, csv, lev, xlsx, json = (tmp_path / name for name in names)
    code, out, err = run(
        capsys,
        "report",
        str(SAMPLE_FILE),
        *("--pdf", str(pdf), "--csv", str(csv), "--levers-csv", str(lev)),
        *("--xlsx", str(xlsx), "--json", str(json)),
    )
    assert (code, err) == (0, "")
    assert [line.split(" (")[0] for line in out.splitlines()] == [
        str(pdf),
        str(csv),
        str(lev),
        str(xlsx),
        str(json),
    ]
    assert out.splitlines()[0].endswith("\u00a0ko)")
    assert "Communauté de communes du Val d’Œuvre Rapport de diagnostic" in body_text(
        pdf.read_bytes()
    )
    assert csv.read_bytes() == to_csv(SHIPPED, sample_sheet())
    assert lev.read_bytes() == levers_csv(SHIPPED, sample_sheet())
    assert load_workbook(io.BytesIO(xlsx.read_bytes())).sheetnames[0] == "Synthèse"
    assert json.read_bytes() == SAMPLE_FILE.read_bytes()


def test_report_in_english(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    pdf, csv = tmp_path / "r.pdf", tmp_path / "r.csv"
    code, out, _ = run(
        capsys, "report", str(SAMPLE_FILE), "--pdf", str(pdf), "--csv", str(csv), "--lang", "en"
    )
    assert code == 0
    assert out.splitlines()[0] == f"{pdf} ({round(pdf.stat().st_size / 1000)} kB)"
    assert "At a glance" in body_text(pdf.read_bytes())
    assert csv.read_bytes().startswith("\ufeffMotivation;Question id;".encode())


def test_report_needs_an_output(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "report", str(SAMPLE_FILE))
    assert (code, out) == (2, "")
    assert err == french_spacing(
        "Erreur : aucun fichier demandé : indiquez au moins --pdf, --csv, --levers-csv, "
        "--xlsx ou --json\n"
    )


def test_report_on_a_missing_answers_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    missing = tmp_path / "absent.json"
    code, out, err = run(capsys, "report", str(missing), "--pdf", str(tmp_path / "r.pdf"))
    assert (code, out) == (1, "")
    assert err == french_spacing(f"Erreur : fichier introuvable : {missing}\n")
    assert not (tmp_path / "r.pdf").exists()


def test_report_into_a_missing_folder(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "absent" / "r.pdf"
    code, out, err = run(capsys, "--lang", "en", "report", str(SAMPLE_FILE), "--pdf", str(target))
    assert (code, out) == (1, "")
    assert err == f"Error: cannot write {target} (No such file or directory)\n"


def test_report_on_a_bad_answers_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"territory": {"name": "X", "type": "cc"}, "answers": {"nope": 1}}')
    code, _, err = run(capsys, "report", str(bad), "--csv", str(tmp_path / "r.csv"))
    assert code == 1
    assert err == french_spacing("Erreur : Question inconnue : « nope ».\n")
    assert not (tmp_path / "r.csv").exists()
