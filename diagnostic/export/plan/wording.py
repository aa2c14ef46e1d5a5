"""Words shared by the plan's exporters: a line's target and status, a score, an answer."""

from __future__ import annotations

import datetime as dt

from ...advice.recommend import answer_label
from ...i18n import t
from ...model import Answer, Referentiel
from ...plan.codec import status_label
from ...plan.compare import Change
from ...plan.model import PlanAction, Quarter, Status
from ...typography import format_date, format_number


def quarter_text(quarter: Quarter | None, lang: str) -> str:
    """A target as the screen and every export word it: « 2e trimestre 2027 », « non fixée »."""
    return quarter.label(lang) if quarter else t("plan.no_quarter", lang)


def lever_text(referentiel: Referentiel, action: PlanAction, lang: str) -> str:
    """The line's lever label, empty when none or unknown to this référentiel."""
    if action.lever is None:
        return ""
    try:
        return referentiel.lever(action.lever).label.get(lang)
    except KeyError:
        return action.lever


def status_text(action: PlanAction, lang: str) -> str:
    """The line's status in words."""
    return status_label(action.status, lang)


def status_name(status: Status | None, lang: str) -> str:
    """A status in words, a dash when there was none."""
    return t("plan.none", lang) if status is None else status_label(status, lang)


def score(value: float | None, lang: str) -> str:
    """A 0-100 score as a whole number, a dash when missing."""
    return t("plan.none", lang) if value is None else format_number(value, lang)


def delta(change: Change, lang: str) -> str:
    """« +12 », « −3 », « 0 », a dash when either value is missing."""
    if change.before is None or change.after is None:
        return t("plan.none", lang)
    # The difference of the whole numbers shown beside it, so the three figures agree.
    value = round(change.after) - round(change.before)
    if value == 0:
        return "0"
    return ("+" if value > 0 else "−") + format_number(abs(value), lang)


def answer_text(referentiel: Referentiel, question: str, answer: Answer | None, lang: str) -> str:
    """An answer's label, « sans réponse » when none."""
    if answer is None:
        return t("compare.no_answer", lang)
    return answer_label(referentiel, question, answer, lang)


def date_text(day: dt.date | None, lang: str) -> str:
    return format_date(day, lang) if day else t("compare.undated", lang)
