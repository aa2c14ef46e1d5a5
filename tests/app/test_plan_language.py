"""The feuille de route across a language switch, both ways, each widget edited after it.

A browser holds each drop-down's value as the words it shows (see held_support): after a
switch the plan must keep every value, and its drop-downs must speak the new language.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pytest
from app_support import go, new_app
from atelier_support import dashboard, fill_group, new_workshop
from held_support import HeldWords
from streamlit.testing.v1 import AppTest
from test_plan import answered

from diagnostic.export.plan.wording import quarter_text
from diagnostic.model import Referentiel
from diagnostic.plan.codec import status_label
from diagnostic.plan.model import STATUSES, Plan, PlanAction, Quarter
from diagnostic.storage import Repository
from diagnostic.ui.state import TOKEN_KEY

OTHER = {"fr": "en", "en": "fr"}
TEXTS = {
    "owner": "text_input",
    "partners": "text_input",
    "label": "text_input",
    "note": "text_area",
}
EDITS = (*TEXTS, "quarter", "status", "add", "add-all")
NEXT_STATUS = {"a_lancer": "en_cours", "en_cours": "fait", "fait": "abandonne"}


def drop_downs(prefix: str, line: PlanAction) -> list[str]:
    picks = [f"{prefix}-pick", f"{prefix}-pick-all"]
    return [*picks, f"{prefix}-{line.id}-quarter", f"{prefix}-{line.id}-status"]


def speaks(at: AppTest, held: HeldWords, prefix: str, line: PlanAction, lang: str) -> None:
    """The line's drop-downs show its saved values, offer their options, in ``lang``'s words."""
    quarter, status = f"{prefix}-{line.id}-quarter", f"{prefix}-{line.id}-status"
    assert held.words[quarter] == quarter_text(line.quarter, lang)
    assert held.words[status] == status_label(line.status, lang)
    assert at.selectbox(key=status).options == [status_label(s, lang) for s in STATUSES]
    assert quarter_text(None, lang) in at.selectbox(key=quarter).options
    for pick in (f"{prefix}-pick", f"{prefix}-pick-all"):
        assert held.words[pick] in at.selectbox(key=pick).options


def edit(at: AppTest, held: HeldWords, prefix: str, line: PlanAction, what: str, lang: str) -> Plan:
    """The user changes ``what`` of ``line`` in ``lang``: the line as it must be saved, and
    a line standing for the one added, if any."""
    name = f"{prefix}-{line.id}"
    if what in TEXTS:
        getattr(at, TEXTS[what])(key=f"{name}-{what}").input(f"{what} {lang}")
        held.run(at)
        return (dataclasses.replace(line, **{what: f"{what} {lang}"}),)
    if what == "quarter":
        assert line.quarter is not None
        later = line.quarter.next()
        at.selectbox(key=f"{name}-quarter").set_value(str(later))
        held.run(at, picked=f"{name}-quarter")
        return (dataclasses.replace(line, quarter=later),)
    if what == "status":
        status = NEXT_STATUS[line.status]
        at.selectbox(key=f"{name}-status").set_value(status)
        held.run(at, picked=f"{name}-status")
        return (dataclasses.replace(line, status=status),)
    suffix = what.removeprefix("add")  # "" or "-all"
    picked = at.selectbox(key=f"{prefix}-pick{suffix}").value
    at.button(key=f"{prefix}-add{suffix}").click()
    held.run(at)
    return (line, PlanAction("", "", line.added, action=picked))


def round_trip(at: AppTest, prefix: str, load: Callable[[], Plan], what: str, first: str) -> None:
    """A line given a quarter and a status, then two switches each followed by an edit."""
    at.button(key=f"{prefix}-add").click().run()
    [line] = load()
    at.selectbox(key=f"{prefix}-{line.id}-quarter").set_value(str(Quarter.of(line.added).next(2)))
    at.run()
    at.selectbox(key=f"{prefix}-{line.id}-status").set_value("en_cours").run()
    [line] = load()
    held = HeldWords(at, drop_downs(prefix, line))
    speaks(at, held, prefix, line, first)
    for lang in (OTHER[first], first):
        at.radio(key="lang").set_value(lang)
        held.run(at)
        assert not at.exception, at.exception
        speaks(at, held, prefix, line, lang)
        count = len(load())
        wanted = edit(at, held, prefix, line, what, lang)
        assert not at.exception, at.exception
        saved = load()
        assert saved[0] == wanted[0], f"{what} edited in {lang}"
        assert len(saved) == count + len(wanted) - 1
        if len(wanted) > 1:  # an action picked from the list
            assert saved[-1].action == wanted[1].action
        line = saved[0]
        speaks(at, held, prefix, line, lang)


@pytest.mark.parametrize("first", ["fr", "en"])
@pytest.mark.parametrize("what", EDITS)
def test_a_language_switch_keeps_the_plan_and_relabels_its_drop_downs(
    repository: Repository, referentiel: Referentiel, what: str, first: str
) -> None:
    token = answered(repository, referentiel)
    at = go(new_app(lang=first, token=token).run(), "resultats")
    assert not at.exception, at.exception
    round_trip(at, "plan", lambda: repository.load_plan(token), what, first)


@pytest.mark.parametrize("what", ["owner", "quarter", "status", "add", "add-all"])
def test_the_workshop_plan_keeps_its_values_across_a_language_switch(
    repository: Repository, referentiel: Referentiel, what: str
) -> None:
    workshop, key = new_workshop(repository)
    fill_group(repository, referentiel, workshop.code, questions=30)
    at = dashboard(workshop.code, key)
    assert not at.exception, at.exception
    plan = lambda: repository.load_workshop_plan(workshop.code)  # noqa: E731
    round_trip(at, "animation-plan", plan, what, "fr")


def test_the_redo_choice_made_before_a_switch_is_the_one_used_after_it(
    repository: Repository, referentiel: Referentiel
) -> None:
    token = answered(repository, referentiel)
    at = go(new_app(token=token).run(), "resultats")
    at.radio(key="redo-answers").set_value("prefill")
    held = HeldWords(at, ["redo-answers"], "radio")
    held.run(at, picked="redo-answers")
    at.radio(key="lang").set_value("en")
    held.run(at)
    assert held.words["redo-answers"] == "Start from the current answers"
    at.button(key="redo-start").click()
    held.run(at)
    assert not at.exception, at.exception
    new_token = str(at.session_state[TOKEN_KEY])
    assert new_token != token
    assert repository.load_sheet(new_token).answers == repository.load_sheet(token).answers
