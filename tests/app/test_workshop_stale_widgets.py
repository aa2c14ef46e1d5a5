"""A run that carries the browser's stale value of a radio no longer drawn stays quiet.

A participant moves to the next step in a run of the step fragment alone: the previous
step's questions are no longer drawn and their values are dropped (see
questionnaire.forget_other_steps). A request the browser sent before that run reached it
(the status watch's timer, a click) still carries those radios' values; Streamlit, which
keeps the radios' callbacks, then calls ``answered`` for a question whose fragment is not
drawn any more, and the selector's callback with the step left. It must neither fail
(« This app has encountered an error »), nor move the participant back, nor lose the answer
the same run carries.
"""

from __future__ import annotations

import pytest
from app_support import visit
from atelier_support import new_workshop
from streamlit.proto.WidgetStates_pb2 import WidgetStates
from streamlit.testing.v1.element_tree import Widget

from diagnostic.model import Referentiel
from diagnostic.storage import Repository
from diagnostic.ui import fragments


def browser_state(*widgets: Widget) -> WidgetStates:
    """The values the browser holds for ``widgets``, as it sends them with a request."""
    states = WidgetStates()
    states.widgets.extend(widget._widget_state for widget in widgets)  # what AppTest sends
    return states


def test_a_stale_answer_of_the_step_left_neither_fails_nor_loses_the_new_one(
    database_url: str,
    repository: Repository,
    referentiel: Referentiel,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    workshop, _ = new_workshop(repository)
    at = visit("atelier", code=workshop.code)
    at.radio(key="atelier-role").set_value("elu").run()
    at.button(key="atelier-join").click().run()
    token = at.query_params["p"]
    first = referentiel.questions_of(referentiel.motivations[0].id)[0]
    second = referentiel.questions_of(referentiel.motivations[1].id)[0]
    at.radio(key=f"atelier-answer-{first.id}").set_value(2).run()
    stale = browser_state(
        at.radio(key=f"atelier-answer-{first.id}"), at.selectbox(key="atelier-nav-step")
    )
    at.button(key="atelier-nav-next").click().run()
    assert at.subheader[0].value == referentiel.motivations[1].label.fr
    at.radio(key=f"atelier-answer-{second.id}").set_value(1)

    # The request of a fragment's own run, with the browser's values: the new answer on
    # the step shown, and the left step's radio and selector, as they were before the move.
    monkeypatch.setattr(fragments, "fragments_running", lambda: True)
    left = {state.id for state in stale.widgets}
    sent = WidgetStates()
    shown = at._tree.get_widget_states().widgets  # what AppTest would send
    sent.widgets.extend(state for state in shown if state.id not in left)
    sent.widgets.extend(stale.widgets)
    at._run(sent)  # a request run() cannot make

    assert not at.exception, [e.message for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    assert at.subheader[0].value == referentiel.motivations[1].label.fr  # not moved back
    assert repository.load_sheet(token).answers == {
        first.id: referentiel.scale(first.scale).values()[2],
        second.id: referentiel.scale(second.scale).values()[1],
    }
