"""Scores -> explained recommendations: which levers first, who to call, what to do, and why."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..i18n import t
from ..model import (
    DECLINED,
    UNKNOWN,
    Action,
    ActionId,
    Answer,
    AnswerSheet,
    Kind,
    Lever,
    LeverId,
    MotivationId,
    Provider,
    QuestionId,
    Referentiel,
    Rules,
    TerritoryProfile,
    Text,
)
from ..referentiel.local_names import local_provider
from ..referentiel.scope import asked_sheet
from ..typography import format_number
from .scoring import LeverResult, Scores, score_sheet

NeedWord = Literal["fort", "moyen", "faible"]
# declined: one of its questions was answered « non pertinent »; done: all reach done_from.
ActionState = Literal["open", "under_way", "done", "declined"]

TOP_LEVERS = 3
MAX_REASONS = 5
STRENGTH_MATURITY = 60.0
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
class ChosenAction:
    """An action proposed to this territory, as the next step when its subject is under way."""

    action: Action
    under_way: bool
    because: tuple[QuestionId, ...]  # the lever's reasons it answers, strongest first
    next_step: bool = False  # under way at a level its next step is written for

    @property
    def id(self) -> ActionId:
        return self.action.id

    @property
    def lever(self) -> LeverId:
        return self.action.lever

    @property
    def label(self) -> Text:
        """The action's wording: its next step when the level answered is one it is written for."""
        return self.action.next if self.next_step and self.action.next else self.action.label

    @property
    def detail(self) -> Text:
        return self.action.detail


@dataclass(frozen=True)
class Recommendation:
    """A lever to work on, with its providers, chosen actions and the answers behind it."""

    lever: Lever
    score: float
    rank: int
    providers: tuple[Provider, ...]
    actions: tuple[ChosenAction, ...]
    reasons: tuple[Reason, ...]
    need: NeedWord = "faible"
    informed: bool = True  # False when no answer bears on the lever (see LeverResult)

    @property
    def need_score(self) -> float | None:
        """The score to show: None when no answer bears on the lever."""
        return self.score if self.informed else None


@dataclass(frozen=True)
class Strength:
    """A motivation where the territory is already well advanced."""

    motivation: MotivationId
    maturity: float
    questions: tuple[QuestionId, ...]  # its most advanced maturity answers


def answer_label(
    referentiel: Referentiel, question_id: str, answer: Answer | None, lang: str
) -> str:
    """The answer as the user saw it: the level's label, "Je ne sais pas" or "Sans réponse"."""
    if answer is None:
        return t("answer.none", lang)
    if answer == UNKNOWN:
        return t("answer.unknown", lang)
    if answer == DECLINED:
        return t("answer.declined", lang)
    scale = referentiel.scale(referentiel.question(question_id).scale)
    return scale.label(answer, lang)


def need_figure(score: float) -> int:
    """The need as shown, a whole number: the one rounding every page and report uses."""
    return int(format(score, ".0f"))


def need_word(score: float, rules: Rules) -> NeedWord:
    """The need in a word, from the figure shown (thresholds in ``referentiel.yaml``)."""
    shown = need_figure(score)
    if shown >= rules.need_strong:
        return "fort"
    return "moyen" if shown >= rules.need_medium else "faible"


def describe_reason(referentiel: Referentiel, reason: Reason, lang: str) -> str:
    """One short sentence saying which answer led to the lever and how much it weighed."""
    short = referentiel.question(reason.question).short_label.get(lang)
    question = short[:1].upper() + short[1:]  # the sentence starts with the short label
    if reason.answer == UNKNOWN:
        text = t("reason.gap", lang, question=question)
    else:
        label = answer_label(referentiel, reason.question, reason.answer, lang)
        text = t("reason.answer", lang, question=question, answer=label)
    points = t("reason.points", lang, points=format_number(reason.points, lang, 1))
    return f"{text} ({points})"


def explain_lever(
    referentiel: Referentiel, result: LeverResult, sheet: AnswerSheet
) -> Recommendation:
    """The lever with its providers, the actions chosen for this territory, and its reasons."""
    lever = referentiel.lever(result.id)
    departement = sheet.territory.departement
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
        providers=tuple(
            local_provider(referentiel.provider(p), referentiel.local_names, departement)
            for p in lever.providers
        ),
        actions=choose_actions(referentiel, result, sheet),
        reasons=reasons,
        need=need_word(result.score, referentiel.rules),
        informed=result.informed,
    )


def choose_actions(
    referentiel: Referentiel, result: LeverResult, sheet: AnswerSheet
) -> tuple[ChosenAction, ...]:
    """The lever's actions for this territory, foundations first, then from its strongest reasons.

    An action is left out when it does not fit the territory's type or size, when one of
    its questions was declined, or when all its questions reach its ``done_from`` level.
    The order is the one ``docs/methode.md`` explains: an optional subject the territory
    has not taken up comes last; then by ``stage``; in a stage, the actions of the
    motivations the officials ranked, in their order; then what has started (its next
    step applies); then from the lever's strongest reason; then in the file's order.
    """
    strength = {c.question: index for index, c in enumerate(result.contributions)}
    ranked = {motivation: rank for rank, motivation in enumerate(sheet.priorities)}
    chosen: list[tuple[tuple[int, ...], ChosenAction]] = []
    for order, action in enumerate(referentiel.actions_of(result.id)):
        if not fits(action, sheet.territory):
            continue
        state = action_state(action, sheet)
        if state in ("declined", "done"):
            continue
        because = tuple(
            sorted((q for q in action.questions if q in strength), key=lambda q: strength[q])
        )
        answers = [sheet.answer(q) for q in action.questions]
        levels = [a for a in answers if isinstance(a, int)]
        first = strength[because[0]] if because else len(strength)
        item = _chosen(action, levels, because)
        motivations = [referentiel.question(q).motivation for q in action.questions]
        rank = min((ranked.get(m, len(ranked)) for m in motivations), default=len(ranked))
        optional = _not_taken_up(referentiel, action, answers)
        chosen.append(((optional, action.stage, rank, -item.next_step, first, order), item))
    return tuple(item for _, item in sorted(chosen, key=lambda pair: pair[0]))


def _chosen(action: Action, levels: list[int], because: tuple[QuestionId, ...]) -> ChosenAction:
    done_from = action.done_from or 0
    under_way = any(0 < level < done_from for level in levels)
    low, high = action.next_levels or (1, 0)
    next_step = any(low <= level <= high for level in levels)
    return ChosenAction(action, under_way, because, next_step)


def _not_taken_up(referentiel: Referentiel, action: Action, answers: list[Answer | None]) -> int:
    """1 for an action on optional subjects only, none of them engaged: it never leads."""
    if not action.questions:
        return 0
    optional = all(referentiel.question(q).optional for q in action.questions)
    engaged = any(isinstance(a, int) and a > 0 for a in answers)
    return int(optional and not engaged)


def fits(action: Action, territory: TerritoryProfile) -> bool:
    """Whether the action suits the territory's type and size."""
    return action.applies_to(territory.type, territory.population)


def action_state(action: Action, sheet: AnswerSheet) -> ActionState:
    """Where the answers to the action's questions put the territory on it."""
    answers = [sheet.answer(q) for q in action.questions]
    if DECLINED in answers:
        return "declined"
    if _done(action, answers):
        return "done"
    levels = [a for a in answers if isinstance(a, int)]
    done_from = action.done_from or 0
    return "under_way" if any(0 < level < done_from for level in levels) else "open"


def _done(action: Action, answers: list[Answer | None]) -> bool:
    if not action.questions or action.done_from is None:
        return False
    return all(isinstance(a, int) and a >= action.done_from for a in answers)


def explain_all(
    referentiel: Referentiel, sheet: AnswerSheet, scores: Scores | None = None
) -> tuple[Recommendation, ...]:
    """Every lever in rank order, explained (reasons may be empty for a lever with no need)."""
    scores = scores or score_sheet(referentiel, sheet)
    referentiel, sheet = asked_sheet(referentiel, sheet)
    return tuple(explain_lever(referentiel, r, sheet) for r in scores.levers)


def recommend(
    referentiel: Referentiel,
    sheet: AnswerSheet,
    scores: Scores | None = None,
    top: int = TOP_LEVERS,
) -> tuple[Recommendation, ...]:
    """The levers to start with: the ``top`` highest needs that answers pushed past the minimum."""
    explained = explain_all(referentiel, sheet, scores)
    least = referentiel.rules.need_minimum
    return tuple(r for r in explained if r.reasons and r.score >= least and r.score > 0)[:top]


def strengths(
    referentiel: Referentiel, sheet: AnswerSheet, scores: Scores | None = None
) -> tuple[Strength, ...]:
    """Motivations whose maturity reaches 60/100, most advanced first, with their best answers."""
    scores = scores or score_sheet(referentiel, sheet)
    referentiel, sheet = asked_sheet(referentiel, sheet)
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
    if answer is None or isinstance(answer, str):
        return -1.0
    scale = referentiel.scale(referentiel.question(question_id).scale)
    return (answer - scale.min) / (scale.max - scale.min)


def who_knows(referentiel: Referentiel, question_id: str) -> tuple[Provider, ...]:
    """Who can answer a "je ne sais pas": the question's contacts, else the knowledge levers'."""
    named = referentiel.question(question_id).who_knows
    if named:
        return tuple(referentiel.provider(p) for p in named)
    found: dict[str, Provider] = {}
    for lever in referentiel.knowledge_gap_levers:
        for provider in referentiel.lever(lever).providers:
            found.setdefault(provider, referentiel.provider(provider))
    return tuple(found.values())
