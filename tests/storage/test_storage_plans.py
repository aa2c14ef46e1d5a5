"""Feuilles de route and re-diagnoses in the database, on SQLite and PostgreSQL."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlalchemy import create_engine, text
from storage_support import HOSTILE, PROFILE, QUESTIONS

from diagnostic.errors import AccessError, AnswersError
from diagnostic.model import UNKNOWN, AnswerSheet
from diagnostic.plan.model import PLAN_MAX, PlanAction, Quarter
from diagnostic.storage import Repository, close_repositories, open_repository
from diagnostic.territory.profile import clean_text

ADDED = dt.date(2026, 11, 27)


def line(entry: str, **changes: object) -> PlanAction:
    return dataclasses.replace(
        PlanAction(entry, "Former les élus", ADDED, quarter=Quarter(2027, 1)), **changes
    )


def test_lines_are_saved_changed_in_place_and_removed(repo: Repository) -> None:
    token = repo.create_diagnostic(PROFILE).token
    repo.save_plan_action(token, line("a1"))
    repo.save_plan_action(token, line("b2", label="Réunir les acteurs"))
    repo.save_plan_action(token, line("a1", status="fait", owner="Maire"))
    plan = repo.load_plan(token)
    assert [(a.id, a.status, a.owner) for a in plan] == [
        ("a1", "fait", "Maire"),
        ("b2", "a_lancer", ""),
    ]
    repo.delete_plan_action(token, "a1")
    assert [a.id for a in repo.load_plan(token)] == ["b2"]
    assert repo.load_sheet(token).plan == repo.load_plan(token)


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_text_is_stored_verbatim(repo: Repository, hostile: str) -> None:
    """Verbatim as a file would hold it: line ends unified, outer spaces trimmed."""
    token = repo.create_diagnostic(PROFILE).token
    repo.save_plan_action(token, line("a1", owner=hostile, note=hostile))
    kept = clean_text(hostile).strip()
    assert repo.load_plan(token) == (line("a1", owner=kept, note=kept),)


def test_bad_lines_are_refused_and_change_nothing(repo: Repository) -> None:
    token = repo.create_diagnostic(PROFILE).token
    with pytest.raises(AnswersError):
        repo.save_plan_action(token, line("a1", status="termine"))
    with pytest.raises(AnswersError):
        repo.save_plan_action(token, line("a1", note="x" * 10_001))
    with pytest.raises(AnswersError):
        repo.save_plan_action(token, line("a1", label="  "))
    with pytest.raises(AnswersError):
        repo.save_plan_action(token, line("A-1"))
    assert repo.load_plan(token) == ()


def test_a_plan_holds_at_most_plan_max_lines(repo: Repository) -> None:
    token = repo.create_diagnostic(PROFILE).token
    plan = tuple(line(f"l{n}") for n in range(PLAN_MAX))
    repo.replace_sheet(token, AnswerSheet(PROFILE, {}, {}, None, plan=plan))
    with pytest.raises(AnswersError):
        repo.save_plan_action(token, line("extra"))
    assert len(repo.load_plan(token)) == PLAN_MAX


def test_the_plan_survives_a_restart(database_url: str) -> None:
    repo = open_repository(database_url)
    token = repo.create_diagnostic(PROFILE).token
    repo.save_plan_action(token, line("a1", partners="CRESS"))
    close_repositories()
    assert open_repository(database_url).load_plan(token) == (line("a1", partners="CRESS"),)


def test_an_import_replaces_plan_and_previous(repo: Repository) -> None:
    token = repo.create_diagnostic(PROFILE).token
    repo.save_plan_action(token, line("old"))
    earlier = AnswerSheet(PROFILE, {QUESTIONS[0]: 2}, {}, "2026.1", plan=(line("a1"),))
    sheet = AnswerSheet(
        PROFILE,
        {QUESTIONS[0]: 3},
        {},
        "2026.1",
        plan=(line("a1", status="fait"),),
        previous=earlier,
    )
    repo.replace_sheet(token, sheet)
    assert repo.load_sheet(token) == sheet


def earlier_diagnostic(repo: Repository) -> str:
    token = repo.create_diagnostic(PROFILE).token
    repo.save_answer(token, QUESTIONS[0], 2)
    repo.save_answer(token, QUESTIONS[1], UNKNOWN)
    repo.save_comment(token, QUESTIONS[1], "à vérifier")
    repo.save_plan_action(token, line("a1", status="en_cours"))
    return token


def test_redoing_carries_profile_and_plan_and_keeps_the_earlier_answers(repo: Repository) -> None:
    token, other = earlier_diagnostic(repo), earlier_diagnostic(repo)
    today = dt.date(2027, 11, 30)

    empty = repo.rediagnose(token, prefill=False, today=today)
    filled = repo.rediagnose(other, prefill=True, today=today)

    assert empty.profile == filled.profile == dataclasses.replace(PROFILE, date=today)
    blank = repo.load_sheet(empty.token)
    assert blank.answers == {} and blank.plan == (line("a1", status="en_cours"),)
    assert blank.previous is not None
    assert blank.previous.territory == PROFILE
    assert blank.previous.answers == {QUESTIONS[0]: 2, QUESTIONS[1]: UNKNOWN}
    assert blank.previous.plan == blank.plan
    copied = repo.load_sheet(filled.token)
    assert copied.answers == blank.previous.answers
    assert copied.comments == blank.comments == {QUESTIONS[1]: "à vérifier"}
    # Changing the new plan leaves the earlier one as it was.
    repo.save_plan_action(filled.token, line("a1", status="fait"))
    assert repo.load_plan(other)[0].status == "en_cours"


def test_a_diagnostic_without_profile_cannot_be_redone(repo: Repository) -> None:
    token = repo.create_diagnostic().token
    with pytest.raises(AnswersError):
        repo.rediagnose(token, prefill=True)


def test_a_workshop_plan_needs_the_admin_key(repo: Repository) -> None:
    workshop, key = repo.create_workshop(PROFILE)
    repo.save_workshop_plan_action(workshop.code, key, line("a1"))
    with pytest.raises(AccessError):
        repo.save_workshop_plan_action(workshop.code, "wrong", line("a2"))
    with pytest.raises(AccessError):
        repo.delete_workshop_plan_action(workshop.code, "wrong", "a1")
    assert repo.load_workshop_plan(workshop.code) == (line("a1"),)
    repo.delete_workshop_plan_action(workshop.code, key, "a1")
    assert repo.load_workshop_plan(workshop.code) == ()


def test_deleting_a_diagnostic_or_a_workshop_deletes_its_plan(
    repo: Repository, database_url: str
) -> None:
    token = repo.create_diagnostic(PROFILE).token
    repo.save_plan_action(token, line("a1"))
    workshop, key = repo.create_workshop(PROFILE)
    repo.save_workshop_plan_action(workshop.code, key, line("a1"))
    repo.delete_diagnostic(token)
    repo.delete_workshop(workshop.code, key)
    engine = create_engine(database_url)
    with engine.connect() as connection:
        assert connection.scalar(text("SELECT count(*) FROM plan_actions")) == 0
    engine.dispose()


def test_the_kept_copy_is_dated_and_stamped_with_the_referentiel_version(
    repo: Repository,
) -> None:
    undated = dataclasses.replace(PROFILE, date=None)
    record = repo.create_diagnostic(undated)
    repo.save_answer(record.token, QUESTIONS[0], 1)
    changed = repo.get_diagnostic(record.token).updated_at.date()
    later = repo.rediagnose(record.token, prefill=False, referentiel_version="2026.1")
    earlier = repo.load_sheet(later.token).previous
    assert earlier is not None
    assert earlier.territory.date == changed
    assert earlier.referentiel_version == "2026.1"
