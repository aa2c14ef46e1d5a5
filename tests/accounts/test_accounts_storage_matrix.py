"""The permission matrix through the repository: every action × every role; a refusal is
an AccessError with a plain message and writes nothing, not even to the access log."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from accounts_support import ALLOWED, CASES, HERE, OTHER, REGION
from storage_world import World, build_world, copy_world, dump, person

from diagnostic.accounts import ACTIONS, Action, Identity, member
from diagnostic.errors import AccessError
from diagnostic.storage import Repository, close_repositories
from diagnostic.territory.contacts import Contact

NANCY_CRESS = Contact(
    REGION,
    "54",
    "dla",
    "DLA de Meurthe-et-Moselle",
    "https://dla54.example.org",
    "https://dla54.example.org/contact",
    dt.date(2026, 11, 30),
)
Call = Callable[[Repository, Identity | None, World], Any]
CALLS: dict[Action, Call] = {
    "list_own_space": lambda repo, who, world: repo.authorise(who, "list_own_space"),
    "view_territory": lambda repo, who, world: repo.territory_items(who, HERE),
    "edit_diagnostic": lambda repo, who, world: repo.authorise(who, "edit_diagnostic", HERE),
    "attach_diagnostic": lambda repo, who, world: repo.attach_diagnostic(who, world.loose, HERE),
    "create_workshop_for_territory": lambda repo, who, world: repo.attach_workshop(
        who, *world.workshop, HERE
    ),
    "share_with_region": lambda repo, who, world: repo.share_with_region(who, HERE),
    "revoke_share": lambda repo, who, world: repo.revoke_share(who, HERE),
    "invite_member": lambda repo, who, world: repo.invite(who, HERE, "nouveau@exemple.fr"),
    "accept_invitation": lambda repo, who, world: repo.accept_invitation(
        who, world.invitations["anonymous" if who is None else who.display_name]
    ),
    "join_territory": lambda repo, who, world: repo.join_by_siret(who, HERE),
    "leave_territory": lambda repo, who, world: repo.leave_territory(who, HERE),
    "view_access_log": lambda repo, who, world: repo.access_log(who, HERE),
    "export_access_log": lambda repo, who, world: repo.export_access_log(who, HERE),
    "grant_role": lambda repo, who, world: repo.grant_role(
        who, "no_role@exemple.fr", member(OTHER)
    ),
    "revoke_role": lambda repo, who, world: repo.revoke_role(
        who, "member_other@exemple.fr", member(OTHER)
    ),
    "list_users": lambda repo, who, world: repo.list_users(who),
    "forget_user": lambda repo, who, world: repo.forget_user(who, "no_role@exemple.fr"),
    "view_portfolio": lambda repo, who, world: repo.shared_territories(who, REGION),
    "edit_directory": lambda repo, who, world: repo.save_directory_row(who, NANCY_CRESS),
}
assert set(CALLS) == set(ACTIONS)


@pytest.fixture(scope="module")
def worlds(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[bool, World]]:
    built = {
        shared: build_world(tmp_path_factory.mktemp(f"world{shared}"), shared)
        for shared in (False, True)
    }
    close_repositories()
    yield built


@pytest.mark.parametrize("case", list(CASES))
@pytest.mark.parametrize("action", ACTIONS)
def test_the_repository_enforces_the_matrix(
    action: Action, case: str, worlds: dict[bool, World], tmp_path: Path
) -> None:
    repo, world = copy_world(worlds[CASES[case][1]], tmp_path)
    before = dump(world.url)
    try:
        if case in ALLOWED[action]:
            CALLS[action](repo, person(case), world)
            return
        with pytest.raises(AccessError) as caught:
            CALLS[action](repo, person(case), world)
        assert "\n" not in str(caught.value) and str(caught.value)
        assert dump(world.url) == before
    finally:
        close_repositories()
