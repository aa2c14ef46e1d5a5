"""The ``diagnostic-ess`` command line: outputs on good input, one-line errors on bad input."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from diagnostic.cli import main

# A question of the miniature référentiel, named by its label and, in brackets, its id.
JOBS = "Réponse à la question « Quelle importance a la création d’emplois ? » (emploi_priorite)"

ROOT = Path(__file__).resolve().parent.parent.parent
MINI = ROOT / "tests" / "data" / "ok"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def answers_file(tmp_path: Path) -> Path:
    path = tmp_path / "reponses.json"
    path.write_text(
        json.dumps(
            {
                "territory": {"name": "Communauté de communes de l’Essai", "type": "cc"},
                "answers": {
                    "emploi_priorite": 2,
                    "emploi_clauses": 1,
                    "emploi_chiffres": "unknown",
                    "innov_priorite": 1,
                    "innov_tiers_lieux": 2,
                },
            }
        ),
        encoding="utf-8",
    )
    return path


def test_validate_shipped_data(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "validate")
    assert code == 0 and err == ""
    assert out.startswith("Référentiel 2026.3 valide\u00a0: 7 motivations, 6 leviers, ")


def test_validate_reports_every_problem(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "ref"
    shutil.copytree(MINI, target)
    shutil.copy(ROOT / "tests" / "data" / "nok" / "several_defects" / "weights.csv", target)
    shutil.copy(ROOT / "tests" / "data" / "nok" / "several_defects" / "levers.csv", target)
    code, out, err = run(capsys, "validate", str(target))
    assert code == 1 and out == ""
    lines = err.replace("\u00a0", " ").splitlines()
    assert lines == [
        "levers.csv, ligne 2, champ « providers » : acteur inconnu : « univ »",
        "weights.csv, ligne 3, champ « weight » : le poids doit être strictement positif "
        "(trouvé : -3)",
        f"Erreur : 2 problèmes dans {target}",
    ]


def test_referentiel_json_lists_questions(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "referentiel", "--format", "json")
    data = json.loads(out)
    assert code == 0
    assert len(data["motivations"]) == 7 and len(data["levers"]) == 6
    question = data["questions"][0]
    assert set(question) >= {"id", "motivation", "kind", "scale", "levers", "label"}
    assert {"min", "max"} <= set(question["scale"])
    assert all(weight > 0 for q in data["questions"] for weight in q["levers"].values())
    assert question["label"]["fr"] and question["label"]["en"]


def test_referentiel_json_shows_each_actions_conditions(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--data", str(MINI), "referentiel", "--format", "json")
    assert code == 0
    actions = {a["id"]: a for lever in json.loads(out)["levers"] for a in lever["actions"]}
    assert actions["cp_spaser"]["conditions"] == {
        "questions": ["emploi_clauses"],
        "done_from": 3,
        "min_population": 20000,
        "max_population": None,
    }
    assert actions["cp_clauses"]["next"]["fr"] == "Étendre les clauses sociales"
    assert actions["cp_spaser"]["next"] is None


def test_referentiel_csv_opens_as_a_table(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--data", str(MINI), "referentiel", "--format", "csv")
    table = pd.read_csv(io.StringIO(out), sep=";", decimal=",")
    assert code == 0 and "\r\n" in out
    assert list(table["id"]) == [
        "emploi_priorite",
        "emploi_clauses",
        "emploi_chiffres",
        "innov_priorite",
        "innov_tiers_lieux",
    ]
    assert table.loc[2, "weight_observation"] == 3


def test_score_json(capsys: pytest.CaptureFixture[str], answers_file: Path) -> None:
    code, out, err = run(capsys, "--data", str(MINI), "score", str(answers_file))
    result = json.loads(out)
    assert code == 0 and err == ""
    assert [(lv["id"], lv["rank"]) for lv in result["levers"]] == [
        ("observation", 1),
        ("commande_publique", 2),
    ]
    assert result["levers"][1]["score"] == pytest.approx(55.56, abs=0.01)
    assert result["levers"][0]["questions"][0] == "emploi_chiffres"
    assert result["knowledge_gaps"][0]["question"] == "emploi_chiffres"
    assert result["recommendations"][0]["reasons"]


def test_score_csv(capsys: pytest.CaptureFixture[str], answers_file: Path) -> None:
    code, out, _ = run(capsys, "--data", str(MINI), "score", str(answers_file), "--format", "csv")
    table = pd.read_csv(io.StringIO(out), sep=";", decimal=",")
    assert code == 0
    levers = table[table["section"] == "lever"]
    assert list(levers["id"]) == ["observation", "commande_publique"]
    assert levers["score"].iloc[1] == pytest.approx(55.56, abs=0.01)


def test_score_in_english(capsys: pytest.CaptureFixture[str], answers_file: Path) -> None:
    _, out, _ = run(capsys, "--lang", "en", "--data", str(MINI), "score", str(answers_file))
    assert json.loads(out)["levers"][1]["label"] == "Responsible public procurement"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (None, "Erreur : fichier introuvable : {path}"),
        (b"{not json", "Erreur : Le fichier n’est pas un JSON valide (ligne 1, colonne 2)."),
        (
            b'{"territory": {"name": "X", "type": "cc"}, "answers": {"emploi_priorite": 5}}',
            "Erreur : " + JOBS + " : le niveau 5 est hors de l’échelle (de 0 à 2).",
        ),
    ],
    ids=["missing", "malformed", "off-scale"],
)
def test_score_errors_are_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: bytes | None, expected: str
) -> None:
    path = tmp_path / "in.json"
    if content is not None:
        path.write_bytes(content)
    code, out, err = run(capsys, "--data", str(MINI), "score", str(path))
    assert code == 1 and out == ""
    assert err.replace("\u00a0", " ") == expected.format(path=path) + "\n"


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "score")
    assert code == 2 and err.count("\n") == 1 and "ANSWERS" in err
    code, _, err = run(capsys, "referentiel", "--format", "pdf")
    assert code == 2 and err.count("\n") == 1


def test_console_script_is_installed(answers_file: Path) -> None:
    script = Path(sys.executable).with_name("diagnostic-ess")
    done = subprocess.run(
        [str(script), "--data", str(MINI), "score", str(answers_file), "--format", "csv"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("section;id;label;score;rank")


def test_a_2026_1_file_is_scored_and_says_what_was_carried_over(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    old = {
        "referentiel_version": "2026.1",
        "territory": {"name": "CC du Val", "type": "cc"},
        "answers": {"poids_information_elus_agents": 1, "poids_priorite_connaissance": 3},
    }
    path = tmp_path / "ancien.json"
    path.write_text(json.dumps(old), encoding="utf-8")
    code, out, err = run(capsys, "score", str(path))
    assert code == 0
    levers = {lv["id"]: lv for lv in json.loads(out)["levers"]}
    assert levers["sensibilisation"]["questions"] == [
        "poids_information_elus",
        "poids_information_agents",
    ]
    assert "référentiel 2026.1" in err and "version 2026.3" in err
    assert "1\u00a0réponse(s) n’ont pas pu être reprises" in err


def test_score_csv_lists_choices_and_confidence(capsys: pytest.CaptureFixture[str]) -> None:
    persona = Path(__file__).resolve().parents[1] / "personas" / "cc_refuse_tzcld.json"
    code, out, _ = run(capsys, "score", str(persona), "--format", "csv")
    table = pd.read_csv(io.StringIO(out), sep=";", decimal=",")
    assert code == 0
    assert list(table[table["section"] == "declined"]["id"]) == [
        "emploi_tzcld",
        "ressources_monnaie_locale",
    ]
    notes = list(table[table["section"] == "confidence"]["label"])
    assert notes and all("coude-à-coude" in note for note in notes)
