"""Accounts: users, their roles, territories' sharing with a région, invitations, the access
log and the diagnostics and workshops attached to a territory's space."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_accounts"
down_revision = "0004_followed_by"
branch_labels = None
depends_on = None

_UTC = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(254), nullable=False),
        sa.Column("display_name", sa.Text(), nullable=False),
        sa.Column("created_at", _UTC, nullable=False),
        sa.Column("last_seen_at", _UTC, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_users"),
        sa.UniqueConstraint("email", name="uq_users_email"),
    )
    op.create_table(
        "role_grants",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("scope", sa.String(9), nullable=False),
        sa.Column("granted_by", sa.Text(), nullable=False),
        sa.Column("granted_at", _UTC, nullable=False),
        sa.CheckConstraint(
            "kind IN ('admin', 'member', 'adviser')", name="ck_role_grants_grant_kind"
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name="fk_role_grants_user_id_users", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_role_grants"),
        sa.UniqueConstraint("user_id", "kind", "scope", name="uq_role_grants_user_kind_scope"),
    )
    op.create_index("ix_role_grants_user_id", "role_grants", ["user_id"])
    op.create_table(
        "territory_shares",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("territory", sa.String(9), nullable=False),
        sa.Column("region", sa.String(3), nullable=False),
        sa.Column("decided_by", sa.Text(), nullable=False),
        sa.Column("decided_at", _UTC, nullable=False),
        sa.Column("revoked_by", sa.Text(), nullable=True),
        sa.Column("revoked_at", _UTC, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_territory_shares"),
    )
    op.create_index("ix_territory_shares_territory", "territory_shares", ["territory"])
    op.create_table(
        "invitations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_sha256", sa.String(64), nullable=False),
        sa.Column("territory", sa.String(9), nullable=False),
        sa.Column("email", sa.String(254), nullable=False),
        sa.Column("invited_by", sa.Text(), nullable=False),
        sa.Column("created_at", _UTC, nullable=False),
        sa.Column("expires_at", _UTC, nullable=False),
        sa.Column("used_at", _UTC, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_invitations"),
        sa.UniqueConstraint("token_sha256", name="uq_invitations_token_sha256"),
    )
    op.create_table(
        "access_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", _UTC, nullable=False),
        sa.Column("actor", sa.Text(), nullable=False),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("territory", sa.String(9), nullable=True),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_access_log"),
    )
    op.create_index("ix_access_log_at", "access_log", ["at"])
    op.create_index("ix_access_log_territory", "access_log", ["territory"])
    op.create_table(
        "territory_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("territory", sa.String(9), nullable=False),
        sa.Column("diagnostic_id", sa.Integer(), nullable=True),
        sa.Column("workshop_id", sa.Integer(), nullable=True),
        sa.Column("attached_by", sa.Text(), nullable=False),
        sa.Column("attached_at", _UTC, nullable=False),
        sa.CheckConstraint(
            "(diagnostic_id IS NULL) <> (workshop_id IS NULL)", name="ck_territory_items_one_item"
        ),
        sa.ForeignKeyConstraint(
            ["diagnostic_id"],
            ["diagnostics.id"],
            name="fk_territory_items_diagnostic_id_diagnostics",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["workshop_id"],
            ["workshops.id"],
            name="fk_territory_items_workshop_id_workshops",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_territory_items"),
        sa.UniqueConstraint("diagnostic_id", name="uq_territory_items_diagnostic_id"),
        sa.UniqueConstraint("workshop_id", name="uq_territory_items_workshop_id"),
    )
    op.create_index("ix_territory_items_territory", "territory_items", ["territory"])


def downgrade() -> None:
    op.drop_index("ix_territory_items_territory", table_name="territory_items")
    op.drop_table("territory_items")
    op.drop_index("ix_access_log_territory", table_name="access_log")
    op.drop_index("ix_access_log_at", table_name="access_log")
    op.drop_table("access_log")
    op.drop_table("invitations")
    op.drop_index("ix_territory_shares_territory", table_name="territory_shares")
    op.drop_table("territory_shares")
    op.drop_index("ix_role_grants_user_id", table_name="role_grants")
    op.drop_table("role_grants")
    op.drop_table("users")
