"""Every page renders without an exception, in French and in English, with or without answers."""

from __future__ import annotations

import pytest
from app_support import fill_everything, fill_profile, go, new_app, screen, start

from diagnostic.i18n import t
from diagnostic.model import Referentiel

LANGS = ["fr", "en"]


def expected_title(page: str, lang: str, referentiel: Referentiel) -> str:
    return {
        "accueil": referentiel.title.get(lang),
        "methode": t("app.method.title", lang),
        "resultats": t("app.results.title", lang),
        "diagnostic": t("app.step.profile", lang),
    }[page]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", ["accueil", "diagnostic", "resultats", "methode"])
def test_every_page_renders_before_any_diagnostic(
    page: str, lang: str, database_url: str, referentiel: Referentiel
) -> None:
    at = new_app(lang=lang).run()
    go(at, page)
    assert not at.exception
    if page in ("diagnostic", "resultats"):
        assert t("app.no_diagnostic", lang) in [info.value for info in at.info]
        assert at.button(key="start").label == t("app.start", lang)
    else:
        assert at.title[0].value == expected_title(page, lang, referentiel)


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_renders_with_a_whole_diagnostic(
    lang: str, database_url: str, referentiel: Referentiel
) -> None:
    at = new_app(lang=lang)
    start(at)
    fill_profile(at)
    fill_everything(at, referentiel)
    assert at.title[0].value == t("app.step.summary", lang)
    for page in ("resultats", "methode", "accueil", "diagnostic"):
        go(at, page)
        assert not at.exception, page
        if page == "diagnostic":
            # Back on the wizard, the session remembers the step it was at.
            assert at.title[0].value == t("app.step.summary", lang)
        else:
            assert at.title[0].value == expected_title(page, lang, referentiel)


def test_the_sidebar_switches_every_label_to_english(
    database_url: str, referentiel: Referentiel
) -> None:
    at = new_app()
    start(at)
    assert at.selectbox(key="nav-step").label == t("app.nav.step_title", "fr", n=1, total=9)
    at.radio(key="lang").set_value("en").run()
    assert not at.exception
    assert at.selectbox(key="nav-step").label == "Step 1 of 9"
    assert at.title[0].value == "The territory"
    assert at.selectbox(key="profile-type").label == "Type of territory"
    assert "Votre lien de reprise" not in screen(at)
    assert "**Your resume link.**" in screen(at)


def test_each_motivation_step_shows_its_questions_in_the_referentiel_order(
    database_url: str, referentiel: Referentiel
) -> None:
    at = new_app()
    start(at)
    fill_profile(at)
    for number, motivation in enumerate(referentiel.motivations, start=2):
        at.button(key="nav-next").click().run()
        label = t("app.nav.step_title", "fr", n=number, total=9)
        assert at.selectbox(key="nav-step").label == label
        assert at.title[0].value == motivation.label.fr
        keys = [radio.key for radio in at.main.radio]
        assert keys == [f"answer-{q.id}" for q in referentiel.questions_of(motivation.id)]
        for question in referentiel.questions_of(motivation.id):
            radio = at.radio(key=f"answer-{question.id}")
            assert radio.label == f"**{question.label.fr}**"
            assert radio.options[-1] == "Je ne sais pas"
            assert radio.value is None
