"""A diagnostic's link to the re-diagnosis that follows it: one feuille de route per line."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_followed_by"
down_revision = "0003_plan"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ADD COLUMN, no table rebuild: on SQLite a rebuild drops the old table, whose
    # foreign keys' ON DELETE CASCADE would take the answers away with it.
    op.add_column("diagnostics", sa.Column("followed_by", sa.Integer(), nullable=True))
    op.create_index("ix_diagnostics_followed_by", "diagnostics", ["followed_by"])


def downgrade() -> None:
    op.drop_index("ix_diagnostics_followed_by", table_name="diagnostics")
    op.drop_column("diagnostics", "followed_by")
