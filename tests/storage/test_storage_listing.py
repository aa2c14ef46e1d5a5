"""« Mes diagnostics et ateliers »: what the installation holds, in two queries, pinned
diagnostics first (SQLite and PostgreSQL)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import event
from storage_support import PROFILE, QUESTIONS

from diagnostic.errors import NotFoundError
from diagnostic.model import DECLINED, UNKNOWN
from diagnostic.plan.model import PlanAction
from diagnostic.storage import Repository

OTHER = dataclasses.replace(PROFILE, name="Commune de Toul", type="commune", siren="215405386")
LINE = PlanAction("a1", "Former les élus", dt.date(2026, 11, 27))


@contextmanager
def counted(repo: Repository) -> Iterator[list[str]]:
    """The statements the repository runs meanwhile."""
    seen: list[str] = []

    def note(*args: Any) -> None:
        seen.append(str(args[2]))

    engine = repo._engine
    event.listen(engine, "before_cursor_execute", note)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", note)


def test_an_empty_installation_lists_nothing(repo: Repository) -> None:
    assert repo.list_diagnostics() == ()
    assert repo.list_workshops() == ()


def test_a_diagnostic_is_listed_with_its_progress_plan_and_line(repo: Repository) -> None:
    token = repo.create_diagnostic(PROFILE, "2026.1").token
    repo.save_answer(token, QUESTIONS[0], 2)
    repo.save_answer(token, QUESTIONS[1], UNKNOWN)
    repo.save_answer(token, QUESTIONS[2], DECLINED)
    repo.save_comment(token, QUESTIONS[3], "un commentaire seul n’est pas une réponse")
    repo.save_plan_action(token, LINE)
    later = repo.rediagnose(token, prefill=False).token
    blank = repo.create_diagnostic().token
    entries = {entry.token: entry for entry in repo.list_diagnostics()}
    assert set(entries) == {token, later, blank}
    first, second = entries[token], entries[later]
    assert (first.answered, first.plan_lines, first.referentiel_version) == (3, 1, "2026.1")
    assert first.profile == PROFILE and first.territory_key == PROFILE.siren
    assert (first.earlier_id, first.later_id) == (None, second.id)
    assert (second.earlier_id, second.later_id) == (first.id, None)
    assert (second.answered, second.plan_lines) == (0, 1)
    assert entries[blank].profile is None and entries[blank].territory_key is None


def test_latest_change_first_and_pinned_before_all(repo: Repository) -> None:
    old, middle, new = (repo.create_diagnostic(PROFILE).token for _ in range(3))
    assert [e.token for e in repo.list_diagnostics()] == [new, middle, old]
    repo.save_answer(old, QUESTIONS[0], 1)
    assert [e.token for e in repo.list_diagnostics()] == [old, new, middle]
    repo.pin_diagnostic(middle)
    repo.pin_diagnostic(middle)  # twice: still one pin
    assert [e.token for e in repo.list_diagnostics()] == [middle, old, new]
    assert repo.is_pinned(middle) and not repo.is_pinned(old)
    repo.unpin_diagnostic(middle)
    repo.unpin_diagnostic(middle)
    assert [e.token for e in repo.list_diagnostics()] == [old, new, middle]


def test_pins_of_unknown_tokens_are_refused_and_deletion_takes_the_pin(repo: Repository) -> None:
    with pytest.raises(NotFoundError):
        repo.pin_diagnostic("z" * 20)
    with pytest.raises(NotFoundError):
        repo.unpin_diagnostic("not a token")
    assert not repo.is_pinned("z" * 20)
    token = repo.create_diagnostic(PROFILE).token
    repo.pin_diagnostic(token)
    repo.delete_diagnostic(token)
    assert repo.list_diagnostics() == ()
    again = repo.create_diagnostic(PROFILE).token
    assert not repo.is_pinned(again)


def test_workshops_are_listed_with_participants_not_as_diagnostics(repo: Repository) -> None:
    workshop, _ = repo.create_workshop(PROFILE)
    empty, _ = repo.create_workshop(OTHER)
    for _ in range(3):
        repo.join_workshop(workshop.code, "elu")
    assert repo.list_diagnostics() == ()
    listed = {entry.code: entry for entry in repo.list_workshops()}
    assert listed[workshop.code].participants == 3
    assert listed[empty.code].participants == 0
    assert listed[workshop.code].status == "open" and listed[empty.code].profile == OTHER
    assert [e.code for e in repo.list_workshops(siren=OTHER.siren)] == [empty.code]


def test_a_territory_lists_its_own_diagnostics_only(repo: Repository) -> None:
    mine = repo.create_diagnostic(PROFILE).token
    repo.create_diagnostic(OTHER)
    repo.create_diagnostic()
    assert [e.token for e in repo.list_diagnostics(siren=PROFILE.siren)] == [mine]
    assert repo.list_diagnostics(siren="000000000") == ()


def test_hundreds_of_diagnostics_take_one_query_each_list(repo: Repository) -> None:
    tokens = [repo.create_diagnostic(PROFILE).token for _ in range(300)]
    for token in tokens[::3]:
        repo.save_answer(token, QUESTIONS[0], 1)
        repo.save_answer(token, QUESTIONS[1], 2)
    for token in tokens[::10]:
        repo.save_plan_action(token, LINE)
        repo.pin_diagnostic(token)
    workshop, _ = repo.create_workshop(PROFILE)
    for _ in range(20):
        repo.join_workshop(workshop.code, "agent")
    with counted(repo) as statements:
        entries = repo.list_diagnostics()
        workshops = repo.list_workshops()
    selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert len(selects) == 2
    assert len(entries) == 300 and workshops[0].participants == 20
    assert sum(e.answered for e in entries) == 200
    assert sum(e.plan_lines for e in entries) == 30
    assert all(e.pinned for e in entries[:30]) and not any(e.pinned for e in entries[30:])
