"""Single diagnostics: save, resume by token, replace, delete."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest
from sqlalchemy import create_engine, text
from storage_support import HOSTILE, NO_ACCOUNTS, PROFILE, QUESTIONS, row_counts

from diagnostic.errors import AnswersError, NotFoundError
from diagnostic.model import AnswerSheet, QuestionId
from diagnostic.storage import (
    EMPTY_PROFILE,
    Repository,
    close_repositories,
    open_repository,
    queries,
)
from diagnostic.territory.profile import clean_text

NOT_FOUND_FR = (
    "Aucun diagnostic ne correspond à ce lien. Vérifiez l’adresse complète, "
    "ou commencez un nouveau diagnostic."
)
NOT_FOUND_EN = "No diagnostic matches this link. Check the full address, or start a new diagnostic."


def test_a_new_diagnostic_has_an_unguessable_token_and_utc_times(repo: Repository) -> None:
    record = repo.create_diagnostic()
    assert len(record.token) >= 32
    assert record.token != repo.create_diagnostic().token
    assert record.profile is None and record.workshop_code is None
    assert record.created_at.tzinfo == dt.UTC
    assert repo.get_diagnostic(record.token) == record


def test_profile_answers_and_comments_round_trip(repo: Repository) -> None:
    token = repo.create_diagnostic().token
    repo.save_profile(token, PROFILE)
    repo.save_answer(token, "q01", 3)
    repo.save_answer(token, "q02", "unknown")
    repo.save_answer(token, "q03", 0)
    repo.save_comment(token, "q02", "Pas de données.")
    repo.save_comment(token, "q04", "Seulement un commentaire")

    sheet = repo.load_sheet(token)

    assert sheet.territory == PROFILE
    assert sheet.answers == {"q01": 3, "q02": "unknown", "q03": 0}
    assert sheet.comments == {"q02": "Pas de données.", "q04": "Seulement un commentaire"}
    assert repo.get_diagnostic(token).profile == PROFILE


def test_changing_an_answer_keeps_one_row(repo: Repository, database_url: str) -> None:
    token = repo.create_diagnostic().token
    for level in (1, 2, "unknown", 4):
        repo.save_answer(token, "q01", level)
    assert repo.load_sheet(token).answers == {"q01": 4}
    assert row_counts(database_url)["answers"] == 1


def test_clearing_an_answer_keeps_its_comment(repo: Repository, database_url: str) -> None:
    token = repo.create_diagnostic().token
    repo.save_answer(token, "q01", 2)
    repo.save_comment(token, "q01", "à revoir")
    repo.save_answer(token, "q01", None)
    assert repo.load_sheet(token).answers == {}
    assert repo.load_sheet(token).comments == {"q01": "à revoir"}
    repo.save_comment(token, "q01", "")
    assert repo.load_sheet(token).comments == {}
    assert row_counts(database_url)["answers"] == 0


def test_clearing_a_comment_keeps_the_answer(repo: Repository) -> None:
    token = repo.create_diagnostic().token
    repo.save_comment(token, "q01", "note")
    repo.save_answer(token, "q01", "unknown")
    repo.save_comment(token, "q01", "")
    assert repo.load_sheet(token) == AnswerSheet(EMPTY_PROFILE, {QuestionId("q01"): "unknown"})


@pytest.mark.parametrize("hostile", HOSTILE)
def test_typed_text_is_stored_as_typed_minus_invisible_characters(
    repo: Repository, hostile: str
) -> None:
    profile = dataclasses.replace(PROFILE, name=hostile[:300])
    token = repo.create_diagnostic(profile).token
    repo.save_comment(token, "q01", hostile)
    assert repo.load_sheet(token).comments == {"q01": clean_text(hostile)}
    assert repo.get_diagnostic(token).profile == dataclasses.replace(
        profile, name=clean_text(profile.name)
    )


def test_unstorable_characters_are_dropped(repo: Repository) -> None:
    token = repo.create_diagnostic(dataclasses.replace(PROFILE, name="N\x00om\ud800")).token
    repo.save_comment(token, "q01", "a\x00b\udfff")
    assert repo.load_sheet(token).comments == {"q01": "ab"}
    assert repo.load_sheet(token).territory.name == "Nom"


def test_the_profile_is_saved_as_queryable_columns(repo: Repository, database_url: str) -> None:
    token = repo.create_diagnostic(PROFILE).token
    repo.save_answer(token, "q01", "unknown")
    repo.save_answer(token, "q02", 4)
    engine = create_engine(database_url)
    with engine.connect() as connection:
        territory = connection.execute(
            text("SELECT name, type, siren, departement, population, date FROM diagnostics")
        ).one()
        levels = connection.execute(
            text("SELECT question_id, level, dont_know FROM answers ORDER BY question_id")
        ).all()
    engine.dispose()
    assert tuple(territory)[:5] == (
        "Communauté de communes du Pays de Colombey",
        "cc",
        "200069813",
        "54",
        11_500,
    )
    assert str(territory.date) == "2026-03-14"
    assert [tuple(row) for row in levels] == [("q01", None, True), ("q02", 4, False)]


def test_a_diagnostic_resumes_after_a_restart(database_url: str) -> None:
    repo = open_repository(database_url)
    token = repo.create_diagnostic(PROFILE).token
    for position, question in enumerate(QUESTIONS):
        repo.save_answer(token, question, position % 5)
    repo.save_comment(token, "q42", "fin")
    before = repo.load_sheet(token)
    close_repositories()  # a server restart: new engine, new connections

    resumed = open_repository(database_url)

    assert resumed.load_sheet(token) == before
    assert len(before.answers) == 42


def test_updated_at_moves_on_every_save(repo: Repository) -> None:
    record = repo.create_diagnostic()
    repo.save_answer(record.token, "q01", 1)
    later = repo.get_diagnostic(record.token)
    assert later.created_at == record.created_at
    assert later.updated_at > record.updated_at


@pytest.mark.parametrize(
    "token",
    ["", "   ", "x", "../../etc/passwd", "' OR 1=1 --", "A" * 200, "Z" * 32, None, 42],
)
def test_an_unknown_or_malformed_token_is_not_found(repo: Repository, token: Any) -> None:
    calls = [
        lambda: repo.get_diagnostic(token),
        lambda: repo.load_sheet(token),
        lambda: repo.save_answer(token, "q01", 1),
        lambda: repo.save_comment(token, "q01", "x"),
        lambda: repo.save_profile(token, PROFILE),
        lambda: repo.replace_sheet(token, AnswerSheet(PROFILE)),
        lambda: repo.delete_diagnostic(token),
    ]
    for call in calls:
        with pytest.raises(NotFoundError) as caught:
            call()
        assert caught.value.message("fr") == NOT_FOUND_FR
        assert caught.value.message("en") == NOT_FOUND_EN


def test_a_sheet_without_profile_has_the_empty_profile(repo: Repository) -> None:
    token = repo.create_diagnostic().token
    assert repo.load_sheet(token).territory == EMPTY_PROFILE
    assert repo.load_sheet(token, referentiel_version="2026.1").referentiel_version == "2026.1"


def test_replace_sheet_replaces_everything(repo: Repository, database_url: str) -> None:
    token = repo.create_diagnostic().token
    repo.save_answer(token, "q01", 1)
    repo.save_comment(token, "q02", "ancien")
    sheet = AnswerSheet(
        PROFILE,
        {QuestionId("q03"): 2, QuestionId("q04"): "unknown", QuestionId("q07"): None},  # type: ignore[dict-item]
        {QuestionId("q04"): "nouveau", QuestionId("q05"): "seul", QuestionId("q06"): ""},
        "2026.1",
    )

    repo.replace_sheet(token, sheet)

    assert repo.load_sheet(token) == dataclasses.replace(
        sheet,
        answers={QuestionId("q03"): 2, QuestionId("q04"): "unknown"},
        comments={QuestionId("q04"): "nouveau", QuestionId("q05"): "seul"},
    )
    assert row_counts(database_url)["answers"] == 3


def test_replace_sheet_is_atomic(repo: Repository, monkeypatch: pytest.MonkeyPatch) -> None:
    token = repo.create_diagnostic().token
    repo.save_answer(token, "q01", 1)
    repo.save_comment(token, "q01", "gardé")
    before = repo.load_sheet(token)
    insert_answers = queries.insert_answers

    def fail_midway(*args: Any) -> None:
        insert_answers(*args)
        raise RuntimeError("disk full")

    monkeypatch.setattr(queries, "insert_answers", fail_midway)
    with pytest.raises(RuntimeError, match="disk full"):
        repo.replace_sheet(token, AnswerSheet(PROFILE, {QuestionId("q02"): 3}))

    assert repo.load_sheet(token) == before
    assert repo.get_diagnostic(token).profile is None


def test_replace_sheet_checks_everything_before_writing(repo: Repository) -> None:
    token = repo.create_diagnostic().token
    repo.save_answer(token, "q01", 1)
    bad = AnswerSheet(PROFILE, {QuestionId("q02"): 3, QuestionId("q03"): "beaucoup"})  # type: ignore[dict-item]
    with pytest.raises(AnswersError) as caught:
        repo.replace_sheet(token, bad)
    assert caught.value.message("en") == (
        "Answer to 'q03': 'beaucoup' is neither a whole level nor 'unknown'."
    )
    assert repo.load_sheet(token).answers == {"q01": 1}


@pytest.mark.parametrize("question_id", ["", "Q1", "q 1", "q1;--", "é", "q" * 65])
def test_a_question_id_must_look_like_one(repo: Repository, question_id: str) -> None:
    token = repo.create_diagnostic().token
    with pytest.raises(AnswersError) as caught:
        repo.save_answer(token, question_id, 1)
    assert caught.value.message("en") == f"Invalid question id: '{question_id}'."


def test_an_invalid_question_id_message_in_french(repo: Repository) -> None:
    token = repo.create_diagnostic().token
    with pytest.raises(AnswersError) as caught:
        repo.save_comment(token, "Q1", "x")
    assert str(caught.value) == "Identifiant de question invalide\u00a0: «\u00a0Q1\u00a0»."


@pytest.mark.parametrize("answer", [True, 1.5, "3", 10_000, [1]])
def test_an_answer_is_a_level_or_unknown(repo: Repository, answer: Any) -> None:
    token = repo.create_diagnostic().token
    with pytest.raises(AnswersError):
        repo.save_answer(token, "q01", answer)


def test_a_profile_with_codes_that_do_not_fit_is_refused(repo: Repository) -> None:
    bad = dataclasses.replace(PROFILE, type="region", departement="5400")  # type: ignore[arg-type]
    with pytest.raises(AnswersError) as caught:
        repo.create_diagnostic(bad)
    assert caught.value.message("en") == (
        "Invalid territory profile: type = 'region', departement = '5400'."
    )


def test_delete_diagnostic_removes_its_rows(repo: Repository, database_url: str) -> None:
    kept = repo.create_diagnostic().token
    gone = repo.create_diagnostic(PROFILE).token
    for token in (kept, gone):
        repo.save_answer(token, "q01", 2)
        repo.save_comment(token, "q02", "x")

    repo.delete_diagnostic(gone)

    with pytest.raises(NotFoundError):
        repo.get_diagnostic(gone)
    assert row_counts(database_url) == {
        "workshops": 0,
        "workshop_pacing": 0,
        "diagnostics": 1,
        "answers": 2,
        "plan_actions": 0,
        **NO_ACCOUNTS,
        "observatory_figures": 0,
        "pins": 0,
        "retained_answers": 0,
        "hidden_comments": 0,
        "discussion_marks": 0,
        "directory_edits": 0,
    }
    assert repo.load_sheet(kept).answers == {"q01": 2}
