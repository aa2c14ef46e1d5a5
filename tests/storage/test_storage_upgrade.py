"""Diagnostics saved with référentiel 2026.1 are carried over to the current one, once."""

from __future__ import annotations

from pathlib import Path

import pytest
from storage_support import old_database

from diagnostic import load_referentiel
from diagnostic.errors import AnswersError
from diagnostic.model import DECLINED, UNKNOWN, QuestionId
from diagnostic.settings import PROJECT_DATA
from diagnostic.storage import close_repositories, open_repository

REFERENTIEL = load_referentiel(PROJECT_DATA)


def test_a_first_release_database_is_carried_over_to_2026_2(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/old.sqlite3"
    old_database(url)
    repository = open_repository(url)
    assert repository.load_sheet("tok_0123456789abcdef0123").referentiel_version == "2026.1"

    assert repository.upgrade_saved(REFERENTIEL) == 1
    assert repository.upgrade_saved(REFERENTIEL) == 0  # once only

    sheet = repository.load_sheet("tok_0123456789abcdef0123")
    assert sheet.referentiel_version == REFERENTIEL.version
    assert sheet.answers == {
        QuestionId("poids_information_elus"): 1,
        QuestionId("poids_information_agents"): 1,
        QuestionId("emploi_clauses_insertion"): 3,
        QuestionId("emploi_tzcld"): UNKNOWN,
    }
    assert sheet.comments == {QuestionId("poids_information_elus"): "« réunion en mars »"}
    assert sheet.upgrade_note is not None
    assert "2026.1" in sheet.upgrade_note.fr and REFERENTIEL.version in sheet.upgrade_note.fr
    assert "séparée en deux" in sheet.upgrade_note.fr
    assert "1\u00a0réponse(s) n’ont pas pu être reprises" in sheet.upgrade_note.fr
    assert "could not be carried over" in sheet.upgrade_note.en
    repository.clear_upgrade_note("tok_0123456789abcdef0123")
    assert repository.load_sheet("tok_0123456789abcdef0123").upgrade_note is None
    close_repositories()


def test_declined_answers_and_the_ranking_are_saved(tmp_path: Path) -> None:
    repository = open_repository(f"sqlite:///{tmp_path}/new.sqlite3")
    token = repository.create_diagnostic(referentiel_version=REFERENTIEL.version).token
    declinable = next(q for q in REFERENTIEL.questions if q.declinable)
    repository.save_answer(token, declinable.id, DECLINED)
    repository.save_priorities(token, ["emploi", "besoins_habitants"])
    sheet = repository.load_sheet(token)
    assert sheet.answers == {declinable.id: DECLINED}
    assert sheet.priorities == ("emploi", "besoins_habitants")
    assert sheet.referentiel_version == REFERENTIEL.version
    repository.save_answer(token, declinable.id, None)
    assert repository.load_sheet(token).answers == {}
    close_repositories()


@pytest.mark.parametrize("bad", [["emploi", "emploi"], ["Emploi"], ["x"] * 8, ["a b"]])
def test_a_malformed_ranking_is_refused_plainly(tmp_path: Path, bad: list[str]) -> None:
    repository = open_repository(f"sqlite:///{tmp_path}/bad.sqlite3")
    token = repository.create_diagnostic().token
    with pytest.raises(AnswersError) as caught:
        repository.save_priorities(token, bad)
    assert "motivations" in caught.value.message("fr")
    close_repositories()
