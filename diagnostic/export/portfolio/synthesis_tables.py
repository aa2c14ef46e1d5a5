"""The regional synthesis's sections as titled tables of words and numbers (PDF and XLSX)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ...i18n import t
from ...model import STATUSES, Referentiel
from ...plan.codec import status_label
from ...portfolio.synthesis import NEED_BANDS, Figure, Synthesis
from ..findings import capitalised

BAND_COLUMNS = {
    "fort": "synthesis.col.strong",
    "moyen": "synthesis.col.medium",
    "faible": "synthesis.col.low",
    "none": "synthesis.col.none",
}


@dataclass(frozen=True)
class Section:
    """A titled table; ``rows`` is None when its figure is masked (under three territories)."""

    title: str
    intro: str
    header: tuple[str, ...]
    rows: tuple[tuple[object, ...], ...] | None


def masked_text(lang: str) -> str:
    """« moins de 3 territoires »."""
    return t("synthesis.masked", lang)


def sections(referentiel: Referentiel, synthesis: Synthesis, lang: str) -> list[Section]:
    """Needs per lever, first actions, « je ne sais pas », declined subjects, plan statuses."""
    question = _label_of(lambda q: capitalised(referentiel.question(q).short_label.get(lang)))
    actions: dict[str, str] = {a.id: a.label.get(lang) for a in referentiel.actions}
    action: Callable[[str], str] = lambda a: actions.get(a, a)  # noqa: E731
    lists = (
        ("actions", "action", synthesis.first_actions, action),
        ("unknown", "question", synthesis.unknown, question),
        ("declined", "question", synthesis.declined, question),
    )
    found = [_needs(referentiel, synthesis, lang)]
    for name, column, figure, label in lists:
        title, intro = t(f"synthesis.{name}.title", lang), t(f"synthesis.{name}.intro", lang)
        found.append(_tally(title, intro, t(f"synthesis.col.{column}", lang), figure, label, lang))
    plans = synthesis.plan_statuses
    rows = None
    if plans.counts is not None:
        rows = tuple((status_label(s, lang), plans.counts.get(s, 0)) for s in STATUSES)
    header = (t("synthesis.col.status", lang), t("synthesis.col.actions", lang))
    intro = t("synthesis.plans.intro", lang, base=plans.base)
    found.append(Section(t("synthesis.plans.title", lang), intro, header, rows))
    return found


def late_text(synthesis: Synthesis, lang: str) -> str:
    """« Territoires avec des actions en retard : 2 sur 5. », or the masked wording."""
    late = synthesis.late
    if late.counts is None:
        return f"{t('portfolio.col.late', lang)}{t('app.colon', lang)}{masked_text(lang)}"
    return t("synthesis.plans.late", lang, count=late.counts["late"], base=late.base)


def _label_of(find: Callable[[str], str]) -> Callable[[str], str]:
    def label(item: str) -> str:
        try:
            return find(item)
        except KeyError:
            return item

    return label


def _needs(referentiel: Referentiel, synthesis: Synthesis, lang: str) -> Section:
    header = (
        t("synthesis.col.lever", lang),
        *[t(BAND_COLUMNS[band], lang) for band in NEED_BANDS],
    )
    intro = t("synthesis.needs.intro", lang, base=synthesis.diagnosed)
    if any(figure.counts is None for figure in synthesis.needs.values()):
        return Section(t("synthesis.needs.title", lang), intro, header, None)
    rows = tuple(
        (lever.label.get(lang), *[_count(synthesis.needs[lever.id], band) for band in NEED_BANDS])
        for lever in referentiel.levers
        if lever.id in synthesis.needs
    )
    return Section(t("synthesis.needs.title", lang), intro, header, rows)


def _count(figure: Figure, band: str) -> int:
    assert figure.counts is not None
    return figure.counts.get(band, 0)


def _tally(
    title: str, intro: str, column: str, figure: Figure, label: Callable[[str], str], lang: str
) -> Section:
    header = (column, t("synthesis.col.territories", lang))
    if figure.counts is None:
        return Section(title, intro, header, None)
    return Section(title, intro, header, tuple((label(k), n) for k, n in figure.counts.items()))
