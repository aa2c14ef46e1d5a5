"""Who may see the pages that show more than one diagnostic: one function per page.

Without sign-in configured, the person at the machine only (participants on the local
network never see other people's diagnostics). With sign-in, whoever is signed in reaches
the pages, and the roles decide what they hold: a territory's space for its members, the
administrator and the advisers of the région it shares with (a read the access log keeps),
its diagnostics opened or done again by its members only;
« Mes diagnostics » lists the territories the visitor is a member of (every one for the
administrator).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ...errors import AccessError, AccountError
from .. import account, signin
from ..local_access import is_local_request
from ..state import Context
from .allowed import allowed_actor

Reason = Literal["local", "signed_in", "not_local", "not_signed_in", "refused"]
REFUSALS: dict[Reason, str] = {
    "not_local": "space.access.not_local",
    "not_signed_in": "space.access.not_signed_in",
}


@dataclass(frozen=True)
class Visit:
    """What the visitor may see, and why."""

    reason: Reason
    identity: signin.Identity | None = None
    message: str | None = None  # a refusal's own words (from the accounts' checks)

    @property
    def allowed(self) -> bool:
        return self.reason in ("local", "signed_in")

    @property
    def refusal(self) -> str:
        """The locale key of the message telling why the page is not shown."""
        return REFUSALS.get(self.reason, "space.access.not_local")


def decide(sign_in_configured: bool, identity: signin.Identity | None, local: bool) -> Visit:
    """The rule, on plain values: signed in when sign-in is configured, else local."""
    if sign_in_configured:
        return Visit("signed_in", identity) if identity is not None else Visit("not_signed_in")
    return Visit("local") if local else Visit("not_local")


def visitor() -> Visit:
    """This request's visitor, under the rule above."""
    configured = signin.configured()
    return decide(configured, signin.identity() if configured else None, is_local_request())


def may_see_mine() -> Visit:
    """« Mes diagnostics et ateliers »: every diagnostic and workshop of the installation."""
    return visitor()


def may_see_territory(key: str, ctx: Context | None = None) -> Visit:
    """A territory's space (``key``: its SIREN): with sign-in, as the roles allow."""
    visit = visitor()
    if visit.reason != "signed_in" or not key or ctx is None:
        return visit
    who = account.actor(ctx)
    if who is None:
        return Visit("not_signed_in")
    try:
        ctx.repository.authorise(who, "view_territory", territory=key)
    except (AccessError, AccountError) as error:
        return Visit("refused", visit.identity, error.message(ctx.lang))
    return visit


def may_change_territory(key: str, ctx: Context) -> bool:
    """Opening a territory's diagnostics in the wizard, or doing one again: with sign-in, its
    members only (an adviser or the administrator reads the space, and changes nothing);
    without sign-in, whoever may see the page."""
    if not signin.configured():
        return True
    return allowed_actor(ctx, "edit_diagnostic", key) is not None


def listed_territories(ctx: Context) -> frozenset[str] | None:
    """The territories « Mes diagnostics » lists: None for every one (without sign-in, or for
    the administrator), else those the signed-in visitor is a member of."""
    if not signin.configured():
        return None
    who = account.actor(ctx)
    roles = ctx.repository.roles_of(who) if who is not None else None
    if roles is None:
        return frozenset()
    return None if roles.is_admin else frozenset(roles.territories)


def may_pin() -> Visit:
    """Pinning the open diagnostic to « Mes diagnostics et ateliers »."""
    return visitor()
