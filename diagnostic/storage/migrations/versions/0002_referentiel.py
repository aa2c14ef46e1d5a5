"""Référentiel 2026.2: declined answers, the officials' ranking, notes on carried-over answers.

Every diagnostic saved so far was answered with référentiel 2026.1, the only one there
was: its version is recorded so that the app carries its answers over to 2026.2.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_referentiel"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("answers") as batch:
        batch.add_column(
            sa.Column("declined", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    with op.batch_alter_table("diagnostics") as batch:
        batch.add_column(sa.Column("priorities", sa.Text(), nullable=False, server_default=""))
        batch.add_column(sa.Column("upgrade_note", sa.Text(), nullable=False, server_default=""))
    op.execute(
        "UPDATE diagnostics SET referentiel_version = '2026.1' WHERE referentiel_version IS NULL"
    )


def downgrade() -> None:
    with op.batch_alter_table("diagnostics") as batch:
        batch.drop_column("upgrade_note")
        batch.drop_column("priorities")
    with op.batch_alter_table("answers") as batch:
        batch.drop_column("declined")
