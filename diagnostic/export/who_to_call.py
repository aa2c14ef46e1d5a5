"""« Qui appeler » : the territory's regional contacts, else the référentiel's providers.

Built once from the recommendations and the territory's département, then drawn by the
results page, the PDF report and the XLSX workbook.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from ..advice.recommend import Recommendation
from ..errors import ReferentielError
from ..i18n import t
from ..model import Provider, Referentiel
from ..territory.contacts import Contact, region_name, who_to_call
from ..territory.official import attribution, official_territories
from ..typography import format_date


@dataclass(frozen=True)
class CallLine:
    """One contact to call: a named regional contact, or a kind of provider to find."""

    who: str
    role: str  # what the contact is, when its name does not say it already; else ""
    levers: tuple[str, ...]
    website: str | None = None
    source: str | None = None
    checked: dt.date | None = None


@dataclass(frozen=True)
class CallList:
    """Who to call for the levers to start with, and where the names come from."""

    region: str  # the région's name; empty when the département is not known
    lines: tuple[CallLine, ...]

    @property
    def named(self) -> tuple[CallLine, ...]:
        """The lines that name a regional contact."""
        return tuple(line for line in self.lines if line.source)


def call_list(
    referentiel: Referentiel,
    recommendations: Sequence[Recommendation],
    departement: str | None,
    lang: str,
    edits: Sequence[Contact] = (),
) -> CallList:
    """The regional contacts of the territory first, then every other provider to ask.

    ``edits`` are the directory rows the région's advisers edited or added in the app.
    """
    region, contacts = who_to_call(departement, edits)
    lines = [_named(contact, referentiel, recommendations, lang) for contact in contacts]
    named_kinds = {contact.provider for contact in contacts}
    providers: dict[str, Provider] = {}
    for recommendation in recommendations:
        for provider in recommendation.providers:
            providers.setdefault(provider.id, provider)
    for provider in providers.values():
        if provider.id not in named_kinds:
            who, role = split_name(provider.name.get(lang))
            lines.append(CallLine(who, role, _levers(provider.id, recommendations, lang)))
    return CallList(region_name(region), tuple(lines))


def short_name(name: str) -> str:
    """« CRESS » for « CRESS — Chambre régionale… »."""
    return name.split(" — ")[0].strip()


def split_name(name: str) -> tuple[str, str]:
    """(« CRESS », « Chambre régionale… ») for « CRESS — Chambre régionale… »; (name, "") else."""
    short, _, rest = name.partition(" — ")
    return short.strip(), rest.strip()


def sources_note(calls: CallList, lang: str) -> str:
    """Where the named contacts come from, or why there are none."""
    if calls.named:
        latest = max(line.checked for line in calls.named if line.checked)
        return t("contacts.sources", lang, date=format_date(latest, lang))
    if calls.region:
        return t("contacts.none_in_region", lang, region=calls.region)
    return t("contacts.no_region", lang)


def _named(
    contact: Contact,
    referentiel: Referentiel,
    recommendations: Sequence[Recommendation],
    lang: str,
) -> CallLine:
    known: dict[str, Provider] = {provider.id: provider for provider in referentiel.providers}
    provider = known.get(contact.provider)
    role = provider.name.get(lang) if provider else t(f"contacts.kind.{contact.provider}", lang)
    return CallLine(
        who=contact.name,
        role=role,
        levers=_levers(contact.provider, recommendations, lang),
        website=contact.website,
        source=contact.source,
        checked=contact.checked,
    )


def _levers(
    provider_id: str, recommendations: Sequence[Recommendation], lang: str
) -> tuple[str, ...]:
    return tuple(
        recommendation.lever.label.get(lang)
        for recommendation in recommendations
        if provider_id in {provider.id for provider in recommendation.providers}
    )


def call_table(calls: CallList, lang: str) -> tuple[list[str], list[list[object]]]:
    """The call list as a header and rows: who, role, website, levers, source, date checked."""
    keys = ("who", "role", "website", "levers", "source", "checked")
    header = [t(f"contacts.col.{key}", lang) for key in keys]
    rows: list[list[object]] = [
        [
            line.who,
            line.role or None,
            line.website,
            ", ".join(line.levers) or None,
            line.source,
            format_date(line.checked, lang) if line.checked else None,
        ]
        for line in calls.lines
    ]
    notes = [sources_note(calls, lang), territories_note(lang)]
    return header, rows + [[None] * len(keys)] + [
        [note] + [None] * (len(keys) - 1) for note in notes if note
    ]


def territories_note(lang: str) -> str:
    """Where the territories come from (millésime, producers, licence); empty if unreadable."""
    try:
        return attribution(official_territories(), lang)
    except ReferentielError:
        return ""
