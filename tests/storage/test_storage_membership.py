"""A territory's members with the date each joined, and the invitation a link designates."""

from __future__ import annotations

import dataclasses

import pytest
from storage_support import PROFILE, row_counts

from diagnostic.accounts import CommandLine, Identity, adviser, member
from diagnostic.errors import AccessError
from diagnostic.storage import Repository

HERE = "245400676"  # Métropole du Grand Nancy, région 44
CLI = CommandLine()
MEMBER = Identity("camille@grand-nancy.fr", "Camille Martin")
ADVISER = Identity("lea@cress-grandest.org", "Léa")
NOBODY = Identity("sans.role@exemple.fr", "Sans rôle")
NANCY = dataclasses.replace(PROFILE, name="Métropole du Grand Nancy", type="metropole", siren=HERE)


def _space(repo: Repository) -> None:
    """A member of HERE, a CRESS adviser of 44 it shares with, someone without a role."""
    for identity in (MEMBER, ADVISER, NOBODY):
        repo.sign_in(identity)
    repo.grant_role(CLI, MEMBER.email, member(HERE))
    repo.grant_role(CLI, ADVISER.email, adviser("44"))
    repo.share_with_region(MEMBER, HERE)


def test_members_and_the_administrator_see_who_belongs_and_since_when(repo: Repository) -> None:
    _space(repo)
    [found] = repo.space_members(MEMBER, HERE)
    assert (found.email, found.display_name) == (MEMBER.email, MEMBER.display_name)
    granted = repo.list_users(CLI)
    assert found.since.tzinfo is not None and found.since >= granted[0].created_at
    assert [m.email for m in repo.space_members(CLI, HERE)] == [MEMBER.email]


@pytest.mark.parametrize("who", [ADVISER, NOBODY, None])
def test_others_are_refused_and_nothing_is_written(
    repo: Repository, database_url: str, who: Identity | None
) -> None:
    _space(repo)
    before = row_counts(database_url)
    with pytest.raises(AccessError):
        repo.space_members(who, HERE)
    assert row_counts(database_url) == before


def test_an_invitation_read_by_its_token(repo: Repository, database_url: str) -> None:
    _space(repo)
    token = repo.invite(MEMBER, HERE, "Nouveau@Grand-Nancy.fr")
    before = row_counts(database_url)
    view = repo.invitation_for(f" {token} ")
    assert view is not None
    assert (view.invitation.email, view.invitation.used_at) == ("nouveau@grand-nancy.fr", None)
    assert (view.territory.key, view.territory.name) == (HERE, "Métropole du Grand Nancy")
    assert view.invitation.expires_at.tzinfo is not None
    for unknown in ("", "   ", token[:-1], "x" * 300):
        assert repo.invitation_for(unknown) is None
    assert row_counts(database_url) == before
