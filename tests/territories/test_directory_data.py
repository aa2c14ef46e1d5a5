"""The shipped regional directory: a CRESS for every metropolitan région, sources that fit,
unions of Scop and Scic and France Active associations only where a page places them."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from diagnostic.settings import PROJECT_DATA
from diagnostic.territory.contacts import SOURCE_KINDS, Directory, load_directory
from diagnostic.territory.official import official_territories

# INSEE codes of the thirteen metropolitan régions, Corse included.
METROPOLITAN = ("11", "24", "27", "28", "32", "44", "52", "53", "75", "76", "84", "93", "94")
# Guadeloupe, Martinique, Guyane, La Réunion, Mayotte.
OVERSEAS = ("01", "02", "03", "04", "06")


@pytest.fixture(scope="module")
def shipped() -> Directory:
    return load_directory([PROJECT_DATA / "annuaire"])


def host(address: str) -> str:
    """« cressidf.org » for « https://www.cressidf.org/page »."""
    return urlsplit(address).hostname.removeprefix("www.")  # type: ignore[union-attr]


def test_every_metropolitan_region_has_its_cress(shipped: Directory) -> None:
    chambers = [contact.region for contact in shipped.contacts if contact.provider == "cress"]
    assert sorted(chambers) == sorted(set(chambers))
    assert set(METROPOLITAN) <= set(chambers)


def test_overseas_chambers_named_by_a_press_article_are_shipped_without_a_website(
    shipped: Directory,
) -> None:
    chambers = {c.region: c for c in shipped.contacts if c.provider == "cress"}
    assert {"01", "03", "04", "06"} <= set(chambers)
    for region in ("01", "03", "06"):
        chamber = chambers[region]
        assert (chamber.source_kind, chamber.website) == ("presse", ""), chamber
        assert host(chamber.source) not in ("", None), chamber


def test_an_official_source_is_a_page_of_the_bodys_own_site(shipped: Directory) -> None:
    official = [contact for contact in shipped.contacts if contact.source_kind == "officiel"]
    assert official
    for contact in official:
        assert host(contact.source) == host(contact.website), contact


def test_a_source_is_a_page_not_the_bare_website(shipped: Directory) -> None:
    for contact in shipped.contacts:
        assert contact.source.rstrip("/") != contact.website.rstrip("/"), contact


def test_a_union_covering_several_regions_is_named_in_each(shipped: Directory) -> None:
    unions = [contact for contact in shipped.contacts if contact.provider == "urscop"]
    assert unions
    for region in ("11", "24"):
        contacts = shipped.for_territory(region, None)
        assert [contact.provider for contact in contacts][:2] == ["cress", "urscop"]
        assert "Centre-Val de Loire" in contacts[1].name


def test_every_shipped_row_says_which_kind_of_page_its_source_is(shipped: Directory) -> None:
    assert all(contact.source_kind in SOURCE_KINDS for contact in shipped.contacts)


def test_a_departement_row_names_a_departement_of_its_region(shipped: Directory) -> None:
    territories = official_territories()
    local = [contact for contact in shipped.contacts if contact.departement]
    assert local
    for contact in local:
        assert territories.region_of(contact.departement) == contact.region, contact


def test_the_union_of_ile_de_france_centre_and_overseas_is_named_overseas(
    shipped: Directory,
) -> None:
    for region in OVERSEAS:
        (union,) = [c for c in shipped.for_territory(region, None) if c.provider == "urscop"]
        assert "Outre-mer" in union.name and host(union.website) == "les-scop-idf.coop"


def test_a_france_active_association_only_where_it_works(shipped: Directory) -> None:
    def france_active(region: str, departement: str) -> list[str]:
        found = shipped.for_territory(region, departement)
        return [c.name for c in found if c.provider == "france_active"]

    assert france_active("53", "35") == ["France Active Bretagne"]
    assert france_active("76", "31")[0].startswith("France Active MPA-Occitanie")
    # Eastern Occitanie has its own association, which no stored page gave us.
    assert france_active("76", "34") == []
