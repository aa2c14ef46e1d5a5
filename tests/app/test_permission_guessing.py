"""Guessing from a signed-in session: tokens, territory ids and workshop keys tried at random
or next to real ones reveal nothing, and the messages do not tell a real target from none.

What the app promises, and these tests state:
- a diagnostic's resume link and a participant's link are the keys: a wrong one, random or
  one character off a real one, gets the same « no diagnostic / participation » message;
- a territory's space refuses a territory the visitor may not see with the same message
  whether it was diagnosed here or never was; a SIREN that names no official territory is
  told so (the official list is public), and nothing of any territory shows;
- a workshop's join code is not a secret (the join page says whether it exists), its
  facilitator key is: every wrong key gets the same message and nothing of the workshop,
  then the tries are slowed down.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator

import pytest
from matrix_support import A_NAME, B_NAME, Seen, World, page_path, seeded, session, visit_page

from diagnostic.i18n import t
from diagnostic.storage import throttle
from diagnostic.storage.checks import workshop_not_found, wrong_admin_key
from diagnostic.storage.throttle import FREE, Throttle
from diagnostic.ui.literal import escape_markdown

DOMBES = "200069193"  # CC de la Dombes (Auvergne-Rhône-Alpes): never diagnosed here
LUNEVILLE = "200070324"  # CC du Territoire de Lunéville à Baccarat (Grand Est): nor this one
A, B = "200070563", "245400676"
NOT_OFFICIAL = ("200070564", "200070562", "999999999")  # next to A's SIREN, and made up


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    with seeded(tmp_path_factory.mktemp("guessing")) as found:
        yield found


@pytest.fixture(scope="module")
def participant(world: World) -> str:
    """A participant of A's workshop: their own link's token."""
    return world.repository.join_workshop(world.code, "elu", "Zoé").token


def next_to(token: str) -> str:
    """The same token, its last character changed."""
    return token[:-1] + ("A" if token[-1] != "A" else "B")


def nothing_of_a(seen: Seen, world: World) -> None:
    """No exception, nothing written, nothing of A or B on screen."""
    assert not seen.exception and not seen.written
    for secret in (A_NAME, B_NAME, world.token_a, world.token_b, world.key):
        assert secret not in seen.text


@pytest.mark.parametrize("page", ["diagnostic", "resultats"])
def test_guessed_resume_links_open_nothing(world: World, page: str) -> None:
    guesses = (secrets.token_urlsafe(24), next_to(world.token_a), world.token_a[:-4], "x")
    seen = [visit_page(world, "member_b", page, {"d": guess}) for guess in guesses]
    for one in seen:
        nothing_of_a(one, world)
        assert one.alerts == (t("app.resume.bad_link", "fr"),)


def test_guessed_participant_links_open_nothing(world: World, participant: str) -> None:
    guesses = (secrets.token_urlsafe(24), next_to(participant), next_to(world.token_a))
    seen = [visit_page(world, "member_b", "atelier", {"p": guess}) for guess in guesses]
    for one in seen:
        nothing_of_a(one, world)
        assert "Zoé" not in one.text
    assert len({one.alerts for one in seen}) == 1 and len(seen[0].alerts) == 1


@pytest.mark.parametrize(
    ("visitor", "key", "other"),
    [
        ("no_role", A, DOMBES),
        ("member_b", A, DOMBES),
        ("adviser_x", A, LUNEVILLE),  # neither in its région
        ("adviser_a", B, LUNEVILLE),  # both in its région, neither shares
    ],
)
def test_a_territory_diagnosed_here_is_refused_like_one_never_diagnosed(
    world: World, visitor: str, key: str, other: str
) -> None:
    diagnosed = visit_page(world, visitor, "territoire", {"t": key})
    never = visit_page(world, visitor, "territoire", {"t": other})
    for one in (diagnosed, never):
        nothing_of_a(one, world)
    assert diagnosed.alerts == never.alerts and len(diagnosed.alerts) == 1


@pytest.mark.parametrize("key", NOT_OFFICIAL)
def test_a_siren_next_to_a_real_one_names_no_territory(world: World, key: str) -> None:
    seen = visit_page(world, "member_b", "territoire", {"t": key})
    nothing_of_a(seen, world)
    assert len(seen.alerts) == 1 and key in seen.alerts[0] and "SIREN" in seen.alerts[0]


def test_guessed_facilitator_keys_reveal_nothing_then_are_slowed_down(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(throttle, "CODES", Throttle(clock=lambda: 1000.0))
    wrong = escape_markdown(wrong_admin_key().message("fr"))
    at = session("member_b").run()
    answers: list[tuple[str, ...]] = []
    for guess in (next_to(world.key), world.key[:-1], secrets.token_urlsafe(24), "x") * 3:
        at.query_params["code"] = world.code
        at.query_params["key"] = guess
        at.switch_page(page_path("atelier_animation")).run()
        assert not at.exception
        assert A_NAME not in "\n".join(str(m.value) for m in at.markdown)
        assert not at.tabs and "animation-close" not in [b.key for b in at.button]
        answers.append(tuple(str(e.value) for e in at.error))
    assert answers[:FREE] == [(wrong,)] * FREE  # the same words for every wrong key
    assert all(len(found) == 1 and found[0] != wrong for found in answers[FREE:])
    unknown = visit_page(world, "member_b", "atelier_animation", {"code": "ZZZZZZ", "key": "x"})
    nothing_of_a(unknown, world)
    assert unknown.alerts == (escape_markdown(workshop_not_found("ZZZZZZ").message("fr")),)
