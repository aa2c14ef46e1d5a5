"""Reads shared between sessions: computed once per moment, by one caller at a time."""

from __future__ import annotations

import threading
import time

import pytest
from atelier_support import fill_group, new_workshop

from diagnostic.model import Referentiel
from diagnostic.storage import Repository
from diagnostic.ui import state
from diagnostic.ui.recent import Recent
from diagnostic.ui.workshop import shared


def test_a_value_is_reused_while_recent_then_computed_again() -> None:
    shared: Recent[int] = Recent(seconds=0.2)
    calls: list[int] = []

    def compute() -> int:
        calls.append(1)
        return len(calls)

    assert shared.get("atelier", compute) == 1
    assert shared.get("atelier", compute) == 1
    assert shared.get("autre", compute) == 2  # another key, its own value
    time.sleep(0.25)
    assert shared.get("atelier", compute) == 3
    shared.forget("atelier")
    assert shared.get("atelier", compute) == 4


def test_callers_asking_at_once_wait_for_one_computation() -> None:
    shared: Recent[str] = Recent(seconds=5)
    started = threading.Event()
    release = threading.Event()
    calls: list[int] = []

    def slow() -> str:
        calls.append(1)
        started.set()
        release.wait(5)
        return "groupe"

    results: list[str] = []
    threads = [threading.Thread(target=lambda: results.append(shared.get("k", slow)))]
    threads[0].start()
    assert started.wait(5)
    threads += [threading.Thread(target=lambda: results.append(shared.get("k", slow)))]
    threads += [threading.Thread(target=lambda: results.append(shared.get("k", slow)))]
    for thread in threads[1:]:
        thread.start()
    time.sleep(0.05)
    release.set()
    for thread in threads:
        thread.join(5)
    assert results == ["groupe"] * 3
    assert len(calls) == 1


def test_an_error_is_not_kept_and_old_keys_make_room() -> None:
    shared: Recent[int] = Recent(seconds=5, size=2)

    def fails() -> int:
        raise RuntimeError("base indisponible")

    with pytest.raises(RuntimeError):
        shared.get("k", fails)
    assert shared.get("k", lambda: 7) == 7
    shared.get("a", lambda: 1)
    shared.get("b", lambda: 2)  # "k" is the oldest: dropped
    assert shared.get("k", lambda: 8) == 8
    assert shared.get("b", lambda: 9) == 2


def test_phones_of_one_server_share_the_status_and_group_reads(
    database_url: str,
    repository: Repository,
    referentiel: Referentiel,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    workshop, key = new_workshop(repository)
    fill_group(repository, referentiel, workshop.code)
    ctx = state.Context("fr", state.settings(), referentiel, repository)
    reads: list[str] = []
    real_get, real_group = Repository.get_workshop, Repository.group_sheets

    def get(self: Repository, code: str) -> object:
        reads.append("status")
        return real_get(self, code)

    def group(self: Repository, code: str) -> object:
        reads.append("group")
        return real_group(self, code)

    monkeypatch.setattr(Repository, "get_workshop", get)
    monkeypatch.setattr(Repository, "group_sheets", group)
    phones = [shared.workshop_now(ctx, workshop.code) for _ in range(20)]
    assert reads == ["status"] and {p.status for p in phones} == {"open"}
    summaries = [shared.group_now(ctx, workshop.code, ()) for _ in range(20)]
    assert reads == ["status", "group"] and len({id(s) for s in summaries}) == 1
    repository.set_workshop_status(workshop.code, key, "closed")  # the adviser, here
    shared.workshop_changed(ctx, workshop.code)
    assert shared.workshop_now(ctx, workshop.code).status == "closed"
    assert shared.workshop_now(ctx, workshop.code, fresh=True).status == "closed"
    assert reads == ["status", "group", "status", "status"]
