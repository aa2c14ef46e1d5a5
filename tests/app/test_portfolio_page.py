"""The Portefeuille page by widget keys: who sees it, the table, filters, search, languages."""

from __future__ import annotations

import datetime as dt

import pytest
from app_support import new_app, screen
from streamlit.testing.v1 import AppTest

from diagnostic.i18n import t
from diagnostic.model import PlanAction, Quarter, Referentiel, TerritoryProfile
from diagnostic.portfolio.figures import Figure
from diagnostic.portfolio.table import Filters, build_rows, filter_rows
from diagnostic.storage import Repository
from diagnostic.territory.official import official_territories
from diagnostic.ui.portfolio import page

PAGE = "diagnostic/ui/pages/portefeuille.py"
TODAY = dt.date.today()
TERRITORIES = (
    TerritoryProfile(
        "Lyon", "commune", "216901231", "69", 519_127, "agent", TODAY - dt.timedelta(60)
    ),
    TerritoryProfile(
        "Annecy", "commune", "217400100", "74", 131_000, "elu", TODAY - dt.timedelta(800)
    ),
    TerritoryProfile(
        "Villeurbanne", "commune", "216902668", "69", 150_000, "agent", TODAY - dt.timedelta(10)
    ),
)


def seed(repository: Repository, referentiel: Referentiel) -> None:
    for number, profile in enumerate(TERRITORIES):
        record = repository.create_diagnostic(profile, referentiel.version)
        for question in referentiel.questions[:15]:
            repository.save_answer(record.token, question.id, number % 3)
        if profile.name == "Villeurbanne":
            past = Quarter.of(TODAY - dt.timedelta(200))
            late = PlanAction("e1", "Former", TODAY - dt.timedelta(300), quarter=past)
            repository.save_plan_action(record.token, late)


def open_page(lang: str | None = None) -> AppTest:
    at = new_app(lang=lang).run()
    return at.switch_page(PAGE).run()


def shown_names(at: AppTest) -> list[str]:
    frame = at.dataframe[0].value
    return list(frame.iloc[:, 0])


@pytest.fixture
def local(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(page, "is_local_request", lambda: True)


@pytest.mark.usefixtures("local")
def test_the_person_at_the_machine_sees_every_territory(
    repository: Repository, referentiel: Referentiel
) -> None:
    seed(repository, referentiel)
    at = open_page()
    assert not at.exception
    assert shown_names(at) == ["Annecy", "Lyon", "Villeurbanne"]
    assert t("portfolio.count", "fr", shown=3, total=3) in screen(at)
    frame = at.dataframe[0].value
    assert list(frame["Espace du territoire"]) == [
        "territoire?t=217400100",
        "territoire?t=216901231",
        "territoire?t=216902668",
    ]
    assert at.get("download_button")  # the table and the synthesis


@pytest.mark.usefixtures("local")
def test_filters_and_search_narrow_the_table(
    repository: Repository, referentiel: Referentiel
) -> None:
    seed(repository, referentiel)
    at = open_page()
    at.multiselect(key="portfolio-departement").set_value(["69"]).run()
    assert shown_names(at) == ["Lyon", "Villeurbanne"]
    at.checkbox(key="portfolio-late").check().run()
    assert shown_names(at) == ["Villeurbanne"]
    at.checkbox(key="portfolio-late").uncheck().run()
    at.multiselect(key="portfolio-departement").set_value([]).run()
    at.checkbox(key="portfolio-stale").check().run()
    assert shown_names(at) == ["Annecy"]
    at.checkbox(key="portfolio-stale").uncheck().run()
    at.text_input(key="portfolio-search").input("villeur").run()
    assert shown_names(at) == ["Villeurbanne"]
    at.text_input(key="portfolio-search").input("Marseille").run()
    assert "Aucun territoire ne répond à ces filtres." in screen(at)


@pytest.mark.usefixtures("local")
def test_sort_by_date_newest_first(repository: Repository, referentiel: Referentiel) -> None:
    seed(repository, referentiel)
    at = open_page()
    at.selectbox(key="portfolio-sort").set_value("last_day").run()
    at.checkbox(key="portfolio-descending").check().run()
    assert shown_names(at) == ["Villeurbanne", "Lyon", "Annecy"]


@pytest.mark.usefixtures("local")
def test_the_page_in_english(repository: Repository, referentiel: Referentiel) -> None:
    seed(repository, referentiel)
    at = open_page("en")
    assert not at.exception
    assert at.title[0].value == "Territories portfolio"
    frame = at.dataframe[0].value
    assert "Latest diagnostic" in frame.columns
    assert "Territories shown: 3 of 3" in screen(at)


@pytest.mark.usefixtures("local")
def test_an_empty_installation_says_how_territories_come_in(repository: Repository) -> None:
    at = open_page()
    assert not at.exception
    assert "Aucun territoire pour l’instant" in screen(at)


def test_a_visitor_through_the_network_is_told_why_nothing_is_shown(
    repository: Repository, referentiel: Referentiel, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed(repository, referentiel)
    monkeypatch.setattr(page, "is_local_request", lambda: False)
    at = open_page()
    assert not at.exception
    assert "personne assise devant la machine" in at.warning[0].value
    assert not at.get("arrow_data_frame") and "Lyon" not in screen(at)


@pytest.mark.usefixtures("local")
def test_the_need_filter_keeps_the_territories_with_that_need_on_the_lever(
    repository: Repository, referentiel: Referentiel
) -> None:
    seed(repository, referentiel)
    data = repository.load_portfolio(referentiel, official_territories(), None)
    rows = build_rows(referentiel, data, None, {}, TODAY)
    lever = referentiel.levers[0].id
    first = rows[0].reading
    assert first is not None
    word = first.needs[lever]
    assert word is not None
    expected = filter_rows(rows, Filters(needs={lever: frozenset({word})}), TODAY)
    at = open_page()
    assert at.multiselect(key="portfolio-need").disabled  # until a lever is chosen
    at.selectbox(key="portfolio-lever").set_value(lever).run()
    at.multiselect(key="portfolio-need").set_value([word]).run()
    assert shown_names(at) == [row.facts.name for row in expected]
    assert "Annecy" in shown_names(at)


@pytest.mark.usefixtures("local")
def test_loaded_figures_show_in_the_table_and_the_upload_is_offered(
    repository: Repository, referentiel: Referentiel
) -> None:
    seed(repository, referentiel)
    lyon = official_territories().by_siren("216901231")
    assert lyon is not None
    figure = Figure(lyon.code, "salaries", "", 2023, 41_000, "CRESS, d’après INSEE Flores")
    repository.import_figures([figure])
    at = open_page()
    assert not at.exception
    frame = at.dataframe[0].value
    loaded = dict(zip(frame.iloc[:, 0], frame["Chiffres ESS chargés"], strict=True))
    assert loaded == {"Annecy": "non", "Lyon": "oui", "Villeurbanne": "non"}
    assert "Charger les chiffres de l’ESS d’un observatoire" in [e.label for e in at.expander]


@pytest.mark.usefixtures("local")
def test_the_map_of_the_region_colours_by_status_or_need_and_opens_a_territory(
    repository: Repository, referentiel: Referentiel
) -> None:
    seed(repository, referentiel)
    at = open_page()
    assert not at.exception
    assert at.selectbox(key="portfolio-map-region").value == "84"  # Auvergne-Rhône-Alpes
    assert at.radio(key="portfolio-map-level").value == "commune"  # three communes here
    lever = referentiel.levers[0].id
    at.selectbox(key="portfolio-map-colour").set_value(lever).run()
    assert not at.exception
    opens = [b for b in at.button if b.key == "portfolio-map-open-216901231"]  # Lyon
    assert opens, [b.key for b in at.button]
    opens[0].click().run()
    assert not at.exception
    assert at.query_params.get("t") == "216901231"
