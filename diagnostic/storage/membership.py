"""A territory's members with the date they joined, and what an invitation link is for.

Both are reads. The member list is for the territory's members and the administrator (the
advisers it shares with see its diagnostics, not who belongs to it); an invitation is read
by its token alone, which is the secret its holder received.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Engine, select

from ..accounts import Actor, Invitation, TerritoryRef, invitation_hash
from ..errors import AccessError
from .account_gate import guarded, resolve
from .engine import reading
from .tables import invitations, role_grants, users


@dataclass(frozen=True)
class Member:
    """A member of a territory's space: address, name, and since when."""

    email: str
    display_name: str
    since: dt.datetime


@dataclass(frozen=True)
class InvitationView:
    """An invitation as its link shows it: the territory, for whom, until when, used or not."""

    invitation: Invitation
    territory: TerritoryRef


def members_hidden() -> AccessError:
    """Only the territory's members and the administrator see who belongs to it."""
    return AccessError(
        "Seuls les membres de ce territoire voient la liste de ses membres.",
        "Only this territory's members see the list of its members.",
    )


class MembershipMethods:
    """Who belongs to a territory's space, and the invitation a link carries."""

    _engine: Engine

    def space_members(self, actor: Actor, territory: str) -> list[Member]:
        """The members of a territory, by address, with the date each joined; AccessError
        for anyone but its members and the administrator (nothing written then)."""
        with guarded(self._engine, actor, "view_territory", territory) as found:
            connection, ref, roles = found
            assert ref is not None
            if roles is None or not (roles.is_admin or roles.member_of(ref.key)):
                raise members_hidden()
            rows = connection.execute(
                select(users.c.email, users.c.display_name, role_grants.c.granted_at)
                .select_from(users.join(role_grants))
                .where(role_grants.c.kind == "member", role_grants.c.scope == ref.key)
                .order_by(users.c.email)
            ).all()
        return [Member(r.email, r.display_name, r.granted_at) for r in rows]

    def invitation_for(self, token: str) -> InvitationView | None:
        """The invitation a link's token designates, None when no invitation has it."""
        if not isinstance(token, str) or not token.strip():
            return None
        with reading(self._engine) as connection:
            row = connection.execute(
                select(invitations).where(invitations.c.token_sha256 == invitation_hash(token))
            ).first()
            if row is None:
                return None
            ref = resolve(connection, row.territory)
        found = Invitation(row.email, row.territory, row.expires_at, row.used_at)
        return InvitationView(found, ref)
