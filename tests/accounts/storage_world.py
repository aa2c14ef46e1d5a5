"""A database holding one account per role of the permission matrix, built once and copied."""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from accounts_support import HERE, OTHER, OTHER_REGION, REGION
from sqlalchemy import create_engine, select

from diagnostic.accounts import CommandLine, Grant, Identity, admin, adviser, member
from diagnostic.model import TerritoryProfile
from diagnostic.storage import Repository, open_repository
from diagnostic.storage.tables import metadata

NANCY = TerritoryProfile(
    name="Métropole du Grand Nancy",
    type="metropole",
    siren=HERE,
    departement="54",
    population=256_000,
    respondent_role="agent",
    date=dt.date(2026, 11, 27),
)
ACCOUNTS: dict[str, Grant | None] = {
    "admin": admin(),
    "member_here": member(HERE),
    "member_other": member(OTHER),
    "adviser_shared": adviser(REGION),
    "adviser_not_shared": adviser(REGION),
    "adviser_other_region": adviser(OTHER_REGION),
    "no_role": None,
}
CLI = CommandLine()


def person(case: str) -> Identity | None:
    """The signed-in identity of a matrix case, None for « not signed in »."""
    return None if case == "anonymous" else Identity(f"{case}@exemple.fr", case)


@dataclass(frozen=True)
class World:
    """What the template database holds besides accounts: the handles the calls need."""

    url: str
    attached: str  # a diagnostic token in HERE's space
    loose: str  # a diagnostic token attached nowhere
    workshop: tuple[str, str]  # a workshop's code and admin key, attached nowhere
    invitations: dict[str, str]  # case -> an invitation token for that case's address


def build_world(folder: Path, shared: bool) -> World:
    """Every account, HERE's space with a diagnostic, HERE sharing with 44 when ``shared``."""
    url = f"sqlite:///{folder}/template.sqlite3"
    repo = open_repository(url)
    for case, grant in ACCOUNTS.items():
        identity = person(case)
        assert identity is not None
        repo.sign_in(identity)
        if grant is not None:
            repo.grant_role(CLI, identity.email, grant)
    here = person("member_here")
    attached = repo.create_diagnostic(NANCY).token
    repo.attach_diagnostic(here, attached, HERE)
    loose = repo.create_diagnostic(NANCY).token
    workshop, key = repo.create_workshop(NANCY)
    if shared:
        repo.share_with_region(here, HERE)
    tokens = {case: repo.invite(here, HERE, f"{case}@exemple.fr") for case in ACCOUNTS}
    tokens["anonymous"] = tokens["no_role"]
    repo.authorise(CLI, "list_own_space")
    return World(url, attached, loose, (workshop.code, key), tokens)


def copy_world(world: World, folder: Path) -> tuple[Repository, World]:
    """A fresh copy of the template database, and its repository."""
    source = Path(world.url.removeprefix("sqlite:///"))
    target = folder / "copy.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        if Path(f"{source}{suffix}").exists():
            shutil.copy(f"{source}{suffix}", f"{target}{suffix}")
    url = f"sqlite:///{target}"
    return open_repository(url), World(url, *list(vars(world).values())[1:])


def dump(url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, to tell that nothing was written."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return {
                table.name: sorted(map(tuple, connection.execute(select(table)).all()), key=repr)
                for table in metadata.sorted_tables
            }
    finally:
        engine.dispose()
