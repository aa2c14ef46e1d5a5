"""Diagnostics saved with référentiel 2026.1 are carried over to the current one, once."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import text

from diagnostic import load_referentiel
from diagnostic.errors import AnswersError
from diagnostic.model import DECLINED, UNKNOWN, QuestionId
from diagnostic.settings import PROJECT_DATA
from diagnostic.storage import close_repositories, open_repository
from diagnostic.storage.engine import create_engine_for
from diagnostic.storage.migrate import alembic_config

REFERENTIEL = load_referentiel(PROJECT_DATA)


def old_database(url: str) -> None:
    """A database left by the first release: schema 0001, one diagnostic with 2026.1 answers."""
    engine = create_engine_for(url)
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
        connection.execute(
            text(
                "INSERT INTO diagnostics (id, token, name, type, created_at, updated_at) "
                "VALUES (1, 'tok_0123456789abcdef0123', 'CC du Val', 'cc', "
                "'2026-03-01 10:00:00', '2026-03-01 10:00:00')"
            )
        )
        for question, level, dont_know, comment in (
            ("poids_information_elus_agents", 1, False, "« réunion en mars »"),
            ("poids_priorite_connaissance", 3, False, ""),
            ("emploi_clauses_insertion", 3, False, ""),
            ("emploi_tzcld", None, True, ""),
        ):
            connection.execute(
                text(
                    "INSERT INTO answers (diagnostic_id, question_id, level, dont_know, comment,"
                    " updated_at) VALUES (1, :q, :level, :dk, :comment, '2026-03-01 10:00:00')"
                ),
                {"q": question, "level": level, "dk": dont_know, "comment": comment},
            )
    engine.dispose()


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
