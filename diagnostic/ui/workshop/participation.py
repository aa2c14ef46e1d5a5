"""A participant's diagnostic in a workshop: its motivations, saving, bringing answers in."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from ...model import Answer, AnswerSheet, MotivationId, QuestionId, TerritoryProfile
from ...schema.answers import check_answer, check_comment
from ...storage import DiagnosticRecord, WorkshopRecord
from ...workshop.pacing import FREE, Pacing, shown_motivations
from ..state import Context


@dataclass(frozen=True)
class Participation:
    """A participant's diagnostic in a workshop, and how their answers are saved."""

    ctx: Context
    token: str
    record: DiagnosticRecord
    workshop: WorkshopRecord
    pacing: Pacing = FREE

    @property
    def closed(self) -> bool:
        return self.workshop.status != "open"

    @property
    def included(self) -> tuple[MotivationId, ...]:
        """The workshop's motivations in the référentiel's order (all when none was chosen)."""
        return included_motivations(self.ctx, self.workshop)

    @property
    def motivations(self) -> tuple[MotivationId, ...]:
        """The motivations the phone shows: all included ones, or those opened (paced)."""
        return tuple(MotivationId(m) for m in shown_motivations(self.pacing, self.included))

    @property
    def profile(self) -> TerritoryProfile:
        """The workshop's territory, with the participant's role as the respondent's."""
        base = self.record.profile or self.workshop.profile
        return dataclasses.replace(base, respondent_role=self.record.role)

    def save_answer(self, question_id: QuestionId, answer: Answer | None) -> None:
        checked = (
            None if answer is None else check_answer(self.ctx.referentiel, question_id, answer)
        )
        self.ctx.repository.save_answer(self.token, question_id, checked)

    def save_comment(self, question_id: QuestionId, comment: str) -> None:
        checked = check_comment(self.ctx.referentiel, question_id, comment)
        self.ctx.repository.save_comment(self.token, question_id, checked)

    def bring(self, source: AnswerSheet) -> int:
        """Replace the answers with ``source``'s on the workshop's questions; how many were kept."""
        referentiel, kept = self.ctx.referentiel, set(self.included)
        wanted = {q.id for q in referentiel.questions if q.motivation in kept}
        answers = {
            q: check_answer(referentiel, q, a) for q, a in source.answers.items() if q in wanted
        }
        comments = {
            q: check_comment(referentiel, q, c) for q, c in source.comments.items() if q in wanted
        }
        sheet = AnswerSheet(self.profile, answers, comments, referentiel.version)
        self.ctx.repository.replace_sheet(self.token, sheet)
        return len(answers)


def included_motivations(ctx: Context, workshop: WorkshopRecord) -> tuple[MotivationId, ...]:
    """The workshop's motivations in the référentiel's order (all when none was chosen)."""
    chosen = set(workshop.motivations)
    return tuple(m.id for m in ctx.referentiel.motivations if not chosen or m.id in chosen)
