"""Who may do what: a closed catalogue of actions and one decision function over roles.

The rules, by action (a territory's actions name that territory in the target):

- ``list_own_space``, ``accept_invitation``: anyone signed in;
- ``view_territory``: its members, the administrator, the advisers of its région once it
  shares with them;
- ``create_workshop_for_territory``: its members, the advisers of its région once it shares;
- ``attach_diagnostic`` (a diagnostic of that territory, by its link or its file): its
  members and the administrator;
- ``edit_diagnostic``, ``share_with_region``, ``revoke_share``, ``invite_member``,
  ``leave_territory``: its members only;
- ``join_territory``: a person whose SIRET names this commune or EPCI;
- ``view_access_log``, ``export_access_log``: a territory's members for its own log, the
  administrator for any log or the whole one;
- ``grant_role``, ``revoke_role``, ``list_users``, ``forget_user``: the administrator;
- ``view_portfolio``: the administrator and the advisers of that région;
- ``edit_directory`` (the région's rows of « Qui appeler »): the administrator and the
  advisers of that région.

A regional adviser therefore sees only the territories of its région that chose to share,
creates workshops for them, and nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

from .roles import Roles

Action = Literal[
    "list_own_space",
    "view_territory",
    "edit_diagnostic",
    "attach_diagnostic",
    "create_workshop_for_territory",
    "share_with_region",
    "revoke_share",
    "invite_member",
    "accept_invitation",
    "join_territory",
    "leave_territory",
    "view_access_log",
    "export_access_log",
    "grant_role",
    "revoke_role",
    "list_users",
    "forget_user",
    "view_portfolio",
    "edit_directory",
]
ACTIONS: tuple[Action, ...] = get_args(Action)
Who = Literal["signed_in", "admin", "member", "shared_adviser", "region_adviser", "siret"]

RULES: dict[Action, frozenset[Who]] = {
    "list_own_space": frozenset({"signed_in"}),
    "accept_invitation": frozenset({"signed_in"}),
    "view_territory": frozenset({"member", "admin", "shared_adviser"}),
    "create_workshop_for_territory": frozenset({"member", "shared_adviser"}),
    "edit_diagnostic": frozenset({"member"}),
    "attach_diagnostic": frozenset({"member", "admin"}),
    "share_with_region": frozenset({"member"}),
    "revoke_share": frozenset({"member"}),
    "invite_member": frozenset({"member"}),
    "leave_territory": frozenset({"member"}),
    "join_territory": frozenset({"siret"}),
    "view_access_log": frozenset({"member", "admin"}),
    "export_access_log": frozenset({"member", "admin"}),
    "grant_role": frozenset({"admin"}),
    "revoke_role": frozenset({"admin"}),
    "list_users": frozenset({"admin"}),
    "forget_user": frozenset({"admin"}),
    "view_portfolio": frozenset({"admin", "region_adviser"}),
    "edit_directory": frozenset({"admin", "region_adviser"}),
}
# Actions about one territory: refused without one (the whole log is the administrator's).
NEEDS_TERRITORY: frozenset[Action] = frozenset(
    {
        "view_territory",
        "create_workshop_for_territory",
        "edit_diagnostic",
        "attach_diagnostic",
        "share_with_region",
        "revoke_share",
        "invite_member",
        "leave_territory",
        "join_territory",
    }
)
# Changes of role, membership or sharing: always written to the access log.
CHANGES: frozenset[Action] = frozenset(
    {
        "attach_diagnostic",
        "share_with_region",
        "revoke_share",
        "invite_member",
        "accept_invitation",
        "join_territory",
        "leave_territory",
        "grant_role",
        "revoke_role",
        "forget_user",
        "edit_directory",
    }
)
# Reads of a territory's data: written to the access log when the reader is not a member.
READS: frozenset[Action] = frozenset(
    {
        "view_territory",
        "create_workshop_for_territory",
        "view_access_log",
        "export_access_log",
        "view_portfolio",
    }
)


@dataclass(frozen=True)
class Target:
    """What an action is about: a territory (with its région and sharing) or a région.

    ``region`` is the territory's région, or the région of a portfolio; ``shared_with``
    holds the régions the territory shares with now; ``joinable`` is true for a commune or
    EPCI of the official data (the ones a SIRET can join).
    """

    territory: str | None = None
    region: str | None = None
    shared_with: frozenset[str] = frozenset()
    joinable: bool = False


@dataclass(frozen=True)
class Decision:
    """Allowed or not, and why: ``reason_key`` is a key of ``locales/accounts.yaml``."""

    allowed: bool
    reason_key: str


def decide(roles: Roles | None, action: Action, target: Target = Target()) -> Decision:
    """Whether someone with ``roles`` (None: not signed in) may do ``action`` on ``target``."""
    if action not in RULES:
        raise ValueError(f"unknown action {action!r}")
    if roles is None:
        return Decision(False, "accounts.refused.sign_in")
    if action in NEEDS_TERRITORY and target.territory is None:
        return Decision(False, "accounts.refused.no_territory")
    for who in sorted(RULES[action]):
        if _holds(roles, who, target):
            return Decision(True, f"accounts.allowed.{who}")
    return Decision(False, _refusal(roles, action, target))


def _holds(roles: Roles, who: Who, target: Target) -> bool:
    """Whether ``roles`` qualify as ``who`` for ``target``."""
    if who == "signed_in":
        return True
    if who == "admin":
        return roles.is_admin
    if who == "member":
        return roles.member_of(target.territory)
    if who == "shared_adviser":
        return roles.adviser_of(target.region) and target.region in target.shared_with
    if who == "region_adviser":
        return target.territory is None and roles.adviser_of(target.region)
    return target.joinable and roles.siren is not None and roles.siren == target.territory


def _refusal(roles: Roles, action: Action, target: Target) -> str:
    """The reason to give for a refusal, the most useful one first."""
    rules = RULES[action]
    if rules == {"admin"}:
        return "accounts.refused.admin_only"
    if "siret" in rules:
        return "accounts.refused.siret"
    if roles.adviser_of(target.region) and target.territory is not None:
        shared = target.region in target.shared_with
        if "shared_adviser" in rules and not shared:
            return "accounts.refused.not_shared"
        return "accounts.refused.adviser_limits"
    if target.territory is None:
        return "accounts.refused.not_allowed"
    return "accounts.refused.not_member"


def is_logged(roles: Roles | None, action: Action, target: Target = Target()) -> bool:
    """Whether an allowed action goes to the access log: every change of role, membership
    or sharing, and every read of a territory's data by someone not its member."""
    if action in CHANGES:
        return True
    if action not in READS:
        return False
    return roles is None or not roles.member_of(target.territory)
