"""How a workshop's answer to one question is worded: the group answer, or « avis partagés ».

A split question (``QuestionConsensus.split``) shows its distribution instead of one
answer; "je ne sais pas" are always counted. Shared by the dashboard and the exports.
"""

from __future__ import annotations

from ...advice.recommend import answer_label
from ...i18n import t
from ...model import Referentiel
from ...workshop.divergence import QuestionConsensus


def distribution_text(referentiel: Referentiel, consensus: QuestionConsensus, lang: str) -> str:
    """« 4 « Pas un enjeu », 4 « Enjeu majeur », 3 « Je ne sais pas » »: counts, unknowns last."""
    assert consensus.spread is not None
    question = referentiel.question(consensus.question)
    scale = referentiel.scale(question.scale)
    parts = [
        t("workshop.distribution_item", lang, count=count, label=scale.label(level, lang))
        for level, count in consensus.spread.counts
        if count
    ]
    if consensus.unknown:
        label = t("answer.unknown", lang)
        parts.append(t("workshop.distribution_item", lang, count=consensus.unknown, label=label))
    return ", ".join(parts)


def group_answer_text(referentiel: Referentiel, consensus: QuestionConsensus, lang: str) -> str:
    """The group's answer (the median level's label), or « Avis partagés » when split."""
    assert consensus.spread is not None
    if consensus.split:
        return t("workshop.split", lang)
    return answer_label(referentiel, consensus.question, consensus.spread.median, lang)


def answer_line(referentiel: Referentiel, consensus: QuestionConsensus, lang: str) -> str:
    """« Réponse du groupe : … » or « Avis partagés : 4 …, 4 … », with any "je ne sais pas"."""
    distribution = distribution_text(referentiel, consensus, lang)
    if consensus.split:
        return t("workshop.split_line", lang, distribution=distribution)
    label = group_answer_text(referentiel, consensus, lang)
    if consensus.unknown:
        return t("workshop.answer_unknown_line", lang, label=label, count=consensus.unknown)
    return t("workshop.answer_line", lang, label=label)
