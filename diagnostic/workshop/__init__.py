"""The workshop: many people answer the same questionnaire, their answers are aggregated.

Pure logic, no display, no storage: ``aggregation`` (progress, the group's result, the
dashboard's summary), ``divergence`` (consensus and divergence per question) and ``groups``
(a group's result and the gaps between roles). The method is in ``docs/methode.md``.
"""

from .aggregation import (
    Participant,
    Progress,
    WorkshopSummary,
    aggregate,
    check_participants,
    group_answers,
    group_scores,
)
from .divergence import MIN_GROUP, LevelSpread, QuestionConsensus, questions_to_discuss
from .groups import SUBJECTS, GroupResult, RoleGap, Subject, compare_roles, group_sheet, role_gaps

__all__ = [
    "MIN_GROUP",
    "SUBJECTS",
    "GroupResult",
    "LevelSpread",
    "Participant",
    "Progress",
    "QuestionConsensus",
    "RoleGap",
    "Subject",
    "WorkshopSummary",
    "aggregate",
    "check_participants",
    "compare_roles",
    "group_answers",
    "group_scores",
    "group_sheet",
    "questions_to_discuss",
    "role_gaps",
]
