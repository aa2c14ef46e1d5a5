"""What the accounts storage hands back: users, sharing, the access log, attachments."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from .roles import Grant

ItemKind = Literal["diagnostic", "workshop"]
FORGOTTEN = "utilisateur supprimé"  # stands for an erased e-mail in the access log


@dataclass(frozen=True)
class UserRecord:
    """A person who signed in once, with the roles stored for them."""

    email: str
    display_name: str
    created_at: dt.datetime
    last_seen_at: dt.datetime
    grants: tuple[Grant, ...] = ()


@dataclass(frozen=True)
class SharingRecord:
    """One decision to share a territory with a région's advisers, and its end if revoked."""

    territory: str
    region: str
    decided_by: str
    decided_at: dt.datetime
    revoked_by: str | None = None
    revoked_at: dt.datetime | None = None

    @property
    def active(self) -> bool:
        return self.revoked_at is None


@dataclass(frozen=True)
class AccessEntry:
    """One line of the access log: who did what, about which territory, when."""

    at: dt.datetime
    actor: str
    action: str
    territory: str | None
    detail: str


@dataclass(frozen=True)
class Attachment:
    """A diagnostic or a workshop attached to a territory's space.

    ``reference`` is the diagnostic's token (for the territory's members only, else "")
    or the workshop's join code; ``id`` designates the item within the space.
    """

    id: int
    territory: str
    kind: ItemKind
    reference: str
    name: str
    attached_by: str
    attached_at: dt.datetime
    created_at: dt.datetime
