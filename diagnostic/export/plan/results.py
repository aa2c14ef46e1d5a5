"""The comparison as plain JSON-ready values (the CLI's ``compare --format json``)."""

from __future__ import annotations

from typing import Any

from ...model import Referentiel
from ...plan.compare import Change, Comparison
from ...territory.profile import profile_to_dict


def _pair(change: Change) -> dict[str, float | None]:
    def rounded(value: float | None) -> float | None:
        return None if value is None else round(value, 2)

    return {
        "before": rounded(change.before),
        "after": rounded(change.after),
        "difference": rounded(change.delta),
    }


def comparison_to_dict(
    referentiel: Referentiel, comparison: Comparison, lang: str = "fr"
) -> dict[str, Any]:
    """Per motivation and lever the two values and the difference; per question both answers."""
    return {
        "referentiel_version": referentiel.version,
        "territory": profile_to_dict(comparison.territory),
        "earlier_date": comparison.earlier_date.isoformat() if comparison.earlier_date else None,
        "later_date": comparison.later_date.isoformat() if comparison.later_date else None,
        "unchanged": comparison.unchanged,
        "motivations": [
            {
                "id": m.id,
                "label": referentiel.motivation(m.id).label.get(lang),
                "priority": _pair(m.priority),
                "maturity": _pair(m.maturity),
            }
            for m in comparison.motivations
        ],
        "levers": [
            {
                "id": c.id,
                "label": referentiel.lever(c.id).label.get(lang),
                "need": _pair(c.need),
            }
            for c in comparison.levers
        ],
        "questions": [
            {
                "id": c.question,
                "label": referentiel.question(c.question).label.get(lang),
                "before": c.before,
                "after": c.after,
                "direction": c.direction,
            }
            for c in comparison.answers
        ],
        "plan": [
            {
                "id": line.action.id,
                "label": line.action.label,
                "status_before": line.before,
                "status": line.action.status,
                "quarter": str(line.action.quarter) if line.action.quarter else None,
            }
            for line in comparison.plan
        ],
    }
