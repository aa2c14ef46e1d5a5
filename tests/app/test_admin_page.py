"""« Comptes et rôles »: only for the administrator, with sign-in configured; a role granted
or revoked there is in the database at once, a bad input writes nothing, the log shows it."""

from __future__ import annotations

from app_support import go, new_app, screen
from space_support import AUTH, TOUL
from streamlit.testing.v1 import AppTest

from diagnostic.accounts import CommandLine, Identity, admin, member
from diagnostic.export.access_log import access_log_csv
from diagnostic.i18n import t
from diagnostic.storage import Repository

ADMIN = {"is_logged_in": True, "email": "admin@cress-exemple.org", "given_name": "Anne"}
CLAIRE = {"is_logged_in": True, "email": "claire.martin@example.fr", "given_name": "Claire"}


def signed_in(user: dict[str, object], lang: str | None = None) -> AppTest:
    at = new_app(lang)
    at.secrets["auth"] = AUTH
    at.user = dict(user)
    at.run()
    return go(at, "comptes")


def accounts(repository: Repository) -> None:
    """Anne is the administrator, Claire has signed in once and holds no role."""
    for user in (ADMIN, CLAIRE):
        repository.sign_in(Identity(str(user["email"])))
    repository.grant_role(CommandLine(), str(ADMIN["email"]), admin())


def grants_of(repository: Repository, email: object) -> list[tuple[str, str]]:
    users = repository.list_users(CommandLine())
    return [(g.kind, g.scope) for u in users if u.email == email for g in u.grants]


def table_text(at: AppTest) -> str:
    return "\n".join(frame.value.to_string() for frame in at.dataframe)


def grant_member(at: AppTest, siren: str, button: str = "admin-grant") -> AppTest:
    at.text_input(key="admin-email").set_value(str(CLAIRE["email"])).run()
    at.selectbox(key="admin-kind").set_value("member").run()
    at.text_input(key="admin-siren").set_value(siren).run()
    return at.button(key=button).click().run()


def test_without_sign_in_the_page_says_accounts_need_it(repository: Repository) -> None:
    accounts(repository)
    at = go(new_app().run(), "comptes")
    assert not at.exception
    assert [i.value for i in at.info] == [t("admin.no_signin", "fr")]
    assert not at.dataframe and not at.text_input
    assert str(CLAIRE["email"]) not in screen(at)


def test_someone_not_administrator_is_refused_and_sees_nothing(repository: Repository) -> None:
    accounts(repository)
    repository.grant_role(CommandLine(), str(CLAIRE["email"]), member(str(TOUL.siren)))
    at = signed_in(CLAIRE)
    assert not at.exception
    assert [e.value for e in at.error] == [t("accounts.refused.admin_only", "fr")]
    assert not at.dataframe and not at.text_input and not at.get("download_button")
    assert str(ADMIN["email"]) not in screen(at)


def test_the_administrator_lists_grants_and_revokes(repository: Repository) -> None:
    accounts(repository)
    at = signed_in(ADMIN)
    assert not at.exception
    listed = table_text(at)
    assert str(CLAIRE["email"]) in listed and "administrateur" in listed
    assert "aucun rôle" in listed

    grant_member(at, "200 070 563")
    assert not at.exception and at.success
    assert grants_of(repository, CLAIRE["email"]) == [("member", "200070563")]
    assert "membre de CC Terres Touloises (200070563)" in table_text(at)
    assert "Attribution d’un rôle" in table_text(at)  # the log, newest first, shows it

    at.button(key="admin-revoke").click().run()
    assert not at.exception and at.success
    assert grants_of(repository, CLAIRE["email"]) == []
    assert "Retrait d’un rôle" in table_text(at)
    labels = [button.proto.label for button in at.get("download_button")]
    assert labels == [t("admin.log.download", "fr")]


def test_the_log_file_holds_the_grant_newest_first(repository: Repository) -> None:
    accounts(repository)
    repository.grant_role(CommandLine(), str(CLAIRE["email"]), member(str(TOUL.siren)))
    text = access_log_csv(repository.export_access_log(CommandLine())).decode("utf-8-sig")
    rows = text.splitlines()
    assert rows[0].startswith("Date (UTC);Qui;Action")
    assert "Export du journal des accès" in rows[1]  # the export is itself logged
    assert "Attribution d’un rôle" in rows[2] and str(CLAIRE["email"]) in rows[2]


def test_an_adviser_is_chosen_by_region_and_shown_by_its_name(repository: Repository) -> None:
    accounts(repository)
    at = signed_in(ADMIN)
    at.text_input(key="admin-email").set_value(str(CLAIRE["email"])).run()
    at.selectbox(key="admin-kind").set_value("adviser").run()
    at.selectbox(key="admin-region").set_value("44").run()
    at.button(key="admin-grant").click().run()
    assert not at.exception
    assert grants_of(repository, CLAIRE["email"]) == [("adviser", "44")]
    assert "conseiller régional Grand Est" in table_text(at)


def test_a_bad_input_shows_the_storage_message_and_writes_nothing(
    repository: Repository,
) -> None:
    accounts(repository)
    before = repository.access_log(CommandLine())
    at = signed_in(ADMIN)
    grant_member(at, "123456789")
    assert not at.exception and not at.success
    assert at.error and "n’est pas le SIREN" in at.error[0].value
    assert grants_of(repository, CLAIRE["email"]) == []

    at.text_input(key="admin-email").set_value("personne@nulle-part.fr").run()
    at.text_input(key="admin-siren").set_value(str(TOUL.siren)).run()
    at.button(key="admin-grant").click().run()
    assert at.error and "Aucun compte pour « personne" in at.error[0].value
    actions = [e.action for e in repository.access_log(CommandLine())]
    assert len([a for a in actions if a != "view_access_log"]) == len(
        [e for e in before if e.action != "view_access_log"]
    )


def test_the_page_speaks_english_too(repository: Repository) -> None:
    accounts(repository)
    repository.grant_role(CommandLine(), str(CLAIRE["email"]), member(str(TOUL.siren)))
    at = signed_in(ADMIN, "en")
    assert not at.exception
    assert at.title[0].value == "Accounts and roles"
    listed = table_text(at)
    assert "member of CC Terres Touloises (200070563)" in listed and "administrator" in listed
    assert "Granted a role" in listed
