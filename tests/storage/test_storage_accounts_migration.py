"""Migration 0005_accounts: a database at 0004 keeps every diagnostic and gains accounts."""

from __future__ import annotations

import dataclasses

from alembic import command
from sqlalchemy import inspect
from storage_support import PROFILE, row_counts
from test_storage_migrations import _revision

from diagnostic.accounts import CommandLine, Identity, member
from diagnostic.storage import Repository, close_repositories, open_repository
from diagnostic.storage.engine import create_engine_for
from diagnostic.storage.migrate import alembic_config

ACCOUNT_TABLES = {
    "users",
    "role_grants",
    "territory_shares",
    "invitations",
    "access_log",
    "territory_items",
}


def test_upgrading_from_0004_keeps_diagnostics_and_adds_accounts(database_url: str) -> None:
    engine = create_engine_for(database_url)
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0004_followed_by")
    assert _revision(engine) == "0004_followed_by"
    assert not ACCOUNT_TABLES & set(inspect(engine).get_table_names())
    old = Repository(engine)
    token = old.create_diagnostic(PROFILE).token
    old.save_answer(token, "q01", 3)
    old.save_comment(token, "q02", "« gardé »")
    workshop, _key = old.create_workshop(PROFILE)
    counts = row_counts(database_url)
    engine.dispose()

    repo = open_repository(database_url)

    after = row_counts(database_url)
    assert {name: after[name] for name in counts} == counts
    assert {name: after[name] for name in ACCOUNT_TABLES} == dict.fromkeys(ACCOUNT_TABLES, 0)
    sheet = repo.load_sheet(token)
    assert (sheet.answers, sheet.comments) == ({"q01": 3}, {"q02": "« gardé »"})
    assert repo.get_workshop(workshop.code).code == workshop.code
    repo.sign_in(Identity("a@exemple.fr"))
    repo.grant_role(CommandLine(), "a@exemple.fr", member("245400676"))
    nancy = dataclasses.replace(PROFILE, name="Métropole du Grand Nancy", siren="245400676")
    repo.save_profile(token, nancy)  # a diagnostic attaches to its own territory only
    assert repo.attach_diagnostic(Identity("a@exemple.fr"), token, "245400676")
    close_repositories()
