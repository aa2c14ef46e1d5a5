"""The group's retained answers and the group diagnostic they make with the computed ones.

After the discussion the adviser records the answer the group retains on a question (a
level, "je ne sais pas", or "non pertinent" where the question offers it) with an optional
note. The group diagnostic takes the retained answer where there is one and the computed
group answer elsewhere, says which is which and keeps the raw distribution beside it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from dataclasses import dataclass, replace
from types import MappingProxyType
from typing import Literal

from ..advice.scoring import Scores, score_answers
from ..errors import AnswersError
from ..model import (
    DECLINED,
    UNKNOWN,
    Answer,
    AnswerSheet,
    QuestionId,
    Referentiel,
    TerritoryProfile,
)
from ..territory.profile import COMMENT_MAX, clean_text
from .aggregation import WorkshopSummary
from .divergence import QuestionConsensus

Source = Literal["retained", "computed", "none"]
NOTE_MAX = COMMENT_MAX


@dataclass(frozen=True)
class RetainedAnswer:
    """The answer the group retained on one question, recorded by the workshop's adviser."""

    question: QuestionId
    answer: Answer
    note: str
    recorded_at: dt.datetime
    recorded_by: Literal["adviser"] = "adviser"


@dataclass(frozen=True)
class GroupQuestion:
    """One question of the group diagnostic: the answer used, where it comes from, the raw
    distribution (``consensus``) and the computed answer it replaces, if any."""

    question: QuestionId
    answer: Answer | None
    source: Source
    computed: Answer | None
    note: str
    consensus: QuestionConsensus


@dataclass(frozen=True)
class GroupDiagnostic:
    """The workshop's group diagnostic; ``hidden`` when it has no answer to show at all."""

    answers: Mapping[QuestionId, Answer]
    scores: Scores | None
    questions: tuple[GroupQuestion, ...]  # référentiel order

    @property
    def hidden(self) -> bool:
        return self.scores is None

    @property
    def retained(self) -> tuple[GroupQuestion, ...]:
        """The questions whose answer the group retained, in référentiel order."""
        return tuple(q for q in self.questions if q.source == "retained")

    def question(self, question_id: str) -> GroupQuestion:
        for question in self.questions:
            if question.question == question_id:
                return question
        raise KeyError(question_id)


def check_retained(
    referentiel: Referentiel,
    question_id: str,
    answer: object,
    note: object = "",
    motivations: Collection[str] = (),
) -> tuple[QuestionId, Answer, str]:
    """The question, answer and cleaned note if they fit the référentiel and the workshop's
    motivations (empty: all); AnswersError with a plain message otherwise."""
    known = {q.id: q for q in referentiel.questions}
    question = known.get(QuestionId(question_id)) if isinstance(question_id, str) else None
    if question is None or (motivations and question.motivation not in motivations):
        raise AnswersError(
            f"La question « {question_id} » ne fait pas partie de cet atelier.",
            f"The question '{question_id}' is not part of this workshop.",
        )
    label = question.label.get("fr")
    if answer == DECLINED and not question.declinable:
        raise AnswersError(
            f"« Non pertinent » n’est pas proposé pour la question « {label} ».",
            f"'Not relevant' is not offered for the question '{question.label.get('en')}'.",
        )
    scale = referentiel.scale(question.scale)
    is_level = isinstance(answer, int) and not isinstance(answer, bool)
    if answer not in (UNKNOWN, DECLINED) and not (is_level and answer in scale.values()):
        raise AnswersError(
            f"« {answer} » n’est pas un niveau de la question « {label} ».",
            f"'{answer}' is not a level of the question '{question.label.get('en')}'.",
        )
    return question.id, answer, check_note(note)


def check_note(note: object) -> str:
    """The note without invisible characters, if it is text of at most NOTE_MAX."""
    if not isinstance(note, str):
        raise AnswersError("La note doit être du texte.", "The note must be text.")
    cleaned = clean_text(note).strip()
    if len(cleaned) > NOTE_MAX:
        raise AnswersError(
            f"La note dépasse {NOTE_MAX} caractères ({len(cleaned)}).",
            f"The note is longer than {NOTE_MAX} characters ({len(cleaned)}).",
        )
    return cleaned


def group_diagnostic(
    referentiel: Referentiel,
    summary: WorkshopSummary,
    retained: Mapping[QuestionId, RetainedAnswer],
) -> GroupDiagnostic:
    """Retained answers where there are, the computed group answers elsewhere, scored once.

    Like the computed result, the group diagnostic is hidden below ``MIN_GROUP``
    respondents: what one or two people retained would tell what they answered.
    """
    if summary.group.hidden or summary.group.answers is None:
        retained = {}
    computed = {} if summary.group.answers is None else dict(summary.group.answers)
    answers: dict[QuestionId, Answer] = {}
    questions = []
    for consensus in summary.questions:
        question_id = consensus.question
        kept, own = retained.get(question_id), computed.get(question_id)
        source: Source = "retained" if kept else ("computed" if own is not None else "none")
        answer = kept.answer if kept else own
        if answer is not None:
            answers[question_id] = answer
        note = kept.note if kept else ""
        questions.append(GroupQuestion(question_id, answer, source, own, note, consensus))
    scores = score_answers(referentiel, answers) if answers else None
    return GroupDiagnostic(MappingProxyType(answers), scores, tuple(questions))


def with_retained(summary: WorkshopSummary, diagnostic: GroupDiagnostic) -> WorkshopSummary:
    """The summary whose group result is the group diagnostic (unchanged while hidden)."""
    if summary.group.hidden or diagnostic.hidden:
        return summary
    group = replace(summary.group, answers=diagnostic.answers, scores=diagnostic.scores)
    return replace(summary, group=group)


def diagnostic_sheet(
    diagnostic: GroupDiagnostic, territory: TerritoryProfile
) -> AnswerSheet | None:
    """The group diagnostic's answers on the workshop's profile; None when it is hidden."""
    if diagnostic.hidden:
        return None
    return AnswerSheet(territory, dict(diagnostic.answers))


@dataclass(frozen=True)
class DigMark:
    """A question, or a comment on it (``comment``: its ``comment_ref``), marked « à creuser »."""

    question: QuestionId
    comment: str | None
    note: str
    marked_at: dt.datetime


@dataclass(frozen=True)
class Discussion:
    """What the adviser recorded in a workshop: retained answers, hidden comments, marks."""

    retained: Mapping[QuestionId, RetainedAnswer]
    hidden: frozenset[str]  # comment_ref of every hidden comment
    marks: tuple[DigMark, ...]  # in the order they were made

    def marked(self, question: str, comment: str | None = None) -> DigMark | None:
        """The mark on a question (``comment`` None) or on one of its comments, if any."""
        for mark in self.marks:
            if mark.question == question and mark.comment == comment:
                return mark
        return None


NO_DISCUSSION = Discussion(MappingProxyType({}), frozenset(), ())
