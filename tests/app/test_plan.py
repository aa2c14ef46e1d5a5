"""The feuille de route on the results page, and « Refaire le diagnostic », by widget keys."""

from __future__ import annotations

import dataclasses

from app_support import go, new_app, screen

from diagnostic.model import AnswerSheet, Referentiel, TerritoryProfile
from diagnostic.plan.model import Quarter
from diagnostic.storage import Repository
from diagnostic.ui.literal import escape_markdown
from diagnostic.ui.state import TOKEN_KEY

PROFILE = TerritoryProfile("Communauté de communes du Saintois", "cc", departement="54")
HOSTILE = "=1+1 <script>alert(1)</script> **gras** [lien](http://x.example)"


def answered(repository: Repository, referentiel: Referentiel) -> str:
    """A diagnostic with a profile and every question answered at its scale's middle."""
    token = repository.create_diagnostic(PROFILE).token
    answers = {q.id: referentiel.scale(q.scale).values()[1] for q in referentiel.questions}
    repository.replace_sheet(token, AnswerSheet(PROFILE, answers, {}, referentiel.version))
    return token


def results(token: str):  # type: ignore[no-untyped-def]
    at = new_app(token=token).run()
    return go(at, "resultats")


def test_picking_an_action_and_editing_it_is_saved_as_typed(
    repository: Repository, referentiel: Referentiel
) -> None:
    token = answered(repository, referentiel)
    at = results(token)
    assert not at.exception, at.exception
    picked = at.selectbox(key="plan-pick").value
    at.button(key="plan-add").click().run()
    assert not at.exception, at.exception
    [line] = repository.load_plan(token)
    assert line.action == picked and line.status == "a_lancer" and line.partners

    quarter = str(Quarter.of(line.added).next(2))
    at.text_input(key=f"plan-{line.id}-owner").input("Vice-président à l’économie").run()
    at.selectbox(key=f"plan-{line.id}-status").set_value("en_cours").run()
    at.selectbox(key=f"plan-{line.id}-quarter").set_value(quarter).run()
    at.text_area(key=f"plan-{line.id}-note").input(HOSTILE).run()
    assert not at.exception, at.exception

    [saved] = repository.load_plan(token)
    assert saved.owner == "Vice-président à l’économie"
    assert saved.status == "en_cours"
    assert str(saved.quarter) == quarter
    assert saved.note == HOSTILE

    again = results(token)  # a reload: a new session on the same link
    assert again.text_input(key=f"plan-{line.id}-owner").value == "Vice-président à l’économie"
    assert again.text_area(key=f"plan-{line.id}-note").value == HOSTILE


def test_an_own_action_is_added_and_removed(
    repository: Repository, referentiel: Referentiel
) -> None:
    token = answered(repository, referentiel)
    at = results(token)
    at.button(key="plan-add-own").click().run()
    assert "Écrivez d’abord l’intitulé de l’action." in screen(at)
    assert repository.load_plan(token) == ()
    at.text_input(key="plan-own").input(HOSTILE).run()
    at.button(key="plan-add-own").click().run()
    [line] = repository.load_plan(token)
    assert line.label == HOSTILE and line.action is None
    assert at.text_input(key="plan-own").value == ""
    # Shown literally: markup and links escaped, not interpreted.
    assert f"**1.** {escape_markdown(HOSTILE)}" in [m.value for m in at.markdown]
    at.button(key=f"plan-{line.id}-delete").click().run()
    assert not at.exception, at.exception
    assert repository.load_plan(token) == ()


def test_redoing_the_diagnostic_carries_profile_and_plan_and_shows_the_comparison(
    repository: Repository, referentiel: Referentiel
) -> None:
    token = answered(repository, referentiel)
    at = results(token)
    at.button(key="plan-add").click().run()
    [line] = repository.load_plan(token)
    at.selectbox(key=f"plan-{line.id}-status").set_value("fait").run()

    at.radio(key="redo-answers").set_value("prefill").run()
    at.button(key="redo-start").click().run()
    assert not at.exception, at.exception
    new_token = str(at.session_state[TOKEN_KEY])
    assert new_token != token
    sheet = repository.load_sheet(new_token)
    assert sheet.territory.name == PROFILE.name
    assert [(a.id, a.status) for a in sheet.plan] == [(line.id, "fait")]
    assert sheet.previous is not None
    assert dict(sheet.answers) == dict(repository.load_sheet(token).answers)

    first = referentiel.questions[0]
    top = referentiel.scale(first.scale).values()[-1]
    repository.save_answer(new_token, first.id, top)
    later = results(new_token)
    assert not later.exception, later.exception
    assert "Comparaison avec le diagnostic précédent" in [h.value for h in later.header]
    assert first.label.fr in screen(later)
    # The earlier diagnostic is untouched.
    assert repository.load_sheet(token).answers[first.id] != top


def test_redoing_with_empty_answers_starts_blank(
    repository: Repository, referentiel: Referentiel
) -> None:
    token = answered(repository, referentiel)
    at = results(token)
    at.radio(key="redo-answers").set_value("empty").run()
    at.button(key="redo-start").click().run()
    new_token = str(at.session_state[TOKEN_KEY])
    sheet = repository.load_sheet(new_token)
    assert sheet.answers == {}
    assert sheet.previous is not None
    assert (
        dataclasses.replace(sheet.previous, plan=()).answers == repository.load_sheet(token).answers
    )
