"""Who looks at a territory's space with sign-in: a member, a member of another territory,
an adviser of its région, the administrator, nobody signed in; and the rows the base holds."""

from __future__ import annotations

from app_support import go, new_app
from space_support import AUTH, NANCY, TOUL
from sqlalchemy import create_engine, func, select
from streamlit.testing.v1 import AppTest

from diagnostic.accounts import CommandLine, Identity, admin, adviser, member
from diagnostic.storage import Repository
from diagnostic.storage.tables import metadata

MEMBER = {"is_logged_in": True, "email": "claire.martin@example.fr", "given_name": "Claire"}
OTHER_MEMBER = {"is_logged_in": True, "email": "agent@grand-nancy.example.fr", "given_name": "A"}
ADVISER = {"is_logged_in": True, "email": "lea@cress-grandest.example.org", "given_name": "Léa"}
ADMIN = {"is_logged_in": True, "email": "admin@cress-exemple.org", "given_name": "Anne"}
NOBODY = {"is_logged_in": False}
TOUL_KEY = str(TOUL.siren)
GRAND_EST = "44"  # the région of TOUL (Meurthe-et-Moselle)


def email(user: dict[str, object]) -> str:
    return str(user["email"])


def roles(repository: Repository, shared: bool = True) -> None:
    """Each person with their role; TOUL shares with its région when ``shared``."""
    grants = {
        email(MEMBER): member(TOUL_KEY),
        email(OTHER_MEMBER): member(str(NANCY.siren)),
        email(ADVISER): adviser(GRAND_EST),
        email(ADMIN): admin(),
    }
    for address, grant in grants.items():
        repository.sign_in(Identity(address))
        repository.grant_role(CommandLine(), address, grant)
    if shared:
        repository.share_with_region(Identity(email(MEMBER)), TOUL_KEY)


def signed_in(
    user: dict[str, object], page: str, lang: str | None = None, **params: str
) -> AppTest:
    """The app with sign-in configured, ``user`` signed in (or not), open on ``page``."""
    at = new_app(lang)
    at.secrets["auth"] = AUTH
    at.user = dict(user)
    at.run()
    for name, value in params.items():
        at.query_params[name] = value
    return go(at, page)


def row_counts(url: str) -> dict[str, int]:
    """How many rows each table holds."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return {
                table.name: int(connection.scalar(select(func.count()).select_from(table)) or 0)
                for table in metadata.sorted_tables
            }
    finally:
        engine.dispose()
