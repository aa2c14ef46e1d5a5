"""The comparison as a few lines of plain text, for the terminal."""

from __future__ import annotations

from ...i18n import t
from ...model import Referentiel
from ...plan.compare import Comparison
from .pdf import answer_line
from .wording import date_text, delta, score, status_name, status_text


def comparison_text(referentiel: Referentiel, comparison: Comparison, lang: str = "fr") -> str:
    """What moved, section by section; « Aucune différence » when nothing did."""
    before = date_text(comparison.earlier_date, lang)
    after = date_text(comparison.later_date, lang)
    lines = [comparison.territory.name, t("compare.intro", lang, before=before, after=after), ""]
    if comparison.unchanged:
        return "\n".join([*lines, t("compare.none", lang)]) + "\n"
    colon = t("app.colon", lang)
    lines.append(t("compare.motivations", lang))
    for m in comparison.motivations:
        label = referentiel.motivation(m.id).label.get(lang)
        lines.append(
            f"- {label}{colon}{t('kind.priority', lang)} {score(m.priority.before, lang)} → "
            f"{score(m.priority.after, lang)}, {t('kind.maturity', lang)} "
            f"{score(m.maturity.before, lang)} → {score(m.maturity.after, lang)} "
            f"({delta(m.maturity, lang)})"
        )
    lines += ["", t("compare.levers", lang)]
    for c in comparison.levers:
        label = referentiel.lever(c.id).label.get(lang)
        lines.append(
            f"- {label}{colon}{score(c.need.before, lang)} → {score(c.need.after, lang)} "
            f"({delta(c.need, lang)})"
        )
    lines += ["", t("compare.answers", lang)]
    if not comparison.answers:
        lines.append(t("compare.no_answer_moved", lang))
    for change in comparison.answers:
        lines.append(
            f"- [{t(f'compare.{change.direction}', lang)}] "
            + answer_line(referentiel, change, lang)
        )
    if comparison.plan:
        lines += ["", t("compare.plan", lang)]
        for line in comparison.plan:
            lines.append(
                f"- {line.action.label}{colon}{status_name(line.before, lang)} → "
                f"{status_text(line.action, lang)}"
            )
    return "\n".join(lines) + "\n"
