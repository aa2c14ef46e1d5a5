"""The regional directory in the database: edits over the shipped rows, revert, the gate."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from storage_support import row_counts

from diagnostic.accounts import CommandLine, Identity, adviser
from diagnostic.errors import AccessError, AccountError
from diagnostic.storage import Repository
from diagnostic.territory.contacts import Contact

BRETAGNE = "53"
CLI = CommandLine()
ADVISER = Identity("lea@cress-bretagne.org", "Léa")
OTHER_ADVISER = Identity("paul@cress-grandest.org", "Paul")
NOBODY = Identity("sans.role@exemple.fr", "Sans rôle")
DAY = dt.date(2026, 11, 30)
# Over the shipped « CRESS Bretagne » row (région 53, whole région, cress).
CRESS = Contact(
    BRETAGNE,
    None,
    "cress",
    "CRESS Bretagne — antenne de Rennes",
    "https://www.ess-bretagne.org",
    "https://www.ess-bretagne.org/contact",
    DAY,
)
# A row the shipped directory does not hold: the DLA of Ille-et-Vilaine.
DLA = Contact(
    BRETAGNE,
    "35",
    "dla",
    "DLA d’Ille-et-Vilaine",
    "https://www.dla35.example.org",
    "https://www.dla35.example.org/qui-sommes-nous",
    DAY,
)


def _advisers(repo: Repository) -> None:
    for identity in (ADVISER, OTHER_ADVISER, NOBODY):
        repo.sign_in(identity)
    repo.grant_role(CLI, ADVISER.email, adviser(BRETAGNE))
    repo.grant_role(CLI, OTHER_ADVISER.email, adviser("44"))


def _origins(repo: Repository) -> dict[tuple[str | None, str], tuple[str, str]]:
    """The région's rows but its shipped union of Scop and Scic and France Active
    association, which no test edits."""
    rows = repo.region_directory(BRETAGNE)
    return {
        (r.contact.departement, r.contact.provider): (r.origin, r.contact.name)
        for r in rows
        if r.contact.provider not in ("urscop", "france_active")
    }


def test_an_edit_replaces_the_shipped_row_and_an_added_row_comes_beside(
    repo: Repository,
) -> None:
    _advisers(repo)
    assert _origins(repo) == {(None, "cress"): ("shipped", "CRESS Bretagne")}
    assert repo.save_directory_row(ADVISER, CRESS) == "edited"
    assert repo.save_directory_row(ADVISER, DLA) == "added"
    assert _origins(repo) == {
        (None, "cress"): ("edited", CRESS.name),
        ("35", "dla"): ("added", DLA.name),
    }
    union = [r for r in repo.region_directory(BRETAGNE) if r.contact.provider == "urscop"]
    assert [r.origin for r in union] == ["shipped"]  # the rows not edited stay as shipped
    edited = repo.region_directory(BRETAGNE)[0]
    assert edited.shipped is not None and edited.shipped.name == "CRESS Bretagne"
    assert edited.edit is not None and edited.edit.edited_by == ADVISER.email
    assert [edit.contact for edit in repo.directory_edits(BRETAGNE)] == [CRESS, DLA]
    assert repo.directory_edits("44") == ()


def test_saving_the_same_key_again_replaces_the_edit(repo: Repository) -> None:
    _advisers(repo)
    repo.save_directory_row(ADVISER, DLA)
    renamed = dataclasses.replace(DLA, name="DLA 35")
    assert repo.save_directory_row(ADVISER, renamed) == "added"
    assert [edit.contact for edit in repo.directory_edits(BRETAGNE)] == [renamed]


def test_revert_brings_the_shipped_row_back_and_delete_drops_an_added_row(
    repo: Repository,
) -> None:
    _advisers(repo)
    repo.save_directory_row(ADVISER, CRESS)
    repo.save_directory_row(ADVISER, DLA)
    repo.remove_directory_edit(ADVISER, BRETAGNE, None, "cress")
    repo.remove_directory_edit(ADVISER, BRETAGNE, "35", "dla")
    assert _origins(repo) == {(None, "cress"): ("shipped", "CRESS Bretagne")}
    with pytest.raises(AccountError, match="rien à rétablir"):
        repo.remove_directory_edit(ADVISER, BRETAGNE, None, "cress")


@pytest.mark.parametrize(
    "actor", [None, NOBODY, OTHER_ADVISER], ids=["anonymous", "no_role", "other"]
)
def test_a_refused_actor_writes_nothing(
    repo: Repository, database_url: str, actor: Identity | None
) -> None:
    _advisers(repo)
    repo.save_directory_row(ADVISER, DLA)
    before = row_counts(database_url)
    with pytest.raises(AccessError):
        repo.save_directory_row(actor, CRESS)
    with pytest.raises(AccessError):
        repo.remove_directory_edit(actor, BRETAGNE, "35", "dla")
    assert row_counts(database_url) == before
    assert [edit.contact for edit in repo.directory_edits(BRETAGNE)] == [DLA]


def test_each_change_writes_one_access_log_line(repo: Repository) -> None:
    _advisers(repo)
    repo.save_directory_row(ADVISER, CRESS)
    repo.save_directory_row(CLI, DLA)
    repo.remove_directory_edit(ADVISER, BRETAGNE, None, "cress")
    newest_first = [e for e in repo.access_log(CLI) if e.action == "edit_directory"]
    lines = newest_first[::-1]
    assert [(e.actor, e.territory) for e in lines] == [
        (ADVISER.email, None),
        ("ligne de commande", None),
        (ADVISER.email, None),
    ]
    assert [e.detail for e in lines] == [
        "annuaire région 53, cress : « CRESS Bretagne — antenne de Rennes », "
        "remplace la ligne livrée",
        "annuaire région 53, département 35, dla : « DLA d’Ille-et-Vilaine », ligne ajoutée",
        "annuaire région 53, cress : modification retirée",
    ]


def test_a_missing_edit_or_an_unknown_region_writes_no_log_line(repo: Repository) -> None:
    _advisers(repo)
    with pytest.raises(AccountError):
        repo.remove_directory_edit(ADVISER, BRETAGNE, "35", "dla")
    with pytest.raises(AccountError):
        repo.save_directory_row(CLI, dataclasses.replace(DLA, region="99"))
    assert [e for e in repo.access_log(CLI) if e.action == "edit_directory"] == []


def test_the_regions_one_may_edit(repo: Repository) -> None:
    _advisers(repo)
    assert repo.directory_regions(ADVISER) == (BRETAGNE,)
    assert repo.directory_regions(NOBODY) == ()
    assert repo.directory_regions(None) == ()
    assert BRETAGNE in repo.directory_regions(CLI) and len(repo.directory_regions(CLI)) > 10
