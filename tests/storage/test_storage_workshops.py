"""Workshops: join codes, admin keys, closing, visibility, and complete deletion."""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable

import pytest
from sqlalchemy import create_engine, text
from storage_support import NO_ACCOUNTS, PROFILE, row_counts

from diagnostic.errors import AccessError, AnswersError, NotFoundError
from diagnostic.model import AnswerSheet, QuestionId
from diagnostic.storage import CODE_ALPHABET, Repository

CLOSED_FR = "Cet atelier est clos\u00a0: il ne reçoit plus de réponses."
CLOSED_EN = "This workshop is closed: it no longer takes answers."
WRONG_KEY_FR = "La clé d’animation ne correspond pas à cet atelier."
WRONG_KEY_EN = "This facilitator key does not match this workshop."


def test_a_workshop_has_a_short_code_and_a_secret_key(repo: Repository) -> None:
    workshop, key = repo.create_workshop(PROFILE, ["emploi", "cohesion", "emploi"])
    assert len(workshop.code) == 6 and set(workshop.code) <= set(CODE_ALPHABET)
    assert len(key) >= 32
    assert workshop.motivations == ("emploi", "cohesion")
    assert (workshop.status, workshop.results_visible) == ("open", False)
    assert repo.get_workshop(workshop.code) == workshop
    assert repo.check_admin(workshop.code, key) == workshop
    assert repo.create_workshop(PROFILE)[0].motivations == ()


def test_a_participation_opens_in_one_read(repo: Repository) -> None:
    workshop, key = repo.create_workshop(PROFILE)
    joined = repo.join_workshop(workshop.code, "agent", "Zoé")
    repo.save_answer(joined.token, "q1", 3)
    repo.set_workshop_status(workshop.code, key, "closed")
    record, found, sheet = repo.open_participation(joined.token, "2099.1")
    assert record == repo.get_diagnostic(joined.token)
    assert found == repo.get_workshop(workshop.code) and found.status == "closed"
    assert sheet == repo.load_sheet(joined.token, "2099.1")
    single = repo.create_diagnostic()
    assert repo.open_participation(single.token)[1] is None
    with pytest.raises(NotFoundError):
        repo.open_participation("no-such-token-at-all-0123456789ab")


def test_only_the_hash_of_the_admin_key_is_stored(repo: Repository, database_url: str) -> None:
    _, key = repo.create_workshop(PROFILE)
    engine = create_engine(database_url)
    with engine.connect() as connection:
        stored = connection.execute(text("SELECT admin_key_sha256 FROM workshops")).scalar_one()
    engine.dispose()
    assert stored == hashlib.sha256(key.encode()).hexdigest()


def test_join_codes_ignore_case_spaces_and_dashes(repo: Repository) -> None:
    workshop, _ = repo.create_workshop(PROFILE)
    code = workshop.code
    for typed in (
        code.lower(),
        f" {code[:3]} {code[3:]} ",
        f"{code[:3]}-{code[3:]}",
        f"{code[:3]}\u2013{code[3:].lower()}\n",
    ):
        assert repo.get_workshop(typed) == workshop
        assert repo.join_workshop(typed, "habitant").workshop_code == code


@pytest.mark.parametrize(
    ("typed", "shown"),
    [("zz-zz99", "ZZZZ99"), ("<b>abcdefghijklmnop", "<B>ABCDEFGHI…")],
)
def test_an_unknown_code_says_so(repo: Repository, typed: str, shown: str) -> None:
    with pytest.raises(NotFoundError) as caught:
        repo.get_workshop(typed)
    assert caught.value.message("fr") == (
        f"Aucun atelier ne correspond au code «\u00a0{shown}\u00a0». "
        "Vérifiez le code donné par l’animateur."
    )
    assert caught.value.message("en") == (
        f"No workshop matches the code '{shown}'. Check the code the facilitator gave you."
    )


@pytest.mark.parametrize("typed", ["", " - ", None])
def test_an_empty_code_asks_for_one(repo: Repository, typed: str) -> None:
    with pytest.raises(NotFoundError) as caught:
        repo.join_workshop(typed, "elu")
    assert str(caught.value) == "Saisissez le code de l’atelier donné par l’animateur."
    assert caught.value.message("en") == "Type the workshop code the facilitator gave you."


def test_a_participant_joins_with_a_role_and_a_pseudonym(repo: Repository) -> None:
    workshop, key = repo.create_workshop(PROFILE)
    record = repo.join_workshop(workshop.code, "elu", "  Marie\t\u0007 Curie \n ")
    assert (record.workshop_code, record.role, record.pseudonym) == (
        workshop.code,
        "elu",
        "Marie Curie",
    )
    assert record.profile == dataclasses.replace(PROFILE, respondent_role="elu")
    assert repo.get_diagnostic(record.token) == record
    assert repo.join_workshop(workshop.code, "agent", "   ").pseudonym is None
    assert [p.pseudonym for p in repo.participants(workshop.code, key)] == ["Marie Curie", None]


def test_a_pseudonym_longer_than_40_characters_is_refused(repo: Repository) -> None:
    workshop, _ = repo.create_workshop(PROFILE)
    assert repo.join_workshop(workshop.code, "elu", "é" * 40).pseudonym == "é" * 40
    with pytest.raises(AnswersError) as caught:
        repo.join_workshop(workshop.code, "elu", "x" * 41)
    assert str(caught.value) == (
        "Le pseudonyme dépasse 40 caractères (41)\u00a0: choisissez-en un plus court."
    )
    assert caught.value.message("en") == (
        "The pseudonym is longer than 40 characters (41): choose a shorter one."
    )


def test_the_role_must_be_a_known_one(repo: Repository) -> None:
    workshop, _ = repo.create_workshop(PROFILE)
    with pytest.raises(AnswersError) as caught:
        repo.join_workshop(workshop.code, "maire")  # type: ignore[arg-type]
    assert caught.value.message("en") == (
        "Unknown role 'maire' (expected: elu, agent, acteur_ess, partenaire, habitant, autre)."
    )


def test_the_lifecycle_of_a_workshop(repo: Repository) -> None:
    workshop, key = repo.create_workshop(PROFILE)
    alice = repo.join_workshop(workshop.code, "elu", "Alice").token
    bob = repo.join_workshop(workshop.code, "acteur_ess", "Bob").token
    repo.save_answer(alice, "q01", 4)
    repo.save_comment(alice, "q01", "prioritaire")
    repo.save_answer(bob, "q01", "unknown")

    repo.set_results_visible(workshop.code, key, True)
    assert repo.get_workshop(workshop.code).results_visible is True

    repo.set_workshop_status(workshop.code, key, "closed")
    assert repo.get_workshop(workshop.code).status == "closed"
    for save in (
        lambda: repo.join_workshop(workshop.code, "autre"),
        lambda: repo.save_answer(alice, "q02", 1),
        lambda: repo.save_answer(alice, "q01", None),
        lambda: repo.save_comment(alice, "q01", ""),
        lambda: repo.save_profile(alice, PROFILE),
        lambda: repo.replace_sheet(alice, AnswerSheet(PROFILE)),
    ):
        with pytest.raises(AccessError) as caught:
            save()
        assert (caught.value.message("fr"), caught.value.message("en")) == (CLOSED_FR, CLOSED_EN)
    assert repo.load_sheet(alice).answers == {"q01": 4}  # reading stays possible

    repo.set_workshop_status(workshop.code, key, "open")
    repo.save_answer(alice, "q02", 1)
    carol = repo.join_workshop(workshop.code, "partenaire").token

    sheets = repo.group_sheets(workshop.code)
    assert [(s.token, s.role) for s in sheets] == [
        (alice, "elu"),
        (bob, "acteur_ess"),
        (carol, "partenaire"),
    ]
    assert sheets[0].sheet.answers == {"q01": 4, "q02": 1}
    assert sheets[0].sheet.comments == {"q01": "prioritaire"}
    assert sheets[1].sheet.answers == {"q01": "unknown"}
    assert sheets[2].sheet.answers == {}
    assert sheets[0].sheet.territory.respondent_role == "elu"
    assert repo.participants(workshop.code, key) == sheets
    assert repo.participant_count(workshop.code) == 3
    other, _ = repo.create_workshop(PROFILE)
    assert repo.participant_count(other.code) == 0
    assert repo.participant_count("ZZZZZZ") == 0


def test_a_participant_may_import_a_single_diagnostic(repo: Repository) -> None:
    workshop, key = repo.create_workshop(PROFILE)
    token = repo.join_workshop(workshop.code, "agent").token
    sheet = AnswerSheet(PROFILE, {QuestionId("q01"): 2}, {QuestionId("q01"): "importé"})
    repo.replace_sheet(token, sheet)
    assert repo.participants(workshop.code, key)[0].sheet == sheet


def test_a_wrong_admin_key_opens_nothing(repo: Repository) -> None:
    workshop, key = repo.create_workshop(PROFILE)
    _, other_key = repo.create_workshop(PROFILE)
    repo.join_workshop(workshop.code, "elu")
    code = workshop.code
    calls: list[Callable[[str], object]] = [
        lambda wrong: repo.check_admin(code, wrong),
        lambda wrong: repo.participants(code, wrong),
        lambda wrong: repo.set_workshop_status(code, wrong, "closed"),
        lambda wrong: repo.set_results_visible(code, wrong, True),
        lambda wrong: repo.delete_workshop(code, wrong),
    ]
    for wrong in ("", "nope", key.upper(), other_key, key[:-1]):
        for call in calls:
            with pytest.raises(AccessError) as caught:
                call(wrong)
            assert (caught.value.message("fr"), caught.value.message("en")) == (
                WRONG_KEY_FR,
                WRONG_KEY_EN,
            )
    assert repo.get_workshop(workshop.code).status == "open"
    assert len(repo.participants(workshop.code, f" {key} ")) == 1


def test_an_invalid_status_is_a_programming_error(repo: Repository) -> None:
    workshop, key = repo.create_workshop(PROFILE)
    with pytest.raises(ValueError, match="'open' or 'closed'"):
        repo.set_workshop_status(workshop.code, key, "paused")  # type: ignore[arg-type]


def test_deleting_a_workshop_leaves_no_row_behind(repo: Repository, database_url: str) -> None:
    single = repo.create_diagnostic(PROFILE).token
    repo.save_answer(single, "q01", 1)
    kept, _ = repo.create_workshop(PROFILE)
    repo.save_answer(repo.join_workshop(kept.code, "elu").token, "q01", 2)
    before = row_counts(database_url)

    workshop, key = repo.create_workshop(PROFILE, ["emploi"])
    tokens = [repo.join_workshop(workshop.code, "habitant", f"p{n}").token for n in range(5)]
    for token in tokens:
        repo.save_answer(token, "q01", 3)
        repo.save_comment(token, "q02", "commentaire")
    repo.set_workshop_status(workshop.code, key, "closed")
    repo.set_pacing_mode(workshop.code, key, "paced")

    repo.delete_workshop(workshop.code, key)

    assert (
        row_counts(database_url)
        == before
        == {
            "workshops": 1,
            "workshop_pacing": 0,
            "diagnostics": 2,
            "answers": 2,
            "plan_actions": 0,
            **NO_ACCOUNTS,
            "observatory_figures": 0,
            "pins": 0,
            "retained_answers": 0,
            "hidden_comments": 0,
            "discussion_marks": 0,
            "directory_edits": 0,
        }
    )
    with pytest.raises(NotFoundError):
        repo.get_workshop(workshop.code)
    with pytest.raises(NotFoundError):
        repo.load_sheet(tokens[0])
    assert repo.load_sheet(single).answers == {"q01": 1}


def test_deleting_the_last_workshop_empties_every_table(
    repo: Repository, database_url: str
) -> None:
    workshop, key = repo.create_workshop(PROFILE)
    token = repo.join_workshop(workshop.code, "elu").token
    repo.save_answer(token, "q01", 3)
    repo.delete_workshop(workshop.code, key)
    assert set(row_counts(database_url).values()) == {0}
