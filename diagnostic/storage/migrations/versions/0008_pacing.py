"""A workshop's pacing: free or paced, the open motivation, those opened, a step's timer."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_pacing"
down_revision = "0007_discussion"
branch_labels = None
depends_on = None

_UTC = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "workshop_pacing",
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("mode", sa.String(6), nullable=False),
        sa.Column("open_motivation", sa.String(64), nullable=True),
        sa.Column("opened", sa.Text(), nullable=False),
        sa.Column("timer_seconds", sa.Integer(), nullable=False),
        sa.Column("timer_started_at", _UTC, nullable=True),
        sa.Column("timer_step", sa.String(64), nullable=False),
        sa.CheckConstraint("mode IN ('free', 'paced')", name="ck_workshop_pacing_pacing_mode"),
        sa.ForeignKeyConstraint(
            ["workshop_id"],
            ["workshops.id"],
            name="fk_workshop_pacing_workshop_id_workshops",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("workshop_id", name="pk_workshop_pacing"),
    )


def downgrade() -> None:
    op.drop_table("workshop_pacing")
