"""Feuille de route lines (of a diagnostic or a workshop) and the re-diagnosis snapshot."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_plan"
down_revision = "0002_referentiel"
branch_labels = None
depends_on = None

_UTC = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.add_column("diagnostics", sa.Column("previous", sa.Text(), nullable=True))
    op.create_table(
        "plan_actions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("diagnostic_id", sa.Integer(), nullable=True),
        sa.Column("workshop_id", sa.Integer(), nullable=True),
        sa.Column("entry", sa.String(32), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("action_id", sa.String(64), nullable=True),
        sa.Column("lever_id", sa.String(64), nullable=True),
        sa.Column("label", sa.Text(), nullable=False),
        sa.Column("owner", sa.Text(), nullable=False),
        sa.Column("partners", sa.Text(), nullable=False),
        sa.Column("quarter", sa.String(7), nullable=True),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("added", sa.Date(), nullable=False),
        sa.Column("updated_at", _UTC, nullable=False),
        sa.CheckConstraint(
            "(diagnostic_id IS NULL) <> (workshop_id IS NULL)", name="ck_plan_actions_one_owner"
        ),
        sa.CheckConstraint(
            "status IN ('a_lancer', 'en_cours', 'fait', 'abandonne')",
            name="ck_plan_actions_plan_status",
        ),
        sa.ForeignKeyConstraint(
            ["diagnostic_id"],
            ["diagnostics.id"],
            name="fk_plan_actions_diagnostic_id_diagnostics",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["workshop_id"],
            ["workshops.id"],
            name="fk_plan_actions_workshop_id_workshops",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_plan_actions"),
        sa.UniqueConstraint("diagnostic_id", "entry", name="uq_plan_actions_diagnostic_entry"),
        sa.UniqueConstraint("workshop_id", "entry", name="uq_plan_actions_workshop_entry"),
    )
    op.create_index("ix_plan_actions_diagnostic_id", "plan_actions", ["diagnostic_id"])
    op.create_index("ix_plan_actions_workshop_id", "plan_actions", ["workshop_id"])


def downgrade() -> None:
    op.drop_index("ix_plan_actions_workshop_id", table_name="plan_actions")
    op.drop_index("ix_plan_actions_diagnostic_id", table_name="plan_actions")
    op.drop_table("plan_actions")
    with op.batch_alter_table("diagnostics") as batch:
        batch.drop_column("previous")
