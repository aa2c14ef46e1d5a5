"""The SIRET offer on « Mes diagnostics et ateliers »: a signed-in person whose SIRET names a
commune or an EPCI is offered its space and joins it; a SIRET that names nothing, or is not
one, gets a plain sentence saying how to be invited instead, with nothing written."""

from __future__ import annotations

import pytest
from join_support import BERNARD, CLAIRE, KEY, NAME, is_member, row_counts, signed_in, space
from space_support import from_the_network

from diagnostic.i18n import t
from diagnostic.storage import Repository
from diagnostic.ui.literal import escape_markdown

TOUL_SIRET = "200 070 563 00018"  # the first nine digits: Terres Touloises' SIREN


@pytest.fixture(autouse=True)
def _network(monkeypatch: pytest.MonkeyPatch) -> None:
    from_the_network(monkeypatch)


def keys(at: object) -> set[str]:
    return {b.key for b in at.button}  # type: ignore[attr-defined]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_siret_of_the_territory_offers_its_space(repository: Repository, lang: str) -> None:
    space(repository)
    at = signed_in({**BERNARD, "siret": TOUL_SIRET}, "mes-diagnostics", lang=lang)
    assert not at.exception
    offer = t("join.siret.offer", lang, siret=escape_markdown(TOUL_SIRET), name=NAME)
    assert offer in [m.value for m in at.markdown]
    at.button(key="siret-join").click().run()
    assert not at.exception and is_member(repository, BERNARD)
    assert [s.value for s in at.success] == [t("join.invitation.joined", lang, name=NAME)]
    assert "siret-join" not in keys(at)
    at.button(key="siret-open-space").click().run()
    assert not at.exception
    assert at.title[0].value == t("space.territory.title", lang)
    assert at.query_params["t"] == KEY


def test_a_member_already_is_not_offered_again(repository: Repository) -> None:
    space(repository)
    at = signed_in({**CLAIRE, "siret": TOUL_SIRET}, "mes-diagnostics")
    assert not at.exception and "siret-join" not in keys(at)
    assert not [i for i in at.info if "SIRET" in i.value]


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("siret", ["12345678900011", "2000705630001", "pas un siret", "0" * 300])
def test_a_siret_that_names_no_territory_says_how_to_be_invited(
    repository: Repository, database_url: str, siret: str, lang: str
) -> None:
    space(repository)
    before = row_counts(database_url)
    at = signed_in({**BERNARD, "siret": siret}, "mes-diagnostics", lang=lang)
    assert not at.exception and "siret-join" not in keys(at)
    [info] = [i.value for i in at.info if t("join.siret.no_match", lang, siret="")[:20] in i.value]
    assert ("inviter" if lang == "fr" else "invite") in info
    assert not is_member(repository, BERNARD)
    after = row_counts(database_url)
    after.pop("users"), before.pop("users")  # the sign-in itself updates Bernard's last visit
    assert after == before


def test_without_a_siret_nothing_is_offered(repository: Repository) -> None:
    space(repository)
    at = signed_in(BERNARD, "mes-diagnostics")
    assert not at.exception and "siret-join" not in keys(at)
    assert not [i for i in at.info if "SIRET" in i.value]
