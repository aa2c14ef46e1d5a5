"""Who may see the pages that show more than one diagnostic: one function per page.

For now one rule: with sign-in configured, whoever is signed in; without, the person at
the machine only (participants on the local network never see other people's
diagnostics). Roles and sharing will refine these functions, and these alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .. import signin
from ..local_access import is_local_request

Reason = Literal["local", "signed_in", "not_local", "not_signed_in"]
REFUSALS: dict[Reason, str] = {
    "not_local": "space.access.not_local",
    "not_signed_in": "space.access.not_signed_in",
}


@dataclass(frozen=True)
class Visit:
    """What the visitor may see, and why."""

    reason: Reason
    identity: signin.Identity | None = None

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


def may_see_territory(key: str) -> Visit:
    """A territory's space (``key``: its SIREN)."""
    del key  # every territory alike until roles and sharing exist
    return visitor()


def may_pin() -> Visit:
    """Pinning the open diagnostic to « Mes diagnostics et ateliers »."""
    return visitor()
