"""In Chromium, against a real OpenID Connect provider on this machine: each role signs in
and reaches what it may, is refused the rest with a plain message and nothing of the
territory refused; signing out shuts the pages again; a lost, stale or forged identity
cookie asks for sign-in again and loses no answer of a diagnostic filled by its link.

Who may see what (the table these tests walk through):

====================  ===============  ================  ==================  ===========
page                  no role          member of Toul    adviser Grand Est   admin
====================  ===============  ================  ==================  ===========
Mes diagnostics       empty            Toul only         empty               both
Toul's space          refused          yes               yes (shared)        yes
Nancy's space         refused          refused           refused (unshared)  yes
Portefeuille          refused          refused           Toul (1 of 1)       2 of 2
Comptes et rôles      refused          refused           refused             yes
====================  ===============  ================  ==================  ===========

The administrator is named in the server's settings (``DIAGNOSTIC_ADMINS``); the person
with no role, then granted the administrator's role, reaches « Comptes et rôles » at once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from browser_support import Server
from browser_walk import answer_label, shipped_referentiel
from oidc_support import (
    ADMIN,
    ADVISER,
    COOKIE_SECRET,
    DISPLAY_NAME,
    MEMBER,
    NOBODY,
    PEOPLE,
    USER_COOKIE,
    Person,
    Provider,
    cookie_payload,
    running_provider,
    secrets_file,
    sign_in_as,
    sign_out,
    signed_cookie,
    user_cookie,
)
from playwright.sync_api import expect
from workshop_walk import SCREEN, WorkshopWalker, new_page

from diagnostic.accounts import CommandLine, Identity, admin, adviser, member
from diagnostic.i18n import t
from diagnostic.model import TerritoryProfile
from diagnostic.storage import Repository, open_repository
from diagnostic.ui.secrets_file import check_secrets

pytestmark = [pytest.mark.browser, pytest.mark.slow]

TOUL = TerritoryProfile(
    "Communauté de communes Terres Touloises", "cc", siren="200070563", departement="54"
)
NANCY = TerritoryProfile("Métropole du Grand Nancy", "metropole", siren="245400676")
GRAND_EST = "44"
MINE = "/mes-diagnostics"
TOUL_SPACE = f"/territoire?t={TOUL.siren}"
NANCY_SPACE = f"/territoire?t={NANCY.siren}"
PORTFOLIO = "/portefeuille"
ACCOUNTS = "/comptes"
NAMES = (TOUL.name, NANCY.name)
SIGN_IN_BUTTON = f"Se connecter avec {DISPLAY_NAME}"


def said(key: str, **values: Any) -> str:
    """The start of a message, enough to tell it (before any markup the page may add)."""
    return t(key, "fr", **values)[:45]


@dataclass(frozen=True)
class Sight:
    """A page a role opens: the text it must see there, and the texts it must not."""

    path: str
    marker: str
    hidden: tuple[str, ...] = ()


NO_DIAGNOSTIC = said("space.mine.no_diagnostic")
NOT_MEMBER = said("accounts.refused.not_member")
ADMIN_ONLY = said("accounts.refused.admin_only")
NO_PORTFOLIO = said("portfolio.no_role")
ACCOUNTS_TABLE = t("admin.form.title", "fr")  # the form to grant a role
SIGHTS: dict[Person, tuple[Sight, ...]] = {
    NOBODY: (
        Sight(MINE, NO_DIAGNOSTIC, NAMES),
        Sight(TOUL_SPACE, NOT_MEMBER, NAMES),
        Sight(PORTFOLIO, NO_PORTFOLIO),
        Sight(ACCOUNTS, ADMIN_ONLY, (ACCOUNTS_TABLE, MEMBER.email)),
    ),
    MEMBER: (
        Sight(MINE, TOUL.name, (NANCY.name,)),
        Sight(TOUL_SPACE, t("space.territory.history", "fr"), (NANCY.name,)),
        Sight(NANCY_SPACE, NOT_MEMBER, NAMES),
        Sight(PORTFOLIO, NO_PORTFOLIO),
        Sight(ACCOUNTS, ADMIN_ONLY, (ACCOUNTS_TABLE,)),
    ),
    ADVISER: (
        Sight(MINE, NO_DIAGNOSTIC, NAMES),
        Sight(PORTFOLIO, t("portfolio.count", "fr", shown=1, total=1)),
        Sight(TOUL_SPACE, TOUL.name, (NANCY.name,)),
        Sight(NANCY_SPACE, said("accounts.refused.not_shared"), NAMES),
        Sight(ACCOUNTS, ADMIN_ONLY, (ACCOUNTS_TABLE,)),
    ),
    ADMIN: (
        Sight(MINE, NANCY.name),
        Sight(MINE, TOUL.name),
        Sight(NANCY_SPACE, NANCY.name),
        Sight(PORTFOLIO, t("portfolio.count", "fr", shown=2, total=2)),
        Sight(ACCOUNTS, ACCOUNTS_TABLE),
    ),
}
SIGNED_OUT = (
    Sight(MINE, said("space.access.not_signed_in"), NAMES),
    Sight(TOUL_SPACE, said("space.access.not_signed_in"), NAMES),
    Sight(PORTFOLIO, said("portfolio.sign_in")),
    Sight(ACCOUNTS, said("admin.sign_in"), (ACCOUNTS_TABLE, MEMBER.email)),
)


@pytest.fixture
def provider(tmp_path: Path) -> Iterator[Provider]:
    """A real OpenID Connect provider knowing one person per role."""
    with running_provider(tmp_path / "provider.log", PEOPLE) as running:
        yield running


@pytest.fixture
def roles_server(tmp_path: Path, provider: Provider) -> Iterator[Server]:
    """An app server started as ``serve --secrets``, its administrator named in its settings."""
    environment = {"DIAGNOSTIC_ADMINS": ADMIN.email}
    server = Server(f"sqlite:///{tmp_path}/roles.sqlite3", tmp_path / "streamlit.log", environment)
    server.secrets = check_secrets(secrets_file(tmp_path, server.url, provider))
    server.start()
    yield server
    server.stop()


def seeded(repository: Repository) -> str:
    """Toul and Nancy each diagnosed; Marie is a member of Toul, which shares with the
    Grand Est CRESS, whose adviser is Rachid; Paul has no role. Returns Toul's token."""
    toul = repository.create_diagnostic(TOUL).token
    repository.create_diagnostic(NANCY)
    for who, grant in ((MEMBER, member(str(TOUL.siren))), (ADVISER, adviser(GRAND_EST))):
        repository.sign_in(Identity(who.email))
        repository.grant_role(CommandLine(), who.email, grant)
    repository.share_with_region(Identity(MEMBER.email), str(TOUL.siren))
    return toul


def signed_in(browser: Any, server: Server, who: Person) -> WorkshopWalker:
    """A browser of its own, signed in as ``who``."""
    walker = WorkshopWalker(new_page(browser, SCREEN), server.url)
    walker.open(f"{server.url}{MINE}")
    sign_in_as(walker.page, server.url, who)
    walker.settle()
    return walker


def look(walker: WorkshopWalker, sight: Sight) -> None:
    """Open the page, see its marker, and none of the texts it must not show."""
    walker.open(f"{walker.base_url}{sight.path}")
    walker.see(sight.marker)
    for text in sight.hidden:
        expect(walker.page.get_by_text(text, exact=False)).to_have_count(0)


def test_each_role_reaches_what_it_may_and_sign_out_shuts_it_again(
    browser: Any, roles_server: Server
) -> None:
    server = roles_server
    repository = open_repository(server.database_url)
    seeded(repository)
    walkers: dict[Person, WorkshopWalker] = {}
    for who, sights in SIGHTS.items():
        walkers[who] = walker = signed_in(browser, server, who)
        for sight in sights:
            look(walker, sight)

    # A role granted is read at the next check: Paul, made administrator, sees the page now.
    repository.grant_role(CommandLine(), NOBODY.email, admin())
    look(walkers[NOBODY], Sight(ACCOUNTS, ACCOUNTS_TABLE))
    for who in (NOBODY, MEMBER, ADVISER):
        walkers[who].page.context.close()

    walker = walkers[ADMIN]  # the administrator named in the settings now signs out
    page = walker.page
    sign_out(page, server.url)
    assert user_cookie(page.context) is None
    for sight in SIGNED_OUT:
        look(walker, sight)
    expect(page.get_by_role("button", name=SIGN_IN_BUTTON)).to_be_visible()


def test_a_lost_stale_or_forged_identity_cookie_asks_to_sign_in_and_keeps_the_answers(
    browser: Any, roles_server: Server
) -> None:
    """Streamlit reads the signed ``_streamlit_user`` cookie when a page connects: the
    browser drops it after its Max-Age (30 days), the server refuses one signed more than
    31 days ago or not with its ``cookie_secret``. A diagnostic goes on by its link."""
    server = roles_server
    repository = open_repository(server.database_url)
    seeded(repository)
    token = repository.create_diagnostic(TOUL).token
    referentiel = shipped_referentiel()
    first, second = referentiel.questions[0], referentiel.questions[1]
    value = referentiel.scale(first.scale).values()[1]
    other = referentiel.scale(second.scale).values()[2]
    walker = signed_in(browser, server, MEMBER)
    page, context = walker.page, walker.page.context
    look(walker, Sight(TOUL_SPACE, t("space.territory.history", "fr")))
    cookie = user_cookie(context)
    assert cookie is not None
    lifetime = dt.timedelta(seconds=cookie["expires"]) - dt.timedelta(seconds=page_clock(page))
    assert dt.timedelta(days=29) < lifetime <= dt.timedelta(days=30)
    payload = cookie_payload(cookie["value"])
    assert payload["email"] == MEMBER.email

    diagnostic = f"{server.url}/diagnostic?d={token}&step=1"
    walker.open(diagnostic)
    walker.answer(first.id, answer_label(referentiel, first.id, value))
    walker.progress(1, 0)

    context.clear_cookies(name=USER_COOKIE)  # what the browser does at the Max-Age
    asked_again(walker)
    walker.open(diagnostic)
    walker.expect_checked(first.id, answer_label(referentiel, first.id, value))
    walker.answer(second.id, answer_label(referentiel, second.id, other))
    walker.progress(2, 0)

    stale = signed_cookie(payload, COOKIE_SECRET, dt.timedelta(days=32))
    context.add_cookies([{**cookie, "value": stale}])
    asked_again(walker)

    as_admin = {**payload, "email": ADMIN.email, "name": ADMIN.name}
    forged = signed_cookie(as_admin, "a-secret-the-server-does-not-have", dt.timedelta())
    context.add_cookies([{**cookie, "value": forged}])
    asked_again(walker)
    look(walker, Sight(ACCOUNTS, said("admin.sign_in"), (ACCOUNTS_TABLE,)))

    context.clear_cookies(name=USER_COOKIE)
    walker.open(f"{server.url}{MINE}")
    sign_in_as(page, server.url, MEMBER)  # signing in again brings everything back
    look(walker, Sight(TOUL_SPACE, t("space.territory.history", "fr")))
    walker.open(diagnostic)
    walker.expect_checked(first.id, answer_label(referentiel, first.id, value))
    walker.expect_checked(second.id, answer_label(referentiel, second.id, other))
    assert dict(repository.load_sheet(token).answers) == {first.id: value, second.id: other}


def page_clock(page: Any) -> float:
    """The browser's time now, in seconds since the epoch (a cookie's expiry is on it)."""
    return float(page.evaluate("() => Date.now() / 1000"))


def asked_again(walker: WorkshopWalker) -> None:
    """A territory's space, opened anew, asks to sign in and shows nothing of it."""
    look(walker, Sight(TOUL_SPACE, said("space.access.not_signed_in"), NAMES))
    expect(walker.page.get_by_role("button", name=SIGN_IN_BUTTON)).to_be_visible()
