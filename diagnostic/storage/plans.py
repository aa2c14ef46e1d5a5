"""The feuille de route half of the repository, and re-diagnosis: a diagnostic following one."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Mapping
from typing import Any, cast

from sqlalchemy import Connection, Engine, Row, func, select, update

from ..errors import AnswersError
from ..model import ActionId, Answer, AnswerSheet, LeverId, MotivationId, QuestionId
from ..plan.codec import check_text, plan_from_raw, plan_to_raw
from ..plan.model import ENTRY_ID, PLAN_MAX, STATUSES, Plan, PlanAction, Quarter, Status
from ..territory.profile import clean_text, parse_profile, profile_to_dict
from . import queries
from .checks import check_token, new_token, sheet_rows
from .engine import reading, writing
from .records import (
    EMPTY_PROFILE,
    DiagnosticRecord,
    build_sheet,
    profile_from_row,
    profile_values,
)
from .tables import answers, diagnostics, plan_actions
from .workshops import _admin_row as admin_row

Owner = tuple[str, int]  # ("diagnostic_id" | "workshop_id", id)


def check_plan_action(action: PlanAction) -> PlanAction:
    """The line, its texts made storable, if its fields fit; AnswersError otherwise."""
    if not isinstance(action, PlanAction):
        raise TypeError(f"expected a PlanAction, got {type(action).__name__}")
    if not ENTRY_ID.match(action.id) or action.status not in STATUSES:
        raise AnswersError(
            f"Ligne de feuille de route invalide (id « {action.id} », statut « {action.status} »).",
            f"Invalid plan line (id '{action.id}', status '{action.status}').",
        )

    def text(name: str) -> str:
        return clean_text(check_text(getattr(action, name), name, required=name == "label"))

    return dataclasses.replace(
        action,
        label=text("label"),
        owner=text("owner"),
        partners=text("partners"),
        note=text("note"),
    )


def plan_values(action: PlanAction) -> dict[str, Any]:
    """A line as the plan_actions columns it fills (owner and position aside)."""
    return {
        "action_id": action.action,
        "lever_id": action.lever,
        "label": action.label,
        "owner": action.owner,
        "partners": action.partners,
        "quarter": str(action.quarter) if action.quarter else None,
        "status": action.status,
        "note": action.note,
        "added": action.added,
    }


def action_from_row(row: Row[Any]) -> PlanAction:
    """A PlanAction from a plan_actions row."""
    return PlanAction(
        id=row.entry,
        label=row.label,
        added=row.added,
        action=cast(ActionId | None, row.action_id),
        lever=cast(LeverId | None, row.lever_id),
        owner=row.owner,
        partners=row.partners,
        quarter=Quarter.parse(row.quarter) if row.quarter else None,
        status=cast(Status, row.status),
        note=row.note,
    )


def read_plan(connection: Connection, owner: Owner) -> Plan:
    """The lines of a diagnostic's or a workshop's plan, in their order."""
    column = plan_actions.c[owner[0]]
    rows = connection.execute(
        select(plan_actions).where(column == owner[1]).order_by(plan_actions.c.position)
    ).all()
    return tuple(action_from_row(row) for row in rows)


def write_plan(connection: Connection, owner: Owner, plan: Plan) -> None:
    """Replace a whole plan (an import, a re-diagnosis)."""
    column = plan_actions.c[owner[0]]
    connection.execute(plan_actions.delete().where(column == owner[1]))
    if not plan:
        return
    now = queries.utcnow()
    connection.execute(
        plan_actions.insert(),
        [
            {owner[0]: owner[1], "entry": action.id, "position": index, "updated_at": now}
            | plan_values(check_plan_action(action))
            for index, action in enumerate(plan)
        ],
    )


def upsert_action(connection: Connection, owner: Owner, action: PlanAction) -> None:
    """Save one line: update it in place, or append it at the end of the plan."""
    values = plan_values(check_plan_action(action)) | {"updated_at": queries.utcnow()}
    column = plan_actions.c[owner[0]]
    mine = (column == owner[1]) & (plan_actions.c.entry == action.id)
    changed = connection.execute(update(plan_actions).where(mine).values(values))
    if changed.rowcount:
        return
    count = connection.scalar(select(func.count()).where(column == owner[1])) or 0
    if count >= PLAN_MAX:
        raise AnswersError(
            f"La feuille de route compte déjà {PLAN_MAX} actions.",
            f"The plan already holds {PLAN_MAX} actions.",
        )
    last = connection.scalar(select(func.max(plan_actions.c.position)).where(column == owner[1]))
    position = -1 if last is None else int(last)
    connection.execute(
        plan_actions.insert().values(
            **{owner[0]: owner[1]}, entry=action.id, position=position + 1, **values
        )
    )


def delete_action(connection: Connection, owner: Owner, entry: str) -> None:
    """Take one line out of a plan (nothing happens if it is not there)."""
    column = plan_actions.c[owner[0]]
    connection.execute(
        plan_actions.delete().where((column == owner[1]) & (plan_actions.c.entry == entry))
    )


def snapshot_text(sheet: AnswerSheet | None) -> str | None:
    """The earlier diagnostic as stored with a re-diagnosis: profile, ranking, answers,
    comments and plan, as JSON."""
    if sheet is None:
        return None
    values = {
        "referentiel_version": sheet.referentiel_version,
        "territory": profile_to_dict(sheet.territory),
        "priorities": list(sheet.priorities),
        "answers": dict(sheet.answers),
        "comments": {key: text for key, text in sheet.comments.items() if text},
        "plan": plan_to_raw(sheet.plan),
    }
    return json.dumps(values, ensure_ascii=False)


def snapshot_sheet(text: str | None) -> AnswerSheet | None:
    """The earlier diagnostic back from its stored JSON (copies made before the ranking
    and the comments were kept have none)."""
    if not text:
        return None
    values: Mapping[str, Any] = json.loads(text)
    answers = {QuestionId(key): cast(Answer, value) for key, value in values["answers"].items()}
    comments = {QuestionId(key): str(value) for key, value in values.get("comments", {}).items()}
    priorities = tuple(MotivationId(m) for m in values.get("priorities", []))
    territory = parse_profile(values["territory"])
    plan = plan_from_raw(values.get("plan", []))
    return AnswerSheet(
        territory,
        answers,
        comments,
        values.get("referentiel_version"),
        priorities=priorities,
        plan=plan,
    )


def superseded() -> AnswersError:
    """A plan write on a diagnostic that a re-diagnosis has followed."""
    return AnswersError(
        "Ce diagnostic a été refait depuis : sa feuille de route se poursuit dans le "
        "diagnostic le plus récent, ouvrez-le pour la modifier.",
        "This diagnostic has been done again since: its roadmap carries on in the latest "
        "diagnostic, open that one to change it.",
    )


def check_current(connection: Connection, diagnostic_id: int) -> None:
    """AnswersError if a re-diagnosis follows this diagnostic (call once its row is locked)."""
    followed = select(diagnostics.c.followed_by).where(diagnostics.c.id == diagnostic_id)
    if connection.scalar(followed) is not None:
        raise superseded()


def current_writable(connection: Connection, token: str) -> int:
    """The id of a diagnostic that may change and that no re-diagnosis follows."""
    diagnostic_id = queries.touch_writable(connection, token)
    check_current(connection, diagnostic_id)
    return diagnostic_id


class PlanMethods:
    """Feuilles de route of diagnostics and workshops, and re-diagnoses."""

    _engine: Engine

    def load_plan(self, token: str) -> Plan:
        """A diagnostic's feuille de route."""
        token = check_token(token)
        with reading(self._engine) as connection:
            row = queries.find_diagnostic(connection, token)
            return read_plan(connection, ("diagnostic_id", row.id))

    def save_plan_action(self, token: str, action: PlanAction) -> None:
        """Add a line to a diagnostic's plan, or change it in place."""
        token = check_token(token)
        with writing(self._engine) as connection:
            diagnostic_id = current_writable(connection, token)
            upsert_action(connection, ("diagnostic_id", diagnostic_id), action)

    def delete_plan_action(self, token: str, entry: str) -> None:
        """Take a line out of a diagnostic's plan."""
        token = check_token(token)
        with writing(self._engine) as connection:
            diagnostic_id = current_writable(connection, token)
            delete_action(connection, ("diagnostic_id", diagnostic_id), entry)

    def latest_token(self, token: str) -> str:
        """The token of the latest diagnostic of ``token``'s line (itself when none follows)."""
        token = check_token(token)
        with reading(self._engine) as connection:
            row = queries.find_diagnostic(connection, token)
            seen = {row.id}
            while row.followed_by is not None:
                found = select(diagnostics).where(diagnostics.c.id == row.followed_by)
                after = connection.execute(found).first()
                if after is None or after.id in seen:
                    break
                row = after
                seen.add(row.id)
            return str(row.token)

    def load_workshop_plan(self, code: str) -> Plan:
        """A workshop's feuille de route, built by the adviser with the group."""
        with reading(self._engine) as connection:
            row = queries.find_workshop(connection, code)
            return read_plan(connection, ("workshop_id", row.id))

    def save_workshop_plan_action(self, code: str, admin_key: str, action: PlanAction) -> None:
        """Add or change a line of a workshop's plan (admin key required)."""
        with writing(self._engine) as connection:
            row = admin_row(connection, code, admin_key, lock=True)
            upsert_action(connection, ("workshop_id", row.id), action)

    def delete_workshop_plan_action(self, code: str, admin_key: str, entry: str) -> None:
        """Take a line out of a workshop's plan (admin key required)."""
        with writing(self._engine) as connection:
            row = admin_row(connection, code, admin_key, lock=True)
            delete_action(connection, ("workshop_id", row.id), entry)

    def rediagnose(
        self,
        token: str,
        prefill: bool,
        today: dt.date | None = None,
        referentiel_version: str | None = None,
    ) -> DiagnosticRecord:
        """A new diagnostic following ``token``'s: same profile dated ``today``, ranking,
        comments and plan (with its statuses) carried over, answers copied when ``prefill``,
        the earlier one kept to compare; from then on only the new one's plan may change.

        ``referentiel_version``, the version the earlier answers were given with when the
        database does not know it, stamps the kept copy so that it can be mapped later.
        The kept copy is dated with the earlier diagnostic's last change if it had no date.
        """
        token = check_token(token)
        now = queries.utcnow()
        new = new_token()
        with writing(self._engine) as connection:
            row = queries.find_diagnostic(connection, token)
            if row.followed_by is not None:
                raise superseded()
            rows = connection.execute(select(answers).where(answers.c.diagnostic_id == row.id))
            earlier = _earlier_sheet(row, list(rows.all()), referentiel_version)
            earlier = dataclasses.replace(
                earlier, plan=read_plan(connection, ("diagnostic_id", row.id))
            )
            profile = dataclasses.replace(earlier.territory, date=today or dt.date.today())
            inserted = connection.execute(
                diagnostics.insert().values(
                    token=new,
                    created_at=now,
                    updated_at=now,
                    referentiel_version=earlier.referentiel_version,
                    priorities=row.priorities or "",
                    previous=snapshot_text(earlier),
                    **profile_values(profile),
                )
            )
            new_id = int(cast(Row[Any], inserted.inserted_primary_key)[0])
            write_plan(connection, ("diagnostic_id", new_id), earlier.plan)
            carried = AnswerSheet(profile, earlier.answers if prefill else {}, earlier.comments)
            queries.insert_answers(connection, new_id, sheet_rows(carried))
            follow = (
                update(diagnostics)
                .where((diagnostics.c.id == row.id) & diagnostics.c.followed_by.is_(None))
                .values(followed_by=new_id)
            )
            if connection.execute(follow).rowcount != 1:  # redone meanwhile by someone else
                raise superseded()
        return DiagnosticRecord(new, profile, now, now)


def _earlier_sheet(
    row: Row[Any], answer_rows: list[Row[Any]], referentiel_version: str | None
) -> AnswerSheet:
    """The diagnostic about to be redone as its kept copy: dated, stamped with its version."""
    sheet = build_sheet(
        profile_from_row(row), answer_rows, row.referentiel_version, row.priorities or ""
    )
    if sheet.territory == EMPTY_PROFILE:
        raise AnswersError(
            "Ce diagnostic n’a pas encore de profil de territoire : complétez-le avant de le "
            "refaire.",
            "This diagnostic has no territory profile yet: fill it in before doing it again.",
        )
    dated = dataclasses.replace(sheet.territory, date=sheet.territory.date or row.updated_at.date())
    return AnswerSheet(
        dated,
        sheet.answers,
        sheet.comments,
        sheet.referentiel_version or referentiel_version,
        priorities=sheet.priorities,
    )
