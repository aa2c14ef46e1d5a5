"""With sign-in: a territory's space for its members, the administrator and the advisers of
the région it shares with; sharing with the CRESS chosen and revoked by a member, at once
visible in the adviser's portfolio; « Mes diagnostics » and the portfolio by role."""

from __future__ import annotations

import pytest
from app_support import go, new_app, screen
from space_support import AUTH, TOUL, from_the_network
from streamlit.testing.v1 import AppTest

from diagnostic.accounts import CommandLine, Identity, adviser, member
from diagnostic.i18n import t
from diagnostic.storage import Repository
from diagnostic.ui.portfolio import page as portfolio_page

CLAIRE = {"is_logged_in": True, "email": "claire.martin@example.fr", "given_name": "Claire"}
LEA = {"is_logged_in": True, "email": "lea@cress-grandest.example.org", "given_name": "Léa"}
GRAND_EST = "44"  # the région of TOUL (Meurthe-et-Moselle)


def signed_in(user: dict[str, object], page: str, **params: str) -> AppTest:
    at = new_app()
    at.secrets["auth"] = AUTH
    at.user = dict(user)
    at.run()
    for name, value in params.items():
        at.query_params[name] = value
    return go(at, page)


def portfolio_names(at: AppTest) -> list[str]:
    """The territories the portfolio's table shows (none when it shows no table)."""
    return list(at.dataframe[0].value.iloc[:, 0]) if at.dataframe else []


def roles(repository: Repository) -> None:
    for user in (CLAIRE, LEA):
        repository.sign_in(Identity(str(user["email"])))
    repository.grant_role(CommandLine(), str(CLAIRE["email"]), member(str(TOUL.siren)))
    repository.grant_role(CommandLine(), str(LEA["email"]), adviser(GRAND_EST))


@pytest.fixture(autouse=True)
def _network(monkeypatch: pytest.MonkeyPatch) -> None:
    from_the_network(monkeypatch)
    monkeypatch.setattr(portfolio_page, "is_local_request", lambda: False)


def test_an_adviser_sees_a_territory_only_while_it_shares(repository: Repository) -> None:
    repository.create_diagnostic(TOUL)
    roles(repository)
    at = signed_in(LEA, "territoire", t=str(TOUL.siren))
    assert not at.exception
    assert TOUL.name not in screen(at)  # not shared: refused, with the reason
    assert at.info and "partag" in at.info[0].value
    portfolio = signed_in(LEA, "portefeuille")
    assert not portfolio.exception and portfolio_names(portfolio) == []

    member_view = signed_in(CLAIRE, "territoire", t=str(TOUL.siren))
    assert not member_view.exception
    assert t("space.sharing.none", "fr") in screen(member_view)
    member_view.button(key="space-share").click().run()
    assert not member_view.exception
    assert "depuis le" in screen(member_view)
    history = repository.sharing_history(CommandLine(), str(TOUL.siren))
    assert [(h.decided_by, h.revoked_at) for h in history] == [(CLAIRE["email"], None)]

    at = signed_in(LEA, "territoire", t=str(TOUL.siren))
    assert not at.exception and TOUL.name in screen(at)
    assert "space-share" not in [b.key for b in at.button]  # the adviser cannot decide it
    portfolio = signed_in(LEA, "portefeuille")
    assert not portfolio.exception
    assert portfolio_names(portfolio) == ["CC Terres Touloises"]  # its official name

    member_view.button(key="space-revoke").click().run()
    assert not member_view.exception and t("space.sharing.none", "fr") in screen(member_view)
    portfolio = signed_in(LEA, "portefeuille")
    assert not portfolio.exception and portfolio_names(portfolio) == []  # at once
    reads = [e for e in repository.access_log(CommandLine()) if e.actor == LEA["email"]]
    assert reads  # the adviser's reads of the territory are in the access log


def test_the_portfolio_asks_to_sign_in_and_refuses_who_has_no_role(
    repository: Repository,
) -> None:
    repository.create_diagnostic(TOUL)
    at = new_app()
    at.secrets["auth"] = AUTH
    at.user = {"is_logged_in": False}
    at.run()
    go(at, "portefeuille")
    assert not at.exception
    assert [w.value for w in at.warning] == [t("portfolio.sign_in", "fr")]
    roles(repository)
    at = signed_in(CLAIRE, "portefeuille")  # a territory member, no adviser role
    assert not at.exception
    assert [w.value for w in at.warning] == [t("portfolio.no_role", "fr")]
    assert TOUL.name not in screen(at)


def test_a_territory_space_is_refused_to_a_member_of_another(repository: Repository) -> None:
    repository.create_diagnostic(TOUL)
    roles(repository)
    repository.sign_in(Identity("autre@mairie.example.fr"))
    repository.grant_role(CommandLine(), "autre@mairie.example.fr", member("245400676"))
    other = {"is_logged_in": True, "email": "autre@mairie.example.fr"}
    at = signed_in(other, "territoire", t=str(TOUL.siren))
    assert not at.exception
    assert TOUL.name not in screen(at)
    assert at.info
