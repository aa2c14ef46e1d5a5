"""A run that carries the browser's stale value of a radio no longer drawn stays quiet.

A participant moves to the next step in a run of the step fragment alone: the previous
step's questions are no longer drawn and their values are dropped (see
questionnaire.forget_other_steps). A request the browser sent before that run reached it
(the status watch's timer, a click) still carries those radios' values; Streamlit, which
keeps the radios' callbacks, then calls ``answered`` for a question whose fragment is not
drawn any more. It must neither fail (« This app has encountered an error ») nor lose the
answer the same run carries.
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


def browser_state(widget: Widget) -> WidgetStates:
    """The value the browser holds for ``widget``, as it sends it with a request."""
    states = WidgetStates()
    states.widgets.append(widget._widget_state)  # what AppTest sends
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
    stale = browser_state(at.radio(key=f"atelier-answer-{first.id}"))
    at.button(key="atelier-nav-next").click().run()
    assert at.subheader[0].value == referentiel.motivations[1].label.fr
    at.radio(key=f"atelier-answer-{second.id}").set_value(1)

    # The request of a fragment's own run, with the browser's values: the new answer on
    # the step shown, and the left step's radio it had not forgotten yet.
    monkeypatch.setattr(fragments, "fragments_running", lambda: True)
    sent = at._tree.get_widget_states()  # what AppTest would send
    sent.widgets.extend(stale.widgets)
    at._run(sent)  # a request run() cannot make

    assert not at.exception, [e.message for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    assert at.subheader[0].value == referentiel.motivations[1].label.fr
    assert repository.load_sheet(token).answers == {
        first.id: referentiel.scale(first.scale).values()[2],
        second.id: referentiel.scale(second.scale).values()[1],
    }
