"""The invitation page: what it is for and sign-in first, back to it after signing in, then
« Rejoindre l’espace de … »; unknown, expired, used or another address's invitations each
get their plain message with nothing written; without sign-in, invitations need it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from app_support import go, new_app, screen
from join_support import (
    BERNARD,
    CLAIRE,
    KEY,
    LEA,
    NAME,
    expire,
    is_member,
    row_counts,
    signed_in,
    space,
)
from space_support import AUTH, from_the_network
from streamlit.testing.v1 import AppTest

from diagnostic.accounts import Identity
from diagnostic.i18n import t
from diagnostic.storage import Repository
from diagnostic.storage.sharing import INVITATION_ERRORS
from diagnostic.ui.literal import escape_markdown
from diagnostic.ui.space import returning


@pytest.fixture(autouse=True)
def _network(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    from_the_network(monkeypatch)
    returning.forget_all()
    yield
    returning.forget_all()


def invited(repository: Repository, user: dict[str, object] = BERNARD) -> str:
    """Claire's invitation to Terres Touloises for ``user``'s address: its code."""
    space(repository)
    return repository.invite(Identity(str(CLAIRE["email"])), KEY, str(user["email"]))


def landing(user: dict[str, object]) -> AppTest:
    """A new session on the welcome page, signed in: where st.login returns."""
    at = new_app()
    at.secrets["auth"] = AUTH
    at.user = dict(user)
    return at.run()


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_signed_in_with_the_address_one_joins_and_opens_the_space(
    repository: Repository, lang: str
) -> None:
    code = invited(repository)
    at = signed_in(BERNARD, "invitation", lang=lang, code=code)
    assert not at.exception
    assert escape_markdown(NAME) in screen(at) and not at.error
    assert not is_member(repository, BERNARD)
    at.button(key="invitation-join").click().run()
    assert not at.exception
    assert [s.value for s in at.success] == [t("join.invitation.joined", lang, name=NAME)]
    assert is_member(repository, BERNARD)
    at.button(key="invitation-open-space").click().run()
    assert not at.exception
    assert at.title[0].value == t("space.territory.title", lang)
    assert at.query_params["t"] == KEY
    assert [s.value for s in at.subheader if s.value == t("join.members.title", lang)]


def test_not_signed_in_the_page_says_what_for_and_offers_to_sign_in(
    repository: Repository, database_url: str
) -> None:
    code = invited(repository)
    before = row_counts(database_url)
    at = signed_in(None, "invitation", code=code)
    assert not at.exception
    shown = screen(at)
    assert escape_markdown(NAME) in shown and escape_markdown(str(BERNARD["email"])) in shown
    assert "invitation-signin-proconnect" in [b.key for b in at.button]
    assert "invitation-join" not in [b.key for b in at.button]
    at.button(key="invitation-signin-proconnect").click().run()  # the test provider is down
    assert not at.exception and at.error
    assert row_counts(database_url) == before and not is_member(repository, BERNARD)

    back = landing(BERNARD)  # st.login lands on the welcome page, signed in
    assert not back.exception
    assert back.query_params["code"] == code
    assert "invitation-join" in [b.key for b in back.button]  # back on the invitation
    again = landing(BERNARD)  # once only
    assert "invitation-join" not in [b.key for b in again.button]


def test_someone_else_coming_back_is_not_sent_to_the_invitation(repository: Repository) -> None:
    code = invited(repository)
    at = signed_in(None, "invitation", code=code)
    at.button(key="invitation-signin-proconnect").click().run()
    other = landing(LEA)
    assert not other.exception and "code" not in other.query_params
    assert returning.take(str(BERNARD["email"])) == code  # still kept for Bernard


def test_a_kept_code_lasts_a_while_only() -> None:
    returning.keep("a@exemple.fr", "abc", now=100.0)
    assert returning.take("a@exemple.fr", now=100.0 + returning.KEEP_SECONDS + 1) is None
    returning.keep("a@exemple.fr", "abc", now=100.0)
    assert returning.take("a@exemple.fr", now=101.0) == "abc"
    assert returning.take("a@exemple.fr", now=101.0) is None


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("case", ["unknown", "expired", "used", "other_email"])
def test_a_bad_invitation_gets_its_message_and_nothing_is_written(
    repository: Repository, database_url: str, case: str, lang: str
) -> None:
    code = invited(repository)
    who = BERNARD
    if case == "unknown":
        code = code[:-3] + "xyz"
    elif case == "expired":
        expire(database_url)
    elif case == "used":
        repository.accept_invitation(Identity(str(BERNARD["email"])), code)
    else:
        who = LEA
    before = row_counts(database_url)
    for user in (who, None):
        at = signed_in(user, "invitation", lang=lang, code=code)
        assert not at.exception
        if case == "other_email" and user is None:  # its address is not known yet
            assert not at.error and "invitation-signin-proconnect" in [b.key for b in at.button]
            continue
        assert [e.value for e in at.error] == [INVITATION_ERRORS[case][lang == "en"]]
        assert not {"invitation-join", "invitation-signin-proconnect"} & {b.key for b in at.button}
    assert row_counts(database_url) == before
    assert not is_member(repository, LEA)


def test_a_link_without_its_code(repository: Repository) -> None:
    at = signed_in(BERNARD, "invitation")
    assert not at.exception and [i.value for i in at.info] == [t("join.invitation.no_code", "fr")]


def test_without_sign_in_invitations_need_it(repository: Repository, database_url: str) -> None:
    code = invited(repository)
    before = row_counts(database_url)
    at = new_app().run()
    at.query_params["code"] = code
    go(at, "invitation")
    assert not at.exception
    assert [i.value for i in at.info] == [t("join.invitation.no_signin", "fr")]
    assert NAME not in screen(at) and row_counts(database_url) == before


def test_the_codes_kept_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(returning, "MOST", 3)
    for number in range(5):
        returning.keep(f"p{number}@exemple.fr", f"code{number}", now=float(number))
    assert returning.take("p0@exemple.fr", now=5.0) is None  # the oldest went first
    assert returning.take("p4@exemple.fr", now=5.0) == "code4"
