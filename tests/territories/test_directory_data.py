"""The shipped regional directory: a CRESS for every metropolitan région, sources that fit."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from diagnostic.settings import PROJECT_DATA
from diagnostic.territory.contacts import Directory, load_directory

# INSEE codes of the thirteen metropolitan régions, Corse included.
METROPOLITAN = ("11", "24", "27", "28", "32", "44", "52", "53", "75", "76", "84", "93", "94")


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
