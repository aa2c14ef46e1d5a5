"""« Membres » on a territory's space: the members and since when, « Inviter un·e collègue »
(the link shown once, a bad address refused with nothing written), « Quitter cet espace »
after a confirmation; hidden from the advisers it shares with and from anyone else."""

from __future__ import annotations

import pytest
from join_support import (
    BERNARD,
    CHIEF,
    CLAIRE,
    KEY,
    LEA,
    NAME,
    code_on,
    is_member,
    row_counts,
    signed_in,
    space,
)
from space_support import from_the_network

from diagnostic.accounts import CommandLine, Identity, member
from diagnostic.i18n import t
from diagnostic.storage import Repository
from diagnostic.typography import format_date
from diagnostic.ui.literal import escape_markdown

CLAIRE_SHOWN = escape_markdown(str(CLAIRE["email"]))


@pytest.fixture(autouse=True)
def _network(monkeypatch: pytest.MonkeyPatch) -> None:
    from_the_network(monkeypatch)
    monkeypatch.setenv("DIAGNOSTIC_ADMINS", str(CHIEF["email"]))


def keys(at: object) -> list[str]:
    return [b.key for b in at.button]  # type: ignore[attr-defined]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_member_sees_the_members_and_invites_a_colleague(
    repository: Repository, database_url: str, lang: str
) -> None:
    space(repository)
    at = signed_in(CLAIRE, "territoire", t=KEY, lang=lang)
    assert not at.exception
    shown = "\n".join(m.value for m in at.markdown)
    assert t("join.members.title", lang) in [s.value for s in at.subheader]
    assert CLAIRE_SHOWN in shown
    [since] = [m.since for m in repository.space_members(Identity(str(CLAIRE["email"])), KEY)]
    assert format_date(since.date(), lang) in shown
    before = row_counts(database_url)
    at.text_input(key="members-invite-email").input(" Bernard@Toul.example.fr ").run()
    at.button(key="members-invite").click().run()
    assert not at.exception
    after = row_counts(database_url)
    assert after["invitations"] == before["invitations"] + 1
    [success] = at.success
    view = repository.invitation_for(code_on(at))
    assert view is not None and view.invitation.email == BERNARD["email"]
    day = format_date(view.invitation.expires_at.date(), lang)
    email = escape_markdown(str(BERNARD["email"]))
    assert success.value == t("join.invite.made", lang, email=email, day=day)
    assert ("valable jusqu’au" if lang == "fr" else "valid until") in success.value
    at.button(key="members-invite-done").click().run()
    assert not at.exception and not at.success  # shown once: gone for good
    assert not [c for c in at.code if "/invitation?code=" in str(c.value)]


@pytest.mark.parametrize("typed", ["pas-une-adresse", "a@b", "   "])
def test_a_bad_address_gets_a_plain_message_and_nothing_is_written(
    repository: Repository, database_url: str, typed: str
) -> None:
    space(repository)
    at = signed_in(CLAIRE, "territoire", t=KEY)
    before = row_counts(database_url)
    at.text_input(key="members-invite-email").input(typed).run()
    at.button(key="members-invite").click().run()
    assert not at.exception
    [error] = at.error
    assert "adresse" in error.value
    assert not at.success and row_counts(database_url) == before


def member_lines(at: object) -> list[str]:
    """The lines of the members' list on screen."""
    since = t("join.members.line", "fr", email="", day="").strip(" —")[:14]
    return [m.value for m in at.markdown if since in m.value]  # type: ignore[attr-defined]


def test_the_adviser_and_others_do_not_see_the_members(repository: Repository) -> None:
    space(repository)
    assert member_lines(signed_in(CLAIRE, "territoire", t=KEY))  # what the others miss
    adviser = signed_in(LEA, "territoire", t=KEY)
    assert not adviser.exception and adviser.dataframe  # it sees the space itself
    assert t("join.members.title", "fr") not in [s.value for s in adviser.subheader]
    assert not member_lines(adviser)
    assert not {"members-invite", "members-leave"} & set(keys(adviser))
    stranger = signed_in(BERNARD, "territoire", t=KEY)
    assert not stranger.exception and stranger.info and not member_lines(stranger)


def test_the_administrator_sees_the_members_but_neither_invites_nor_leaves(
    repository: Repository,
) -> None:
    space(repository)
    at = signed_in(CHIEF, "territoire", t=KEY)
    assert not at.exception
    assert CLAIRE_SHOWN in "\n".join(m.value for m in at.markdown)
    assert not {"members-invite", "members-leave"} & set(keys(at))


def test_leaving_asks_first_then_the_space_is_no_longer_visible(
    repository: Repository, database_url: str
) -> None:
    space(repository)
    at = signed_in(CLAIRE, "territoire", t=KEY)
    before = row_counts(database_url)
    at.button(key="members-leave").click().run()
    assert not at.exception and at.warning
    at.button(key="members-leave-cancel").click().run()
    assert not at.exception and "members-leave" in keys(at)
    assert row_counts(database_url) == before and is_member(repository, CLAIRE)
    at.button(key="members-leave").click().run()
    at.button(key="members-leave-confirm").click().run()
    assert not at.exception
    assert [s.value for s in at.success] == [t("join.leave.done", "fr", name=NAME)]
    assert not is_member(repository, CLAIRE)
    assert CLAIRE_SHOWN not in "\n".join(m.value for m in at.markdown)
    at.run()  # afterwards: refused, like anyone outside the space
    assert not at.exception and at.info and not at.success
    assert "members-leave" not in keys(at)


def test_a_space_with_nothing_saved_yet_still_shows_its_members(repository: Repository) -> None:
    """Joined before any diagnostic: the space says it is empty, and shows its members."""
    nancy = "245400676"  # Métropole du Grand Nancy: nothing saved for it
    repository.sign_in(Identity(str(CLAIRE["email"])))
    repository.grant_role(CommandLine(), str(CLAIRE["email"]), member(nancy))
    at = signed_in(CLAIRE, "territoire", t=nancy)
    assert not at.exception
    assert [i.value for i in at.info] == [t("space.territory.empty", "fr", key=nancy)]
    assert member_lines(at) and "members-invite" in keys(at)
