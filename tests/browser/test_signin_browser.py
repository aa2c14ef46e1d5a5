"""In Chromium, against a real OpenID Connect provider on this machine: sign in, see who
is signed in, reach « Mes diagnostics et ateliers », sign out."""

from __future__ import annotations

import re
from typing import Any

import pytest
from browser_support import Server
from oidc_support import CLAIRE, DISPLAY_NAME, SUBJECT
from playwright.sync_api import expect
from workshop_walk import SCREEN, WorkshopWalker, new_page

from diagnostic.accounts import CommandLine, Identity, adviser, member
from diagnostic.i18n import t
from diagnostic.model import TerritoryProfile
from diagnostic.storage import open_repository

pytestmark = [pytest.mark.browser, pytest.mark.slow]

MOSELLE_MADON = TerritoryProfile("CC Moselle et Madon", "cc", siren="245400171", departement="54")
GRAND_EST = "44"
NOT_SIGNED_IN = "Connectez-vous pour voir cette page"


def test_sign_in_see_my_diagnostics_and_sign_out(browser: Any, signin_server: Server) -> None:
    server = signin_server
    repository = open_repository(server.database_url)
    repository.create_diagnostic(MOSELLE_MADON)
    repository.sign_in(Identity(CLAIRE["email"]))  # her account, made member beforehand
    repository.grant_role(CommandLine(), CLAIRE["email"], member(str(MOSELLE_MADON.siren)))
    walker = WorkshopWalker(new_page(browser, SCREEN), server.url)
    page = walker.page

    walker.open(f"{server.url}/mes-diagnostics")
    walker.see(NOT_SIGNED_IN)
    expect(page.get_by_text(MOSELLE_MADON.name)).to_have_count(0)

    page.get_by_role("button", name=f"Se connecter avec {DISPLAY_NAME}").click()
    page.get_by_role("button", name=SUBJECT, exact=True).click()  # the provider's page
    expect(page).to_have_url(re.compile(rf"^{re.escape(server.url)}/$"))
    walker.see(t("signin.who", "fr", who=CLAIRE["name"]))

    walker.open(f"{server.url}/mes-diagnostics")
    walker.see(MOSELLE_MADON.name)
    expect(page.get_by_text(NOT_SIGNED_IN)).to_have_count(0)

    page.get_by_role("button", name="Se déconnecter").click()
    expect(page).not_to_have_url(re.compile(r"/mes-diagnostics"))
    walker.open(f"{server.url}/mes-diagnostics")
    walker.see(NOT_SIGNED_IN)
    expect(page.get_by_role("button", name=f"Se connecter avec {DISPLAY_NAME}")).to_be_visible()
    expect(page.get_by_text(MOSELLE_MADON.name)).to_have_count(0)


def test_a_member_shares_with_the_cress_and_the_portfolio_follows_at_once(
    browser: Any, signin_server: Server
) -> None:
    """One person both member of a territory and adviser of its région: the portfolio shows
    the territory only while the member's choice to share stands."""
    server = signin_server
    repository = open_repository(server.database_url)
    repository.create_diagnostic(MOSELLE_MADON)
    repository.sign_in(Identity(CLAIRE["email"]))
    repository.grant_role(CommandLine(), CLAIRE["email"], member(str(MOSELLE_MADON.siren)))
    repository.grant_role(CommandLine(), CLAIRE["email"], adviser(GRAND_EST))
    walker = WorkshopWalker(new_page(browser, SCREEN), server.url)
    page = walker.page
    walker.open(f"{server.url}/portefeuille")
    page.get_by_role("button", name=f"Se connecter avec {DISPLAY_NAME}").click()
    page.get_by_role("button", name=SUBJECT, exact=True).click()
    walker.see(t("signin.who", "fr", who=CLAIRE["name"]))

    walker.open(f"{server.url}/portefeuille")
    walker.see(t("portfolio.empty", "fr")[:40])  # nothing shared with the région yet
    walker.open(f"{server.url}/territoire?t={MOSELLE_MADON.siren}")
    walker.click_key("space-share")
    walker.see("depuis le")
    walker.open(f"{server.url}/portefeuille")
    walker.see(t("portfolio.count", "fr", shown=1, total=1))  # its one row, in the table
    expect(page.get_by_text(t("portfolio.empty", "fr")[:40])).to_have_count(0)

    walker.open(f"{server.url}/territoire?t={MOSELLE_MADON.siren}")
    walker.click_key("space-revoke")
    walker.see(t("space.sharing.none", "fr")[:40])
    walker.open(f"{server.url}/portefeuille")
    walker.see(t("portfolio.empty", "fr")[:40])  # gone at once
