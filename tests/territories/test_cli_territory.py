"""``diagnostic-ess territory find`` and the SIREN warning of ``score`` and ``report``."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from diagnostic.cli import main
from diagnostic.settings import PROJECT_DATA

ROOT = Path(__file__).resolve().parent.parent.parent


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_find_prints_one_line_per_match(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "territory", "find", "val d ille")
    assert code == 0 and err == ""
    assert out.splitlines() == [
        "CC Val d’Ille-Aubigné — communauté de communes, Ille-et-Vilaine (35), Bretagne, "
        "38\u00a0971 habitants, SIREN 243500667"
    ]


def test_find_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "territory", "find", "Saint-Denis", "--format", "json")
    found = json.loads(out)
    assert code == 0 and len(found) == 20
    first = found[0]
    assert {key: first[key] for key in ("name", "kind", "siren", "departement", "region")} == {
        "name": "Saint-Denis",
        "kind": "commune",
        "siren": "219740115",
        "departement": "974",
        "region": "04",
    }
    assert isinstance(first["population"], int) and "members" not in first


def test_find_json_epci_counts_members(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "territory", "find", "243 500 667", "--format", "json")
    [epci] = json.loads(out)
    assert epci["kind"] == "cc" and epci["members"] > 5 and "postcodes" not in epci


def test_find_english(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "--lang", "en", "territory", "find", "Annecy-le-Vieux", "--limit", "1")
    assert out.startswith("Annecy — commune, Haute-Savoie (74), Auvergne-Rhône-Alpes, population ")
    assert out.rstrip().endswith("(formerly Annecy-le-Vieux)")


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("a", "Tapez au moins 2 lettres ou chiffres."),
        ("", "Tapez au moins 2 lettres ou chiffres."),
        ("99999", "Aucune commune ni aucun EPCI ne correspond à « 99999 »."),
        ("x" * 10_000, "Aucune commune ni aucun EPCI ne correspond à « " + "x" * 60 + " »."),
    ],
)
def test_find_bad_queries(capsys: pytest.CaptureFixture[str], query: str, message: str) -> None:
    code, out, err = run(capsys, "territory", "find", query)
    assert code == 0 and out == ""
    assert err.strip() == message.replace(" »", "\u00a0»").replace("« ", "«\u00a0")


def test_find_json_empty_list(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "territory", "find", "a", "--format", "json")
    assert (code, json.loads(out), err) == (0, [], "")


def test_find_with_a_broken_territories_file(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from diagnostic.territory import official as territories

    monkeypatch.setattr(territories, "PROJECT_DATA", tmp_path)
    territories.official_territories.cache_clear()
    try:
        code, out, err = run(capsys, "territory", "find", "Rennes")
    finally:
        territories.official_territories.cache_clear()
    assert code == 1 and out == ""
    assert err == (
        "Erreur\u00a0: Le référentiel contient 1 problème\u00a0: ; "
        "territoires.json.gz\u00a0: fichier introuvable\n"
    )


def answers(tmp_path: Path, territory: dict[str, object]) -> Path:
    path = tmp_path / "reponses.json"
    path.write_text(json.dumps({"territory": territory, "answers": {}}), encoding="utf-8")
    return path


NAME_WARNING = (
    "Attention\u00a0: le SIREN 243500667 est celui de «\u00a0CC Val d’Ille-Aubigné\u00a0», "
    "pas de «\u00a0Rennes\u00a0».\n"
)
TYPE_WARNING = (
    "Attention\u00a0: «\u00a0CC Val d’Ille-Aubigné\u00a0» est de type «\u00a0Communauté de "
    "communes (CC)\u00a0», pas «\u00a0Communauté d’agglomération (CA)\u00a0».\n"
)
UNKNOWN_WARNING = (
    "Attention\u00a0: le SIREN 123456782 n’est ni celui d’une commune ni celui d’un EPCI "
    "du découpage 2026.\n"
)


@pytest.mark.parametrize(
    ("territory", "warning"),
    [
        ({"name": "Rennes", "type": "cc", "siren": "243500667"}, NAME_WARNING),
        ({"name": "Val d'Ille-Aubigné", "type": "ca", "siren": "243500667"}, TYPE_WARNING),
        ({"name": "Val d’Ille - Aubigné", "type": "cc", "siren": "243 500 667"}, ""),
        ({"name": "CC VAL D'ILLE AUBIGNE", "type": "cc", "siren": "243500667"}, ""),
        ({"name": "Rennes", "type": "cc"}, ""),
        ({"name": "Pays de Test", "type": "cc", "siren": "123456782"}, UNKNOWN_WARNING),
        ({"name": "Pays de Test", "type": "pays_petr", "siren": "123456782"}, ""),
    ],
)
def test_score_warns_when_siren_and_name_disagree(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, territory: dict, warning: str
) -> None:
    code, out, err = run(capsys, "score", str(answers(tmp_path, territory)))
    assert code == 0 and json.loads(out)["levers"]
    assert err == warning


def test_report_warns_too_in_english(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = answers(tmp_path, {"name": "Rennes", "type": "cc", "siren": "243500667"})
    args = ("report", str(path), "--json", str(tmp_path / "out.json"), "--lang", "en")
    code, _, err = run(capsys, *args)
    assert code == 0
    assert err == "Warning: SIREN 243500667 is CC Val d’Ille-Aubigné's, not Rennes's.\n"


def test_validate_checks_the_directory(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "data"
    shutil.copytree(ROOT / "tests" / "data" / "ok", target)
    (target / "annuaire").mkdir()
    (target / "annuaire" / "bretagne.csv").write_text(
        "region;departement;provider;name;website;source;checked\n"
        "53;;cress;CRESS Bretagne;https://www.ess-bretagne.org;;2026-01-05\n",
        encoding="utf-8",
    )
    code, out, err = run(capsys, "validate", str(target))
    assert code == 1 and out == ""
    assert "bretagne.csv, ligne 2, champ « source » : adresse manquante" in err


def test_shipped_directory_validates(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "validate", str(PROJECT_DATA))
    assert code == 0 and err == ""
