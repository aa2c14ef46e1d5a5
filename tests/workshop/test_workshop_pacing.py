"""Pacing rules: what a phone shows and announces, opening a motivation, the timer's clock."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from diagnostic.errors import AnswersError
from diagnostic.workshop.pacing import (
    FREE,
    Pacing,
    Timer,
    announced_motivations,
    check_mode,
    check_timer_seconds,
    clock_text,
    current_timer,
    next_to_open,
    open_motivation,
    phone_step,
    shown_motivations,
    start_timer,
)

INCLUDED = ("emploi", "cohesion", "transition", "economie")
START = dt.datetime(2026, 11, 27, 9, 0, tzinfo=dt.UTC)

motivation_lists = st.lists(st.sampled_from(INCLUDED), unique=True).map(tuple)


def test_free_mode_shows_every_included_motivation_and_announces_none() -> None:
    assert shown_motivations(FREE, INCLUDED) == INCLUDED
    assert announced_motivations(FREE, INCLUDED) == ()
    assert phone_step(FREE, INCLUDED) is None


def test_paced_mode_shows_the_opened_ones_in_the_workshop_order() -> None:
    pacing = Pacing(mode="paced")
    assert shown_motivations(pacing, INCLUDED) == ()
    assert announced_motivations(pacing, INCLUDED) == INCLUDED
    pacing = open_motivation(pacing, "transition", INCLUDED)
    pacing = open_motivation(pacing, "emploi", INCLUDED)
    assert pacing.open == "emploi" and pacing.opened == ("transition", "emploi")
    assert shown_motivations(pacing, INCLUDED) == ("emploi", "transition")
    assert announced_motivations(pacing, INCLUDED) == ("cohesion", "economie")
    assert phone_step(pacing, INCLUDED) == 0
    again = open_motivation(pacing, "transition", INCLUDED)
    assert again.opened == ("transition", "emploi") and phone_step(again, INCLUDED) == 1


def test_a_motivation_left_out_of_the_workshop_cannot_be_opened() -> None:
    with pytest.raises(AnswersError) as raised:
        open_motivation(Pacing(mode="paced"), "gouvernance", INCLUDED)
    assert raised.value.message("fr") == (
        "La motivation «\u00a0gouvernance\u00a0» ne fait pas partie de cet atelier."
    )


def test_the_next_motivation_follows_the_open_one() -> None:
    assert next_to_open(Pacing(mode="paced"), INCLUDED) == "emploi"
    pacing = open_motivation(Pacing(mode="paced"), "cohesion", INCLUDED)
    assert next_to_open(pacing, INCLUDED) == "transition"
    later = open_motivation(pacing, "economie", INCLUDED)
    assert next_to_open(later, INCLUDED) == "emploi"  # the first one not opened yet
    for motivation in INCLUDED:
        later = open_motivation(later, motivation, INCLUDED)
    assert next_to_open(later, INCLUDED) is None
    assert next_to_open(FREE, ()) is None


@given(motivation_lists, st.sampled_from(("free", "paced")))
def test_shown_and_announced_split_the_included_motivations(
    opened: tuple[str, ...], mode: str
) -> None:
    pacing = Pacing(mode=check_mode(mode))
    for motivation in opened:
        pacing = open_motivation(pacing, motivation, INCLUDED)
    shown = shown_motivations(pacing, INCLUDED)
    announced = announced_motivations(pacing, INCLUDED)
    assert sorted(shown + announced) == sorted(INCLUDED)
    assert not set(shown) & set(announced)
    if mode == "paced" and opened:
        assert shown[phone_step(pacing, INCLUDED) or 0] == opened[-1]
        assert set(shown) == set(opened)


def test_bad_modes_and_timer_lengths_are_refused_plainly() -> None:
    with pytest.raises(AnswersError) as raised:
        check_mode("fast")
    assert "«\u00a0fast\u00a0»" in raised.value.message("fr")
    for wrong in (0, 59, 3 * 3600 + 1, 90.5, True, "600", None):
        with pytest.raises(AnswersError) as raised:
            check_timer_seconds(wrong)
        assert raised.value.message("fr") == "La durée du minuteur doit aller de 1 à 180 minutes."
        assert raised.value.message("en") == "A timer lasts from 1 to 180 minutes."
    assert check_timer_seconds(600) == 600


@given(st.integers(60, 3 * 3600), st.floats(-10, 4 * 3600, allow_nan=False))
def test_the_timer_counts_down_to_zero_and_stays_there(seconds: int, later: float) -> None:
    timer = Timer(seconds, START, "emploi")
    left = timer.remaining(START + dt.timedelta(seconds=later))
    assert 0 <= left <= seconds
    assert left == pytest.approx(min(seconds, max(0.0, seconds - later)))
    assert timer.ended(START + dt.timedelta(seconds=later)) == (later >= seconds)


def test_a_timer_belongs_to_the_step_it_was_started_for() -> None:
    pacing = open_motivation(Pacing(mode="paced"), "emploi", INCLUDED)
    timed = start_timer(pacing, 600, START)
    assert timed.timer == Timer(600, START, "emploi") and timed.timer_seconds == 600
    assert current_timer(timed) == timed.timer
    assert current_timer(open_motivation(timed, "cohesion", INCLUDED)) is None
    assert current_timer(replace(timed, mode="free")) == timed.timer
    free = start_timer(FREE, 300, START)
    assert free.timer is not None and free.timer.step == ""
    assert current_timer(open_motivation(replace(free, mode="paced"), "emploi", INCLUDED))
    assert current_timer(FREE) is None
    with pytest.raises(AnswersError):
        start_timer(pacing, 10, START)


def test_the_clock_reads_minutes_and_seconds() -> None:
    assert clock_text(600) == "10:00"
    assert clock_text(65.2) == "1:06"
    assert clock_text(0.4) == "0:01"
    assert clock_text(0) == "0:00"
    assert clock_text(-3) == "0:00"
    assert clock_text(3723) == "1:02:03"
