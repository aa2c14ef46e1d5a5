"""The questionnaire's answers across a language switch, both ways, with a new answer after each.

A browser holds each radio's value as the words it shows (see held_support): after a switch
every answer given must stay saved, no error must show, and the radios must speak the new
language; the same for the single diagnostic and a workshop participant's page.
"""

from __future__ import annotations

from collections.abc import Callable

from app_support import fill_profile, new_app, planned, start
from atelier_support import new_workshop, participant
from held_support import HeldWords
from streamlit.testing.v1 import AppTest

from diagnostic.model import Answer, Referentiel
from diagnostic.storage import Repository
from diagnostic.ui.components import answer_key
from diagnostic.ui.workshop.session import PARTICIPANT_PREFIX

OTHER = {"fr": "en", "en": "fr"}


def label_of(referentiel: Referentiel, question_id: str, answer: Answer, lang: str) -> str:
    """The words the radio shows for ``answer`` in ``lang``."""
    question = referentiel.question(question_id)
    return referentiel.scale(question.scale).label(answer, lang)


def switches(
    at: AppTest,
    referentiel: Referentiel,
    motivation: str,
    prefix: str,
    saved: Callable[[], dict[str, Answer]],
) -> None:
    """Answer a question in French, then after each switch (to English, back to French)
    answer another one of the same step: every answer stays saved, worded in the language."""
    choose = planned(referentiel)
    questions = referentiel.questions_of(motivation)[:3]
    first = questions[0]
    at.radio(key=answer_key(first.id, prefix)).set_value(choose(first)).run()
    assert not at.exception, at.exception
    held = HeldWords(at, [answer_key(first.id, prefix)], "radio")
    given = {first.id: choose(first)}
    lang = "fr"
    for one in questions[1:]:
        lang = OTHER[lang]
        at.radio(key="lang").set_value(lang)
        held.run(at)
        assert not at.exception, at.exception
        assert not at.error, [e.value for e in at.error]
        key = answer_key(one.id, prefix)
        at.radio(key=key).set_value(choose(one))
        held.run(at, picked=key)
        held.words[key] = str(at.radio(key=key).options[at.radio(key=key).index])
        given[one.id] = choose(one)
        assert not at.exception, at.exception
        assert not at.error, [e.value for e in at.error]
        assert {q: a for q, a in saved().items() if q in given} == given, lang
        held.run(at)
        assert not at.error, [e.value for e in at.error]
        for question_id, answer in given.items():
            words = label_of(referentiel, question_id, answer, lang)
            assert held.words[answer_key(question_id, prefix)] == words, (question_id, lang)
            assert at.radio(key=answer_key(question_id, prefix)).value == answer


def test_the_single_diagnostic_keeps_its_answers_across_a_language_switch(
    repository: Repository, referentiel: Referentiel
) -> None:
    at = new_app()
    token = start(at)
    fill_profile(at)
    at.button(key="nav-next").click().run()
    motivation = referentiel.motivations[0].id
    switches(at, referentiel, motivation, "", lambda: repository.load_sheet(token).answers)


def test_a_participant_keeps_their_answers_across_a_language_switch(
    repository: Repository, referentiel: Referentiel
) -> None:
    workshop, _ = new_workshop(repository)
    token = repository.join_workshop(workshop.code, "elu", None).token
    at = participant(token)
    assert not at.exception, at.exception
    motivation = referentiel.motivations[0].id
    saved = lambda: repository.load_sheet(token).answers  # noqa: E731
    switches(at, referentiel, motivation, PARTICIPANT_PREFIX, saved)
