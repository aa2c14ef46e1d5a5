"""Initial schema: workshops, diagnostics (single or workshop participants) and answers."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# Frozen copies of the types of tables.py at this revision: a migration never imports them.
_UTC = sa.DateTime(timezone=True)


def _profile_columns() -> list[sa.Column[Any]]:
    return [
        sa.Column("name", sa.Text(), nullable=True),
        sa.Column("type", sa.String(20), nullable=True),
        sa.Column("siren", sa.String(9), nullable=True),
        sa.Column("departement", sa.String(3), nullable=True),
        sa.Column("population", sa.Integer(), nullable=True),
        sa.Column("respondent_role", sa.String(20), nullable=True),
        sa.Column("date", sa.Date(), nullable=True),
    ]


def upgrade() -> None:
    op.create_table(
        "workshops",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(6), nullable=False),
        sa.Column("admin_key_sha256", sa.String(64), nullable=False),
        *_profile_columns(),
        sa.Column("motivations", sa.Text(), nullable=False),
        sa.Column("status", sa.String(6), nullable=False),
        sa.Column("results_visible", sa.Boolean(), nullable=False),
        sa.Column("created_at", _UTC, nullable=False),
        sa.Column("updated_at", _UTC, nullable=False),
        sa.CheckConstraint("status IN ('open', 'closed')", name="ck_workshops_status"),
        sa.PrimaryKeyConstraint("id", name="pk_workshops"),
        sa.UniqueConstraint("code", name="uq_workshops_code"),
    )
    op.create_table(
        "diagnostics",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token", sa.String(64), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=True),
        sa.Column("pseudonym", sa.String(40), nullable=True),
        sa.Column("role", sa.String(20), nullable=True),
        *_profile_columns(),
        sa.Column("referentiel_version", sa.String(40), nullable=True),
        sa.Column("created_at", _UTC, nullable=False),
        sa.Column("updated_at", _UTC, nullable=False),
        sa.ForeignKeyConstraint(
            ["workshop_id"],
            ["workshops.id"],
            name="fk_diagnostics_workshop_id_workshops",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_diagnostics"),
        sa.UniqueConstraint("token", name="uq_diagnostics_token"),
    )
    op.create_index("ix_diagnostics_workshop_id", "diagnostics", ["workshop_id"])
    op.create_table(
        "answers",
        sa.Column("diagnostic_id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.String(64), nullable=False),
        sa.Column("level", sa.Integer(), nullable=True),
        sa.Column("dont_know", sa.Boolean(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("updated_at", _UTC, nullable=False),
        sa.CheckConstraint(
            "NOT (dont_know AND level IS NOT NULL)", name="ck_answers_level_or_dont_know"
        ),
        sa.ForeignKeyConstraint(
            ["diagnostic_id"],
            ["diagnostics.id"],
            name="fk_answers_diagnostic_id_diagnostics",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("diagnostic_id", "question_id", name="pk_answers"),
    )


def downgrade() -> None:
    op.drop_table("answers")
    op.drop_index("ix_diagnostics_workshop_id", table_name="diagnostics")
    op.drop_table("diagnostics")
    op.drop_table("workshops")
