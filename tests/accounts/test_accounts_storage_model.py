"""Any sequence of role and sharing changes: the repository agrees with a plain model of
roles and sharing run through the pure rules, change by change."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from accounts_support import HERE, OTHER, REGION
from hypothesis import given, settings
from hypothesis import strategies as st

from diagnostic.accounts import (
    ACTIONS,
    CommandLine,
    Grant,
    Identity,
    Roles,
    Target,
    admin,
    adviser,
    decide,
    member,
)
from diagnostic.errors import AccessError
from diagnostic.storage import close_repositories, open_repository

PEOPLE = tuple(Identity(f"p{n}@exemple.fr", f"P{n}") for n in range(3))
GRANTS = (admin(), member(HERE), member(OTHER), adviser(REGION), adviser("53"))
STEPS = st.lists(
    st.one_of(
        st.tuples(st.sampled_from(["grant", "revoke"]), st.integers(0, 2), st.sampled_from(GRANTS)),
        st.tuples(st.sampled_from(["share", "unshare"]), st.integers(0, 2), st.none()),
    ),
    max_size=12,
)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("model")


@settings(max_examples=20)
@given(steps=STEPS)
def test_the_repository_follows_the_model(
    folder: Path, steps: list[tuple[str, int, Grant | None]]
) -> None:
    repo = open_repository(f"sqlite:///{folder}/{uuid.uuid4().hex}.sqlite3")
    grants: list[set[Grant]] = [set() for _ in PEOPLE]
    shared = False
    try:
        for person in PEOPLE:
            repo.sign_in(person)
        for kind, who, grant in steps:
            if kind in ("grant", "revoke"):
                assert grant is not None
                change = repo.grant_role if kind == "grant" else repo.revoke_role
                assert change(CommandLine(), PEOPLE[who].email, grant) == (
                    (grant not in grants[who]) if kind == "grant" else (grant in grants[who])
                )
                (grants[who].add if kind == "grant" else grants[who].discard)(grant)
                continue
            allowed = member(HERE) in grants[who]
            act = repo.share_with_region if kind == "share" else repo.revoke_share
            if not allowed:
                with pytest.raises(AccessError):
                    act(PEOPLE[who], HERE)
                continue
            act(PEOPLE[who], HERE)
            shared = kind == "share"
        target = Target(HERE, REGION, frozenset({REGION}) if shared else frozenset(), True)
        for index, person in enumerate(PEOPLE):
            for action in ACTIONS:
                expected = decide(Roles(frozenset(grants[index])), action, target)
                assert repo.may(person, action, HERE) == expected, (person.email, action)
    finally:
        close_repositories()
