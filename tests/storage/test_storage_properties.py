"""Properties: any text and any valid sheet come back exactly as saved."""

from __future__ import annotations

from types import ModuleType

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from storage_support import PROFILE

import diagnostic.storage as storage
from diagnostic.errors import StorageError
from diagnostic.model import UNKNOWN, AnswerSheet, QuestionId
from diagnostic.storage import Repository, workshops

_FIXTURE_REUSE = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
question_ids = st.from_regex(r"[a-z][a-z0-9_]{0,20}", fullmatch=True).map(QuestionId)
# Visible text: invisible characters are cleaned away (tests/storage/test_storage_limits.py).
texts = st.text(st.characters(exclude_categories=["Cc", "Cf", "Cs", "Zl", "Zp"]), max_size=300)


@_FIXTURE_REUSE
@given(comment=texts)
def test_any_comment_comes_back_verbatim(repo: Repository, comment: str) -> None:
    token = repo.create_diagnostic().token
    repo.save_comment(token, "q01", comment)
    assert repo.load_sheet(token).comments == ({"q01": comment} if comment else {})


@_FIXTURE_REUSE
@given(
    answers=st.dictionaries(question_ids, st.integers(0, 4) | st.just(UNKNOWN), max_size=10),
    comments=st.dictionaries(question_ids, texts.filter(bool), max_size=5),
)
def test_any_sheet_comes_back_as_replaced(
    repo: Repository, answers: dict[QuestionId, int | str], comments: dict[QuestionId, str]
) -> None:
    token = repo.create_diagnostic().token
    sheet = AnswerSheet(PROFILE, answers, comments, "v1")  # type: ignore[arg-type]
    repo.replace_sheet(token, sheet)
    assert repo.load_sheet(token) == sheet


def test_a_taken_code_is_drawn_again(repo: Repository, monkeypatch: pytest.MonkeyPatch) -> None:
    draws = iter(["AAAAAA", "AAAAAA", "BBBBBB"])
    monkeypatch.setattr(workshops, "new_code", lambda: next(draws))
    assert repo.create_workshop(PROFILE)[0].code == "AAAAAA"
    assert repo.create_workshop(PROFILE)[0].code == "BBBBBB"
    monkeypatch.setattr(workshops, "new_code", lambda: "AAAAAA")
    with pytest.raises(StorageError) as caught:
        repo.create_workshop(PROFILE)
    assert caught.value.message("en") == "Could not find a free workshop code: try again."


def test_the_public_names_are_exactly_all() -> None:
    public = {
        name
        for name, value in vars(storage).items()
        if not name.startswith("_") and not isinstance(value, ModuleType)
    }
    assert public - {"annotations"} == set(storage.__all__)
