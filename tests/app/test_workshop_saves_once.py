"""A participant's move to the next step saves once, not once per question it draws."""

from __future__ import annotations

import pytest
from app_support import visit
from atelier_support import new_workshop

from diagnostic.errors import DiskFullError
from diagnostic.model import Referentiel
from diagnostic.storage import Repository
from diagnostic.ui.workshop import questionnaire


def test_a_move_saves_once_not_once_per_question_fragment(
    database_url: str,
    repository: Repository,
    referentiel: Referentiel,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    workshop, _ = new_workshop(repository)
    at = visit("atelier", code=workshop.code)
    at.radio(key="atelier-role").set_value("elu").run()
    at.button(key="atelier-join").click().run()
    assert not at.exception
    first = referentiel.questions_of(referentiel.motivations[0].id)[0]
    writes: list[str] = []

    def disk_full(self: Repository, token: str, question_id: str, answer: object) -> None:
        writes.append(question_id)
        raise DiskFullError("disque plein", "disk full")

    # Every save of the answer fails, so the change stays pending and each save retries it.
    monkeypatch.setattr(Repository, "save_answer", disk_full)
    at.radio(key=f"atelier-answer-{first.id}").set_value(2).run()
    assert writes == [first.id]  # the page's one save
    writes.clear()
    # The move reruns the step fragment alone; AppTest draws the whole page on every run,
    # so this run has the page's save, then the step's as in its own run, and no more:
    # the step's questions, drawn inside it, do not save again each.
    monkeypatch.setattr(questionnaire, "fragments_running", lambda: True)
    at.button(key="atelier-nav-next").click().run()
    assert not at.exception
    assert at.subheader[0].value == referentiel.motivations[1].label.fr
    assert len(referentiel.questions_of(referentiel.motivations[1].id)) > 1
    assert writes == [first.id, first.id], writes
