"""Normalisation and search over the shipped official communes and EPCI."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from diagnostic.territory.official import LIMIT, Territories, normalise, official_territories


@pytest.fixture(scope="module")
def territories() -> Territories:
    return official_territories()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Saint-Étienne", "saint etienne"),
        ("L’Haÿ-les-Roses", "l hay les roses"),
        ("L'HAŸ LES ROSES", "l hay les roses"),
        ("St-Jean-d’Angély", "saint jean d angely"),
        ("  Ste   Marie ", "sainte marie"),
        ("Œuilly", "oeuilly"),
        ("Val d’Ille–Aubigné", "val d ille aubigne"),
        ("«\u00a0Rennes\u00a0»", "rennes"),
        ("", ""),
    ],
)
def test_normalise(text: str, expected: str) -> None:
    assert normalise(text) == expected


@given(st.text(max_size=60))
def test_normalise_gives_single_spaced_ascii_words(text: str) -> None:
    result = normalise(text)
    assert result == " ".join(result.split())
    assert result.isascii() and "\n" not in result
    assert normalise(result) == result


def names(results: tuple) -> list[str]:
    return [territory.name for territory in results]


def test_counts_match_the_official_division(territories: Territories) -> None:
    kinds = [territories.territory(index).kind for index in range(len(territories))]
    assert kinds.count("cc") == 989 and kinds.count("ca") == 230 and kinds.count("cu") == 14
    assert kinds.count("metropole") == 22
    assert kinds.count("commune") > 34_800
    assert territories.millesime == 2026


@pytest.mark.parametrize("query", ["val d ille", "Val d’Ille", "VAL-D'ILLE", "val d'ille aubigne"])
def test_epci_found_whatever_the_spelling(territories: Territories, query: str) -> None:
    found = territories.search(query)
    assert found[0].name == "CC Val d’Ille-Aubigné"
    assert (found[0].kind, found[0].siren, found[0].departement) == ("cc", "243500667", "35")
    assert found[0].region == "53" and found[0].population > 30_000


def test_homonyms_are_all_listed_most_populated_first(territories: Territories) -> None:
    found = [t for t in territories.search("Saint-Denis") if t.name == "Saint-Denis"]
    assert len(found) >= 4
    assert [t.departement for t in found[:2]] == ["974", "93"]
    assert len({t.siren for t in found}) == len(found)
    populations = [t.population for t in found]
    assert populations == sorted(populations, reverse=True)


@pytest.mark.parametrize("query", ["St-Malo", "st malo", "SAINT MALO", "Saint Malo", "saint-malô"])
def test_saint_and_st_are_the_same(territories: Territories, query: str) -> None:
    assert territories.search(query)[0].name == "Saint-Malo"


def test_exact_name_comes_before_longer_names(territories: Territories) -> None:
    found = territories.search("Bourg")
    assert [t.name for t in found[:2]] == ["Bourg", "Bourg"]
    assert {t.departement for t in found[:2]} == {"33", "52"}


def test_words_in_any_order_and_apostrophes(territories: Territories) -> None:
    assert "L’Haÿ-les-Roses" in names(territories.search("roses l hay"))
    assert "L’Haÿ-les-Roses" in names(territories.search("l'hay"))


def test_epci_without_its_legal_prefix_ranks_as_a_prefix_match(territories: Territories) -> None:
    found = territories.search("Bourges")
    assert {"CA Bourges Plus", "Bourges"} <= set(names(found[:2]))


def test_postcode_lists_its_communes(territories: Territories) -> None:
    assert names(territories.search("35000")) == ["Rennes"]
    assert "Paris" in names(territories.search("75011"))
    many = territories.search("35", limit=LIMIT)
    assert len(many) == LIMIT and all(t.departement == "35" for t in many)


def test_insee_code_including_corsica(territories: Territories) -> None:
    assert names(territories.search("2A004")) == ["Ajaccio"]
    assert names(territories.search("2a004")) == ["Ajaccio"]


@pytest.mark.parametrize(
    "query", ["243500667", "243 500 667", "243\u00a0500\u00a0667", "243.500.667"]
)
def test_siren_with_or_without_spaces(territories: Territories, query: str) -> None:
    assert names(territories.search(query)) == ["CC Val d’Ille-Aubigné"]
    found = territories.by_siren(query)
    assert found is not None and found.name == "CC Val d’Ille-Aubigné"


def test_commune_nouvelle_found_by_its_former_name(territories: Territories) -> None:
    found = territories.search("Annecy-le-Vieux")
    assert found[0].name == "Annecy" and found[0].former_name == "Annecy-le-Vieux"
    assert territories.search("Annecy")[0].former_name is None


@pytest.mark.parametrize("query", ["", "   ", "a", "é", "-", "7", "x" * 10_000, "9" * 10_000])
def test_bad_queries_give_an_empty_list(territories: Territories, query: str) -> None:
    assert territories.search(query) == ()


@pytest.mark.parametrize("query", ["99999", "00000", "zzzzqq", "123456789"])
def test_unknown_postcode_name_or_siren_gives_an_empty_list(
    territories: Territories, query: str
) -> None:
    assert territories.search(query) == ()


def test_limit_is_respected(territories: Territories) -> None:
    assert len(territories.search("saint", limit=7)) == 7
    assert territories.search("saint", limit=0) == ()


def test_epci_members(territories: Territories) -> None:
    epci = territories.by_siren("243500667")
    assert epci is not None
    members = territories.members(epci)
    assert len(members) == len(epci.members) > 5
    assert all(m.kind == "commune" and m.departement == "35" for m in members)
    assert "Saint-Germain-sur-Ille" in names(members)


def test_department_and_region_names(territories: Territories) -> None:
    assert territories.departement_name("35") == "Ille-et-Vilaine"
    assert territories.region_name("53") == "Bretagne"
    assert territories.region_of("2A") == "94"
    assert territories.region_of("00") is None and territories.region_of(None) is None
