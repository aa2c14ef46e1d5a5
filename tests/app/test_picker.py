"""The official territory picker in the profile: search, pick, fields filled and saved."""

from __future__ import annotations

from pathlib import Path

import pytest
from app_support import fill_everything, go, new_app, screen, start, visit

from diagnostic.storage import Repository
from diagnostic.territory import official as territories


def pick(at, query: str, siren: str) -> None:
    at.text_input(key="profile-search").set_value(query).run()
    at.selectbox(key="profile-pick").set_value(siren).run()
    assert not at.exception, at.exception


def test_picking_an_epci_fills_and_saves_the_profile(
    database_url: str, repository: Repository
) -> None:
    at = new_app()
    token = start(at)
    at.text_input(key="profile-search").set_value("val d ille").run()
    choice = at.selectbox(key="profile-pick")
    assert choice.options[0].startswith("CC Val d’Ille-Aubigné — Communauté de communes (CC), ")
    assert "Ille-et-Vilaine (35)" in choice.options[0]
    pick(at, "val d ille", "243500667")
    assert at.selectbox(key="profile-type").value == "cc"
    assert at.text_input(key="profile-name").value == "CC Val d’Ille-Aubigné"
    assert at.text_input(key="profile-siren").value == "243500667"
    assert at.text_input(key="profile-departement").value == "35"
    population = int(at.text_input(key="profile-population").value)
    assert population > 30_000
    saved = repository.get_diagnostic(token).profile
    assert saved is not None
    assert (saved.type, saved.name, saved.siren, saved.departement, saved.population) == (
        "cc",
        "CC Val d’Ille-Aubigné",
        "243500667",
        "35",
        population,
    )
    assert "Région\u00a0: Bretagne" in screen(at)
    [members] = [e for e in at.expander if e.label.startswith("Les ")]
    assert members.label.endswith("communes membres de CC Val d’Ille-Aubigné")
    assert "- Melesse (" in "\n".join(m.value for m in members.markdown)


def test_homonyms_are_told_apart_and_the_fields_stay_editable(
    database_url: str, repository: Repository
) -> None:
    at = new_app()
    token = start(at)
    at.text_input(key="profile-search").set_value("Saint-Denis").run()
    options = at.selectbox(key="profile-pick").options
    assert any("La Réunion (974)" in option for option in options)
    assert any("Seine-Saint-Denis (93)" in option for option in options)
    pick(at, "Saint-Denis", "929939411")
    assert at.text_input(key="profile-departement").value == "93"
    at.text_input(key="profile-name").set_value("Ville de Saint-Denis").run()
    saved = repository.get_diagnostic(token).profile
    assert saved is not None and saved.name == "Ville de Saint-Denis"
    assert saved.siren == "929939411" and saved.type == "commune"


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("a", "Tapez au moins 2\u00a0lettres ou chiffres."),
        ("99999", "Aucune commune ni aucun EPCI ne correspond."),
        ("x" * 200, "Aucune commune ni aucun EPCI ne correspond."),
    ],
)
def test_bad_queries_say_so_and_manual_entry_works(
    database_url: str, query: str, message: str
) -> None:
    at = new_app()
    start(at)
    at.text_input(key="profile-search").set_value(query).run()
    assert not at.exception
    assert not [box for box in at.selectbox if box.key == "profile-pick"]
    assert any(caption.value.startswith(message) for caption in at.caption)
    at.selectbox(key="profile-type").set_value("pays_petr").run()
    at.text_input(key="profile-name").set_value("PETR du Pays de Test").run()
    assert not at.error


def test_a_missing_territories_file_leaves_manual_entry(
    database_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(territories, "PROJECT_DATA", tmp_path)
    territories.official_territories.cache_clear()
    try:
        at = new_app()
        start(at)
        at.text_input(key="profile-search").set_value("Rennes").run()
        [warning] = at.warning
        assert warning.value.startswith("La liste officielle des communes et EPCI n’a pas pu")
        assert "fichier introuvable" in warning.value
        at.text_input(key="profile-search").set_value("Rennes M").run()
        assert not at.warning, "said once"
        at.selectbox(key="profile-type").set_value("commune").run()
        at.text_input(key="profile-name").set_value("Rennes").run()
        assert not at.exception and not at.error
    finally:
        territories.official_territories.cache_clear()


def test_english(database_url: str) -> None:
    at = new_app(lang="en")
    start(at)
    at.text_input(key="profile-search").set_value("243 500 667").run()
    [option] = at.selectbox(key="profile-pick").options
    assert option.startswith("CC Val d’Ille-Aubigné — Community of municipalities (CC), ")
    assert ", population " in option


def test_the_workshop_form_picks_too(database_url: str, repository: Repository) -> None:
    at = visit("animation")
    at.text_input(key="animation-profile-search").set_value("35520").run()
    options = at.selectbox(key="animation-profile-pick").options
    assert any(option.startswith("Melesse — Commune, Ille-et-Vilaine (35)") for option in options)
    at.text_input(key="animation-profile-search").set_value("val d ille").run()
    at.selectbox(key="animation-profile-pick").set_value("243500667").run()
    assert at.selectbox(key="animation-type").value == "cc"
    assert at.text_input(key="animation-name").value == "CC Val d’Ille-Aubigné"
    at.button(key="animation-create").click().run()
    assert not at.exception
    record = repository.check_admin(*at.session_state["workshop-admin"])  # key out of the URL
    profile = record.profile
    assert (profile.type, profile.name, profile.siren, profile.departement) == (
        "cc",
        "CC Val d’Ille-Aubigné",
        "243500667",
        "35",
    )


def test_a_renamed_workshop_territory_keeps_no_siren(
    database_url: str, repository: Repository
) -> None:
    at = visit("animation")
    at.text_input(key="animation-profile-search").set_value("val d ille").run()
    at.selectbox(key="animation-profile-pick").set_value("243500667").run()
    at.text_input(key="animation-name").set_value("Pays de Rennes").run()
    at.selectbox(key="animation-type").set_value("pays_petr").run()
    at.button(key="animation-create").click().run()
    record = repository.check_admin(*at.session_state["workshop-admin"])  # key out of the URL
    assert record.profile.name == "Pays de Rennes" and record.profile.siren is None


def test_results_name_the_regional_contact(database_url: str, referentiel) -> None:
    at = new_app()
    start(at)
    pick(at, "val d ille", "243500667")
    fill_everything(at, referentiel)
    go(at, "resultats")
    assert not at.exception
    [calls] = [header for header in at.header if header.value == "Qui appeler"]
    assert calls
    text = screen(at)
    assert "Région\u00a0: Bretagne" in text
    assert "**CRESS Bretagne** (CRESS — Chambre régionale" in text
    assert "https://www.ess-bretagne.org" in text


def test_method_page_gives_the_territories_source(database_url: str) -> None:
    at = visit("methode")
    assert not at.exception
    text = screen(at)
    assert "Territoires et contacts" in text
    assert "Découpage administratif 2026" in text and "Licence Ouverte" in text
