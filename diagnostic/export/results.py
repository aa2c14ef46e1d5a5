"""The référentiel and a territory's scores as plain JSON-ready values (CLI and API output)."""

from __future__ import annotations

from typing import Any

from ..advice.confidence import describe
from ..advice.recommend import ChosenAction, answer_label, describe_reason, need_word, who_knows
from ..advice.scoring import Scores
from ..i18n import t
from ..model import AnswerSheet, Referentiel, Text
from ..territory.profile import profile_to_dict
from .findings import Findings, because_text


def _text(text: Text) -> dict[str, str]:
    return {"fr": text.fr, "en": text.en}


def referentiel_to_dict(referentiel: Referentiel) -> dict[str, Any]:
    """Motivations, levers (with providers and actions), providers, scales and questions."""
    return {
        "version": referentiel.version,
        "title": _text(referentiel.title),
        "motivations": [
            {
                "id": m.id,
                "order": m.order,
                "label": _text(m.label),
                "description": _text(m.description),
            }
            for m in referentiel.motivations
        ],
        "levers": [
            {
                "id": lever.id,
                "order": lever.order,
                "label": _text(lever.label),
                "description": _text(lever.description),
                "providers": list(lever.providers),
                "actions": [
                    {
                        "id": a.id,
                        "territory_types": sorted(a.territory_types),
                        "label": _text(a.label),
                        "next": _text(a.next) if a.next is not None else None,
                        "detail": _text(a.detail),
                        "conditions": {
                            "questions": list(a.questions),
                            "done_from": a.done_from,
                            "min_population": a.min_population,
                            "max_population": a.max_population,
                        },
                    }
                    for a in referentiel.actions_of(lever.id)
                ],
            }
            for lever in referentiel.levers
        ],
        "providers": [
            {"id": p.id, "name": _text(p.name), "description": _text(p.description)}
            for p in referentiel.providers
        ],
        "knowledge_gap_levers": dict(referentiel.knowledge_gap_levers),
        "rules": {
            "motivation_ranking": {
                "max": referentiel.rules.ranking_max,
                "factors": list(referentiel.rules.ranking_factors),
                "unranked": referentiel.rules.ranking_unranked,
            },
            "need_words": {
                "fort": referentiel.rules.need_strong,
                "moyen": referentiel.rules.need_medium,
                "minimum": referentiel.rules.need_minimum,
            },
            "confidence": {
                "close_points": referentiel.rules.close_points,
                "min_answered_share": referentiel.rules.min_answered_share,
            },
        },
        "questions": [_question(referentiel, q.id) for q in referentiel.questions],
    }


def _question(referentiel: Referentiel, question_id: str) -> dict[str, Any]:
    question = referentiel.question(question_id)
    scale = referentiel.scale(question.scale)
    return {
        "id": question.id,
        "motivation": question.motivation,
        "kind": question.kind,
        "scale": {
            "id": scale.id,
            "min": scale.min,
            "max": scale.max,
            "levels": [{"value": lv.value, "label": _text(lv.label)} for lv in scale.levels],
        },
        "levers": dict(question.levers),
        "label": _text(question.label),
        "short": _text(question.short_label),
        "help": _text(question.help),
        "declinable": question.declinable,
        "foundation": question.foundation,
        "who_knows": list(question.who_knows),
        "territory_types": sorted(question.territory_types),
    }


def scores_to_dict(
    referentiel: Referentiel, sheet: AnswerSheet, scores: Scores, lang: str = "fr"
) -> dict[str, Any]:
    """Scores in rank order with need words, confidence, ranking, gaps, choices, advice."""
    findings = Findings.of(referentiel, sheet, scores)
    confidence = findings.confidence
    return {
        "referentiel_version": referentiel.version,
        "answers_referentiel_version": sheet.referentiel_version,
        "upgrade_note": sheet.upgrade_note.get(lang) if sheet.upgrade_note else None,
        "territory": profile_to_dict(sheet.territory),
        "answered": scores.answered,
        "total": scores.total,
        "answered_share": round(scores.answered_share, 4),
        "priorities": [
            {"id": m, "rank": rank, "label": referentiel.motivation(m).label.get(lang)}
            for rank, m in enumerate(scores.priorities, start=1)
        ],
        "confidence": {
            "sure": confidence.sure,
            "few_answers": confidence.few_answers,
            "close_groups": [list(group) for group in confidence.close_groups],
            "notes": describe(referentiel, confidence, lang),
        },
        "levers": [
            {
                "id": r.id,
                "label": referentiel.lever(r.id).label.get(lang),
                "score": round(r.score, 2),
                **_need(need_word(r.score, referentiel.rules), lang),
                "rank": r.rank,
                "questions": list(r.questions),
                "contributions": [
                    {"question": c.question, "points": round(c.points, 2)} for c in r.contributions
                ],
            }
            for r in scores.levers
        ],
        "motivations": [
            {
                "id": m.id,
                "label": referentiel.motivation(m.id).label.get(lang),
                "priority": None if m.priority is None else round(m.priority, 2),
                "maturity": None if m.maturity is None else round(m.maturity, 2),
                "answered": m.answered,
                "unknown": m.unknown,
                "total": m.total,
            }
            for m in scores.motivations
        ],
        "knowledge_gaps": [
            {
                "question": q,
                "motivation": referentiel.question(q).motivation,
                "label": referentiel.question(q).label.get(lang),
                "short_label": referentiel.question(q).short_label.get(lang),
                "who_knows": [
                    {"id": p.id, "name": p.name.get(lang)} for p in who_knows(referentiel, q)
                ],
            }
            for q in scores.knowledge_gaps
        ],
        "declined": [
            {
                "question": q,
                "motivation": referentiel.question(q).motivation,
                "label": referentiel.question(q).label.get(lang),
                "short_label": referentiel.question(q).short_label.get(lang),
                "answer_label": answer_label(referentiel, q, sheet.answer(q), lang),
            }
            for q in scores.declined
        ],
        "recommendations": [
            {
                "lever": rec.lever.id,
                "rank": rec.rank,
                "score": round(rec.score, 2),
                **_need(rec.need, lang),
                "providers": [p.name.get(lang) for p in rec.providers],
                "actions": [a.label.get(lang) for a in rec.actions],
                "chosen_actions": [_action(referentiel, a, lang) for a in rec.actions],
                "reasons": [
                    {
                        "question": reason.question,
                        "answer": reason.answer,
                        "answer_label": answer_label(
                            referentiel, reason.question, reason.answer, lang
                        ),
                        "points": round(reason.points, 2),
                        "text": describe_reason(referentiel, reason, lang),
                    }
                    for reason in rec.reasons
                ],
            }
            for rec in findings.top
        ],
    }


def _need(word: str, lang: str) -> dict[str, str]:
    return {"need": word, "need_label": t(f"need.{word}", lang)}


def _action(referentiel: Referentiel, action: ChosenAction, lang: str) -> dict[str, Any]:
    """A chosen action: its wording here, whether under way, the answers it follows from."""
    return {
        "id": action.id,
        "label": action.label.get(lang),
        "detail": action.detail.get(lang),
        "under_way": action.under_way,
        "because": list(action.because),
        "because_text": because_text(referentiel, action, lang) or None,
    }
