"""What every export of one diagnostic says, computed once, and the words shared by them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..advice.confidence import Confidence, assess
from ..advice.recommend import (
    ChosenAction,
    Recommendation,
    Strength,
    explain_all,
    recommend,
    strengths,
    who_knows,
)
from ..advice.scoring import Scores
from ..i18n import t
from ..model import AnswerSheet, Provider, Referentiel


@dataclass(frozen=True)
class Findings:
    """Every lever explained, the levers to start with, the strengths, the ranking's confidence."""

    explained: tuple[Recommendation, ...]
    top: tuple[Recommendation, ...]
    strengths: tuple[Strength, ...]
    confidence: Confidence

    @classmethod
    def of(cls, referentiel: Referentiel, sheet: AnswerSheet, scores: Scores) -> Findings:
        return cls(
            explained=explain_all(referentiel, sheet, scores),
            top=recommend(referentiel, sheet, scores),
            strengths=strengths(referentiel, sheet, scores),
            confidence=assess(referentiel, scores),
        )


def short_name(provider: Provider, lang: str) -> str:
    """A provider's name before its expansion: « CRESS » for « CRESS — Chambre régionale… »."""
    return provider.name.get(lang).split(" — ")[0]


def need_text(rec: Recommendation, lang: str) -> str:
    """The need in a word: « fort », « moyen » or « faible »."""
    return t(f"need.{rec.need}", lang)


def because_text(referentiel: Referentiel, action: ChosenAction, lang: str) -> str:
    """« suite à : short labels » for an action that follows from some answers, else ""."""
    if not action.because:
        return ""
    shorts = [referentiel.question(q).short_label.get(lang) for q in action.because]
    return t("report.action.because", lang, answers=", ".join(shorts))


def action_text(referentiel: Referentiel, action: ChosenAction, lang: str) -> str:
    """The action's wording, followed by the answers it follows from in brackets."""
    because = because_text(referentiel, action, lang)
    label = action.label.get(lang)
    return f"{label} ({because})" if because else label


def ranking_labels(referentiel: Referentiel, scores: Scores, lang: str) -> list[str]:
    """The motivations the officials ranked first, in their order."""
    return [referentiel.motivation(m).label.get(lang) for m in scores.priorities]


def who_knows_names(referentiel: Referentiel, question_id: str, lang: str) -> str:
    """Who can answer a « je ne sais pas », as short names, comma-separated."""
    return ", ".join(short_name(p, lang) for p in who_knows(referentiel, question_id))


def capitalised(text: str) -> str:
    """``text`` with its first letter in upper case (« démarche TZCLD » -> « Démarche TZCLD »)."""
    return text[:1].upper() + text[1:]


def numbered(items: Sequence[str]) -> str:
    """« 1. a », « 2. b »… one per line."""
    return "\n".join(f"{index}. {item}" for index, item in enumerate(items, start=1))
