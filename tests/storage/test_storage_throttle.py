"""Join codes cannot be guessed in practice: wrong ones are slowed down, then locked."""

from __future__ import annotations

import pytest
from storage_support import PROFILE

from diagnostic.errors import AccessError, NotFoundError
from diagnostic.storage import Repository, throttle
from diagnostic.storage.throttle import Throttle


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def fail(limits: Throttle, client: str | None, times: int) -> None:
    for _ in range(times):
        limits.check(client)
        limits.failed(client)


def test_a_session_is_slowed_down_then_locked() -> None:
    clock = Clock()
    limits = Throttle(free=5, lock_after=20, server_limit=1000, window=900, clock=clock)
    fail(limits, "a", 5)  # five wrong codes in a row are free
    with pytest.raises(AccessError) as caught:
        limits.check("a")
    assert caught.value.message("fr") == (
        "Trop de codes erronés\u00a0: patientez 1 seconde avant de réessayer."
    )
    limits.check("b")  # another session is not slowed down
    for pause in (1, 2, 4, 8, 16, 32, 60, 60, 60, 60, 60, 60, 60, 60):
        clock.now += pause - 0.5
        with pytest.raises(AccessError, match="patientez"):
            limits.check("a")
        clock.now += 0.5
        limits.check("a")
        limits.failed("a")
    assert len(limits._clients["a"]) == 19
    clock.now += 60
    limits.check("a")
    limits.failed("a")
    clock.now += 60
    with pytest.raises(AccessError) as caught:
        limits.check("a")
    assert caught.value.message("en").startswith("Too many wrong codes: try again in ")
    clock.now += 900
    limits.check("a")  # the window has passed


def test_the_server_locks_every_session_past_its_limit() -> None:
    clock = Clock()
    limits = Throttle(free=5, lock_after=20, server_limit=30, window=900, clock=clock)
    for client in range(10):
        fail(limits, f"c{client}", 3)
    with pytest.raises(AccessError) as caught:
        limits.check("newcomer")
    assert "sur ce serveur" in caught.value.message("fr")
    with pytest.raises(AccessError):
        limits.check(None)
    clock.now += 901
    limits.check("newcomer")


@pytest.fixture
def limits(monkeypatch: pytest.MonkeyPatch) -> Throttle:
    tight = Throttle(free=2, lock_after=4, server_limit=8, window=900, clock=Clock())
    monkeypatch.setattr(throttle, "CODES", tight)
    return tight


def test_the_storage_api_counts_wrong_codes(repo: Repository, limits: Throttle) -> None:
    workshop, key = repo.create_workshop(PROFILE)
    member = repo.join_workshop(workshop.code, "elu")
    for guess in ("AAAAAA", "BBBBBB"):
        with pytest.raises(NotFoundError):
            repo.get_workshop(guess, client="guesser")
    with pytest.raises(AccessError, match="patientez"):
        repo.get_workshop(workshop.code, client="guesser")  # even a right code must wait
    with pytest.raises(AccessError, match="patientez"):
        repo.join_workshop(workshop.code, "elu", client="guesser")
    assert repo.get_workshop(workshop.code, client="participant").code == workshop.code
    for client in ("x", "y", "z"):
        for guess in ("CCCCCC", "DDDDDD"):
            with pytest.raises((NotFoundError, AccessError)):
                repo.check_admin(guess if client != "z" else workshop.code, "wrong", client)
    with pytest.raises(AccessError, match="sur ce serveur"):
        repo.get_workshop(workshop.code, client="latecomer")
    # Codes and keys that come from this side are not guesses: participants and the
    # adviser already in carry on.
    assert repo.get_workshop(workshop.code).code == workshop.code
    assert repo.check_admin(workshop.code, key).code == workshop.code
    repo.save_answer(member.token, "q01", 1)
    assert repo.load_sheet(member.token).answers == {"q01": 1}
