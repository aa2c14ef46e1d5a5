"""Promises the interface makes that no other test keeps (see docs/promesses.md)."""

from __future__ import annotations

from app_support import fill_profile, go, new_app, screen, start

from diagnostic.i18n import t
from diagnostic.model import Referentiel
from diagnostic.storage import Repository
from diagnostic.typography import french_spacing
from diagnostic.ui.state import TOKEN_KEY


def test_starting_a_new_diagnostic_keeps_the_open_one_and_its_link(
    database_url: str, repository: Repository, referentiel: Referentiel
) -> None:
    """« Commencer un nouveau diagnostic ne supprime pas celui en cours : son lien de reprise
    reste valable. »"""
    at = new_app()
    first = start(at)
    fill_profile(at, "Communauté de communes du Saintois")
    at.button(key="nav-next").click().run()
    question = referentiel.questions_of(referentiel.motivations[0].id)[0]
    level = referentiel.scale(question.scale).values()[2]
    at.radio(key=f"answer-{question.id}").set_value(level).run()
    at.text_area(key=f"comment-{question.id}").input("À revoir avec la CRESS").run()
    kept = repository.load_sheet(first)

    home = go(at, "accueil")
    assert french_spacing(t("app.home.new_keeps_old", "fr")) in screen(home)
    home.button(key="start").click().run()
    assert not home.exception, home.exception
    second = str(home.session_state[TOKEN_KEY])
    assert second != first

    assert repository.load_sheet(first) == kept
    again = new_app(token=first, step=1).run()
    go(again, "diagnostic")
    assert not again.exception, again.exception
    assert again.radio(key=f"answer-{question.id}").value == level
    assert again.text_area(key=f"comment-{question.id}").value == "À revoir avec la CRESS"
