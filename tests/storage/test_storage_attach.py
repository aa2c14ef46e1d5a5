"""Attaching a diagnostic to its territory's space, by its link or from an answers file: only
a diagnostic of that territory, by a member or the administrator; a refusal writes nothing."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from storage_support import PROFILE, row_counts

from diagnostic.accounts import CommandLine, Identity, admin, member
from diagnostic.errors import AccessError, AccountError, AnswersError, NotFoundError
from diagnostic.model import AnswerSheet, PlanAction, Quarter
from diagnostic.storage import Repository
from diagnostic.typography import french_spacing

HERE = "245400676"  # Métropole du Grand Nancy
RENNES = "243500139"  # Rennes Métropole
CLI = CommandLine()
MEMBER = Identity("camille@grand-nancy.fr", "Camille")
ADMIN = Identity("admin@cress.example.org", "Anne")
STRANGER = Identity("agent@rennes.fr", "Agent")
NANCY = dataclasses.replace(PROFILE, name="Métropole du Grand Nancy", type="metropole", siren=HERE)
RENNES_PROFILE = dataclasses.replace(
    PROFILE, name="Rennes Métropole", type="metropole", siren=RENNES, departement="35"
)
LINE = PlanAction("a1", "Ouvrir un tiers-lieu", dt.date(2026, 3, 1), quarter=Quarter(2027, 2))


def _people(repo: Repository) -> None:
    for identity in (MEMBER, ADMIN, STRANGER):
        repo.sign_in(identity)
    repo.grant_role(CLI, MEMBER.email, member(HERE))
    repo.grant_role(CLI, ADMIN.email, admin())
    repo.grant_role(CLI, STRANGER.email, member(RENNES))


def _unchanged(repo: Repository, url: str, act: object) -> Exception:
    """Run ``act``, which must fail, and check that no table changed; the error."""
    before = row_counts(url)
    with pytest.raises((AccountError, AccessError, AnswersError, NotFoundError)) as caught:
        act()  # type: ignore[operator]
    assert row_counts(url) == before
    return caught.value


def test_a_member_attaches_a_diagnostic_of_the_territory_once(
    repo: Repository, database_url: str
) -> None:
    _people(repo)
    token = repo.create_diagnostic(NANCY).token
    assert repo.attachment_of(token) is None
    assert repo.attach_diagnostic(MEMBER, token, HERE)
    assert repo.attachment_of(token) == HERE
    assert not repo.attach_diagnostic(MEMBER, token, HERE)  # already there: nothing more
    items = repo.territory_items(MEMBER, HERE)
    assert [(i.kind, i.reference, i.attached_by) for i in items] == [
        ("diagnostic", token, MEMBER.email)
    ]
    log = [(e.actor, e.action) for e in repo.access_log(MEMBER, HERE)]
    assert (MEMBER.email, "attach_diagnostic") in log


def test_the_administrator_attaches_too(repo: Repository) -> None:
    _people(repo)
    token = repo.create_diagnostic(NANCY).token
    assert repo.attach_diagnostic(ADMIN, token, HERE)
    assert repo.territory_items(MEMBER, HERE)[0].attached_by == ADMIN.email


def test_a_diagnostic_of_another_territory_is_refused_and_named(
    repo: Repository, database_url: str
) -> None:
    _people(repo)
    token = repo.create_diagnostic(RENNES_PROFILE).token
    error = _unchanged(repo, database_url, lambda: repo.attach_diagnostic(MEMBER, token, HERE))
    assert isinstance(error, AccountError)
    assert french_spacing("« Rennes Métropole » (SIREN 243500139)") in error.message("fr")
    assert "Rennes Métropole (SIREN 243500139)" in error.message("en")


@pytest.mark.parametrize("case", ["no_profile", "participant", "unknown", "not_member"])
def test_what_cannot_be_attached_writes_nothing(
    case: str, repo: Repository, database_url: str
) -> None:
    _people(repo)
    actor = MEMBER
    if case == "no_profile":
        token = repo.create_diagnostic().token
    elif case == "participant":
        workshop, _ = repo.create_workshop(NANCY)
        token = repo.join_workshop(workshop.code, "elu").token
    elif case == "unknown":
        token = "x" * 32
    else:
        token, actor = repo.create_diagnostic(NANCY).token, STRANGER
    error = _unchanged(repo, database_url, lambda: repo.attach_diagnostic(actor, token, HERE))
    expected = {
        "no_profile": "ne nomme pas encore son territoire",
        "participant": "participation à un atelier",
        "unknown": "Aucun diagnostic ne correspond",
        "not_member": "",
    }[case]
    assert french_spacing(expected) in error.message("fr")
    assert isinstance(error, AccessError) == (case == "not_member")


def test_a_diagnostic_attached_elsewhere_stays_there(repo: Repository, database_url: str) -> None:
    _people(repo)
    token = repo.create_diagnostic(NANCY).token
    repo.attach_diagnostic(MEMBER, token, HERE)
    repo.save_profile(token, RENNES_PROFILE)  # renamed to another territory afterwards
    error = _unchanged(repo, database_url, lambda: repo.attach_diagnostic(STRANGER, token, RENNES))
    assert "déjà rattaché à un autre territoire" in error.message("fr")
    assert repo.attachment_of(token) == HERE


def test_a_file_of_the_territory_becomes_an_attached_diagnostic(repo: Repository) -> None:
    _people(repo)
    sheet = AnswerSheet(
        NANCY, {"q01": 2, "q02": "unknown"}, {"q01": "« vu »"}, "2026.1", plan=(LINE,)
    )
    token = repo.import_diagnostic(MEMBER, sheet, HERE)
    saved = repo.load_sheet(token)
    assert (dict(saved.answers), dict(saved.comments)) == (dict(sheet.answers), {"q01": "« vu »"})
    assert saved.plan == (LINE,)
    assert saved.territory.siren == HERE
    assert repo.attachment_of(token) == HERE
    log = [(e.actor, e.action, e.detail) for e in repo.access_log(MEMBER, HERE)]
    assert (MEMBER.email, "attach_diagnostic", "diagnostic importé d’un fichier") in log


@pytest.mark.parametrize("case", ["other", "unnamed", "bad_answer", "not_member"])
def test_a_refused_file_writes_nothing(case: str, repo: Repository, database_url: str) -> None:
    _people(repo)
    sheet, actor = AnswerSheet(NANCY, {"q01": 2}), MEMBER
    if case == "other":
        sheet = AnswerSheet(RENNES_PROFILE, {"q01": 2})
    elif case == "unnamed":
        sheet = AnswerSheet(dataclasses.replace(NANCY, siren=None), {"q01": 2})
    elif case == "bad_answer":
        sheet = AnswerSheet(NANCY, {"q01": 2, "Pas-une-question": 2})  # type: ignore[dict-item]
    else:
        actor = STRANGER
    error = _unchanged(repo, database_url, lambda: repo.import_diagnostic(actor, sheet, HERE))
    expected = {
        "other": "Ce fichier porte sur « Rennes Métropole »",
        "unnamed": "ne nomme pas de territoire",
        "bad_answer": "",
        "not_member": "",
    }[case]
    assert french_spacing(expected) in error.message("fr")
