"""Diagnostics pinned to « Mes diagnostics et ateliers »: listed first."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009_pins"
down_revision = "0008_pacing"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "pins",
        sa.Column("diagnostic_id", sa.Integer(), nullable=False),
        sa.Column("pinned_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["diagnostic_id"],
            ["diagnostics.id"],
            name="fk_pins_diagnostic_id_diagnostics",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("diagnostic_id", name="pk_pins"),
    )


def downgrade() -> None:
    op.drop_table("pins")
