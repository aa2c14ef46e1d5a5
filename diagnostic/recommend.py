"""Scores -> explained recommendations: which levers first, who to call, what to do, and why."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .i18n import t
from .model import (
    UNKNOWN,
    Action,
    Answer,
    AnswerSheet,
    Kind,
    Lever,
    MotivationId,
    Provider,
    QuestionId,
    Referentiel,
    TerritoryType,
)
from .scoring import LeverResult, Scores, score_answers
from .typography import format_number

TOP_LEVERS = 3
MAX_REASONS = 5
STRENGTH_MATURITY = 60.0
NEED_STRONG = 60.0  # a need from 60 out of 100 reads « fort » (docs/methode.md)
NEED_MEDIUM = 30.0  # from 30, « moyen »; below, « faible »
STRONG_ANSWER = 0.75


@dataclass(frozen=True)
class Reason:
    """One answer that pushed a lever up, and by how many points."""

    question: QuestionId
    motivation: MotivationId
    kind: Kind
    answer: Answer
    points: float


@dataclass(frozen=True)
class Recommendation:
    """A lever to work on, with its providers, first actions and the answers behind it."""

    lever: Lever
    score: float
    rank: int
    providers: tuple[Provider, ...]
    actions: tuple[Action, ...]
    reasons: tuple[Reason, ...]


@dataclass(frozen=True)
class Strength:
    """A motivation where the territory is already well advanced."""

    motivation: MotivationId
    maturity: float
    questions: tuple[QuestionId, ...]  # its most advanced maturity answers


def need_level(score: float) -> Literal["strong", "medium", "weak"]:
    """A lever's need in words: strong from NEED_STRONG, medium from NEED_MEDIUM, else weak."""
    if score >= NEED_STRONG:
        return "strong"
    return "medium" if score >= NEED_MEDIUM else "weak"


def answer_label(
    referentiel: Referentiel, question_id: str, answer: Answer | None, lang: str
) -> str:
    """The answer as the user saw it: the level's label, "Je ne sais pas" or "Sans réponse"."""
    if answer is None:
        return t("answer.none", lang)
    if answer == UNKNOWN:
        return t("answer.unknown", lang)
    scale = referentiel.scale(referentiel.question(question_id).scale)
    return scale.label(answer, lang)


def describe_reason(referentiel: Referentiel, reason: Reason, lang: str) -> str:
    """One line saying which answer led to the lever and how much it weighed."""
    question = referentiel.question(reason.question).label.get(lang)
    if reason.answer == UNKNOWN:
        text = t("reason.gap", lang, question=question)
    else:
        label = answer_label(referentiel, reason.question, reason.answer, lang)
        text = t("reason.answer", lang, question=question, answer=label)
    points = t("reason.points", lang, points=format_number(reason.points, lang, 1))
    return f"{text} ({points})"


def explain_lever(
    referentiel: Referentiel, result: LeverResult, territory_type: TerritoryType
) -> Recommendation:
    """The lever with its providers, the actions fit for the territory type, and its reasons."""
    lever = referentiel.lever(result.id)
    reasons = tuple(
        Reason(
            question=c.question,
            motivation=referentiel.question(c.question).motivation,
            kind=referentiel.question(c.question).kind,
            answer=c.answer,
            points=c.points,
        )
        for c in result.contributions[:MAX_REASONS]
    )
    return Recommendation(
        lever=lever,
        score=result.score,
        rank=result.rank,
        providers=tuple(referentiel.provider(p) for p in lever.providers),
        actions=tuple(a for a in referentiel.actions_of(lever.id) if a.applies_to(territory_type)),
        reasons=reasons,
    )


def explain_all(
    referentiel: Referentiel, sheet: AnswerSheet, scores: Scores | None = None
) -> tuple[Recommendation, ...]:
    """Every lever in rank order, explained (reasons may be empty for a lever with no need)."""
    scores = scores or score_answers(referentiel, sheet.answers)
    return tuple(explain_lever(referentiel, r, sheet.territory.type) for r in scores.levers)


def recommend(
    referentiel: Referentiel,
    sheet: AnswerSheet,
    scores: Scores | None = None,
    top: int = TOP_LEVERS,
) -> tuple[Recommendation, ...]:
    """The levers to start with: the ``top`` highest needs that some answer pushed up."""
    explained = explain_all(referentiel, sheet, scores)
    return tuple(r for r in explained if r.reasons and r.score > 0)[:top]


def strengths(
    referentiel: Referentiel, sheet: AnswerSheet, scores: Scores | None = None
) -> tuple[Strength, ...]:
    """Motivations whose maturity reaches 60/100, most advanced first, with their best answers."""
    scores = scores or score_answers(referentiel, sheet.answers)
    found = []
    for result in scores.motivations:
        if result.maturity is None or result.maturity < STRENGTH_MATURITY:
            continue
        best = tuple(
            q.id
            for q in referentiel.questions_of(result.id)
            if q.kind == "maturity"
            and _share(referentiel, q.id, sheet.answer(q.id)) >= STRONG_ANSWER
        )
        found.append(Strength(result.id, result.maturity, best))
    return tuple(sorted(found, key=lambda s: -s.maturity))


def _share(referentiel: Referentiel, question_id: str, answer: Answer | None) -> float:
    if answer is None or answer == UNKNOWN:
        return -1.0
    scale = referentiel.scale(referentiel.question(question_id).scale)
    return (answer - scale.min) / (scale.max - scale.min)
