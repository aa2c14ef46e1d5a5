"""People and sessions for the pages that make members: a territory's « Membres », the
invitation page and the SIRET offer."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from app_support import go, new_app, screen
from space_support import AUTH, TOUL
from sqlalchemy import create_engine, update
from streamlit.testing.v1 import AppTest

from diagnostic.accounts import CommandLine, Identity, adviser, member
from diagnostic.storage import Repository
from diagnostic.storage.tables import invitations

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "storage"))
from storage_support import row_counts  # the storage tests' own count

KEY = str(TOUL.siren)  # CC Terres Touloises, région 44
NAME = "CC Terres Touloises"  # its official name
CLAIRE = {"is_logged_in": True, "email": "claire.martin@example.fr", "given_name": "Claire"}
BERNARD = {"is_logged_in": True, "email": "bernard@toul.example.fr", "given_name": "Bernard"}
LEA = {"is_logged_in": True, "email": "lea@cress-grandest.example.org", "given_name": "Léa"}
CHIEF = {"is_logged_in": True, "email": "chef@exemple.fr", "given_name": "Chef"}
LINK = re.compile(r"/invitation\?code=([A-Za-z0-9_-]+)")


def signed_in(
    user: dict[str, object] | None, page: str, lang: str | None = None, **params: str
) -> AppTest:
    """A fresh session with sign-in configured, ``user`` signed in (None: nobody), on ``page``."""
    at = new_app(lang=lang)
    at.secrets["auth"] = AUTH
    at.user = dict(user) if user is not None else {"is_logged_in": False}
    at.run()
    for name, value in params.items():
        at.query_params[name] = value
    return go(at, page)


def space(repository: Repository) -> None:
    """Claire member of Terres Touloises, which shares with Léa's CRESS; Bernard and the
    administrator have signed in once; a diagnostic of the territory."""
    repository.create_diagnostic(TOUL)
    for user in (CLAIRE, BERNARD, LEA, CHIEF):
        repository.sign_in(Identity(str(user["email"])))
    repository.grant_role(CommandLine(), str(CLAIRE["email"]), member(KEY))
    repository.grant_role(CommandLine(), str(LEA["email"]), adviser("44"))
    repository.share_with_region(Identity(str(CLAIRE["email"])), KEY)


def is_member(repository: Repository, user: dict[str, object]) -> bool:
    roles = repository.roles_of(Identity(str(user["email"])))
    return roles is not None and roles.member_of(KEY)


def code_on(at: AppTest) -> str:
    """The invitation code of the link shown on screen."""
    [link] = [c.value for c in at.code if LINK.search(str(c.value))]
    found = LINK.search(str(link))
    assert found is not None
    return found.group(1)


def expire(database_url: str) -> None:
    """Every invitation's end moved into the past."""
    engine = create_engine(database_url)
    with engine.begin() as connection:
        connection.execute(update(invitations).values(expires_at=invitations.c.created_at))
    engine.dispose()


__all__ = ["row_counts", "screen"]
