"""Typed, frozen domain objects: the référentiel, a territory, its answers and its plan's lines."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal, NewType, TypeVar, get_args

from .typography import NBSP

_QUARTER = re.compile(r"^([0-9]{4})-Q([1-4])$")

MotivationId = NewType("MotivationId", str)
LeverId = NewType("LeverId", str)
QuestionId = NewType("QuestionId", str)
ProviderId = NewType("ProviderId", str)
ActionId = NewType("ActionId", str)
ScaleId = NewType("ScaleId", str)

Lang = Literal["fr", "en"]
LANGS: tuple[Lang, ...] = get_args(Lang)

Kind = Literal["priority", "maturity"]
KINDS: tuple[Kind, ...] = get_args(Kind)

TerritoryType = Literal["commune", "cc", "ca", "cu", "metropole", "pays_petr"]
TERRITORY_TYPES: tuple[TerritoryType, ...] = get_args(TerritoryType)

Role = Literal["elu", "agent", "acteur_ess", "partenaire", "habitant", "autre"]
ROLES: tuple[Role, ...] = get_args(Role)

UNKNOWN: Literal["unknown"] = "unknown"
DECLINED: Literal["declined"] = "declined"
Answer = int | Literal["unknown", "declined"]

Status = Literal["a_lancer", "en_cours", "fait", "abandonne"]
STATUSES: tuple[Status, ...] = get_args(Status)
OPEN_STATUSES: tuple[Status, ...] = ("a_lancer", "en_cours")


@dataclass(frozen=True)
class Text:
    """A text in French and English."""

    fr: str
    en: str

    def get(self, lang: str) -> str:
        """The text in ``lang``, French when the language is not English."""
        return self.en if lang == "en" else self.fr


@dataclass(frozen=True)
class Level:
    """One step of an ordinal scale."""

    value: int
    label: Text


@dataclass(frozen=True)
class Scale:
    """An ordinal scale: a higher level means more important or more advanced."""

    id: ScaleId
    levels: tuple[Level, ...]

    @property
    def min(self) -> int:
        return self.levels[0].value

    @property
    def max(self) -> int:
        return self.levels[-1].value

    def label(self, value: int, lang: str) -> str:
        """The label of a level value."""
        for level in self.levels:
            if level.value == value:
                return level.label.get(lang)
        raise KeyError(value)

    def values(self) -> tuple[int, ...]:
        return tuple(level.value for level in self.levels)


@dataclass(frozen=True)
class Motivation:
    """One of the seven reasons a territory engages in the ESS."""

    id: MotivationId
    order: int
    label: Text
    description: Text


@dataclass(frozen=True)
class Provider:
    """Who provides a lever (CRESS, CNFPT, RTES…)."""

    id: ProviderId
    name: Text
    description: Text


@dataclass(frozen=True)
class Action:
    """A concrete action for a lever, and the conditions under which it is proposed.

    ``questions`` are the questions it answers: it is done (never proposed) once all of
    them reach ``done_from``, and reads as ``next`` while one of them is at a level of
    ``next_levels``. ``stage`` orders the actions of a lever: foundations (1) first.
    """

    id: ActionId
    lever: LeverId
    territory_types: frozenset[TerritoryType]
    label: Text
    detail: Text
    questions: tuple[QuestionId, ...] = ()
    done_from: int | None = None
    next: Text | None = None
    next_levels: tuple[int, int] | None = None
    stage: int = 1
    min_population: int | None = None
    max_population: int | None = None

    def applies_to(self, territory_type: TerritoryType, population: int | None = None) -> bool:
        """Whether the action fits the territory's type and, when known, its population."""
        if territory_type not in self.territory_types:
            return False
        if population is None:
            return self.min_population is None
        if self.min_population is not None and population < self.min_population:
            return False
        return self.max_population is None or population <= self.max_population


@dataclass(frozen=True)
class Lever:
    """One of the six kinds of support a territory can ask for."""

    id: LeverId
    order: int
    label: Text
    description: Text
    providers: tuple[ProviderId, ...]


@dataclass(frozen=True)
class Question:
    """A question of the diagnostic, feeding one motivation and some levers."""

    id: QuestionId
    motivation: MotivationId
    kind: Kind
    scale: ScaleId
    order: int
    label: Text
    help: Text
    levers: Mapping[LeverId, float] = field(default_factory=dict)
    short: Text | None = None
    declinable: bool = False
    foundation: bool = False
    who_knows: tuple[ProviderId, ...] = ()
    optional: bool = False  # a specialised subject: at level 0, an option not taken
    territory_types: frozenset[TerritoryType] = frozenset(TERRITORY_TYPES)  # asked of these only

    def asked_of(self, territory_type: TerritoryType) -> bool:
        """Whether the question is asked of a territory of this type."""
        return territory_type in self.territory_types

    @property
    def short_label(self) -> Text:
        """The few words that name the question inside a sentence."""
        return self.short or self.label


@dataclass(frozen=True)
class Rules:
    """The référentiel's tunable rules (``referentiel.yaml``), with documented defaults."""

    ranking_max: int = 3
    ranking_factors: tuple[float, ...] = (1.0, 0.9, 0.8)
    ranking_unranked: float = 0.6
    need_strong: float = 60.0
    need_medium: float = 30.0
    need_minimum: float = 10.0  # below it, a lever is not proposed to start with
    close_points: float = 5.0
    min_answered_share: float = 0.5


@dataclass(frozen=True)
class LocalName:
    """The name a provider takes in some départements, and the page that says so."""

    provider: ProviderId
    departements: frozenset[str]
    name: Text
    source: str


# The kinds of provider, in the order a territory calls them (``data/provider_kinds.csv``).
CALL_ORDER = ("chambre_regionale", "service_public", "appui_local", "national")


@dataclass(frozen=True)
class Acronym:
    """An acronym and what it stands for in each language (empty where it is not used)."""

    short: str
    expansion: Text


@dataclass(frozen=True, eq=False)
class Referentiel:
    """The whole validated référentiel; tuples are in display order."""

    version: str
    title: Text
    motivations: tuple[Motivation, ...]
    levers: tuple[Lever, ...]
    providers: tuple[Provider, ...]
    actions: tuple[Action, ...]
    scales: tuple[Scale, ...]
    questions: tuple[Question, ...]
    knowledge_gap_levers: Mapping[LeverId, float]
    rules: Rules = field(default_factory=Rules)
    upgrades: Mapping[str, Upgrade] = field(default_factory=dict)
    local_names: tuple[LocalName, ...] = ()  # a provider's name in some départements
    acronyms: tuple[Acronym, ...] = ()  # written out at their first use on a summary page
    provider_kinds: Mapping[str, str] = field(default_factory=dict)  # provider -> CALL_ORDER

    def motivation(self, motivation_id: str) -> Motivation:
        return _by_id(self.motivations, motivation_id)

    def lever(self, lever_id: str) -> Lever:
        return _by_id(self.levers, lever_id)

    def provider(self, provider_id: str) -> Provider:
        return _by_id(self.providers, provider_id)

    def scale(self, scale_id: str) -> Scale:
        return _by_id(self.scales, scale_id)

    def question(self, question_id: str) -> Question:
        return _by_id(self.questions, question_id)

    def has_question(self, question_id: str) -> bool:
        return any(q.id == question_id for q in self.questions)

    def questions_of(self, motivation_id: str) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if q.motivation == motivation_id)

    def actions_of(self, lever_id: str) -> tuple[Action, ...]:
        return tuple(a for a in self.actions if a.lever == lever_id)


_Item = TypeVar("_Item", Motivation, Lever, Provider, Scale, Question)


def _by_id(items: tuple[_Item, ...], key: str) -> _Item:
    for item in items:
        if item.id == key:
            return item
    raise KeyError(key)


@dataclass(frozen=True)
class TerritoryProfile:
    """Who the diagnostic is about and who answers it."""

    name: str
    type: TerritoryType
    siren: str | None = None
    departement: str | None = None
    population: int | None = None
    respondent_role: Role | None = None
    date: dt.date | None = None


@dataclass(frozen=True, order=True)
class Quarter:
    """A target quarter: ``2027-Q2`` in files, « 2e trimestre 2027 » on screen."""

    year: int
    number: int

    @classmethod
    def parse(cls, text: str) -> Quarter | None:
        """The quarter written ``YYYY-Qn``, None if the text is not one."""
        found = _QUARTER.match(text)
        if found is None or not 2000 <= int(found[1]) <= 2100:
            return None
        return cls(int(found[1]), int(found[2]))

    @classmethod
    def of(cls, day: dt.date) -> Quarter:
        """The quarter a day falls in."""
        return cls(day.year, (day.month - 1) // 3 + 1)

    def __str__(self) -> str:
        return f"{self.year}-Q{self.number}"

    @property
    def last_day(self) -> dt.date:
        """The quarter's last day."""
        if self.number == 4:
            return dt.date(self.year, 12, 31)
        return dt.date(self.year, 3 * self.number + 1, 1) - dt.timedelta(days=1)

    def next(self, count: int = 1) -> Quarter:
        """The quarter ``count`` quarters later."""
        index = self.year * 4 + self.number - 1 + count
        return Quarter(index // 4, index % 4 + 1)

    def label(self, lang: str) -> str:
        """« 2e trimestre 2027 » / "Q2 2027"."""
        if lang == "en":
            return f"Q{self.number} {self.year}"
        rank = "1er" if self.number == 1 else f"{self.number}e"
        return f"{rank}{NBSP}trimestre {self.year}"


@dataclass(frozen=True)
class PlanAction:
    """One line of the feuille de route; ``action`` is set when picked from the référentiel."""

    id: str
    label: str
    added: dt.date
    action: ActionId | None = None
    lever: LeverId | None = None
    owner: str = ""
    partners: str = ""
    quarter: Quarter | None = None
    status: Status = "a_lancer"
    note: str = ""

    @property
    def is_late(self) -> bool:
        """Still open after its target quarter ended (checked against today)."""
        return (
            self.quarter is not None
            and self.status in OPEN_STATUSES
            and self.quarter.last_day < dt.date.today()
        )


@dataclass(frozen=True)
class AnswerSheet:
    """A territory's answers: question id -> level, ``"unknown"`` or ``"declined"``.

    ``priorities`` are the motivations the officials ranked as mattering most, first first;
    ``plan`` is its feuille de route; ``previous``, for a re-diagnosis, the earlier
    diagnostic's profile and answers, kept to compare the two.
    """

    territory: TerritoryProfile
    answers: Mapping[QuestionId, Answer] = field(default_factory=dict)
    comments: Mapping[QuestionId, str] = field(default_factory=dict)
    referentiel_version: str | None = None
    priorities: tuple[MotivationId, ...] = ()
    upgrade_note: Text | None = None  # set once answers were carried over from a version
    plan: tuple[PlanAction, ...] = ()
    previous: AnswerSheet | None = None

    def answer(self, question_id: str) -> Answer | None:
        return self.answers.get(QuestionId(question_id))


@dataclass(frozen=True)
class QuestionMove:
    """Where an earlier référentiel's question went: its new question(s) and levels."""

    old: QuestionId
    new: tuple[QuestionId, ...]  # empty: the answer cannot be carried over
    levels: Mapping[int, int]  # old level -> new level; a level not listed keeps its value
    note: Text | None  # what the user should know, when the meaning changed or it is dropped


@dataclass(frozen=True)
class Upgrade:
    """The explicit mapping from an earlier référentiel version to this one."""

    from_version: str
    moves: Mapping[QuestionId, QuestionMove]
