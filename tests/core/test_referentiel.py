"""The référentiel loader: the shipped data is valid; each defect gives its exact message."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from diagnostic import ReferentielError, load_referentiel, validate_referentiel
from diagnostic.model import TERRITORY_TYPES
from diagnostic.settings import PROJECT_DATA

DATA = Path(__file__).resolve().parent.parent / "data"
OK = DATA / "ok"
NOK = sorted(path for path in (DATA / "nok").iterdir() if path.is_dir())


def build_nok(case: Path, target: Path) -> Path:
    """The miniature référentiel with the case's files laid over it."""
    shutil.copytree(OK, target)
    for file in case.iterdir():
        if file.name == "REMOVE":
            for name in file.read_text(encoding="utf-8").split():
                (target / name).unlink()
        elif file.is_dir():
            shutil.copytree(file, target / file.name, dirs_exist_ok=True)
        elif file.name != "expected.txt":
            shutil.copy(file, target / file.name)
    return target


def test_shipped_referentiel_is_valid() -> None:
    assert validate_referentiel(PROJECT_DATA) == []


def test_shipped_referentiel_has_the_seed_model() -> None:
    ref = load_referentiel(PROJECT_DATA)
    assert [m.id for m in ref.motivations] == [
        "poids_ess",
        "emploi",
        "besoins_habitants",
        "developpement_endogene",
        "ressources_territoire",
        "innovation",
        "projet_ess",
    ]
    assert [lever.id for lever in ref.levers] == [
        "sensibilisation",
        "observation",
        "strategie",
        "structuration",
        "competences",
        "commande_publique",
    ]
    assert len(ref.questions) >= 35
    for motivation in ref.motivations:
        questions = ref.questions_of(motivation.id)
        assert len(questions) >= 4
        assert {q.kind for q in questions} == {"priority", "maturity"}
    for lever in ref.levers:
        assert lever.providers
        for territory_type in TERRITORY_TYPES:
            fit = [a for a in ref.actions_of(lever.id) if a.applies_to(territory_type)]
            assert len(fit) >= 4, (lever.id, territory_type)


def test_seed_providers_are_named() -> None:
    ref = load_referentiel(PROJECT_DATA)
    providers = {lever.id: set(lever.providers) for lever in ref.levers}
    assert {"cress", "cnfpt", "rtes"} <= providers["sensibilisation"]
    assert {"cress", "dla", "universite"} <= providers["observation"]
    assert {"cress", "rtes", "tetes_de_reseaux"} <= providers["strategie"]
    assert {"cress", "urscop", "tetes_de_reseaux"} <= providers["structuration"]
    assert "universite" in providers["competences"]
    assert "facilitateurs" in providers["commande_publique"]


def test_french_texts_have_french_typography() -> None:
    ref = load_referentiel(PROJECT_DATA)
    texts = [q.label.fr for q in ref.questions] + [q.help.fr for q in ref.questions]
    texts += [a.label.fr for a in ref.actions] + [a.detail.fr for a in ref.actions]
    for text in texts:
        assert "'" not in text
        assert " ?" not in text and " :" not in text and "« " not in text, text


def test_miniature_referentiel_loads_in_display_order() -> None:
    ref = load_referentiel(OK)
    assert [q.id for q in ref.questions][:2] == ["emploi_priorite", "emploi_clauses"]
    assert ref.question("emploi_chiffres").levers == {"observation": 3.0, "commande_publique": 1.0}
    assert ref.scale("importance").max == 2
    assert ref.knowledge_gap_levers == {"observation": 2.0}


@pytest.mark.parametrize("case", NOK, ids=[case.name for case in NOK])
def test_each_defect_gives_its_exact_messages(case: Path, tmp_path: Path) -> None:
    directory = build_nok(case, tmp_path / "ref")
    expected = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert [problem.message("fr") for problem in validate_referentiel(directory)] == expected
    with pytest.raises(ReferentielError) as raised:
        load_referentiel(directory)
    assert raised.value.problems and len(raised.value.problems) == len(expected)


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    directory = build_nok(DATA / "nok" / "several_defects", tmp_path / "ref")
    problems = validate_referentiel(directory)
    assert [(p.file, p.row, p.field) for p in problems] == [
        ("motivations.csv", 3, "label_en"),
        ("levers.csv", 2, "providers"),
        ("weights.csv", 3, "weight"),
    ]


def test_messages_exist_in_english(tmp_path: Path) -> None:
    directory = build_nok(DATA / "nok" / "negative_weight", tmp_path / "ref")
    (problem,) = validate_referentiel(directory)
    assert problem.message("en") == (
        "weights.csv, row 3, field 'weight': the weight must be strictly positive (found: -3)"
    )


def test_missing_folder(tmp_path: Path) -> None:
    (problem,) = validate_referentiel(tmp_path / "absent")
    assert problem.message_fr == "dossier introuvable"


def test_typography_is_repaired_on_load(tmp_path: Path) -> None:
    directory = tmp_path / "ref"
    shutil.copytree(OK, directory)
    ref = load_referentiel(directory)
    assert (
        ref.question("emploi_priorite").label.fr
        == "Quelle importance a la création d’emplois\u00a0?"
    )
