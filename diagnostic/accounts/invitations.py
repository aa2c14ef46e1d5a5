"""Invitations to a territory's space: a random link, valid seven days, used once."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass
from typing import Literal

INVITATION_DAYS = 7
InvitationState = Literal["valid", "unknown", "expired", "used", "other_email"]


def new_invitation_token() -> str:
    """An unguessable invitation token (256 bits), shown once: only its hash is kept."""
    return secrets.token_urlsafe(32)


def invitation_hash(token: str) -> str:
    """The SHA-256 of a token: the only form in which it is stored."""
    return hashlib.sha256(token.strip().encode()).hexdigest()


def invitation_expiry(now: dt.datetime) -> dt.datetime:
    """When an invitation made at ``now`` stops working."""
    return now + dt.timedelta(days=INVITATION_DAYS)


@dataclass(frozen=True)
class Invitation:
    """An invitation as stored: for whom, to which territory, until when, used or not."""

    email: str
    territory: str
    expires_at: dt.datetime
    used_at: dt.datetime | None = None


def invitation_state(found: Invitation | None, email: str, now: dt.datetime) -> InvitationState:
    """Whether ``email`` may use this invitation at ``now``, or why not."""
    if found is None:
        return "unknown"
    if found.used_at is not None:
        return "used"
    if now >= found.expires_at:
        return "expired"
    if found.email != email:
        return "other_email"
    return "valid"
