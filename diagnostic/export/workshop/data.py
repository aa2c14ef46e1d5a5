"""What a workshop's exports show: its aggregation, role counts and values, anonymised sheets.

The rows and sheets built here carry no pseudonym, token, comment or time. Participants are
numbered by role, then by a hash of their secret token, so the numbers do not follow the order
in which people joined. A participant's role is shown only when that role gathers at least
``MIN_GROUP`` respondents and the masked roles, taken together, gather none or at least
``MIN_GROUP``: otherwise the one or two people in them could be recognised by elimination, so
the role is masked on every row.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ...advice.scoring import Scores
from ...i18n import t
from ...model import ROLES, AnswerSheet, Referentiel, Role
from ...referentiel.scope import for_territory
from ...workshop import MIN_GROUP, Participant, WorkshopSummary, aggregate
from ...workshop.groups import GroupResult, Subject, group_sheet
from ...workshop.pacing import uncovered_motivations
from ...workshop.retained import (
    NO_DISCUSSION,
    Discussion,
    GroupDiagnostic,
    group_diagnostic,
    with_retained,
)
from ..xlsx_cells import Row

if TYPE_CHECKING:
    from ...storage import ParticipantSheet, WorkshopRecord


@dataclass(frozen=True)
class WorkshopData:
    """A workshop's aggregation and its group sheet (None when hidden), computed once."""

    referentiel: Referentiel
    workshop: WorkshopRecord
    sheets: tuple[ParticipantSheet, ...]
    summary: WorkshopSummary  # its group result is the group diagnostic (retained answers)
    group: AnswerSheet | None
    discussion: Discussion = NO_DISCUSSION
    diagnostic: GroupDiagnostic | None = None  # which answers are retained, which computed

    @classmethod
    def build(
        cls,
        referentiel: Referentiel,
        workshop: WorkshopRecord,
        sheets: Sequence[ParticipantSheet],
        discussion: Discussion = NO_DISCUSSION,
    ) -> WorkshopData:
        """The workshop's report data, over the questions its territory's type is asked."""
        referentiel = for_territory(referentiel, workshop.profile.type)
        people = [Participant(own.token, own.role, own.sheet.answers) for own in sheets]
        computed = aggregate(referentiel, people, workshop.motivations)
        diagnostic = group_diagnostic(referentiel, computed, discussion.retained)
        summary = with_retained(computed, diagnostic)
        group = group_sheet(summary.group, workshop.profile)
        return cls(referentiel, workshop, tuple(sheets), summary, group, discussion, diagnostic)

    @property
    def day(self) -> dt.date:
        """The workshop's date: the one given with its profile, else the day it was created."""
        return self.workshop.profile.date or self.workshop.created_at.date()

    def joined(self, role: Role) -> int:
        """How many joined in ``role``, answers or not."""
        return sum(own.role == role for own in self.sheets)

    def role_result(self, role: Role) -> GroupResult:
        return self.summary.roles[ROLES.index(role)]

    def present_roles(self) -> tuple[Role, ...]:
        """Roles with at least one participant, in model.ROLES order."""
        return tuple(role for role in ROLES if self.joined(role))

    def visible_roles(self) -> tuple[Role, ...]:
        """Roles whose own result is shown (at least MIN_GROUP respondents)."""
        return tuple(role for role in ROLES if not self.role_result(role).hidden)


def count_text(count: int, lang: str) -> str | int:
    """A head count, or « moins de 3 » below MIN_GROUP, so that a small role stays vague."""
    return count if count >= MIN_GROUP else t("workshop.fewer", lang)


def item_label(referentiel: Referentiel, subject: Subject, item: str, lang: str) -> str:
    """The motivation (priority, maturity) or lever a value or a gap is about."""
    if subject == "lever":
        return referentiel.lever(item).label.get(lang)
    return referentiel.motivation(item).label.get(lang)


def compared_items(referentiel: Referentiel) -> list[tuple[Subject, str]]:
    """Every priority, then every maturity, then every lever: what roles are compared on."""
    motivations = [motivation.id for motivation in referentiel.motivations]
    items: list[tuple[Subject, str]] = [("priority", item) for item in motivations]
    items += [("maturity", item) for item in motivations]
    return items + [("lever", lever.id) for lever in referentiel.levers]


def subject_value(scores: Scores | None, subject: Subject, item: str) -> float | None:
    """A role's or the group's value on a priority, a maturity or a lever; None if absent."""
    if scores is None:
        return None
    if subject == "lever":
        return scores.lever(item).score
    motivation = scores.motivation(item)
    return motivation.priority if subject == "priority" else motivation.maturity


def anonymous_sheets(data: WorkshopData) -> list[tuple[int, Role | None, AnswerSheet]]:
    """Respondents as (number, role or None if masked, answers without comments); [] if hidden."""
    if data.summary.group.hidden:
        return []
    respondents = [own for own in data.sheets if own.sheet.answers]
    shown = set(data.visible_roles())
    masked = sum(own.role not in shown for own in respondents)
    if 0 < masked < MIN_GROUP:
        shown = set()

    def order(own: ParticipantSheet) -> tuple[int, str]:
        rank = ROLES.index(own.role) if own.role in shown else len(ROLES)
        return rank, hashlib.sha256(own.token.encode()).hexdigest()

    return [
        (
            number,
            own.role if own.role in shown else None,
            AnswerSheet(own.sheet.territory, own.sheet.answers),  # comments may name people
        )
        for number, own in enumerate(sorted(respondents, key=order), start=1)
    ]


def count_rows(data: WorkshopData, lang: str) -> list[Row]:
    """Each role present: label, participants, respondents, whether its results are shown."""
    rows: list[Row] = []
    for role in data.present_roles():
        result = data.role_result(role)
        rows.append(
            [
                t(f"role.{role}", lang),
                count_text(data.joined(role), lang),
                count_text(result.respondents, lang),
                t("workshop.hidden" if result.hidden else "workshop.xlsx.shown", lang),
            ]
        )
    return rows


def value_rows(
    data: WorkshopData, roles: Sequence[Role], subjects: Sequence[Subject], lang: str
) -> list[Row]:
    """[subject, item, group value, each role's value] per compared item; « masqué » if hidden."""
    results = (data.summary.group, *(data.role_result(role) for role in roles))
    rows: list[Row] = []
    for subject, item in compared_items(data.referentiel):
        if subject not in subjects:
            continue
        row: Row = [t(f"workshop.subject.{subject}", lang)]
        row.append(item_label(data.referentiel, subject, item, lang))
        for result in results:
            value = subject_value(result.scores, subject, item)
            hidden = t("workshop.masked", lang) if result.hidden else None
            row.append(hidden if value is None else round(value, 1))
        rows.append(row)
    return rows


def uncovered_labels(data: WorkshopData, lang: str) -> list[str]:
    """The motivations the workshop left out, worded in ``lang`` (none when it covered all)."""
    every = [motivation.id for motivation in data.referentiel.motivations]
    left_out = uncovered_motivations(every, data.workshop.motivations)
    return [data.referentiel.motivation(m).label.get(lang) for m in left_out]
