"""The permission matrix on the pure rules: every action × every role, allowed or refused."""

from __future__ import annotations

import pytest
from accounts_support import ALLOWED, CASES, HERE, OTHER, REGION, roles_of, target_of
from hypothesis import given
from hypothesis import strategies as st

from diagnostic.accounts import (
    ACTIONS,
    Action,
    Grant,
    Roles,
    Target,
    adviser,
    decide,
    is_logged,
    member,
)
from diagnostic.i18n import t

MATRIX = [(action, case) for action in ACTIONS for case in CASES]


@pytest.mark.parametrize(("action", "case"), MATRIX)
def test_every_action_for_every_role(action: Action, case: str) -> None:
    decision = decide(roles_of(case), action, target_of(case, action))
    assert decision.allowed is (case in ALLOWED[action])


@pytest.mark.parametrize(("action", "case"), MATRIX)
def test_every_decision_has_a_message_in_both_languages(action: Action, case: str) -> None:
    key = decide(roles_of(case), action, target_of(case, action)).reason_key
    assert t(key, "fr") != key
    assert t(key, "en") != key


def test_refusals_say_why() -> None:
    here = Target(HERE, REGION, frozenset(), joinable=True)
    shared = Target(HERE, REGION, frozenset({REGION}), joinable=True)
    advise = Roles(frozenset({adviser(REGION)}))
    assert decide(None, "view_territory", here).reason_key == "accounts.refused.sign_in"
    assert decide(advise, "view_territory", here).reason_key == "accounts.refused.not_shared"
    assert decide(advise, "edit_diagnostic", shared).reason_key == (
        "accounts.refused.adviser_limits"
    )
    other = Roles(frozenset({member(OTHER)}))
    assert decide(other, "edit_diagnostic", here).reason_key == "accounts.refused.not_member"
    assert decide(other, "grant_role").reason_key == "accounts.refused.admin_only"
    assert decide(other, "join_territory", here).reason_key == "accounts.refused.siret"
    assert decide(other, "edit_diagnostic").reason_key == "accounts.refused.no_territory"


def test_the_whole_access_log_is_the_administrators_alone() -> None:
    assert decide(Roles(frozenset({Grant("admin")})), "view_access_log").allowed
    assert not decide(Roles(frozenset({member(HERE)})), "view_access_log").allowed
    assert not decide(Roles(frozenset({adviser(REGION)})), "export_access_log").allowed


def test_a_siret_joins_its_own_commune_or_epci_only() -> None:
    holder = Roles(frozenset(), siren=HERE)
    assert decide(holder, "join_territory", Target(HERE, REGION, joinable=True)).allowed
    assert not decide(holder, "join_territory", Target(OTHER, "53", joinable=True)).allowed
    # a Pays/PETR is not in the official data: one joins it by invitation only
    assert not decide(holder, "join_territory", Target(HERE, REGION, joinable=False)).allowed


def test_an_adviser_of_a_region_sees_its_portfolio_only() -> None:
    advise = Roles(frozenset({adviser(REGION)}))
    assert decide(advise, "view_portfolio", Target(region=REGION)).allowed
    assert not decide(advise, "view_portfolio", Target(region="53")).allowed


def test_what_goes_to_the_access_log() -> None:
    here = Target(HERE, REGION, frozenset({REGION}))
    members = Roles(frozenset({member(HERE)}))
    advise = Roles(frozenset({adviser(REGION)}))
    assert not is_logged(members, "view_territory", here)  # a member reading their own
    assert is_logged(advise, "view_territory", here)  # another territory's data
    assert is_logged(Roles(frozenset({Grant("admin")})), "view_access_log", here)
    assert is_logged(members, "share_with_region", here)  # every change of sharing
    assert is_logged(members, "revoke_share", here)
    assert is_logged(Roles(frozenset({Grant("admin")})), "grant_role")
    assert not is_logged(members, "list_own_space")


def test_an_unknown_action_is_a_bug_not_a_refusal() -> None:
    with pytest.raises(ValueError, match="unknown action"):
        decide(None, "delete_everything", Target())  # type: ignore[arg-type]


GRANTS = st.builds(
    Grant,
    st.sampled_from(["admin", "member", "adviser"]),
    st.sampled_from(["", HERE, OTHER, REGION, "53"]),
)


@given(
    st.frozensets(GRANTS, max_size=4),
    st.sampled_from(ACTIONS),
    st.sampled_from([None, HERE, OTHER]),
    st.frozensets(st.sampled_from([REGION, "53"])),
)
def test_no_grant_without_a_role_of_the_territory_edits_it(
    grants: frozenset[Grant], action: Action, territory: str | None, shared: frozenset[str]
) -> None:
    roles = Roles(grants)
    decision = decide(roles, action, Target(territory, REGION, shared, joinable=True))
    if decision.allowed and action in ("edit_diagnostic", "share_with_region", "invite_member"):
        assert roles.member_of(territory)
    if decision.allowed and action == "view_territory":
        assert roles.member_of(territory) or roles.is_admin or REGION in shared
