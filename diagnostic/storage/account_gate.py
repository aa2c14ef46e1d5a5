"""The accounts' gate: who the actor is, what the target is, the decision and its log line."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Engine, or_, select

from ..accounts import (
    Action,
    Actor,
    CommandLine,
    Decision,
    Grant,
    Identity,
    RegionCode,
    Roles,
    Target,
    TerritoryKey,
    TerritoryRef,
    admin,
    decide,
    is_logged,
    official_ref,
)
from ..accounts.territories import bad_key
from ..errors import AccessError
from ..i18n import t
from ..settings import Settings
from ..territory.official import official_territories
from . import queries
from .engine import reading, writing
from .tables import access_log, diagnostics, role_grants, territory_shares, users, workshops

COMMAND_LINE = "ligne de commande"


def configured_admins() -> frozenset[str]:
    """The administrators named in the configuration (``DIAGNOSTIC_ADMINS``)."""
    return Settings.from_env().admins


def who(actor: Actor) -> str:
    """How the actor is named in the access log and in « decided by »."""
    if isinstance(actor, CommandLine):
        return actor.display_name or COMMAND_LINE
    return actor.email if actor is not None else "anonyme"


def mention(email: str) -> str:
    """An address inside a log line's detail, bracketed so that forgetting finds it whole."""
    return f"<{email}>"


def roles_in(connection: Connection, actor: Actor) -> Roles | None:
    """The actor's roles as stored now, plus administration when configured; None if nobody."""
    if actor is None:
        return None
    if isinstance(actor, CommandLine):
        return Roles(frozenset({admin()}))
    rows = connection.execute(
        select(role_grants.c.kind, role_grants.c.scope)
        .select_from(role_grants.join(users))
        .where(users.c.email == actor.email)
    ).all()
    grants = {Grant(row.kind, row.scope) for row in rows}
    if actor.email in configured_admins():
        grants.add(admin())
    return Roles(frozenset(grants), actor.siren)


def resolve(connection: Connection, key: object) -> TerritoryRef:
    """The territory of a key: an official commune or EPCI, or a Pays/PETR this base knows
    (from a diagnostic or workshop saved with its SIREN, or a member); AccountError if none."""
    found = official_ref(key, official_territories())
    if found is not None:
        return found
    siren = str(key).replace(" ", "")
    for table in (diagnostics, workshops):
        row = connection.execute(
            select(table.c.name, table.c.departement)
            .where(table.c.siren == siren, table.c.type == "pays_petr")
            .limit(1)
        ).first()
        if row is not None:
            region = official_territories().region_of(row.departement)
            found_region = RegionCode(region) if region else None
            return TerritoryRef(TerritoryKey(siren), row.name or siren, "pays_petr", found_region)
    raise bad_key(key)


def target_of(connection: Connection, territory: TerritoryRef | None, region: str | None) -> Target:
    """The decision's target: the territory with its région and current sharing, or a région."""
    if territory is None:
        return Target(region=region)
    shared = connection.scalars(
        select(territory_shares.c.region).where(
            territory_shares.c.territory == territory.key, territory_shares.c.revoked_at.is_(None)
        )
    ).all()
    return Target(territory.key, territory.region, frozenset(shared), territory.joinable)


def refused(decision: Decision) -> AccessError:
    """The refusal in words."""
    key = decision.reason_key
    return AccessError(t(key, "fr"), t(key, "en"))


def gate(
    connection: Connection,
    actor: Actor,
    action: Action,
    territory: TerritoryRef | None = None,
    region: str | None = None,
    detail: str = "",
    about: str | None = None,
    log: bool = True,
) -> Roles | None:
    """Decide; refuse with AccessError (nothing written), or log when the rules say so.

    The log line names ``territory``, or ``about`` (the territory a role change concerns);
    ``log=False`` checks without logging, for a change that turns out to change nothing.
    """
    roles = roles_in(connection, actor)
    target = target_of(connection, territory, region)
    decision = decide(roles, action, target)
    if not decision.allowed:
        raise refused(decision)
    if log and is_logged(roles, action, target):
        named = territory.key if territory is not None else about
        write_log(connection, actor, action, named, detail)
    return roles


@contextmanager
def guarded(
    engine: Engine,
    actor: Actor,
    action: Action,
    territory: str | None = None,
    region: str | None = None,
    detail: str = "",
) -> Iterator[tuple[Connection, TerritoryRef | None, Roles | None]]:
    """A transaction for an allowed read: a read-only one, or a write one when the read
    goes to the access log; AccessError (nothing written) when refused."""
    with reading(engine) as connection:
        ref = resolve(connection, territory) if territory is not None else None
        roles = roles_in(connection, actor)
        target = target_of(connection, ref, region)
        decision = decide(roles, action, target)
        if not decision.allowed:
            raise refused(decision)
        if not is_logged(roles, action, target):
            yield connection, ref, roles
            return
    with writing(engine) as connection:
        ref = resolve(connection, territory) if territory is not None else None
        roles = gate(connection, actor, action, ref, region, detail)
        yield connection, ref, roles


def write_log(
    connection: Connection, actor: Actor, action: str, territory: str | None, detail: str
) -> None:
    """One access-log line, in the caller's transaction."""
    connection.execute(
        access_log.insert().values(
            at=queries.utcnow(), actor=who(actor), action=action, territory=territory, detail=detail
        )
    )


def user_id(connection: Connection, email: str) -> int | None:
    """The users row id of an address, if that person ever signed in."""
    return connection.scalar(select(users.c.id).where(users.c.email == email))


def naming(column: Any, email: str) -> Any:
    """Rows whose ``column`` is the address, or mentions it in brackets."""
    return or_(column == email, column.contains(mention(email), autoescape=True))


def identity_email(actor: Actor) -> str:
    """The actor's address; AccessError when nobody is signed in."""
    if isinstance(actor, Identity):
        return actor.email
    raise refused(Decision(False, "accounts.refused.sign_in"))
