"""Who may act on a territory's space, asked of the storage's rules without logging: to show
a section or a button only to whoever may use it."""

from __future__ import annotations

from ...accounts import Action, Identity
from ...errors import DiagnosticError
from .. import account
from ..state import Context


def allowed_actor(ctx: Context, action: Action, key: str) -> Identity | None:
    """The signed-in visitor if they may do ``action`` on the territory ``key``; None when
    they may not, when nobody is signed in, and always without sign-in configured."""
    who = account.actor(ctx)  # None too when sign-in is not configured
    if who is None:
        return None
    try:
        allowed = ctx.repository.may(who, action, territory=key).allowed
    except DiagnosticError:
        return None
    return who if allowed else None
