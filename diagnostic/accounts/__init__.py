"""Accounts, roles and sharing: the rules, pure (the storage is in ``storage.accounts``)."""

from __future__ import annotations

from .claims import ClaimNames, identity_from_claims, joinable_territory
from .invitations import (
    INVITATION_DAYS,
    Invitation,
    InvitationState,
    invitation_expiry,
    invitation_hash,
    invitation_state,
    new_invitation_token,
)
from .permissions import ACTIONS, RULES, Action, Decision, Target, decide, is_logged
from .records import FORGOTTEN, AccessEntry, Attachment, SharingRecord, UserRecord
from .roles import (
    GRANT_KINDS,
    Actor,
    CommandLine,
    Grant,
    GrantKind,
    Identity,
    RegionCode,
    Roles,
    TerritoryKey,
    admin,
    adviser,
    member,
    normalise_email,
    territory_key,
)
from .territories import TerritoryRef, check_region, official_ref

__all__ = [
    "ACTIONS",
    "FORGOTTEN",
    "GRANT_KINDS",
    "INVITATION_DAYS",
    "RULES",
    "AccessEntry",
    "Action",
    "Actor",
    "Attachment",
    "ClaimNames",
    "CommandLine",
    "Decision",
    "Grant",
    "GrantKind",
    "Identity",
    "Invitation",
    "InvitationState",
    "RegionCode",
    "Roles",
    "SharingRecord",
    "Target",
    "TerritoryKey",
    "TerritoryRef",
    "UserRecord",
    "admin",
    "adviser",
    "check_region",
    "decide",
    "identity_from_claims",
    "invitation_expiry",
    "invitation_hash",
    "invitation_state",
    "is_logged",
    "joinable_territory",
    "member",
    "new_invitation_token",
    "normalise_email",
    "official_ref",
    "territory_key",
]
