"""``diagnostic-ess compare``: two answers files, text or JSON, PDF and XLSX, refusals."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
from pathlib import Path

import pytest
from export_support import MINI, body_text, mini_sheet
from openpyxl import load_workbook

from diagnostic.cli import main
from diagnostic.export.jsonio import to_json
from diagnostic.model import QuestionId

DATA = str(Path(__file__).resolve().parent.parent / "data" / "ok")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["--data", DATA, *args])
    out, err = capsys.readouterr()
    return code, out, err


def files(tmp_path: Path) -> tuple[str, str]:
    earlier = mini_sheet()
    later = dataclasses.replace(
        earlier,
        territory=dataclasses.replace(earlier.territory, date=dt.date(2027, 3, 5)),
        answers={**earlier.answers, QuestionId("emploi_clauses"): 3},
    )
    first, second = tmp_path / "2026.json", tmp_path / "2027.json"
    first.write_bytes(to_json(earlier, MINI))
    second.write_bytes(to_json(later, MINI))
    return str(first), str(second)


def test_compare_as_json_gives_both_values_and_the_difference(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    first, second = files(tmp_path)
    code, out, err = run(capsys, "compare", first, second, "--format", "json")
    assert (code, err) == (0, "")
    result = json.loads(out)
    assert result["unchanged"] is False
    assert result["questions"] == [
        {
            "id": "emploi_clauses",
            "label": MINI.question("emploi_clauses").label.fr,
            "before": 1,
            "after": 3,
            "direction": "up",
        }
    ]
    lever = result["levers"][0]
    assert set(lever["need"]) == {"before", "after", "difference"}
    assert lever["need"]["difference"] == pytest.approx(
        lever["need"]["after"] - lever["need"]["before"], abs=0.02
    )
    emploi = next(m for m in result["motivations"] if m["id"] == "emploi")
    assert emploi["maturity"]["difference"] > 0


def test_compare_a_file_with_itself_says_no_difference(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    first, _ = files(tmp_path)
    code, out, _ = run(capsys, "compare", first, first)
    assert code == 0
    assert out.rstrip().endswith("Aucune différence entre les deux diagnostics.")
    code, out, _ = run(capsys, "compare", first, first, "--format", "json")
    assert json.loads(out)["unchanged"] is True and json.loads(out)["questions"] == []


def test_compare_writes_pdf_and_xlsx(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    first, second = files(tmp_path)
    pdf, xlsx = tmp_path / "c.pdf", tmp_path / "c.xlsx"
    code, out, _ = run(capsys, "compare", first, second, "--pdf", str(pdf), "--xlsx", str(xlsx))
    assert code == 0
    assert "En progrès" in out
    assert "Ce qui a bougé" in body_text(pdf.read_bytes())
    assert load_workbook(io.BytesIO(xlsx.read_bytes())).sheetnames == ["Comparaison"]


def test_compare_refuses_two_territories(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    first, _ = files(tmp_path)
    other = tmp_path / "other.json"
    other.write_bytes(to_json(mini_sheet("Communauté de communes du Toulois"), MINI))
    code, out, err = run(capsys, "compare", first, str(other))
    assert (code, out) == (1, "")
    assert err == (
        "Erreur\u00a0: Les deux diagnostics ne portent pas sur le même territoire "
        "(«\u00a0Communauté de communes de l’Essai\u00a0» et "
        "«\u00a0Communauté de communes du Toulois\u00a0»)\u00a0: la comparaison est impossible.\n"
    )


def test_compare_refuses_an_unmappable_referentiel_version(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    first, second = files(tmp_path)
    raw = json.loads(Path(first).read_text("utf-8"))
    raw["referentiel_version"] = "1999.1"
    Path(first).write_text(json.dumps(raw), "utf-8")
    code, _, err = run(capsys, "--lang", "en", "compare", first, second)
    assert code == 1
    assert "'1999.1', which cannot be mapped" in err


def test_compare_reads_moves_to_and_from_not_relevant_in_every_format(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    earlier = mini_sheet()
    later = dataclasses.replace(
        earlier,
        territory=dataclasses.replace(earlier.territory, date=dt.date(2027, 3, 5)),
        answers={**earlier.answers, QuestionId("innov_tiers_lieux"): "declined"},
    )
    first, second = tmp_path / "2026.json", tmp_path / "2027.json"
    first.write_bytes(to_json(earlier, MINI))
    second.write_bytes(to_json(later, MINI))
    pdf, xlsx = tmp_path / "c.pdf", tmp_path / "c.xlsx"
    for order in ((first, second), (second, first)):
        code, out, err = run(
            capsys, "compare", *map(str, order), "--pdf", str(pdf), "--xlsx", str(xlsx)
        )
        assert (code, err) == (0, "")
        assert "[Autres changements]" in out and "Non pertinent / choix assumé" in out
        assert "Non pertinent / choix assumé" in body_text(pdf.read_bytes())
        cells = [
            cell
            for row in load_workbook(io.BytesIO(xlsx.read_bytes())).active.iter_rows(
                values_only=True
            )
            for cell in row
        ]
        assert "Non pertinent / choix assumé" in cells
    code, out, _ = run(capsys, "compare", str(first), str(second), "--format", "json")
    assert json.loads(out)["questions"][0]["after"] == "declined"
    assert json.loads(out)["questions"][0]["direction"] == "changed"


@pytest.mark.parametrize(
    ("content", "told"),
    [
        (b"not json", "Le fichier n\u2019est pas un JSON valide"),
        (b"\xff\xfe", "Le fichier n\u2019est pas encod\u00e9 en UTF-8"),
        (b'{"territory": 3}', "Fichier"),
    ],
)
def test_a_bad_file_in_either_place_is_one_plain_line_naming_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: bytes, told: str
) -> None:
    good, _ = files(tmp_path)
    bad = tmp_path / "abime.json"
    bad.write_bytes(content)
    for args in ((good, str(bad)), (str(bad), good)):
        code, out, err = run(capsys, "compare", *args)
        assert (code, out) == (1, "")
        assert err.startswith(f"Erreur\u00a0: Fichier «\u00a0{bad}\u00a0»\u00a0: ")
        assert told in err and err.count("\n") == 1
