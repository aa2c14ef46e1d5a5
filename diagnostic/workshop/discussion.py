"""The discussion of a motivation: its questions by divergence, one question projected.

A projected question shows its wording, how many chose each level (by role where a role
gathers ``MIN_GROUP`` respondents or more), the "je ne sais pas" share and the participants'
comments, anonymous, in an order that does not follow who joined first. A comment the
adviser hid is kept apart, never among the projected ones.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from ..model import DECLINED, ROLES, UNKNOWN, Answer, QuestionId, Referentiel, Role
from .divergence import MIN_GROUP, QuestionConsensus

REF_LENGTH = 16


@dataclass(frozen=True)
class Voice:
    """One participant on one question: an opaque key (never shown), role, answer, comment."""

    key: str
    role: Role
    answer: Answer | None
    comment: str


@dataclass(frozen=True)
class RoleCounts:
    """How one role answered a question; None counts when it gathers fewer than MIN_GROUP."""

    role: Role
    respondents: int  # a level or "je ne sais pas"
    counts: tuple[tuple[int, int], ...] | None  # (level, how many) for every level
    unknown: int | None

    @property
    def hidden(self) -> bool:
        return self.counts is None


@dataclass(frozen=True)
class ProjectedComment:
    """A comment as the projection handles it: an opaque reference, its text, hidden or not."""

    ref: str
    text: str
    hidden: bool


@dataclass(frozen=True)
class ProjectedQuestion:
    """What the dashboard projects for one question; no comment when the question is hidden."""

    consensus: QuestionConsensus
    declined: int
    roles: tuple[RoleCounts, ...]  # roles present, model.ROLES order
    comments: tuple[ProjectedComment, ...]  # every comment, hidden ones flagged

    @property
    def shown(self) -> tuple[ProjectedComment, ...]:
        """The comments projected: the hidden ones left out."""
        return tuple(comment for comment in self.comments if not comment.hidden)

    @property
    def hidden_comments(self) -> tuple[ProjectedComment, ...]:
        return tuple(comment for comment in self.comments if comment.hidden)


def comment_ref(key: str, question: str) -> str:
    """An opaque, stable reference to a participant's comment on a question."""
    return hashlib.sha256(f"{key}\0{question}".encode()).hexdigest()[:REF_LENGTH]


def discussion_order(
    referentiel: Referentiel, questions: Sequence[QuestionConsensus], motivation: str
) -> tuple[QuestionConsensus, ...]:
    """The questions of a motivation, most divergent first (then most answered, then in
    référentiel order); those without a distribution to measure come last."""
    wanted = {q.id for q in referentiel.questions if q.motivation == motivation}
    ranked = []
    for index, consensus in enumerate(questions):
        if consensus.question not in wanted:
            continue
        spread = consensus.spread
        key = (0, -spread.divergence, -spread.given) if spread else (1, 0.0, 0)
        ranked.append((key, index, consensus))
    return tuple(item[-1] for item in sorted(ranked, key=lambda item: item[:2]))


def project(
    referentiel: Referentiel,
    consensus: QuestionConsensus,
    voices: Sequence[Voice],
    hidden: Collection[str] = (),
) -> ProjectedQuestion:
    """The projected question from its participants' voices; ``hidden`` holds the
    references (``comment_ref``) of the comments the adviser hid."""
    question = referentiel.question(consensus.question)
    levels = referentiel.scale(question.scale).values()
    roles = tuple(
        _role_counts(role, [v.answer for v in voices if v.role == role], levels)
        for role in ROLES
        if any(voice.role == role for voice in voices)
    )
    declined = sum(voice.answer == DECLINED for voice in voices)
    comments: list[ProjectedComment] = []
    if not consensus.hidden:
        for voice in voices:
            if voice.comment.strip():
                ref = comment_ref(voice.key, consensus.question)
                comments.append(ProjectedComment(ref, voice.comment.strip(), ref in hidden))
    comments.sort(key=lambda comment: comment.ref)  # not the order people joined in
    return ProjectedQuestion(consensus, declined, roles, tuple(comments))


def voices_on(
    question: str,
    members: Sequence[tuple[str, Role, Mapping[QuestionId, Answer], Mapping[QuestionId, str]]],
) -> tuple[Voice, ...]:
    """Each member's (key, role, answers, comments) reduced to their voice on one question."""
    return tuple(
        Voice(key, role, answers.get(QuestionId(question)), comments.get(QuestionId(question), ""))
        for key, role, answers, comments in members
    )


def _role_counts(role: Role, answers: Sequence[Answer | None], levels: Sequence[int]) -> RoleCounts:
    respondents = sum(answer is not None and answer != DECLINED for answer in answers)
    if respondents < MIN_GROUP:
        return RoleCounts(role, respondents, None, None)
    counts = tuple((level, sum(answer == level for answer in answers)) for level in levels)
    unknown = sum(answer == UNKNOWN for answer in answers)
    return RoleCounts(role, respondents, counts, unknown)
