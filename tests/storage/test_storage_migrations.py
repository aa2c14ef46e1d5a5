"""Migrations: opening upgrades to head, idempotently, concurrently, keeping every row."""

from __future__ import annotations

import multiprocessing
import shutil
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect, text
from storage_support import (
    HEAD,
    NO_ACCOUNTS,
    PROFILE,
    open_and_create,
    pretend_newer,
    row_counts,
)

from diagnostic.errors import StorageError
from diagnostic.storage import close_repositories, open_repository
from diagnostic.storage.engine import create_engine_for
from diagnostic.storage.migrate import MIGRATIONS, current_revision, head_revision, upgrade
from diagnostic.storage.tables import metadata

MIGRATION_LATER = '''"""Test only: a later migration adding a column."""

import sqlalchemy as sa
from alembic import op

revision = "later"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("diagnostics") as batch:
        batch.add_column(sa.Column("note", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("diagnostics") as batch:
        batch.drop_column("note")
'''


def _revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return current_revision(connection)


def test_opening_an_empty_database_upgrades_it_to_head(database_url: str) -> None:
    open_repository(database_url)
    engine = create_engine_for(database_url)
    assert _revision(engine) == head_revision() == HEAD
    engine.dispose()


def test_the_migrations_build_exactly_the_tables_module(database_url: str) -> None:
    open_repository(database_url)
    engine = create_engine_for(database_url)
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), metadata)
    engine.dispose()
    assert differences == []


def test_upgrading_again_is_harmless_and_keeps_rows(database_url: str) -> None:
    repo = open_repository(database_url)
    token = repo.create_diagnostic(PROFILE).token
    repo.save_answer(token, "q01", 2)
    workshop, key = repo.create_workshop(PROFILE)
    repo.save_comment(repo.join_workshop(workshop.code, "elu").token, "q01", "x")
    counts = row_counts(database_url)
    close_repositories()
    engine = create_engine_for(database_url)
    upgrade(engine)
    upgrade(engine)
    engine.dispose()

    repo = open_repository(database_url)

    assert row_counts(database_url) == counts
    assert repo.load_sheet(token).answers == {"q01": 2}
    assert len(repo.participants(workshop.code, key)) == 1


def test_a_later_migration_keeps_saved_diagnostics(database_url: str, tmp_path: Path) -> None:
    repo = open_repository(database_url)
    token = repo.create_diagnostic(PROFILE).token
    repo.save_answer(token, "q01", "unknown")
    repo.save_comment(token, "q01", "« gardé »")
    counts = row_counts(database_url)
    close_repositories()
    scripts = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    later = MIGRATION_LATER.replace("{head}", str(head_revision()))
    (scripts / "versions" / "later_note.py").write_text(later, encoding="utf-8")
    engine = create_engine_for(database_url)

    upgrade(engine, scripts)
    upgrade(engine, scripts)

    assert _revision(engine) == "later"
    assert "note" in {column["name"] for column in inspect(engine).get_columns("diagnostics")}
    assert row_counts(database_url) == counts
    with engine.connect() as connection:
        row = connection.execute(
            text(
                "SELECT d.token, d.name, a.dont_know, a.comment FROM answers a "
                "JOIN diagnostics d ON d.id = a.diagnostic_id"
            )
        ).one()
    engine.dispose()
    assert tuple(row) == (token, PROFILE.name, True, "« gardé »")


def test_a_database_from_a_newer_version_is_refused_plainly(database_url: str) -> None:
    open_repository(database_url)
    close_repositories()
    pretend_newer(database_url, "0099")
    with pytest.raises(StorageError) as caught:
        open_repository(database_url)
    assert caught.value.message("en") == (
        "The database is at revision '0099', unknown to this version of the tool: "
        "a newer version probably upgraded it. Install the latest version."
    )


def test_processes_opening_a_new_database_at_once_do_not_crash(database_url: str) -> None:
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(4)
    processes = [
        context.Process(target=open_and_create, args=(database_url, barrier)) for _ in range(4)
    ]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=60)
    assert [process.exitcode for process in processes] == [0, 0, 0, 0]
    assert row_counts(database_url) == {
        "workshops": 0,
        "workshop_pacing": 0,
        "diagnostics": 4,
        "answers": 4,
        "plan_actions": 0,
        **NO_ACCOUNTS,
        "observatory_figures": 0,
        "pins": 0,
        "retained_answers": 0,
        "hidden_comments": 0,
        "discussion_marks": 0,
        "directory_edits": 0,
    }
    engine = create_engine_for(database_url)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).all() == [
            (head_revision(),)
        ]
    engine.dispose()
