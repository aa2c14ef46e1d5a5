"""Shared test material: the two référentiels and hypothesis strategies for participants."""

from __future__ import annotations

from pathlib import Path

from hypothesis import strategies as st

from diagnostic.model import ROLES, UNKNOWN, Answer, QuestionId, Referentiel, Role
from diagnostic.referentiel.load import load_referentiel
from diagnostic.settings import PROJECT_DATA
from diagnostic.workshop import Participant

MINI = load_referentiel(Path(__file__).resolve().parent.parent / "data" / "ok")
SHIPPED = load_referentiel(PROJECT_DATA)
REFERENTIELS = {"mini": MINI, "shipped": SHIPPED}


def answer_of(referentiel: Referentiel, question_id: str) -> st.SearchStrategy[Answer | None]:
    """No answer, "je ne sais pas" or a level of the question's scale."""
    scale = referentiel.scale(referentiel.question(question_id).scale)
    return st.one_of(st.none(), st.just(UNKNOWN), st.integers(scale.min, scale.max))


def sheets(referentiel: Referentiel) -> st.SearchStrategy[dict[QuestionId, Answer]]:
    """An answers mapping over the référentiel, some questions left unanswered."""
    per_question = [answer_of(referentiel, q.id) for q in referentiel.questions]
    return st.tuples(*per_question).map(
        lambda values: {
            q.id: value
            for q, value in zip(referentiel.questions, values, strict=True)
            if value is not None
        }
    )


def full_sheets(referentiel: Referentiel) -> st.SearchStrategy[dict[QuestionId, Answer]]:
    """A level for every question."""
    scales = [referentiel.scale(q.scale) for q in referentiel.questions]
    levels = st.tuples(*(st.integers(scale.min, scale.max) for scale in scales))
    return levels.map(
        lambda values: {q.id: value for q, value in zip(referentiel.questions, values, strict=True)}
    )


def roles() -> st.SearchStrategy[Role]:
    return st.sampled_from(ROLES)


def participants(
    referentiel: Referentiel, min_size: int = 0, max_size: int = 12, prefix: str = "p"
) -> st.SearchStrategy[list[Participant]]:
    """Participants with distinct keys, random roles and random answers."""
    members = st.lists(
        st.tuples(roles(), sheets(referentiel)), min_size=min_size, max_size=max_size
    )
    return members.map(
        lambda drawn: [
            Participant(f"{prefix}{i}", role, sheet) for i, (role, sheet) in enumerate(drawn)
        ]
    )


def member(key: str, role: Role, *answers: Answer | None) -> Participant:
    """A participant of the miniature référentiel, answers in question order (None: unanswered)."""
    ids = [q.id for q in MINI.questions]
    return Participant(
        key, role, {q: a for q, a in zip(ids, answers, strict=True) if a is not None}
    )
