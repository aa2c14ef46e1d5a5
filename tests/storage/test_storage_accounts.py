"""Accounts in the database: roles, sharing, invitations, the access log, forgetting."""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select
from storage_support import PROFILE, row_counts

from diagnostic.accounts import FORGOTTEN, CommandLine, Identity, admin, adviser, member
from diagnostic.errors import AccessError, AccountError
from diagnostic.storage import Repository
from diagnostic.storage.tables import metadata

HERE = "245400676"  # Métropole du Grand Nancy, région 44
PETR = "999999998"  # a well-formed SIREN outside the official communes and EPCI
CLI = CommandLine()
MEMBER = Identity("camille@grand-nancy.fr", "Camille Martin")
ADVISER = Identity("lea@cress-grandest.org", "Léa")
NOBODY = Identity("sans.role@exemple.fr", "Sans rôle")
NANCY = dataclasses.replace(PROFILE, name="Métropole du Grand Nancy", type="metropole", siren=HERE)


def _space(repo: Repository) -> str:
    """Accounts for a member of HERE and a CRESS adviser of 44; a diagnostic in HERE."""
    for identity in (MEMBER, ADVISER, NOBODY):
        repo.sign_in(identity)
    repo.grant_role(CLI, MEMBER.email, member(HERE))
    repo.grant_role(CLI, ADVISER.email, adviser("44"))
    token = repo.create_diagnostic(NANCY).token
    repo.save_answer(token, "q01", 2)
    assert repo.attach_diagnostic(MEMBER, token, HERE)
    return token


def test_signing_in_creates_the_account_once(repo: Repository) -> None:
    assert repo.sign_in(MEMBER).grants == frozenset()
    repo.sign_in(dataclasses.replace(MEMBER, display_name="Camille M."))
    users = repo.list_users(CLI)
    assert [(user.email, user.display_name) for user in users] == [(MEMBER.email, "Camille M.")]


def test_administrators_named_in_configuration(
    repo: Repository, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DIAGNOSTIC_ADMINS", "Chef@Exemple.fr, autre@exemple.fr")
    roles = repo.sign_in(Identity("chef@exemple.fr"))
    assert roles.is_admin
    assert repo.list_users(Identity("chef@exemple.fr"))[0].email == "chef@exemple.fr"
    assert not repo.sign_in(NOBODY).is_admin


def test_granting_and_revoking_take_effect_at_once_and_are_logged(repo: Repository) -> None:
    _space(repo)
    assert repo.roles_of(MEMBER).member_of(HERE)  # type: ignore[union-attr]
    assert not repo.grant_role(CLI, MEMBER.email, member(HERE))  # already held
    assert repo.grant_role(CLI, NOBODY.email, admin())
    assert repo.revoke_role(CLI, NOBODY.email, admin())
    assert not repo.revoke_role(CLI, NOBODY.email, admin())
    assert repo.revoke_role(CLI, MEMBER.email, member(HERE))
    with pytest.raises(AccessError):
        repo.territory_items(MEMBER, HERE)
    actions = [(entry.action, entry.actor) for entry in repo.access_log(CLI)]
    assert actions[:4] == [
        ("view_access_log", "ligne de commande"),  # this very read of the whole log
        ("revoke_role", "ligne de commande"),
        ("revoke_role", "ligne de commande"),
        ("grant_role", "ligne de commande"),
    ]
    assert repo.access_log(CLI, HERE)[1].action == "revoke_role"


@pytest.mark.parametrize(
    ("email", "grant", "message"),
    [
        ("inconnu@exemple.fr", admin(), "Aucun compte pour"),
        ("pas une adresse", admin(), "Aucun compte"),
        (MEMBER.email, member("123456789"), "n’est pas le SIREN"),
        (MEMBER.email, member(PETR), "n’est pas le SIREN"),
        (MEMBER.email, adviser("99"), "n’est pas un code de région"),
    ],
)
def test_bad_grants_write_nothing(
    repo: Repository, database_url: str, email: str, grant: object, message: str
) -> None:
    repo.sign_in(MEMBER)
    before = row_counts(database_url)
    with pytest.raises(AccountError, match=message):
        repo.grant_role(CLI, email, grant)  # type: ignore[arg-type]
    assert row_counts(database_url) == before


def test_a_pays_petr_is_known_from_its_diagnostics(repo: Repository) -> None:
    with pytest.raises(AccountError):
        repo.territory(PETR)
    petr = dataclasses.replace(PROFILE, name="PETR du Lunévillois", type="pays_petr", siren=PETR)
    repo.create_diagnostic(petr)
    found = repo.territory(PETR)
    assert (found.kind, found.name, found.region, found.joinable) == (
        "pays_petr",
        "PETR du Lunévillois",
        "44",
        False,
    )


def test_sharing_opens_the_territory_to_its_regions_advisers_until_revoked(
    repo: Repository,
) -> None:
    token = _space(repo)
    with pytest.raises(AccessError, match="n’a pas choisi de partager"):
        repo.territory_items(ADVISER, HERE)
    shared = repo.share_with_region(MEMBER, HERE)
    assert (shared.region, shared.decided_by, shared.active) == ("44", MEMBER.email, True)
    assert repo.shared_territories(ADVISER, "44") == [HERE]
    items = repo.territory_items(ADVISER, HERE)
    assert [(item.kind, item.reference) for item in items] == [("diagnostic", "")]  # no token
    assert repo.attached_sheet(ADVISER, HERE, items[0].id).answers == {"q01": 2}
    assert repo.territory_items(MEMBER, HERE)[0].reference == token
    assert repo.revoke_share(MEMBER, HERE)
    assert not repo.revoke_share(MEMBER, HERE)
    with pytest.raises(AccessError):
        repo.territory_items(ADVISER, HERE)
    assert repo.shared_territories(ADVISER, "44") == []
    history = repo.sharing_history(MEMBER, HERE)
    assert len(history) == 1 and history[0].revoked_by == MEMBER.email
    assert history[0].revoked_at is not None and history[0].revoked_at >= history[0].decided_at
    log = [(entry.actor, entry.action) for entry in repo.access_log(MEMBER, HERE)]
    assert (MEMBER.email, "share_with_region") in log
    assert (MEMBER.email, "revoke_share") in log
    assert (ADVISER.email, "view_territory") in log  # a read of another territory's data
    assert (MEMBER.email, "view_territory") not in log  # a member reading their own


def test_an_adviser_creates_workshops_for_a_sharing_territory_only(repo: Repository) -> None:
    _space(repo)
    workshop, key = repo.create_workshop(NANCY)
    with pytest.raises(AccessError):
        repo.attach_workshop(ADVISER, workshop.code, key, HERE)
    repo.share_with_region(MEMBER, HERE)
    with pytest.raises(AccessError):
        repo.attach_workshop(ADVISER, workshop.code, "mauvaise-clé-mauvaise-clé", HERE)
    assert repo.attach_workshop(ADVISER, workshop.code, key, HERE)
    kinds = [(item.kind, item.reference) for item in repo.territory_items(MEMBER, HERE)]
    assert ("workshop", workshop.code) in kinds


def test_invitations_work_once_for_their_address_and_seven_days(repo: Repository) -> None:
    _space(repo)
    token = repo.invite(MEMBER, HERE, "  Nouveau@Grand-Nancy.fr ")
    newcomer = Identity("nouveau@grand-nancy.fr", "Nouveau")
    repo.sign_in(newcomer)
    with pytest.raises(AccountError, match="autre adresse"):
        repo.accept_invitation(NOBODY, token)
    late = dt.datetime.now(dt.UTC) + dt.timedelta(days=7, minutes=1)
    with pytest.raises(AccountError, match="a expiré"):
        repo.accept_invitation(newcomer, token, now=late)
    assert repo.accept_invitation(newcomer, token).key == HERE
    assert repo.roles_of(newcomer).member_of(HERE)  # type: ignore[union-attr]
    with pytest.raises(AccountError, match="déjà servi"):
        repo.accept_invitation(newcomer, token)
    with pytest.raises(AccountError, match="n’existe pas"):
        repo.accept_invitation(newcomer, "x" * 43)
    with pytest.raises(AccountError, match="n’est pas une adresse"):
        repo.invite(MEMBER, HERE, "personne")


def test_a_siret_joins_its_territory_and_a_member_can_leave(repo: Repository) -> None:
    _space(repo)
    agent = Identity("agent@grand-nancy.fr", "Agent", siret="24540067600017")
    repo.sign_in(agent)
    assert repo.join_by_siret(agent, HERE).key == HERE
    repo.leave_territory(agent, HERE)
    assert not repo.roles_of(agent).member_of(HERE)  # type: ignore[union-attr]
    stranger = Identity("x@exemple.fr", "X", siret="13002526500013")
    repo.sign_in(stranger)
    with pytest.raises(AccessError, match="SIRET ne correspond pas"):
        repo.join_by_siret(stranger, HERE)


def test_forgetting_a_user_erases_their_address_everywhere(
    repo: Repository, database_url: str
) -> None:
    _space(repo)
    repo.share_with_region(MEMBER, HERE)
    repo.territory_items(ADVISER, HERE)
    repo.invite(MEMBER, HERE, ADVISER.email)
    repo.forget_user(CLI, MEMBER.email)
    repo.forget_user(CLI, ADVISER.email)
    with pytest.raises(AccountError, match="Aucun compte"):
        repo.forget_user(CLI, MEMBER.email)
    text = _everything(database_url)
    assert MEMBER.email not in text and ADVISER.email not in text
    assert NOBODY.email in text  # the others are kept
    entries = repo.access_log(CLI)
    assert [entry.action for entry in entries[:3]] == [
        "view_access_log",
        "forget_user",
        "forget_user",
    ]
    assert entries[1].detail == "compte supprimé à sa demande"
    assert any(entry.actor == FORGOTTEN for entry in entries)
    assert any(entry.detail.endswith(f": {FORGOTTEN}") for entry in entries)
    assert repo.sharing_history(CLI, HERE)[0].decided_by == FORGOTTEN


def _everything(url: str) -> str:
    """Every row of every table, as one text."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return repr([connection.execute(select(t)).all() for t in metadata.sorted_tables])
    finally:
        engine.dispose()


def test_guessing_an_item_of_another_space_reveals_nothing(repo: Repository) -> None:
    _space(repo)
    other = "243500139"  # Rennes Métropole
    stranger = Identity("agent@rennes.fr", "Agent")
    repo.sign_in(stranger)
    repo.grant_role(CLI, stranger.email, member(other))
    item = repo.territory_items(MEMBER, HERE)[0].id
    with pytest.raises(AccountError, match="pas dans l’espace de ce territoire"):
        repo.attached_sheet(stranger, other, item)
    with pytest.raises(AccessError):
        repo.attached_sheet(stranger, HERE, item)


def test_deleting_an_attached_diagnostic_empties_its_place(
    repo: Repository, database_url: str
) -> None:
    token = _space(repo)
    repo.delete_diagnostic(token)
    assert repo.territory_items(MEMBER, HERE) == []
    assert row_counts(database_url)["territory_items"] == 0


def test_an_invitation_used_twice_at_once_works_once(repo: Repository) -> None:
    _space(repo)
    newcomer = Identity("nouveau@grand-nancy.fr", "Nouveau")
    repo.sign_in(newcomer)
    token = repo.invite(MEMBER, HERE, newcomer.email)
    barrier = threading.Barrier(4)

    def accept() -> str:
        barrier.wait()
        try:
            repo.accept_invitation(newcomer, token)
        except AccountError as error:
            return str(error)
        return "ok"

    with ThreadPoolExecutor(4) as pool:
        outcomes = sorted(pool.map(lambda _: accept(), range(4)))
    assert outcomes[-1] == "ok" and outcomes.count("ok") == 1
    assert all("déjà servi" in outcome for outcome in outcomes[:-1])


def test_first_sign_ins_at_once_make_one_account(repo: Repository) -> None:
    barrier = threading.Barrier(4)

    def sign_in(_: int) -> bool:
        barrier.wait()
        return repo.sign_in(MEMBER).grants == frozenset()

    with ThreadPoolExecutor(4) as pool:
        assert all(pool.map(sign_in, range(4)))
    assert [user.email for user in repo.list_users(CLI)] == [MEMBER.email]


def test_may_decides_without_writing(repo: Repository, database_url: str) -> None:
    _space(repo)
    before = row_counts(database_url)
    assert repo.may(MEMBER, "edit_diagnostic", HERE).allowed
    refused = repo.may(ADVISER, "view_territory", HERE)
    assert (refused.allowed, refused.reason_key) == (False, "accounts.refused.not_shared")
    assert repo.may(None, "list_own_space").reason_key == "accounts.refused.sign_in"
    assert repo.may(ADVISER, "view_portfolio", region="44").allowed
    assert row_counts(database_url) == before
    with pytest.raises(AccountError):
        repo.may(MEMBER, "view_territory", "pas un siren")


def test_a_forgotten_address_leaves_no_trace_in_the_sqlite_files(
    repo: Repository, database_url: str
) -> None:
    if not database_url.startswith("sqlite"):
        pytest.skip("the files of a PostgreSQL server are not ours to read")
    _space(repo)
    repo.share_with_region(MEMBER, HERE)
    repo.invite(MEMBER, HERE, "collegue@grand-nancy.fr")
    repo.forget_user(CLI, MEMBER.email)
    base = Path(database_url.removeprefix("sqlite:///"))
    files = [path for path in base.parent.iterdir() if path.name.startswith(base.name)]
    assert files
    for path in files:
        assert MEMBER.email.encode() not in path.read_bytes(), path.name
