"""The database schema as SQLAlchemy Core tables; migrations/ must produce exactly this."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
    false,
)

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_name)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


class UTCDateTime(TypeDecorator[dt.datetime]):
    """An aware datetime stored in UTC; SQLite, which drops the offset, reads back UTC."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: pass an aware UTC datetime")
        value = value.astimezone(dt.UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


def _profile_columns() -> list[Column[Any]]:
    """The territory profile, one column per field so that it can be queried."""
    return [
        Column("name", Text),
        Column("type", String(20)),
        Column("siren", String(9)),
        Column("departement", String(3)),
        Column("population", Integer),
        Column("respondent_role", String(20)),
        Column("date", Date),
    ]


workshops = Table(
    "workshops",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("code", String(6), nullable=False, unique=True),
    Column("admin_key_sha256", String(64), nullable=False),
    *_profile_columns(),
    Column("motivations", Text, nullable=False, default=""),
    Column("status", String(6), nullable=False, default="open"),
    Column("results_visible", Boolean, nullable=False, default=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    CheckConstraint("status IN ('open', 'closed')", name="status"),
)

# How a workshop is paced (see workshop.pacing); no row: free, no timer. Written with the
# adviser's key only.
workshop_pacing = Table(
    "workshop_pacing",
    metadata,
    Column(
        "workshop_id",
        Integer,
        ForeignKey("workshops.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("mode", String(6), nullable=False, default="free"),
    Column("open_motivation", String(64)),
    Column("opened", Text, nullable=False, default=""),
    Column("timer_seconds", Integer, nullable=False, default=0),
    Column("timer_started_at", UTCDateTime),
    Column("timer_step", String(64), nullable=False, default=""),
    CheckConstraint("mode IN ('free', 'paced')", name="pacing_mode"),
)

diagnostics = Table(
    "diagnostics",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("token", String(64), nullable=False, unique=True),
    Column(
        "workshop_id",
        Integer,
        ForeignKey("workshops.id", ondelete="CASCADE"),
        nullable=True,
        index=True,
    ),
    Column("pseudonym", String(40)),
    Column("role", String(20)),
    *_profile_columns(),
    Column("referentiel_version", String(40)),
    Column("priorities", Text, nullable=False, default="", server_default=""),
    Column("upgrade_note", Text, nullable=False, default="", server_default=""),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    # A re-diagnosis: the earlier diagnostic's profile and answers, as JSON (see plans.py).
    Column("previous", Text),
    # The id of the re-diagnosis that follows this one, whose plan is then the line's plan;
    # no foreign key (SQLite cannot add one in place): deleting the later one clears it.
    Column("followed_by", Integer, nullable=True, index=True),
)

answers = Table(
    "answers",
    metadata,
    Column(
        "diagnostic_id",
        Integer,
        ForeignKey("diagnostics.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("question_id", String(64), primary_key=True),
    Column("level", Integer),
    Column("dont_know", Boolean, nullable=False, default=False),
    Column("declined", Boolean, nullable=False, default=False, server_default=false()),
    Column("comment", Text, nullable=False, default=""),
    Column("updated_at", UTCDateTime, nullable=False),
    CheckConstraint("NOT (dont_know AND level IS NOT NULL)", name="level_or_dont_know"),
)

plan_actions = Table(
    "plan_actions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "diagnostic_id",
        Integer,
        ForeignKey("diagnostics.id", ondelete="CASCADE"),
        nullable=True,
        index=True,
    ),
    Column(
        "workshop_id",
        Integer,
        ForeignKey("workshops.id", ondelete="CASCADE"),
        nullable=True,
        index=True,
    ),
    Column("entry", String(32), nullable=False),
    Column("position", Integer, nullable=False),
    Column("action_id", String(64)),
    Column("lever_id", String(64)),
    Column("label", Text, nullable=False),
    Column("owner", Text, nullable=False, default=""),
    Column("partners", Text, nullable=False, default=""),
    Column("quarter", String(7)),
    Column("status", String(10), nullable=False, default="a_lancer"),
    Column("note", Text, nullable=False, default=""),
    Column("added", Date, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    CheckConstraint("(diagnostic_id IS NULL) <> (workshop_id IS NULL)", name="one_owner"),
    CheckConstraint("status IN ('a_lancer', 'en_cours', 'fait', 'abandonne')", name="plan_status"),
    UniqueConstraint("diagnostic_id", "entry", name="uq_plan_actions_diagnostic_entry"),
    UniqueConstraint("workshop_id", "entry", name="uq_plan_actions_workshop_entry"),
)

# Accounts (migration 0005_accounts). E-mail addresses of whoever decided are kept as text,
# so that forgetting a user can replace them everywhere with a neutral mention.
_EMAIL = String(254)
_KEY = String(9)  # a territory's SIREN

users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("email", _EMAIL, nullable=False, unique=True),
    Column("display_name", Text, nullable=False, default=""),
    Column("created_at", UTCDateTime, nullable=False),
    Column("last_seen_at", UTCDateTime, nullable=False),
)

role_grants = Table(
    "role_grants",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True
    ),
    Column("kind", String(10), nullable=False),
    Column("scope", String(9), nullable=False, default=""),
    Column("granted_by", Text, nullable=False),
    Column("granted_at", UTCDateTime, nullable=False),
    CheckConstraint("kind IN ('admin', 'member', 'adviser')", name="grant_kind"),
    UniqueConstraint("user_id", "kind", "scope", name="uq_role_grants_user_kind_scope"),
)

territory_shares = Table(
    "territory_shares",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("territory", _KEY, nullable=False, index=True),
    Column("region", String(3), nullable=False),
    Column("decided_by", Text, nullable=False),
    Column("decided_at", UTCDateTime, nullable=False),
    Column("revoked_by", Text),
    Column("revoked_at", UTCDateTime),
)

invitations = Table(
    "invitations",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("token_sha256", String(64), nullable=False, unique=True),
    Column("territory", _KEY, nullable=False),
    Column("email", _EMAIL, nullable=False),
    Column("invited_by", Text, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("expires_at", UTCDateTime, nullable=False),
    Column("used_at", UTCDateTime),
)

access_log = Table(
    "access_log",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("at", UTCDateTime, nullable=False, index=True),
    Column("actor", Text, nullable=False),
    Column("action", String(40), nullable=False),
    Column("territory", _KEY, index=True),
    Column("detail", Text, nullable=False, default=""),
)

territory_items = Table(
    "territory_items",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("territory", _KEY, nullable=False, index=True),
    Column(
        "diagnostic_id",
        Integer,
        ForeignKey("diagnostics.id", ondelete="CASCADE"),
        nullable=True,
        unique=True,
    ),
    Column(
        "workshop_id",
        Integer,
        ForeignKey("workshops.id", ondelete="CASCADE"),
        nullable=True,
        unique=True,
    ),
    Column("attached_by", Text, nullable=False),
    Column("attached_at", UTCDateTime, nullable=False),
    CheckConstraint("(diagnostic_id IS NULL) <> (workshop_id IS NULL)", name="one_item"),
)

# An observatory's figures of a commune (INSEE code) or an EPCI (SIREN), one per indicator,
# ESS family ("" for the whole ESS) and year; an import replaces a territory's year whole.
observatory_figures = Table(
    "observatory_figures",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("territory", String(9), nullable=False, index=True),
    Column("indicator", String(40), nullable=False),
    Column("family", String(40), nullable=False, default=""),
    Column("year", Integer, nullable=False),
    Column("value", Float, nullable=False),
    Column("source", Text, nullable=False),
    Column("imported_at", UTCDateTime, nullable=False),
    UniqueConstraint("territory", "indicator", "family", "year", name="uq_observatory_figures_key"),
)

# A diagnostic pinned to « Mes diagnostics et ateliers » (listed first); gone with it.
pins = Table(
    "pins",
    metadata,
    Column(
        "diagnostic_id",
        Integer,
        ForeignKey("diagnostics.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("pinned_at", UTCDateTime, nullable=False),
)

# The discussion of a workshop, written with its admin key only (see discussion.py).
retained_answers = Table(
    "retained_answers",
    metadata,
    Column(
        "workshop_id",
        Integer,
        ForeignKey("workshops.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("question_id", String(64), primary_key=True),
    Column("level", Integer),
    Column("dont_know", Boolean, nullable=False, default=False),
    Column("declined", Boolean, nullable=False, default=False),
    Column("note", Text, nullable=False, default=""),
    Column("recorded_by", String(10), nullable=False, default="adviser"),
    Column("updated_at", UTCDateTime, nullable=False),
    CheckConstraint(
        "(CASE WHEN level IS NULL THEN 0 ELSE 1 END) + (CASE WHEN dont_know THEN 1 ELSE 0 END)"
        " + (CASE WHEN declined THEN 1 ELSE 0 END) = 1",
        name="one_answer",
    ),
)

hidden_comments = Table(
    "hidden_comments",
    metadata,
    Column(
        "diagnostic_id",
        Integer,
        ForeignKey("diagnostics.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("question_id", String(64), primary_key=True),
    Column(
        "workshop_id",
        Integer,
        ForeignKey("workshops.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("hidden_at", UTCDateTime, nullable=False),
)

discussion_marks = Table(
    "discussion_marks",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "workshop_id",
        Integer,
        ForeignKey("workshops.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("question_id", String(64), nullable=False),
    # The comment's author, None when the mark is on the question itself.
    Column("diagnostic_id", Integer, ForeignKey("diagnostics.id", ondelete="CASCADE")),
    Column("note", Text, nullable=False, default=""),
    Column("marked_at", UTCDateTime, nullable=False),
)

# A row of the regional directory edited or added in the app by the région's advisers; it
# replaces the shipped row of the same région, département ("" for the whole région) and kind.
directory_edits = Table(
    "directory_edits",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("region", String(3), nullable=False),
    Column("departement", String(3), nullable=False, default=""),
    Column("provider", String(40), nullable=False),
    Column("name", Text, nullable=False),
    Column("website", Text, nullable=False),
    Column("source", Text, nullable=False),
    Column("checked", Date, nullable=False),
    Column("edited_by", Text, nullable=False),
    Column("edited_at", UTCDateTime, nullable=False),
    UniqueConstraint("region", "departement", "provider", name="uq_directory_edits_key"),
)
