"""The wizard and the results page ask and count only the questions of the territory's type."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from app_support import go, new_app, screen, visit

from diagnostic.export.jsonio import to_json
from diagnostic.model import AnswerSheet, QuestionId, TerritoryProfile
from diagnostic.referentiel.load import load_referentiel
from diagnostic.storage import Repository
from diagnostic.typography import NBSP

LIMITED = "ressources_financement_solidaire"  # no action follows from it: free to limit
KEPT = "ressources_appui_finance_solidaire"
PETR = TerritoryProfile("PETR du Pays de Test", "pays_petr")


@pytest.fixture
def limited_dir(tmp_path: Path, database_url: str, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The shipped référentiel with one question asked of EPCI only; the app reads it."""
    target = tmp_path / "ref"
    shutil.copytree(Path(__file__).resolve().parents[2] / "data", target)
    path = target / "questions.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    column = lines[0].split(";").index("territory_types")
    rows = [lines[0]]
    for line in lines[1:]:
        if line.startswith(LIMITED + ";"):
            cells = line.split(";")
            cells[column] = "cc|ca|cu|metropole"
            line = ";".join(cells)
        rows.append(line)
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    monkeypatch.setenv("DIAGNOSTIC_REFERENTIEL_DIR", str(target))
    return target


def petr_sheet(repository: Repository, directory: Path) -> tuple[str, int]:
    """A PETR's diagnostic holding an earlier answer to the limited question; its token and
    the wizard step of that question's motivation."""
    ref = load_referentiel(directory)
    answers = {QuestionId(LIMITED): 2, QuestionId(KEPT): 1}
    token = repository.create_diagnostic(PETR).token
    repository.replace_sheet(token, AnswerSheet(PETR, answers, {}, ref.version))
    step = 1 + [m.id for m in ref.motivations].index(ref.question(LIMITED).motivation)
    return token, step


def plain(text: str) -> str:
    return text.replace(NBSP, " ").replace("\\", "")


def test_the_wizard_leaves_out_a_question_of_another_type_and_says_so(
    limited_dir: Path, repository: Repository
) -> None:
    token, step = petr_sheet(repository, limited_dir)
    at = go(new_app(token=token, step=step).run(), "diagnostic")
    assert not at.exception, at.exception
    keys = {radio.key for radio in at.radio}
    assert f"answer-{KEPT}" in keys and f"answer-{LIMITED}" not in keys
    note = " ".join(plain(str(info.value)) for info in at.info)
    assert "n’est pas posée à un territoire de ce type" in note
    assert "« recours des projets à la finance solidaire »" in note
    total = len(load_referentiel(limited_dir).questions) - 1
    results = go(at, "resultats")
    assert not results.exception, results.exception
    assert f"Réponses données : 1 sur {total}," in plain(screen(results))


def test_the_answer_counts_again_once_the_type_allows_the_question(
    limited_dir: Path, repository: Repository
) -> None:
    token, step = petr_sheet(repository, limited_dir)
    sheet = repository.load_sheet(token)
    repository.replace_sheet(token, replace(sheet, territory=replace(PETR, type="cc")))
    at = go(new_app(token=token, step=step).run(), "diagnostic")
    assert not at.exception, at.exception
    assert at.radio(key=f"answer-{LIMITED}").value == 2
    assert not any("n’est pas posée" in plain(str(info.value)) for info in at.info)
    total = len(load_referentiel(limited_dir).questions)
    assert f"Réponses données : 2 sur {total}," in plain(screen(go(at, "resultats")))


def test_english_note_names_the_question(limited_dir: Path, repository: Repository) -> None:
    token, step = petr_sheet(repository, limited_dir)
    at = go(new_app(token=token, step=step, lang="en").run(), "diagnostic")
    note = " ".join(str(info.value) for info in at.info)
    assert "not asked of a territory of this type" in note
    assert "“projects’ use of solidarity finance”" in note


def test_a_workshop_participant_is_not_asked_a_question_of_another_type(
    limited_dir: Path, repository: Repository
) -> None:
    ref = load_referentiel(limited_dir)
    motivation = ref.question(LIMITED).motivation
    workshop, _ = repository.create_workshop(PETR, (motivation,))
    token = repository.join_workshop(workshop.code, "elu", None).token
    at = visit("atelier", p=token)
    assert not at.exception, at.exception
    keys = {str(radio.key) for radio in at.radio}
    assert any(key.endswith(f"answer-{KEPT}") for key in keys), keys
    assert not any(key.endswith(f"answer-{LIMITED}") for key in keys)
    asked = len(ref.questions_of(motivation)) - 1
    assert f"Réponses : 0 sur {asked}," in plain(str(at.get("progress")[0].proto.text))


def test_a_brought_file_answering_a_question_of_another_type_is_taken_without_it(
    limited_dir: Path, repository: Repository
) -> None:
    ref = load_referentiel(limited_dir)
    workshop, _ = repository.create_workshop(PETR, ())
    token = repository.join_workshop(workshop.code, "agent", None).token
    source = AnswerSheet(
        TerritoryProfile("CC voisine", "cc"),
        {QuestionId(LIMITED): 3, QuestionId(KEPT): 2},
        {},
        ref.version,
    )
    at = visit("atelier", p=token)
    data = to_json(source, ref)
    at.file_uploader(key="atelier-bring-file").upload("reponses.json", data, "application/json")
    at.run()
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    assert dict(repository.load_sheet(token).answers) == {KEPT: 2}


def test_the_dashboard_does_not_list_a_question_of_another_type(
    limited_dir: Path, repository: Repository
) -> None:
    ref = load_referentiel(limited_dir)
    motivation = ref.question(LIMITED).motivation
    workshop, admin_key = repository.create_workshop(PETR, (motivation,))
    for role in ("elu", "agent", "habitant"):
        token = repository.join_workshop(workshop.code, role, None).token
        repository.save_answer(token, KEPT, 1)
    at = visit("animation", code=workshop.code, key=admin_key)
    assert not at.exception, at.exception
    asked = len(ref.questions_of(motivation)) - 1
    progress = [str(cell) for row in at.table[0].value.values.tolist() for cell in row]
    assert progress.count(f"1 sur {asked}") == 3, progress


def test_an_imported_file_keeps_its_answer_to_a_question_of_another_type(
    limited_dir: Path, repository: Repository
) -> None:
    ref = load_referentiel(limited_dir)
    token, _ = petr_sheet(repository, limited_dir)
    at = go(new_app(token=token, step=len(ref.motivations) + 1).run(), "diagnostic")
    assert not at.exception, at.exception
    source = AnswerSheet(PETR, {QuestionId(LIMITED): 4, QuestionId(KEPT): 3}, {}, ref.version)
    data = to_json(source, ref)
    at.file_uploader(key="import-replace").upload("reponses.json", data, "application/json").run()
    at.button(key="import-replace-confirm").click().run()
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    assert dict(repository.load_sheet(token).answers) == {LIMITED: 4, KEPT: 3}
