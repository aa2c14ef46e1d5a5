"""The observatory's ESS figures of communes and EPCI, imported from a CRESS's file."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_observatory"
down_revision = "0005_accounts"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "observatory_figures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("territory", sa.String(9), nullable=False),
        sa.Column("indicator", sa.String(40), nullable=False),
        sa.Column("family", sa.String(40), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_observatory_figures"),
        sa.UniqueConstraint(
            "territory", "indicator", "family", "year", name="uq_observatory_figures_key"
        ),
    )
    op.create_index("ix_observatory_figures_territory", "observatory_figures", ["territory"])


def downgrade() -> None:
    op.drop_index("ix_observatory_figures_territory", table_name="observatory_figures")
    op.drop_table("observatory_figures")
