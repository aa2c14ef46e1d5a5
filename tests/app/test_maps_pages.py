"""The results page's locator, and the région map's list for keyboard users."""

from __future__ import annotations

import pytest
from app_support import TIMEOUT, go, new_app, screen
from streamlit.testing.v1 import AppTest

from diagnostic.model import AnswerSheet, Referentiel, TerritoryProfile
from diagnostic.storage import Repository
from diagnostic.typography import NBSP
from diagnostic.ui.literal import escape_markdown

VAL_D_ILLE = TerritoryProfile("CC Val d’Ille-Aubigné", "cc", siren="243500667", departement="35")
RENNES = TerritoryProfile("Rennes", "commune", siren="213502388", departement="35")
PAYS = TerritoryProfile("Pays de Brocéliande", "pays_petr", departement="35")
BY_HAND = TerritoryProfile("Syndicat mixte", "cc", siren="123456782", departement="35")


def results_page(
    repository: Repository, referentiel: Referentiel, profile: TerritoryProfile, lang: str
) -> AppTest:
    """The results page of a diagnostic of ``profile`` with every question answered."""
    answers = {}
    for question in referentiel.questions:
        answers[question.id] = referentiel.scale(question.scale).values()[-1]
    token = repository.create_diagnostic(profile).token
    repository.replace_sheet(token, AnswerSheet(profile, answers, {}, referentiel.version))
    at = go(new_app(token=token, lang=lang).run(), "resultats")
    assert not at.exception, at.exception
    return at


def charts(at: AppTest) -> list[str]:
    """The ids of the plotly charts on the page (their keys are in them)."""
    return [element.proto.id for element in at.get("plotly_chart")]


@pytest.mark.parametrize(
    ("profile", "lang", "text"),
    [
        (
            VAL_D_ILLE,
            "fr",
            f"Carte de situation{NBSP}: CC Val d’Ille-Aubigné (communauté de communes) "
            "dans le département Ille-et-Vilaine (35), région Bretagne.",
        ),
        (
            RENNES,
            "en",
            "Locator map: Rennes (commune) in the département Ille-et-Vilaine (35), "
            "région Bretagne.",
        ),
    ],
)
def test_the_results_page_locates_an_official_territory(
    repository: Repository,
    referentiel: Referentiel,
    profile: TerritoryProfile,
    lang: str,
    text: str,
) -> None:
    at = results_page(repository, referentiel, profile, lang)
    assert any("locator-map" in chart for chart in charts(at)), charts(at)
    assert text in [caption.value for caption in at.caption]


@pytest.mark.parametrize("profile", [PAYS, BY_HAND])
def test_a_territory_without_an_official_shape_has_no_locator_and_nothing_broken(
    repository: Repository, referentiel: Referentiel, profile: TerritoryProfile
) -> None:
    at = results_page(repository, referentiel, profile, "fr")
    assert not any("locator-map" in chart for chart in charts(at))
    shown = screen(at)
    assert "Carte de situation" not in shown and "carte n’a pas pu" not in shown
    assert profile.name in shown


def region_page() -> None:
    """A page that shows Bretagne's map and remembers the territory opened."""
    import streamlit as st

    from diagnostic.ui.maps import region_map_view

    def opened(code: str) -> None:
        st.session_state["opened"] = code

    values = {"243500667": "recent", "200039022": "older", "213502388": "never"}
    level = st.session_state.get("level", "epci")
    region_map_view(
        st.session_state.get("region", "53"), values, "fr", opened, key="bzh", level=level
    )


def test_the_region_maps_list_opens_a_territory_by_the_callers_code() -> None:
    at = AppTest.from_function(region_page, default_timeout=TIMEOUT).run()
    assert not at.exception, at.exception
    assert any("bzh-chart" in chart for chart in charts(at))
    labels = [button.label for button in at.button]
    assert labels == [
        "Ouvrir CA Vitré Communauté — Diagnostic de plus de 12 mois",
        f"Ouvrir {escape_markdown('CC Val d’Ille-Aubigné')} — Diagnostic de moins de 12 mois",
    ]
    at.button(key="bzh-open-243500667").click().run()
    assert at.session_state["opened"] == "243500667"
    at.session_state["level"] = "commune"
    at.run()
    at.button(key="bzh-open-213502388").click().run()
    assert at.session_state["opened"] == "213502388"


def test_a_region_without_shapes_says_so_in_one_line() -> None:
    at = AppTest.from_function(region_page, default_timeout=TIMEOUT)
    at.session_state["region"] = "99"
    at.run()
    assert not at.exception, at.exception
    assert not charts(at) and not at.button
    assert [caption.value for caption in at.caption] == [
        f"La carte n’a pas pu être dessinée{NBSP}: Pas de contours pour la région « 99 »"
        f"{NBSP}: code inconnu.".replace("« 99 »", f"«{NBSP}99{NBSP}»")
    ]
