"""The permission matrix shared by the pure and the storage tests: every role the matrix
names, and which actions each may do on the territory ``HERE``."""

from __future__ import annotations

from diagnostic.accounts import ACTIONS, Action, Grant, Roles, Target, admin, adviser, member

HERE = "245400676"  # Métropole du Grand Nancy, région 44 (Grand Est)
OTHER = "243500139"  # Rennes Métropole, région 53 (Bretagne)
REGION, OTHER_REGION = "44", "53"

# Each role of the matrix: its grants (None: not signed in) and whether HERE shares with 44.
CASES: dict[str, tuple[frozenset[Grant] | None, bool]] = {
    "admin": (frozenset({admin()}), False),
    "member_here": (frozenset({member(HERE)}), False),
    "member_other": (frozenset({member(OTHER)}), False),
    "adviser_shared": (frozenset({adviser(REGION)}), True),
    "adviser_not_shared": (frozenset({adviser(REGION)}), False),
    "adviser_other_region": (frozenset({adviser(OTHER_REGION)}), True),
    "no_role": (frozenset(), False),
    "anonymous": (None, False),
}
SIGNED_IN = frozenset(CASES) - {"anonymous"}
ALLOWED: dict[Action, frozenset[str]] = {
    "list_own_space": SIGNED_IN,
    "accept_invitation": SIGNED_IN,
    "view_territory": frozenset({"admin", "member_here", "adviser_shared"}),
    "create_workshop_for_territory": frozenset({"member_here", "adviser_shared"}),
    "edit_diagnostic": frozenset({"member_here"}),
    "attach_diagnostic": frozenset({"admin", "member_here"}),
    "share_with_region": frozenset({"member_here"}),
    "revoke_share": frozenset({"member_here"}),
    "invite_member": frozenset({"member_here"}),
    "leave_territory": frozenset({"member_here"}),
    "join_territory": frozenset(),  # nobody here holds a SIRET of HERE
    "view_access_log": frozenset({"admin", "member_here"}),
    "export_access_log": frozenset({"admin", "member_here"}),
    "grant_role": frozenset({"admin"}),
    "revoke_role": frozenset({"admin"}),
    "list_users": frozenset({"admin"}),
    "forget_user": frozenset({"admin"}),
    "view_portfolio": frozenset({"admin", "adviser_shared", "adviser_not_shared"}),
    "edit_directory": frozenset({"admin", "adviser_shared", "adviser_not_shared"}),
}
assert set(ALLOWED) == set(ACTIONS)
TERRITORY_FREE: frozenset[Action] = frozenset(
    {
        "list_own_space",
        "accept_invitation",
        "grant_role",
        "revoke_role",
        "list_users",
        "forget_user",
    }
)


def roles_of(case: str) -> Roles | None:
    """The roles of a matrix case."""
    grants, _shared = CASES[case]
    return None if grants is None else Roles(grants)


def target_of(case: str, action: Action) -> Target:
    """What ``action`` is about in the matrix: HERE, its région, or nothing."""
    _grants, shared = CASES[case]
    if action in ("view_portfolio", "edit_directory"):
        return Target(region=REGION)
    if action in TERRITORY_FREE:
        return Target()
    return Target(HERE, REGION, frozenset({REGION}) if shared else frozenset(), joinable=True)
