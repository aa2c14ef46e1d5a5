"""Typing join codes at random on the page is slowed down, then refused."""

from __future__ import annotations

import pytest
from app_support import visit
from atelier_support import new_workshop

from diagnostic.storage import Repository, throttle
from diagnostic.storage.throttle import FREE, Throttle
from diagnostic.ui.literal import escape_markdown

SLOW_DOWN = "Trop de codes erronés\u00a0: patientez 1 seconde avant de réessayer."


@pytest.fixture(autouse=True)
def fresh_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    """The limits of a new server, on a clock that stands still (however slow the runs)."""
    monkeypatch.setattr(throttle, "CODES", Throttle(clock=lambda: 1000.0))


def test_wrong_codes_are_slowed_down_in_one_session(
    database_url: str, repository: Repository
) -> None:
    workshop, key = new_workshop(repository)
    at = visit("atelier")
    at.radio(key="atelier-role").set_value("elu")
    for number in range(FREE):
        at.text_input(key="atelier-code").set_value(f"ZZZZ{number}9")
        at.button(key="atelier-join").click().run()
        assert not at.exception
        assert at.error[0].value.startswith("Aucun atelier ne correspond")
    at.text_input(key="atelier-code").set_value(workshop.code)
    at.button(key="atelier-join").click().run()
    assert not at.exception
    assert [e.value for e in at.error] == [escape_markdown(SLOW_DOWN)]
    assert repository.participants(workshop.code, key) == []

    other = visit("atelier")  # another browser session is not slowed down
    other.text_input(key="atelier-code").set_value(workshop.code)
    other.radio(key="atelier-role").set_value("elu")
    other.button(key="atelier-join").click().run()
    assert not other.exception and not other.error
    assert len(repository.participants(workshop.code, key)) == 1
