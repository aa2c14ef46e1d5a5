"""A territory's members and its sharing with a région: invitations, joining by SIRET,
leaving, sharing and revoking; each change logged in its own transaction (see accounts)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Connection, Engine, select, update

from ..accounts import (
    Action,
    Actor,
    Grant,
    Identity,
    Invitation,
    SharingRecord,
    TerritoryRef,
    UserRecord,
    invitation_expiry,
    invitation_hash,
    invitation_state,
    new_invitation_token,
    normalise_email,
)
from ..errors import AccountError
from . import queries
from .account_gate import gate, guarded, identity_email, mention, resolve, user_id, who
from .engine import writing
from .tables import invitations, role_grants, territory_shares, users

INVITATION_ERRORS = {
    "unknown": (
        "Cette invitation n’existe pas : vérifiez le lien complet, ou demandez-en une nouvelle.",
        "This invitation does not exist: check the full link, or ask for a new one.",
    ),
    "expired": (
        "Cette invitation a expiré (elle valait 7 jours) : demandez-en une nouvelle.",
        "This invitation has expired (it was valid for 7 days): ask for a new one.",
    ),
    "used": (
        "Cette invitation a déjà servi : chaque lien ne sert qu’une fois. Demandez-en une "
        "nouvelle si besoin.",
        "This invitation has already been used: each link works once. Ask for a new one if needed.",
    ),
    "other_email": (
        "Cette invitation a été faite pour une autre adresse électronique : connectez-vous "
        "avec celle-ci, ou demandez une invitation à votre adresse.",
        "This invitation was made for another e-mail address: sign in with that one, or ask "
        "for an invitation to your address.",
    ),
}


def signed_in(actor: Actor) -> Identity:
    """The actor as a signed-in person (the gate has refused anyone else)."""
    if not isinstance(actor, Identity):
        raise AccountError(
            "Seule une personne connectée peut rejoindre un territoire.",
            "Only a signed-in person can join a territory.",
        )
    return actor


def no_region(territory: TerritoryRef) -> AccountError:
    """The territory's région is unknown, so it cannot share with one."""
    return AccountError(
        f"La région de « {territory.name} » est inconnue : le partage est impossible.",
        f"The région of {territory.name} is unknown: it cannot share.",
    )


class SharingMethods:
    """A territory's space: who belongs to it, and whether its région's advisers see it."""

    _engine: Engine

    def members_of(self, actor: Actor, territory: str) -> list[UserRecord]:
        """The members of a territory's space, by address."""
        with guarded(self._engine, actor, "view_territory", territory) as (connection, ref, _):
            assert ref is not None
            rows = connection.execute(
                select(users)
                .select_from(users.join(role_grants))
                .where(role_grants.c.kind == "member", role_grants.c.scope == ref.key)
                .order_by(users.c.email)
            ).all()
        grant = (Grant("member", ref.key),)
        return [
            UserRecord(r.email, r.display_name, r.created_at, r.last_seen_at, grant) for r in rows
        ]

    def sharing_history(self, actor: Actor, territory: str) -> list[SharingRecord]:
        """Every decision to share with a région and its revocation, newest first."""
        with guarded(self._engine, actor, "view_territory", territory) as (connection, ref, _):
            assert ref is not None
            rows = connection.execute(
                select(territory_shares)
                .where(territory_shares.c.territory == ref.key)
                .order_by(territory_shares.c.decided_at.desc(), territory_shares.c.id.desc())
            ).all()
        return [
            SharingRecord(
                r.territory, r.region, r.decided_by, r.decided_at, r.revoked_by, r.revoked_at
            )
            for r in rows
        ]

    def share_with_region(self, actor: Actor, territory: str) -> SharingRecord:
        """Share the territory with its région's advisers, from now on (a member's choice)."""
        now = queries.utcnow()
        with writing(self._engine) as connection:
            ref = resolve(connection, territory)
            region = ref.region
            gate(connection, actor, "share_with_region", ref, detail=f"région {region}")
            if region is None:
                raise no_region(ref)
            active = _active_share(connection, ref.key)
            if active is not None:
                return active
            connection.execute(
                territory_shares.insert().values(
                    territory=ref.key, region=region, decided_by=who(actor), decided_at=now
                )
            )
        return SharingRecord(ref.key, region, who(actor), now)

    def revoke_share(self, actor: Actor, territory: str) -> bool:
        """End the sharing at once, the history kept; False if there was none."""
        with writing(self._engine) as connection:
            ref = resolve(connection, territory)
            if _active_share(connection, ref.key) is None:
                gate(connection, actor, "revoke_share", ref, log=False)
                return False
            gate(connection, actor, "revoke_share", ref, detail=f"région {ref.region}")
            connection.execute(
                update(territory_shares)
                .where(
                    territory_shares.c.territory == ref.key,
                    territory_shares.c.revoked_at.is_(None),
                )
                .values(revoked_by=who(actor), revoked_at=queries.utcnow())
            )
        return True

    def shared_territories(self, actor: Actor, region: str) -> list[str]:
        """The keys of the territories that share with a région now (its advisers, admin)."""
        detail = f"région {region}"
        with guarded(self._engine, actor, "view_portfolio", None, region, detail) as found:
            connection = found[0]
            keys = connection.scalars(
                select(territory_shares.c.territory)
                .where(territory_shares.c.region == region, territory_shares.c.revoked_at.is_(None))
                .order_by(territory_shares.c.territory)
            ).all()
        return list(dict.fromkeys(keys))

    def invite(self, actor: Actor, territory: str, email: str) -> str:
        """An invitation to the territory's space for ``email``: the token, shown once, valid
        seven days and used once; only its hash is kept."""
        address = normalise_email(email)
        if address is None:
            raise AccountError(
                f"« {str(email)[:80]} » n’est pas une adresse électronique.",
                f"'{str(email)[:80]}' is not an e-mail address.",
            )
        token, now = new_invitation_token(), queries.utcnow()
        with writing(self._engine) as connection:
            ref = resolve(connection, territory)
            gate(connection, actor, "invite_member", ref, detail=mention(address))
            connection.execute(
                invitations.insert().values(
                    token_sha256=invitation_hash(token),
                    territory=ref.key,
                    email=address,
                    invited_by=who(actor),
                    created_at=now,
                    expires_at=invitation_expiry(now),
                )
            )
        return token

    def accept_invitation(
        self, actor: Actor, token: str, now: dt.datetime | None = None
    ) -> TerritoryRef:
        """Join a territory's space with an invitation made for one's address; AccountError
        if it is unknown, expired, used or for another address."""
        now = now or queries.utcnow()
        digest = invitation_hash(token) if isinstance(token, str) else ""
        with writing(self._engine) as connection:
            gate(connection, actor, "accept_invitation", log=False)
            identity = signed_in(actor)
            row = connection.execute(
                select(invitations).where(invitations.c.token_sha256 == digest)
            ).first()
            found = (
                Invitation(row.email, row.territory, row.expires_at, row.used_at) if row else None
            )
            state = invitation_state(found, identity.email, now)
            if state != "valid" or row is None:
                raise AccountError(*INVITATION_ERRORS[state])
            ref = resolve(connection, row.territory)
            spent = connection.execute(
                update(invitations)
                .where(invitations.c.id == row.id, invitations.c.used_at.is_(None))
                .values(used_at=now)
            )
            if spent.rowcount != 1:  # used meanwhile by a concurrent request
                raise AccountError(*INVITATION_ERRORS["used"])
            self._add_member(connection, identity, ref, "accept_invitation")
        return ref

    def join_by_siret(self, actor: Actor, territory: str) -> TerritoryRef:
        """Join the space of the commune or EPCI whose SIREN starts one's SIRET."""
        with writing(self._engine) as connection:
            ref = resolve(connection, territory)
            gate(connection, actor, "join_territory", ref, log=False)
            self._add_member(connection, signed_in(actor), ref, "join_territory")
        return ref

    def leave_territory(self, actor: Actor, territory: str) -> None:
        """Leave a territory's space (a member's own choice), at once."""
        email = identity_email(actor)
        with writing(self._engine) as connection:
            ref = resolve(connection, territory)
            gate(connection, actor, "leave_territory", ref, detail=mention(email))
            connection.execute(
                role_grants.delete().where(
                    role_grants.c.user_id == user_id(connection, email),
                    role_grants.c.kind == "member",
                    role_grants.c.scope == ref.key,
                )
            )

    @staticmethod
    def _add_member(
        connection: Connection, identity: Identity, ref: TerritoryRef, action: Action
    ) -> None:
        """Make the signed-in person a member, logged; nothing more if they already are."""
        target = ref if action == "join_territory" else None
        gate(connection, identity, action, target, about=ref.key, detail=mention(identity.email))
        found = user_id(connection, identity.email)
        if found is None:
            raise AccountError(
                "Connectez-vous d’abord : votre compte n’est pas encore enregistré.",
                "Sign in first: your account is not recorded yet.",
            )
        held = connection.scalar(
            select(role_grants.c.id).where(
                role_grants.c.user_id == found,
                role_grants.c.kind == "member",
                role_grants.c.scope == ref.key,
            )
        )
        if held is None:
            connection.execute(
                role_grants.insert().values(
                    user_id=found,
                    kind="member",
                    scope=ref.key,
                    granted_by=who(identity) if action == "join_territory" else "invitation",
                    granted_at=queries.utcnow(),
                )
            )


def _active_share(connection: Connection, key: str) -> SharingRecord | None:
    """The sharing in force for a territory, if any."""
    row = connection.execute(
        select(territory_shares).where(
            territory_shares.c.territory == key, territory_shares.c.revoked_at.is_(None)
        )
    ).first()
    if row is None:
        return None
    return SharingRecord(row.territory, row.region, row.decided_by, row.decided_at)
