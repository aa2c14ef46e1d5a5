"""A workshop room: 40 participants answering all 42 questions at the same time."""

from __future__ import annotations

import multiprocessing
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from storage_support import (
    PROFILE,
    QUESTIONS,
    answer_all,
    expected_answer,
    process_worker,
    row_counts,
)

from diagnostic.model import ROLES
from diagnostic.storage import Repository

PARTICIPANTS = 40
PROCESSES = 8


def _join_all(repo: Repository) -> tuple[str, str, list[str]]:
    workshop, key = repo.create_workshop(PROFILE)
    tokens = [
        repo.join_workshop(workshop.code, ROLES[number % len(ROLES)], f"participant {number}").token
        for number in range(PARTICIPANTS)
    ]
    return workshop.code, key, tokens


def _assert_every_answer_once(repo: Repository, code: str, key: str, url: str) -> None:
    sheets = repo.participants(code, key)
    assert len(sheets) == PARTICIPANTS
    for sheet in sheets:
        participant = int((sheet.pseudonym or "").split()[-1])
        assert sheet.sheet.answers == {
            question: expected_answer(participant, position)
            for position, question in enumerate(QUESTIONS)
        }
        assert len(sheet.sheet.comments) == 7
    assert row_counts(url)["answers"] == PARTICIPANTS * len(QUESTIONS)


@pytest.mark.slow
def test_forty_threads_answer_at_once(repo: Repository, database_url: str) -> None:
    code, key, tokens = _join_all(repo)
    barrier = threading.Barrier(PARTICIPANTS)

    def participant(number: int) -> None:
        barrier.wait()
        answer_all(database_url, tokens[number], number)

    with ThreadPoolExecutor(PARTICIPANTS) as pool:
        for future in [pool.submit(participant, n) for n in range(PARTICIPANTS)]:
            future.result()

    _assert_every_answer_once(repo, code, key, database_url)


def test_forty_threads_saving_one_answer_leave_one_row(repo: Repository, database_url: str) -> None:
    token = repo.create_diagnostic().token
    barrier = threading.Barrier(PARTICIPANTS)

    def save(number: int) -> None:
        barrier.wait()
        if number % 2:
            repo.save_answer(token, "q01", number % 5)
        else:
            repo.save_comment(token, "q01", f"commentaire {number}")

    with ThreadPoolExecutor(PARTICIPANTS) as pool:
        for future in [pool.submit(save, n) for n in range(PARTICIPANTS)]:
            future.result()

    assert row_counts(database_url)["answers"] == 1
    sheet = repo.load_sheet(token)
    assert set(sheet.answers) == set(sheet.comments) == {"q01"}


@pytest.mark.slow
@pytest.mark.parametrize("backend", ["sqlite"])
def test_separate_processes_answer_at_once(repo: Repository, database_url: str) -> None:
    code, key, tokens = _join_all(repo)
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(PROCESSES)
    share = PARTICIPANTS // PROCESSES
    processes = [
        context.Process(
            target=process_worker,
            args=(database_url, tokens[first : first + share], first, barrier),
        )
        for first in range(0, PARTICIPANTS, share)
    ]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=120)

    assert [process.exitcode for process in processes] == [0] * PROCESSES
    _assert_every_answer_once(repo, code, key, database_url)
