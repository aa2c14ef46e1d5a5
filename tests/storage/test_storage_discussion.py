"""The discussion in the database: the adviser key alone writes it, it lasts, it is changeable."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from storage_support import PROFILE, row_counts

from diagnostic.errors import AccessError, AnswersError
from diagnostic.model import DECLINED, UNKNOWN
from diagnostic.referentiel.load import load_referentiel
from diagnostic.storage import Repository, close_repositories, open_repository, throttle
from diagnostic.storage.throttle import Throttle
from diagnostic.workshop.discussion import comment_ref

MINI = load_referentiel(Path(__file__).resolve().parent.parent / "data" / "ok")
DISCUSSION_TABLES = ("retained_answers", "hidden_comments", "discussion_marks")


def workshop_with_comment(repo: Repository) -> tuple[str, str, str]:
    """A workshop, its key and the reference of one participant's comment on emploi_clauses."""
    workshop, key = repo.create_workshop(PROFILE)
    joined = repo.join_workshop(workshop.code, "elu")
    repo.save_answer(joined.token, "emploi_clauses", 1)
    repo.save_comment(joined.token, "emploi_clauses", "On en parle depuis 2019")
    return workshop.code, key, comment_ref(joined.token, "emploi_clauses")


def test_a_retained_answer_is_recorded_changed_and_forgotten(repo: Repository) -> None:
    code, key, _ = workshop_with_comment(repo)
    kept = repo.retain_answer(code, key, MINI, "emploi_clauses", 2, " retenu après débat ")
    assert (kept.answer, kept.note, kept.recorded_by) == (2, "retenu après débat", "adviser")
    repo.retain_answer(code, key, MINI, "emploi_clauses", UNKNOWN)
    repo.retain_answer(code, key, MINI, "innov_tiers_lieux", DECLINED, "hors sujet ici")
    retained = repo.discussion(code).retained
    assert {q: (r.answer, r.note) for q, r in retained.items()} == {
        "emploi_clauses": (UNKNOWN, ""),
        "innov_tiers_lieux": (DECLINED, "hors sujet ici"),
    }
    repo.forget_retained(code, key, "emploi_clauses")
    assert set(repo.discussion(code).retained) == {"innov_tiers_lieux"}


def test_a_comment_is_hidden_then_shown_again(repo: Repository) -> None:
    code, key, ref = workshop_with_comment(repo)
    repo.set_comment_hidden(code, key, "emploi_clauses", ref, True)
    repo.set_comment_hidden(code, key, "emploi_clauses", ref, True)
    assert repo.discussion(code).hidden == {ref}
    repo.set_comment_hidden(code, key, "emploi_clauses", ref, False)
    assert repo.discussion(code).hidden == frozenset()
    with pytest.raises(AnswersError, match="n’existe plus"):
        repo.set_comment_hidden(code, key, "emploi_clauses", "0" * 16, True)


def test_marks_a_creuser_on_a_question_and_on_a_comment(repo: Repository) -> None:
    code, key, ref = workshop_with_comment(repo)
    repo.mark_to_dig(code, key, "emploi_chiffres", note="revoir les chiffres")
    repo.mark_to_dig(code, key, "emploi_clauses", ref)
    repo.mark_to_dig(code, key, "emploi_chiffres", note="avec l’INSEE")
    marks = repo.discussion(code).marks
    assert [(m.question, m.comment, m.note) for m in marks] == [
        ("emploi_chiffres", None, "avec l’INSEE"),
        ("emploi_clauses", ref, ""),
    ]
    repo.mark_to_dig(code, key, "emploi_clauses", ref, marked=False)
    assert [m.question for m in repo.discussion(code).marks] == ["emploi_chiffres"]


def refused_writes(code: str, ref: str) -> list[Callable[[Repository, str], object]]:
    return [
        lambda repo, key: repo.retain_answer(code, key, MINI, "emploi_clauses", 2, "x"),
        lambda repo, key: repo.forget_retained(code, key, "emploi_clauses"),
        lambda repo, key: repo.set_comment_hidden(code, key, "emploi_clauses", ref, True),
        lambda repo, key: repo.mark_to_dig(code, key, "emploi_clauses", None, "x"),
    ]


def test_without_the_adviser_key_nothing_is_written(repo: Repository, database_url: str) -> None:
    code, key, ref = workshop_with_comment(repo)
    repo.retain_answer(code, key, MINI, "emploi_chiffres", 0)
    _, other_key = repo.create_workshop(PROFILE)
    before = row_counts(database_url)
    for write in refused_writes(code, ref):
        for wrong in ("", "not-the-key", other_key):
            with pytest.raises(AccessError) as caught:
                write(repo, wrong)
            assert caught.value.message_fr == "La clé d’animation ne correspond pas à cet atelier."
    assert row_counts(database_url) == before
    assert {q: r.answer for q, r in repo.discussion(code).retained.items()} == {
        "emploi_chiffres": 0
    }


def test_wrong_keys_count_as_guesses(repo: Repository, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(throttle, "CODES", Throttle(free=2, lock_after=2))
    code, key, _ = workshop_with_comment(repo)
    client = "browser-session-of-a-guesser"
    for _ in range(2):
        with pytest.raises(AccessError, match="La clé d’animation"):
            repo.retain_answer(code, "guess", MINI, "emploi_clauses", 1, client=client)
    with pytest.raises(AccessError, match="Trop de codes erronés"):
        repo.retain_answer(code, key, MINI, "emploi_clauses", 1, client=client)
    assert repo.discussion(code).retained == {}


def test_a_bad_answer_is_refused_and_nothing_written(repo: Repository, database_url: str) -> None:
    code, key, _ = workshop_with_comment(repo)
    before = row_counts(database_url)
    for answer in (DECLINED, 9, "beaucoup"):
        with pytest.raises(AnswersError):
            repo.retain_answer(code, key, MINI, "emploi_clauses", answer)  # type: ignore[arg-type]
    with pytest.raises(AnswersError):
        repo.mark_to_dig(code, key, "emploi_clauses", note="x" * 10_001)
    assert row_counts(database_url) == before


def test_a_workshop_on_some_motivations_refuses_the_others(repo: Repository) -> None:
    workshop, key = repo.create_workshop(PROFILE, ["emploi"])
    with pytest.raises(AnswersError, match="ne fait pas partie de cet atelier"):
        repo.retain_answer(workshop.code, key, MINI, "innov_priorite", 1)


def test_a_closed_workshop_still_takes_the_discussion(repo: Repository) -> None:
    code, key, ref = workshop_with_comment(repo)
    repo.set_workshop_status(code, key, "closed")
    repo.retain_answer(code, key, MINI, "emploi_clauses", 3, "décidé après le vote")
    repo.set_comment_hidden(code, key, "emploi_clauses", ref, True)
    repo.mark_to_dig(code, key, "emploi_clauses")
    found = repo.discussion(code)
    assert (found.retained["emploi_clauses"].answer, found.hidden, len(found.marks)) == (
        3,
        {ref},
        1,
    )


def test_the_discussion_survives_a_new_repository(database_url: str) -> None:
    repo = open_repository(database_url)
    code, key, ref = workshop_with_comment(repo)
    repo.retain_answer(code, key, MINI, "emploi_clauses", 2, "note")
    repo.set_comment_hidden(code, key, "emploi_clauses", ref, True)
    repo.mark_to_dig(code, key, "emploi_clauses", ref, "à revoir")
    close_repositories()
    again = open_repository(database_url)
    found = again.discussion(code)
    assert found.retained["emploi_clauses"].note == "note"
    assert found.hidden == {ref}
    assert found.marked("emploi_clauses", ref) is not None


def test_deleting_a_workshop_or_a_participant_removes_the_discussion(
    repo: Repository, database_url: str
) -> None:
    code, key, ref = workshop_with_comment(repo)
    joined = repo.join_workshop(code, "agent")
    repo.save_comment(joined.token, "emploi_clauses", "Autre avis")
    other = comment_ref(joined.token, "emploi_clauses")
    repo.set_comment_hidden(code, key, "emploi_clauses", other, True)
    repo.mark_to_dig(code, key, "emploi_clauses", other)
    repo.delete_diagnostic(joined.token)
    assert repo.discussion(code).hidden == frozenset() and repo.discussion(code).marks == ()
    repo.retain_answer(code, key, MINI, "emploi_clauses", 2)
    repo.set_comment_hidden(code, key, "emploi_clauses", ref, True)
    repo.mark_to_dig(code, key, "emploi_clauses", ref)
    repo.mark_to_dig(code, key, "emploi_chiffres")
    repo.delete_workshop(code, key)
    counts = row_counts(database_url)
    assert all(counts[table] == 0 for table in DISCUSSION_TABLES)
