"""Every choice worded in the page's language keeps its value across a switch, both ways.

A browser holds each radio's, drop-down's and multiselect's value as the words it shows
(see held_support): after a switch the words must be the new language's, and the value,
on screen and saved, the one chosen before.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from app_support import fill_profile, go, new_app, start, visit
from atelier_support import new_workshop, participant
from held_support import HeldWords, shown
from streamlit.testing.v1 import AppTest

from diagnostic.model import Referentiel
from diagnostic.storage import Repository

Kept = Callable[[], Any]


@dataclass(frozen=True)
class Case:
    """A page opened, one of its choices given ``value``, and what must stay saved."""

    key: str
    kind: str
    value: Callable[[Referentiel], Any]
    opened: Callable[[Repository, Referentiel], tuple[AppTest, Kept]]


def diagnostic(repository: Repository, referentiel: Referentiel) -> tuple[AppTest, Kept]:
    at = new_app()
    token = start(at)
    fill_profile(at)
    return at, lambda: repository.load_sheet(token)


def summary(repository: Repository, referentiel: Referentiel) -> tuple[AppTest, Kept]:
    at, kept = diagnostic(repository, referentiel)
    at.selectbox(key="nav-step").set_value(len(referentiel.motivations) + 1).run()
    return at, kept


def joining(repository: Repository, referentiel: Referentiel) -> tuple[AppTest, Kept]:
    workshop, _ = new_workshop(repository)
    return visit("atelier", code=workshop.code), lambda: None


def creating(repository: Repository, referentiel: Referentiel) -> tuple[AppTest, Kept]:
    return go(new_app().run(), "animation"), lambda: None


def participating(repository: Repository, referentiel: Referentiel) -> tuple[AppTest, Kept]:
    workshop, _ = new_workshop(repository)
    token = repository.join_workshop(workshop.code, "elu", None).token
    return participant(token), lambda: None


def searched(
    opened: Callable[[Repository, Referentiel], tuple[AppTest, Kept]], prefix: str
) -> Callable[[Repository, Referentiel], tuple[AppTest, Kept]]:
    def opened_and_searched(
        repository: Repository, referentiel: Referentiel
    ) -> tuple[AppTest, Kept]:
        at, kept = opened(repository, referentiel)
        at.text_input(key=f"{prefix}profile-search").set_value("val d ille").run()
        return at, kept

    return opened_and_searched


def motivations(referentiel: Referentiel) -> list[str]:
    return [m.id for m in referentiel.motivations[1:3]]


EPCI = "243500667"  # CC Val d’Ille-Aubigné, found by « val d ille »
CASES = {
    "profile-type": Case("profile-type", "selectbox", lambda r: "ca", diagnostic),
    "profile-role": Case("profile-role", "selectbox", lambda r: "agent", diagnostic),
    "profile-pick": Case("profile-pick", "selectbox", lambda r: EPCI, searched(diagnostic, "")),
    "nav-step": Case("nav-step", "selectbox", lambda r: 2, diagnostic),
    "ranking": Case("ranking-motivations", "multiselect", motivations, summary),
    "join-role": Case("atelier-role", "radio", lambda r: "agent", joining),
    "create-type": Case("animation-type", "selectbox", lambda r: "pays_petr", creating),
    "create-motivations": Case("animation-motivations", "multiselect", motivations, creating),
    "create-pick": Case(
        "animation-profile-pick", "selectbox", lambda r: EPCI, searched(creating, "animation-")
    ),
    "participant-step": Case("atelier-nav-step", "selectbox", lambda r: 1, participating),
}


@pytest.mark.parametrize("name", CASES)
def test_a_choice_keeps_its_value_and_rewords_it_both_ways(
    repository: Repository, referentiel: Referentiel, name: str
) -> None:
    case = CASES[name]
    at, kept = case.opened(repository, referentiel)
    assert not at.exception, at.exception
    value = case.value(referentiel)
    getattr(at, case.kind)(key=case.key).set_value(value)
    held = HeldWords(at, [case.key], case.kind)
    held.run(at, picked=case.key)
    assert not at.exception, at.exception
    before = kept()
    for lang in ("en", "fr"):
        at.radio(key="lang").set_value(lang)
        held.run(at)
        held.run(at)  # a second run: the browser sends the words it then shows
        assert not at.exception, at.exception
        assert not at.error, [e.value for e in at.error]
        assert getattr(at, case.kind)(key=case.key).value == value, lang
        assert held.words[case.key] == shown(at, case.key, case.kind), lang
        assert kept() == before, lang
