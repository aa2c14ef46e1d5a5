"""Shared test data, and the worker that spawned processes run (importable by name)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from alembic import command
from sqlalchemy import create_engine, func, inspect, select, text

from diagnostic.model import Answer, QuestionId, TerritoryProfile
from diagnostic.storage import close_repositories, open_repository
from diagnostic.storage.engine import create_engine_for
from diagnostic.storage.migrate import alembic_config
from diagnostic.storage.tables import metadata

QUESTIONS = tuple(QuestionId(f"q{number:02d}") for number in range(1, 43))
PROFILE = TerritoryProfile(
    name="Communauté de communes du Pays de Colombey",
    type="cc",
    siren="200069813",
    departement="54",
    population=11_500,
    respondent_role="agent",
    date=dt.date(2026, 3, 14),
)
# The accounts tables (migration 0005_accounts), empty where no one signed in.
NO_ACCOUNTS = dict.fromkeys(
    (
        "users",
        "role_grants",
        "territory_shares",
        "invitations",
        "access_log",
        "territory_items",
    ),
    0,
)
HOSTILE = (
    "<script>alert('x')</script>",
    "**bold** _it_ [lien](javascript:alert(1)) $x$ {{ jinja }}",
    '=HYPERLINK("http://evil.example","clic")',
    "+SUM(1;2) -1 @cmd",
    "émoji 🌱🤝🏽 — « guillemets » l’apostrophe\u202f; zéro\u200blargeur",
    "multi\nligne\r\nwindows\ttab  espaces  ",
    "'; DROP TABLE answers; --",
    "x" * 5_000,
)


def expected_answer(participant: int, position: int) -> Answer:
    """A distinct, reproducible answer for each participant and question."""
    return "unknown" if (participant + position) % 7 == 0 else (participant + position) % 5


def answer_all(url: str, token: str, participant: int) -> None:
    """One participant answering and commenting on every question, in order."""
    repo = open_repository(url)
    for position, question in enumerate(QUESTIONS):
        repo.save_answer(token, question, expected_answer(participant, position))
        if position % 6 == 0:
            repo.save_comment(token, question, f"commentaire {participant}/{question}")


def process_worker(
    url: str, tokens: Sequence[str], first: int, barrier: Any
) -> None:  # pragma: no cover - runs in a spawned process
    """Answer for several participants from threads of one process, after the barrier."""
    barrier.wait()
    with ThreadPoolExecutor(len(tokens)) as pool:
        futures = [
            pool.submit(answer_all, url, token, first + offset)
            for offset, token in enumerate(tokens)
        ]
        for future in futures:
            future.result()
    close_repositories()


# The schema's latest migration.
HEAD = "0010_directory"


def row_counts(url: str) -> dict[str, int]:
    """How many rows each table of the schema holds (none in a table an older schema lacks)."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            present = set(inspect(connection).get_table_names())
            return {
                table.name: int(connection.scalar(select(func.count()).select_from(table)) or 0)
                if table.name in present
                else 0
                for table in metadata.sorted_tables
                if table.name in present
            }
    finally:
        engine.dispose()


def open_and_create(url: str, barrier: Any) -> None:  # pragma: no cover - spawned process
    """Open a repository at the same moment as other processes, then save something."""
    barrier.wait()
    repo = open_repository(url)
    repo.save_answer(repo.create_diagnostic(PROFILE).token, "q01", 1)
    close_repositories()


def old_database(url: str) -> None:
    """A database left by the first release: schema 0001, one diagnostic with 2026.1 answers."""
    engine = create_engine_for(url)
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
        connection.execute(
            text(
                "INSERT INTO diagnostics (id, token, name, type, created_at, updated_at) "
                "VALUES (1, 'tok_0123456789abcdef0123', 'CC du Val', 'cc', "
                "'2026-03-01 10:00:00', '2026-03-01 10:00:00')"
            )
        )
        for question, level, dont_know, comment in (
            ("poids_information_elus_agents", 1, False, "« réunion en mars »"),
            ("poids_priorite_connaissance", 3, False, ""),
            ("emploi_clauses_insertion", 3, False, ""),
            ("emploi_tzcld", None, True, ""),
        ):
            connection.execute(
                text(
                    "INSERT INTO answers (diagnostic_id, question_id, level, dont_know, comment,"
                    " updated_at) VALUES (1, :q, :level, :dk, :comment, '2026-03-01 10:00:00')"
                ),
                {"q": question, "level": level, "dk": dont_know, "comment": comment},
            )
    engine.dispose()


def pretend_newer(url: str, revision: str) -> None:
    """Mark a database as upgraded by a later version of the tool."""
    engine = create_engine_for(url)
    with engine.begin() as connection:
        connection.execute(
            text("UPDATE alembic_version SET version_num = :revision"), {"revision": revision}
        )
    engine.dispose()
