"""Pacing in the database: the adviser's key only, kept across repositories, copied workshops."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from storage_support import PROFILE, row_counts

from diagnostic.errors import AccessError, AnswersError, NotFoundError
from diagnostic.storage import Repository, open_repository
from diagnostic.storage.repository import close_repositories
from diagnostic.workshop.pacing import FREE, Pacing, Timer

MOTIVATIONS = ["emploi", "cohesion", "transition"]
START = dt.datetime(2026, 11, 27, 9, 0, tzinfo=dt.UTC)


def test_a_workshop_starts_free_without_a_timer(repo: Repository) -> None:
    workshop, _ = repo.create_workshop(PROFILE, MOTIVATIONS)
    assert repo.get_pacing(workshop.code) == FREE
    with pytest.raises(NotFoundError):
        repo.get_pacing("ZZZZZZ")


def test_the_adviser_paces_the_room_and_it_survives_a_new_repository(
    repo: Repository, database_url: str
) -> None:
    workshop, key = repo.create_workshop(PROFILE, MOTIVATIONS)
    code = workshop.code
    repo.set_pacing_mode(code, key, "paced")
    repo.open_motivation(code, key, "cohesion")
    repo.open_motivation(code, key, "emploi")
    repo.start_timer(code, key, 600, now=START)
    close_repositories()
    again = open_repository(database_url)
    assert again.get_pacing(code.lower()) == Pacing(
        mode="paced",
        open="emploi",
        opened=("cohesion", "emploi"),
        timer_seconds=600,
        timer=Timer(600, START, "emploi"),
    )
    stopped = again.stop_timer(code, key)
    assert stopped.timer is None and stopped.timer_seconds == 600
    assert again.get_pacing(code) == stopped
    assert again.set_pacing_mode(code, key, "free").opened == ("cohesion", "emploi")


def test_nothing_is_written_without_the_adviser_key(repo: Repository, database_url: str) -> None:
    workshop, key = repo.create_workshop(PROFILE, MOTIVATIONS)
    other, other_key = repo.create_workshop(PROFILE, MOTIVATIONS)
    before = row_counts(database_url)
    for wrong in ("", "not-the-key", other_key, None):
        for change in (
            lambda k: repo.set_pacing_mode(workshop.code, k, "paced"),
            lambda k: repo.open_motivation(workshop.code, k, "emploi"),
            lambda k: repo.start_timer(workshop.code, k, 600),
            lambda k: repo.set_timer_length(workshop.code, k, 600),
            lambda k: repo.stop_timer(workshop.code, k),
            lambda k: repo.copy_workshop(workshop.code, k),
        ):
            with pytest.raises(AccessError):
                change(wrong)
    assert row_counts(database_url) == before
    assert repo.get_pacing(workshop.code) == FREE
    assert repo.get_pacing(other.code) == FREE
    assert key != other_key


def test_bad_values_are_refused_and_nothing_is_written(repo: Repository, database_url: str) -> None:
    workshop, key = repo.create_workshop(PROFILE, MOTIVATIONS)
    code = workshop.code
    before = row_counts(database_url)
    with pytest.raises(AnswersError):
        repo.set_pacing_mode(code, key, "fast")
    with pytest.raises(AnswersError, match="ne fait pas partie"):
        repo.open_motivation(code, key, "economie")
    with pytest.raises(AnswersError):
        repo.start_timer(code, key, 5)
    with pytest.raises(AnswersError):
        repo.set_timer_length(code, key, 24 * 3600)
    assert row_counts(database_url) == before
    everything, all_key = repo.create_workshop(PROFILE)
    assert repo.open_motivation(everything.code, all_key, "economie").open == "economie"
    with pytest.raises(AnswersError):
        repo.open_motivation(everything.code, all_key, "pas une motivation")


def test_a_copied_workshop_keeps_the_settings_and_nothing_else(repo: Repository) -> None:
    workshop, key = repo.create_workshop(PROFILE, ["transition", "emploi"])
    code = workshop.code
    repo.set_pacing_mode(code, key, "paced")
    repo.open_motivation(code, key, "emploi")
    repo.start_timer(code, key, 900)
    joined = repo.join_workshop(code, "elu", "Zoé")
    repo.save_answer(joined.token, "q1", 3)
    repo.set_workshop_status(code, key, "closed")
    copy, copy_key = repo.copy_workshop(code, key)
    assert copy.code != code and copy_key != key
    assert copy.motivations == ("transition", "emploi")
    assert copy.profile == dataclasses.replace(PROFILE, date=dt.date.today())
    assert (copy.status, copy.results_visible) == ("open", False)
    assert repo.participants(copy.code, copy_key) == []
    assert repo.get_pacing(copy.code) == Pacing(mode="paced", timer_seconds=900)
    with pytest.raises(AccessError):
        repo.check_admin(copy.code, key)
    assert len(repo.participants(code, key)) == 1  # the model is left as it was


def test_deleting_a_workshop_deletes_its_pacing(repo: Repository, database_url: str) -> None:
    workshop, key = repo.create_workshop(PROFILE, MOTIVATIONS)
    repo.set_pacing_mode(workshop.code, key, "paced")
    repo.delete_workshop(workshop.code, key)
    assert row_counts(database_url)["workshop_pacing"] == 0
