"""The accounts half of the repository: sign-in, roles, the gate to every action, the log.

Every method takes the ``actor`` (an ``accounts.Identity``, ``accounts.CommandLine`` for
the command line, None when nobody is signed in), decides with ``accounts.decide`` on the
roles stored now, and runs in one transaction: a refusal raises AccessError and writes
nothing; an allowed change writes its access-log line in the same transaction.

For the pages, in the order of a visit:

- ``identity_from_claims(st.user, ClaimNames.from_settings(settings))`` then
  ``sign_in(identity)`` at each sign-in: the account is created, the roles returned;
- ``authorise(actor, action, territory=…, region=…)`` before a page or an action (raises
  AccessError with a plain message; logs a read of another territory), ``may(…)`` to show
  or hide a button without logging;
- ``SharingMethods``: ``members_of``, ``sharing_history``, ``share_with_region``,
  ``revoke_share``, ``shared_territories``, ``invite``, ``accept_invitation``,
  ``join_by_siret`` (offered when ``joinable_territory(identity, territories)``),
  ``leave_territory``;
- ``SpaceMethods``: ``attach_diagnostic``, ``attach_workshop``, ``territory_items``,
  ``attached_sheet``;
- here: ``list_users``, ``grant_role``, ``revoke_role``, ``forget_user``, ``access_log``,
  ``export_access_log`` (then ``export.access_log.access_log_csv``).

Errors: AccessError (refused), AccountError (an unknown e-mail, territory, région, or an
unusable invitation), StorageError (the database).
"""

from __future__ import annotations

from sqlalchemy import Connection, Engine, delete, exc, func, select, update

from ..accounts import (
    FORGOTTEN,
    AccessEntry,
    Action,
    Actor,
    Decision,
    Grant,
    Identity,
    Roles,
    TerritoryRef,
    UserRecord,
    check_region,
    decide,
    normalise_email,
)
from ..errors import AccountError
from ..territory.official import official_territories
from ..territory.profile import NAME_MAX, clean_text
from . import queries
from .account_gate import (
    gate,
    guarded,
    mention,
    naming,
    resolve,
    roles_in,
    target_of,
    user_id,
    who,
)
from .engine import forget_deleted, reading, writing
from .tables import (
    access_log,
    invitations,
    role_grants,
    territory_items,
    territory_shares,
    users,
)

LOG_MAX = 100_000  # lines read at once: the export of a very old log stays bounded


def unknown_email(email: object) -> AccountError:
    """No account for this address (the person never signed in), or not an address."""
    shown = str(email)[:80]
    return AccountError(
        f"Aucun compte pour « {shown} » : la personne doit s’être connectée une fois.",
        f"No account for '{shown}': the person must have signed in once.",
    )


class AccountMethods:
    """Users and roles, the gate every page and action goes through, and the access log."""

    _engine: Engine

    def sign_in(self, identity: Identity) -> Roles:
        """Record a sign-in (the account is created the first time) and return the roles."""
        try:
            return self._record_sign_in(identity)
        except exc.IntegrityError:  # the same person's first sign-in, in another tab, won
            return self._record_sign_in(identity)

    def _record_sign_in(self, identity: Identity) -> Roles:
        now = queries.utcnow()
        name = clean_text(identity.display_name)[:NAME_MAX]
        with writing(self._engine) as connection:
            found = user_id(connection, identity.email)
            if found is None:
                connection.execute(
                    users.insert().values(
                        email=identity.email, display_name=name, created_at=now, last_seen_at=now
                    )
                )
            else:
                connection.execute(
                    update(users)
                    .where(users.c.id == found)
                    .values(display_name=name, last_seen_at=now)
                )
            return roles_in(connection, identity) or Roles()

    def roles_of(self, actor: Actor) -> Roles | None:
        """The actor's roles as stored now (None when nobody is signed in)."""
        with reading(self._engine) as connection:
            return roles_in(connection, actor)

    def territory(self, key: object) -> TerritoryRef:
        """The territory of a key (SIREN); AccountError when no territory has it."""
        with reading(self._engine) as connection:
            return resolve(connection, key)

    def may(
        self, actor: Actor, action: Action, territory: str | None = None, region: str | None = None
    ) -> Decision:
        """Whether the actor may do ``action`` now, without logging: to show or hide a button."""
        with reading(self._engine) as connection:
            ref = resolve(connection, territory) if territory is not None else None
            return decide(roles_in(connection, actor), action, target_of(connection, ref, region))

    def authorise(
        self,
        actor: Actor,
        action: Action,
        territory: str | None = None,
        region: str | None = None,
        detail: str = "",
    ) -> Roles | None:
        """The gate before a page or an action: AccessError if refused, else the roles; a read
        of another territory's data is written to the access log."""
        with guarded(self._engine, actor, action, territory, region, detail) as (_, _, roles):
            return roles

    def list_users(self, actor: Actor) -> list[UserRecord]:
        """Every account with its roles, by address (administrator only)."""
        with reading(self._engine) as connection:
            gate(connection, actor, "list_users")
            rows = connection.execute(select(users).order_by(users.c.email)).all()
            grants = connection.execute(
                select(role_grants.c.user_id, role_grants.c.kind, role_grants.c.scope)
            ).all()
        by_user: dict[int, list[Grant]] = {}
        for grant in grants:
            by_user.setdefault(grant.user_id, []).append(Grant(grant.kind, grant.scope))
        return [
            UserRecord(
                row.email,
                row.display_name,
                row.created_at,
                row.last_seen_at,
                tuple(sorted(by_user.get(row.id, []))),
            )
            for row in rows
        ]

    def grant_role(self, actor: Actor, email: str, grant: Grant) -> bool:
        """Give a role to an account; False if it already had it (nothing written then)."""
        return self._change_role(actor, email, grant, give=True)

    def revoke_role(self, actor: Actor, email: str, grant: Grant) -> bool:
        """Take a role back, at once; False if the account did not have it."""
        return self._change_role(actor, email, grant, give=False)

    def _change_role(self, actor: Actor, email: str, grant: Grant, give: bool) -> bool:
        """Give or take back one role, logged, in one transaction."""
        address = normalise_email(email)
        action: Action = "grant_role" if give else "revoke_role"
        with writing(self._engine) as connection:
            gate(connection, actor, action, log=False)  # refuse before looking anything up
            grant = checked_grant(connection, grant)
            found = user_id(connection, address) if address else None
            if found is None or address is None:
                raise unknown_email(email)
            held = (
                role_grants.c.user_id == found,
                role_grants.c.kind == grant.kind,
                role_grants.c.scope == grant.scope,
            )
            if (connection.scalar(select(role_grants.c.id).where(*held)) is not None) == give:
                return False
            about = grant.scope if grant.kind == "member" else None
            detail = f"{grant.describe()} : {mention(address)}"
            gate(connection, actor, action, detail=detail, about=about)
            if give:
                connection.execute(
                    role_grants.insert().values(
                        user_id=found,
                        kind=grant.kind,
                        scope=grant.scope,
                        granted_by=who(actor),
                        granted_at=queries.utcnow(),
                    )
                )
            else:
                connection.execute(delete(role_grants).where(*held))
        return True

    def forget_user(self, actor: Actor, email: str) -> None:
        """Delete an account and its roles, and erase its address everywhere it is written
        (access log, sharing decisions, invitations), a neutral mention in its place."""
        address = normalise_email(email)
        with writing(self._engine) as connection:
            gate(connection, actor, "forget_user", log=False)
            found = user_id(connection, address) if address else None
            if found is None or address is None:
                raise unknown_email(email)
            gate(connection, actor, "forget_user", detail="compte supprimé à sa demande")
            erase_address(connection, address)
            connection.execute(delete(role_grants).where(role_grants.c.user_id == found))
            connection.execute(delete(users).where(users.c.id == found))
        forget_deleted(self._engine)

    def access_log(self, actor: Actor, territory: str | None = None) -> list[AccessEntry]:
        """The access log of a territory (its members, the administrator) or the whole log
        (the administrator), newest first; a read by a non-member is itself logged."""
        return self._read_log(actor, "view_access_log", territory)

    def export_access_log(self, actor: Actor, territory: str | None = None) -> list[AccessEntry]:
        """The same lines for an export (see ``export.access_log``), logged as an export."""
        return self._read_log(actor, "export_access_log", territory)

    def _read_log(self, actor: Actor, action: Action, territory: str | None) -> list[AccessEntry]:
        with guarded(self._engine, actor, action, territory) as (connection, ref, _):
            statement = select(access_log).order_by(access_log.c.at.desc(), access_log.c.id.desc())
            if ref is not None:
                statement = statement.where(access_log.c.territory == ref.key)
            rows = connection.execute(statement.limit(LOG_MAX)).all()
        return [AccessEntry(r.at, r.actor, r.action, r.territory, r.detail) for r in rows]


def checked_grant(connection: Connection, grant: Grant) -> Grant:
    """The grant with its scope checked: a known territory, a région code, nothing for admin."""
    if grant.kind == "member":
        return Grant("member", resolve(connection, grant.scope).key)
    if grant.kind == "adviser":
        return Grant("adviser", check_region(grant.scope, official_territories()))
    return Grant("admin")


def erase_address(connection: Connection, email: str) -> None:
    """Replace an address with ``FORGOTTEN`` wherever the accounts tables write it."""
    for table, column in (
        (access_log, "actor"),
        (territory_shares, "decided_by"),
        (territory_shares, "revoked_by"),
        (role_grants, "granted_by"),
        (invitations, "invited_by"),
        (territory_items, "attached_by"),
    ):
        field = table.c[column]
        connection.execute(update(table).where(field == email).values({column: FORGOTTEN}))
    connection.execute(
        update(access_log)
        .where(naming(access_log.c.detail, email))
        .values(detail=func.replace(access_log.c.detail, mention(email), FORGOTTEN))
    )
    connection.execute(delete(invitations).where(invitations.c.email == email))
