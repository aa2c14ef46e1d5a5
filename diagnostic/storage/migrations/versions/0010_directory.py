"""The regional directory's rows edited or added in the app, with who saved them and when."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010_directory"
down_revision = "0009_pins"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "directory_edits",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("region", sa.String(3), nullable=False),
        sa.Column("departement", sa.String(3), nullable=False),
        sa.Column("provider", sa.String(40), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("website", sa.Text(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("checked", sa.Date(), nullable=False),
        sa.Column("edited_by", sa.Text(), nullable=False),
        sa.Column("edited_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_directory_edits"),
        sa.UniqueConstraint("region", "departement", "provider", name="uq_directory_edits_key"),
    )


def downgrade() -> None:
    op.drop_table("directory_edits")
