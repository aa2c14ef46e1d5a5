"""In Chromium, against a real OpenID Connect provider on this machine: a member invites an
address; a second person opens the link, signs in with that address through the provider,
comes back to the invitation, accepts it and lands in the territory's space."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_support import Server
from invitee_support import BERNARD, BERNARD_SUBJECT, add_user, authorise_as
from oidc_support import CLAIRE, DISPLAY_NAME, SUBJECT, Provider, running_provider
from playwright.sync_api import expect
from workshop_walk import SCREEN, WorkshopWalker, new_page

from diagnostic.accounts import CommandLine, Identity, member
from diagnostic.i18n import t
from diagnostic.model import TerritoryProfile
from diagnostic.storage import open_repository

pytestmark = [pytest.mark.browser, pytest.mark.slow]

MOSELLE_MADON = TerritoryProfile("CC Moselle et Madon", "cc", siren="245400171", departement="54")
OFFICIAL_NAME = "CC Moselle et Madon"
SHOWN_ADDRESS = BERNARD["email"].split("@")[0] + "@"  # a word joiner follows the @ on screen
LINK = re.compile(r"https?://\S+/invitation\?code=[A-Za-z0-9_-]+")


@pytest.fixture
def provider(tmp_path: Path) -> Iterator[Provider]:
    """A real OpenID Connect provider for this test only, knowing Claire and Bernard."""
    with running_provider(tmp_path / "provider.log") as running:
        add_user(running, BERNARD_SUBJECT, {"sub": BERNARD_SUBJECT, **BERNARD})
        yield running


def test_a_member_invites_and_the_invitee_signs_in_accepts_and_lands_in_the_space(
    browser: Any, signin_server: Server
) -> None:
    server = signin_server
    key = str(MOSELLE_MADON.siren)
    repository = open_repository(server.database_url)
    repository.create_diagnostic(MOSELLE_MADON)
    repository.sign_in(Identity(CLAIRE["email"]))
    repository.grant_role(CommandLine(), CLAIRE["email"], member(key))

    claire = WorkshopWalker(new_page(browser, SCREEN), server.url)
    claire.open(f"{server.url}/territoire?t={key}")
    claire.page.get_by_role("button", name=f"Se connecter avec {DISPLAY_NAME}").click()
    claire.page.get_by_role("button", name=SUBJECT, exact=True).click()
    claire.see(t("signin.who", "fr", who=CLAIRE["name"]))
    claire.open(f"{server.url}/territoire?t={key}")
    claire.see(t("join.invite.title", "fr"))
    claire.type_text("members-invite-email", BERNARD["email"])
    claire.click_key("members-invite")
    claire.see("valable jusqu’au")
    blocks = claire.page.locator('[data-testid="stMain"] [data-testid="stCode"] code')
    link_block = blocks.filter(has_text="/invitation?code=")
    expect(link_block).to_have_count(1)
    found = LINK.search(link_block.inner_text())
    assert found is not None
    link = found.group(0)

    bernard = WorkshopWalker(new_page(browser, SCREEN), server.url)
    page = bernard.page
    bernard.open(link)
    bernard.see(OFFICIAL_NAME)
    bernard.see(SHOWN_ADDRESS)
    expect(page.get_by_text(t("join.invitation.sign_in_first", "fr")[:40])).to_be_visible()
    bernard.click_key("invitation-signin-essai")
    authorise_as(page, BERNARD_SUBJECT)  # the provider's page
    expect(page).to_have_url(re.compile(r"/invitation\?code="))  # back at the invitation
    bernard.see(t("signin.who", "fr", who=BERNARD["name"]))
    bernard.click_key("invitation-join")
    bernard.see(t("join.invitation.joined", "fr", name=OFFICIAL_NAME))
    bernard.click_key("invitation-open-space")
    expect(page).to_have_url(re.compile(rf"/territoire\?t={key}"))
    bernard.see(t("join.members.title", "fr"))
    bernard.see("membre depuis le")
    expect(page.get_by_text(SHOWN_ADDRESS, exact=False).first).to_be_visible()
    roles = repository.roles_of(Identity(BERNARD["email"]))
    assert roles is not None and roles.member_of(key)
    used = repository.invitation_for(link.rsplit("=", 1)[1])
    assert used is not None and used.invitation.used_at is not None
