"""A new session opened with ``?d=<token>`` brings back everything; a bad link says so."""

from __future__ import annotations

import pytest
from app_support import answer_step, fill_profile, go, new_app, planned, screen, start

from diagnostic.errors import NotFoundError
from diagnostic.i18n import t
from diagnostic.model import Referentiel, TerritoryProfile
from diagnostic.storage import Repository
from diagnostic.ui.literal import escape_markdown
from diagnostic.ui.state import TOKEN_KEY

BAD_LINK = (
    "Aucun diagnostic ne correspond à ce lien. Vérifiez que l’adresse est complète, "
    "ou commencez un nouveau diagnostic."
)


def started_with_two_steps(referentiel: Referentiel) -> tuple[str, dict[str, object]]:
    """A diagnostic with a profile, two answered motivations and one comment."""
    at = new_app()
    token = start(at)
    fill_profile(at, "Métropole du Grand Nancy")
    at.selectbox(key="profile-type").set_value("metropole").run()
    given: dict[str, object] = {}
    for motivation in referentiel.motivations[:2]:
        at.button(key="nav-next").click().run()
        given.update(answer_step(at, referentiel, motivation.id, planned(referentiel)))
    first = referentiel.questions[0].id
    at.selectbox(key="nav-step").set_value(1).run()
    at.text_area(key=f"comment-{first}").input("Chiffres 2024 à demander").run()
    return token, given


def test_a_new_session_with_the_link_brings_everything_back(
    database_url: str, referentiel: Referentiel
) -> None:
    token, given = started_with_two_steps(referentiel)

    at = new_app(token=token).run()
    assert not at.exception
    assert at.session_state[TOKEN_KEY] == token
    go(at, "diagnostic")
    # It opens on the first step with a question left blank: the third motivation.
    assert at.title[0].value == referentiel.motivations[2].label.fr
    at.selectbox(key="nav-step").set_value(1).run()
    for question in referentiel.questions_of(referentiel.motivations[0].id):
        assert at.radio(key=f"answer-{question.id}").value == given[question.id]
    first = referentiel.questions[0].id
    assert at.text_area(key=f"comment-{first}").value == "Chiffres 2024 à demander"
    at.selectbox(key="nav-step").set_value(0).run()
    assert at.text_input(key="profile-name").value == "Métropole du Grand Nancy"
    assert at.selectbox(key="profile-type").value == "metropole"


def test_the_step_in_the_url_wins_after_a_reload(
    database_url: str, referentiel: Referentiel
) -> None:
    token, given = started_with_two_steps(referentiel)
    at = new_app(token=token, step=2).run()
    go(at, "diagnostic")
    assert at.title[0].value == referentiel.motivations[1].label.fr
    for question in referentiel.questions_of(referentiel.motivations[1].id):
        assert at.radio(key=f"answer-{question.id}").value == given[question.id]


def test_the_link_stays_in_the_url_from_page_to_page(database_url: str) -> None:
    at = new_app()
    token = start(at)
    for page in ("methode", "resultats", "accueil", "diagnostic"):
        go(at, page)
        assert at.query_params["d"] == token, page


@pytest.mark.parametrize(
    ("public_url", "browser_url", "expected"),
    [
        ("", None, "http://localhost:8501/diagnostic?d="),
        ("", "http://192.168.1.20:8501/resultats", "http://192.168.1.20:8501/diagnostic?d="),
        ("", "https://outils.example.org/ess/", "https://outils.example.org/ess/diagnostic?d="),
        ("https://ess.example.org/app/", None, "https://ess.example.org/app/diagnostic?d="),
    ],
)
def test_the_resume_link_is_shown_in_full(
    public_url: str,
    browser_url: str | None,
    expected: str,
    database_url: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("DIAGNOSTIC_PUBLIC_URL", public_url)
    at = new_app()
    if browser_url is not None:
        at.context["url"] = browser_url
    token = start(at)
    assert [code.value for code in at.sidebar.code] == [expected + token]
    assert t("app.resume.keep", "fr") in [caption.value for caption in at.sidebar.caption]


@pytest.mark.parametrize("token", ["x" * 32, "abc", "../../etc/passwd", ""])
def test_a_link_to_no_diagnostic_says_so_and_offers_a_new_one(
    token: str, database_url: str, repository: Repository
) -> None:
    at = new_app(token=token)
    go(at.run(), "diagnostic")
    assert not at.exception
    assert [error.value for error in at.error] == [BAD_LINK]
    at.button(key="new-diagnostic").click().run()
    assert not at.exception
    assert at.title[0].value == t("app.step.profile", "fr")
    new_token = at.session_state[TOKEN_KEY]
    assert repository.get_diagnostic(new_token).profile is None
    assert at.query_params["d"] == new_token


def test_the_welcome_page_also_explains_a_bad_link(database_url: str) -> None:
    at = new_app(token="y" * 40).run()
    assert not at.exception
    assert BAD_LINK in screen(at)
    assert at.button(key="new-diagnostic")


def test_a_diagnostic_deleted_meanwhile_is_explained(
    database_url: str, repository: Repository, referentiel: Referentiel
) -> None:
    at = new_app()
    token = start(at)
    fill_profile(at)
    at.button(key="nav-next").click().run()
    repository.delete_diagnostic(token)
    first = referentiel.questions[0].id
    at.radio(key=f"answer-{first}").set_value(2).run()
    assert not at.exception
    assert [error.value for error in at.error] == [
        escape_markdown(
            "Votre dernière modification n’a pas pu être enregistrée\u00a0: Aucun diagnostic ne "
            "correspond à ce lien. Vérifiez l’adresse complète, ou commencez un nouveau "
            "diagnostic. Réessayez dans un instant."
        )
    ]
    at.button(key="nav-next").click().run()
    assert not at.exception
    assert [error.value for error in at.error] == [BAD_LINK]
    assert at.button(key="new-diagnostic")


def test_a_workshop_participation_does_not_open_in_the_single_wizard(
    database_url: str, repository: Repository
) -> None:
    workshop, _ = repository.create_workshop(TerritoryProfile("CC de l’Essai", "cc"))
    participant = repository.join_workshop(workshop.code, "elu", "Zoé")
    at = new_app(token=participant.token)
    go(at.run(), "diagnostic")
    assert not at.exception
    assert [error.value for error in at.error] == [BAD_LINK]
    assert TOKEN_KEY not in at.session_state or at.session_state[TOKEN_KEY] != participant.token


def test_a_diagnostic_can_be_deleted_for_good(
    database_url: str, repository: Repository, referentiel: Referentiel
) -> None:
    token, _ = started_with_two_steps(referentiel)
    at = new_app(token=token).run()
    assert at.button(key="delete-diagnostic").disabled
    at.checkbox(key="delete-confirm").check().run()
    at.button(key="delete-diagnostic").click().run()
    assert not at.exception
    with pytest.raises(NotFoundError):
        repository.get_diagnostic(token)
    assert TOKEN_KEY not in at.session_state
    assert "d" not in at.query_params
    assert "Le diagnostic a été supprimé\u00a0: son lien de reprise ne mène plus à rien." in screen(
        at
    )

    again = new_app(token=token)
    go(again.run(), "diagnostic")
    assert [error.value for error in again.error] == [BAD_LINK]
