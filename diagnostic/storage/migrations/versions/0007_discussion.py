"""A workshop's discussion: the group's retained answers, hidden comments, « à creuser » marks."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_discussion"
down_revision = "0006_observatory"
branch_labels = None
depends_on = None

_UTC = sa.DateTime(timezone=True)


def _workshop_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["workshop_id"],
        ["workshops.id"],
        name=f"fk_{table}_workshop_id_workshops",
        ondelete="CASCADE",
    )


def _diagnostic_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["diagnostic_id"],
        ["diagnostics.id"],
        name=f"fk_{table}_diagnostic_id_diagnostics",
        ondelete="CASCADE",
    )


def upgrade() -> None:
    op.create_table(
        "retained_answers",
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.String(64), nullable=False),
        sa.Column("level", sa.Integer(), nullable=True),
        sa.Column("dont_know", sa.Boolean(), nullable=False),
        sa.Column("declined", sa.Boolean(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("recorded_by", sa.String(10), nullable=False),
        sa.Column("updated_at", _UTC, nullable=False),
        sa.CheckConstraint(
            "(CASE WHEN level IS NULL THEN 0 ELSE 1 END) + (CASE WHEN dont_know THEN 1 ELSE 0 END)"
            " + (CASE WHEN declined THEN 1 ELSE 0 END) = 1",
            name="ck_retained_answers_one_answer",
        ),
        _workshop_fk("retained_answers"),
        sa.PrimaryKeyConstraint("workshop_id", "question_id", name="pk_retained_answers"),
    )
    op.create_table(
        "hidden_comments",
        sa.Column("diagnostic_id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.String(64), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("hidden_at", _UTC, nullable=False),
        _diagnostic_fk("hidden_comments"),
        _workshop_fk("hidden_comments"),
        sa.PrimaryKeyConstraint("diagnostic_id", "question_id", name="pk_hidden_comments"),
    )
    op.create_index("ix_hidden_comments_workshop_id", "hidden_comments", ["workshop_id"])
    op.create_table(
        "discussion_marks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.String(64), nullable=False),
        sa.Column("diagnostic_id", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("marked_at", _UTC, nullable=False),
        _workshop_fk("discussion_marks"),
        _diagnostic_fk("discussion_marks"),
        sa.PrimaryKeyConstraint("id", name="pk_discussion_marks"),
    )
    op.create_index("ix_discussion_marks_workshop_id", "discussion_marks", ["workshop_id"])


def downgrade() -> None:
    op.drop_index("ix_discussion_marks_workshop_id", table_name="discussion_marks")
    op.drop_table("discussion_marks")
    op.drop_index("ix_hidden_comments_workshop_id", table_name="hidden_comments")
    op.drop_table("hidden_comments")
    op.drop_table("retained_answers")
