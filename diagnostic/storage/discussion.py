"""The discussion half of the repository: retained answers, hidden comments, « à creuser ».

Every write needs the workshop's admin key (a wrong one is refused with a plain message and
nothing is written; with ``client=`` it counts as a guess, see ``workshops.guessing``). A
closed workshop still takes them: closing stops the participants' answers, while the
discussion and what the group retains often go on after the vote. Comments are named by
``workshop.discussion.comment_ref``: no token leaves the repository.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Any

from sqlalchemy import Connection, Engine, Row, and_, delete, select, update

from ..errors import AnswersError
from ..model import DECLINED, UNKNOWN, Answer, QuestionId, Referentiel
from ..workshop.discussion import comment_ref
from ..workshop.retained import (
    DigMark,
    Discussion,
    RetainedAnswer,
    check_note,
    check_retained,
)
from . import queries
from .checks import check_question_id
from .engine import reading, writing
from .tables import diagnostics, discussion_marks, hidden_comments, retained_answers
from .workshops import _admin_row, guessing


def comment_gone() -> AnswersError:
    """A comment reference that matches no participant of the workshop any more."""
    return AnswersError(
        "Ce commentaire n’existe plus dans l’atelier : rechargez la page.",
        "This comment is no longer in the workshop: reload the page.",
    )


class DiscussionMethods:
    """What the adviser records during the discussion, read back by the dashboard and exports."""

    _engine: Engine

    def retain_answer(
        self,
        code: str,
        admin_key: str,
        referentiel: Referentiel,
        question_id: str,
        answer: Answer,
        note: str = "",
        client: str | None = None,
    ) -> RetainedAnswer:
        """Record, or change, the answer the group retains on a question, with its note."""
        now = queries.utcnow()
        with guessing(client, wrong_key_too=True), writing(self._engine) as connection:
            row = _admin_row(connection, code, admin_key, lock=True)
            motivations = (row.motivations or "").split()
            question, answer, note = check_retained(
                referentiel, question_id, answer, note, motivations
            )
            values = {**_answer_columns(answer), "note": note, "updated_at": now}
            key = and_(
                retained_answers.c.workshop_id == row.id,
                retained_answers.c.question_id == question,
            )
            changed = connection.execute(update(retained_answers).where(key).values(**values))
            if changed.rowcount == 0:
                connection.execute(
                    retained_answers.insert().values(
                        workshop_id=row.id, question_id=question, recorded_by="adviser", **values
                    )
                )
        return RetainedAnswer(question, answer, note, now)

    def forget_retained(
        self, code: str, admin_key: str, question_id: str, client: str | None = None
    ) -> None:
        """Go back to the computed group answer on a question."""
        with guessing(client, wrong_key_too=True), writing(self._engine) as connection:
            row = _admin_row(connection, code, admin_key, lock=True)
            connection.execute(
                delete(retained_answers).where(
                    (retained_answers.c.workshop_id == row.id)
                    & (retained_answers.c.question_id == question_id)
                )
            )

    def set_comment_hidden(
        self,
        code: str,
        admin_key: str,
        question_id: str,
        ref: str,
        hidden: bool,
        client: str | None = None,
    ) -> None:
        """Hide a comment from the projection and the shared outputs, or show it again."""
        with guessing(client, wrong_key_too=True), writing(self._engine) as connection:
            row = _admin_row(connection, code, admin_key, lock=True)
            author = _author(connection, row.id, question_id, ref)
            key = (hidden_comments.c.diagnostic_id == author) & (
                hidden_comments.c.question_id == question_id
            )
            connection.execute(delete(hidden_comments).where(key))
            if hidden:
                connection.execute(
                    hidden_comments.insert().values(
                        diagnostic_id=author,
                        question_id=question_id,
                        workshop_id=row.id,
                        hidden_at=queries.utcnow(),
                    )
                )

    def mark_to_dig(
        self,
        code: str,
        admin_key: str,
        question_id: str,
        ref: str | None = None,
        note: str = "",
        marked: bool = True,
        client: str | None = None,
    ) -> None:
        """Mark a question (``ref`` None) or one of its comments « à creuser », with a note;
        ``marked=False`` takes the mark away."""
        note = check_note(note)
        with guessing(client, wrong_key_too=True), writing(self._engine) as connection:
            row = _admin_row(connection, code, admin_key, lock=True)
            author = None if ref is None else _author(connection, row.id, question_id, ref)
            same = (
                (discussion_marks.c.workshop_id == row.id)
                & (discussion_marks.c.question_id == question_id)
                & (
                    discussion_marks.c.diagnostic_id.is_(None)
                    if author is None
                    else discussion_marks.c.diagnostic_id == author
                )
            )
            if not marked:
                connection.execute(delete(discussion_marks).where(same))
                return
            changed = connection.execute(update(discussion_marks).where(same).values(note=note))
            if changed.rowcount == 0:
                connection.execute(
                    discussion_marks.insert().values(
                        workshop_id=row.id,
                        question_id=_question(question_id),
                        diagnostic_id=author,
                        note=note,
                        marked_at=queries.utcnow(),
                    )
                )

    def discussion(self, code: str) -> Discussion:
        """The workshop's retained answers, hidden comments and marks.

        No key is asked: it holds the group's decisions and opaque comment references only.
        """
        with reading(self._engine) as connection:
            row = queries.find_workshop(connection, code)
            return _discussion(connection, row.id)


def _discussion(connection: Connection, workshop_id: int) -> Discussion:
    tokens = _tokens(connection, workshop_id)
    retained = {
        QuestionId(kept.question_id): RetainedAnswer(
            QuestionId(kept.question_id), _answer_of(kept), kept.note, kept.updated_at
        )
        for kept in connection.execute(
            select(retained_answers).where(retained_answers.c.workshop_id == workshop_id)
        )
    }
    hidden = frozenset(
        comment_ref(tokens[found.diagnostic_id], found.question_id)
        for found in connection.execute(
            select(hidden_comments).where(hidden_comments.c.workshop_id == workshop_id)
        )
    )
    marks = tuple(
        DigMark(
            QuestionId(mark.question_id),
            None
            if mark.diagnostic_id is None
            else comment_ref(tokens[mark.diagnostic_id], mark.question_id),
            mark.note,
            mark.marked_at,
        )
        for mark in connection.execute(
            select(discussion_marks)
            .where(discussion_marks.c.workshop_id == workshop_id)
            .order_by(discussion_marks.c.marked_at, discussion_marks.c.id)
        )
    )
    return Discussion(MappingProxyType(retained), hidden, marks)


def _tokens(connection: Connection, workshop_id: int) -> dict[int, str]:
    members = select(diagnostics.c.id, diagnostics.c.token).where(
        diagnostics.c.workshop_id == workshop_id
    )
    return {member.id: member.token for member in connection.execute(members)}


def _author(connection: Connection, workshop_id: int, question_id: str, ref: object) -> int:
    """The participant whose comment on ``question_id`` ``ref`` names; AnswersError if none."""
    _question(question_id)
    for member, token in _tokens(connection, workshop_id).items():
        if comment_ref(token, question_id) == ref:
            return member
    raise comment_gone()


def _question(question_id: object) -> str:
    return check_question_id(question_id)


def _answer_columns(answer: Answer) -> dict[str, Any]:
    if answer == UNKNOWN:
        return {"level": None, "dont_know": True, "declined": False}
    if answer == DECLINED:
        return {"level": None, "dont_know": False, "declined": True}
    return {"level": int(answer), "dont_know": False, "declined": False}


def _answer_of(row: Row[Any]) -> Answer:
    if row.dont_know:
        return UNKNOWN
    if row.declined:
        return DECLINED
    return int(row.level)
