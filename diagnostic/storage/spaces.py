"""What a territory's space holds: diagnostics and workshops attached to it, by its members
(or by the advisers it shares with, for the workshops they create)."""

from __future__ import annotations

import dataclasses
from typing import Any

from sqlalchemy import Connection, Engine, Table, select

from ..accounts import Actor, Attachment, TerritoryRef
from ..accounts.records import ItemKind
from ..errors import AccountError
from ..model import AnswerSheet
from . import queries
from .account_gate import gate, guarded, resolve, who
from .attaching import check_attachable, check_belongs, insert_sheet
from .checks import check_token
from .engine import reading, writing
from .records import build_sheet, profile_from_row
from .tables import answers, diagnostics, territory_items, workshops
from .workshops import _admin_row


def attached_elsewhere() -> AccountError:
    """The diagnostic or workshop already belongs to another territory's space."""
    return AccountError(
        "Ce diagnostic ou cet atelier est déjà rattaché à un autre territoire.",
        "This diagnostic or workshop is already attached to another territory.",
    )


def _attach(
    connection: Connection, actor: Actor, ref: TerritoryRef, column: str, item: int
) -> bool:
    """Attach one row to the territory; False if it already was, AccountError if elsewhere."""
    found = connection.execute(
        select(territory_items.c.territory).where(territory_items.c[column] == item)
    ).first()
    if found is not None:
        if found.territory != ref.key:
            raise attached_elsewhere()
        return False
    connection.execute(
        territory_items.insert().values(
            territory=ref.key,
            **{column: item},
            attached_by=who(actor),
            attached_at=queries.utcnow(),
        )
    )
    return True


class SpaceMethods:
    """The diagnostics and workshops of a territory's space."""

    _engine: Engine

    def attach_diagnostic(self, actor: Actor, token: str, territory: str) -> bool:
        """Attach a single diagnostic of that territory, opened by its link (a member's or
        the administrator's act); False if it already was, nothing written on a refusal."""
        token = check_token(token)
        with writing(self._engine) as connection:
            ref = resolve(connection, territory)
            gate(connection, actor, "attach_diagnostic", ref, detail="diagnostic rattaché")
            row = queries.find_diagnostic(connection, token)
            check_attachable(row, ref)
            return _attach(connection, actor, ref, "diagnostic_id", row.id)

    def import_diagnostic(self, actor: Actor, sheet: AnswerSheet, territory: str) -> str:
        """Save an answers file of that territory as a new diagnostic attached to its space,
        in one transaction; its token. Nothing is written if anything is refused."""
        with writing(self._engine) as connection:
            ref = resolve(connection, territory)
            detail = "diagnostic importé d’un fichier"
            gate(connection, actor, "attach_diagnostic", ref, detail=detail)
            check_belongs(sheet.territory, ref, "file")
            diagnostic_id, token = insert_sheet(connection, sheet)
            _attach(connection, actor, ref, "diagnostic_id", diagnostic_id)
        return token

    def attachment_of(self, token: str) -> str | None:
        """The key of the territory whose space holds the diagnostic, None if none does
        (whoever holds the token may know it)."""
        token = check_token(token)
        with reading(self._engine) as connection:
            row = queries.find_diagnostic(connection, token)
            return connection.scalar(
                select(territory_items.c.territory).where(territory_items.c.diagnostic_id == row.id)
            )

    def attach_workshop(self, actor: Actor, code: str, admin_key: str, territory: str) -> bool:
        """Attach a workshop, its admin key proving it is the actor's, to a territory: its
        members, or the advisers it shares with (who create workshops for it)."""
        with writing(self._engine) as connection:
            ref = resolve(connection, territory)
            gate(connection, actor, "create_workshop_for_territory", ref, detail="atelier")
            row = _admin_row(connection, code, admin_key)
            return _attach(connection, actor, ref, "workshop_id", row.id)

    def territory_items(self, actor: Actor, territory: str) -> list[Attachment]:
        """The diagnostics and workshops of a territory, newest first.

        Members get each diagnostic's token (the resume link); others who may see the
        territory get an empty ``reference`` for diagnostics and read them with
        ``attached_sheet``: a token would let them change the diagnostic.
        """
        with guarded(self._engine, actor, "view_territory", territory) as (connection, ref, roles):
            assert ref is not None
            items = _items(connection, ref.key)
        is_member = roles is not None and roles.member_of(ref.key)
        return [
            item if is_member or item.kind == "workshop" else _without_reference(item)
            for item in items
        ]

    def attached_sheet(self, actor: Actor, territory: str, item: int) -> AnswerSheet:
        """A diagnostic of the territory's space, read only, by its place in the space."""
        detail = f"diagnostic n° {item}"
        with guarded(self._engine, actor, "view_territory", territory, None, detail) as found:
            connection, ref, _ = found
            assert ref is not None
            row = connection.execute(
                select(diagnostics)
                .select_from(diagnostics.join(territory_items))
                .where(territory_items.c.territory == ref.key, territory_items.c.id == item)
            ).first()
            if row is None:
                raise AccountError(
                    "Ce diagnostic n’est pas dans l’espace de ce territoire.",
                    "This diagnostic is not in this territory's space.",
                )
            rows = connection.execute(select(answers).where(answers.c.diagnostic_id == row.id))
            return build_sheet(
                profile_from_row(row),
                rows.all(),
                row.referentiel_version,
                row.priorities or "",
                row.upgrade_note or "",
            )


def _items(connection: Connection, key: str) -> list[Attachment]:
    """The attached diagnostics and workshops of a territory, newest first."""
    found: list[Attachment] = []
    sources: tuple[tuple[Table, ItemKind, Any], ...] = (
        (diagnostics, "diagnostic", diagnostics.c.token),
        (workshops, "workshop", workshops.c.code),
    )
    for table, kind, reference in sources:
        column = (
            territory_items.c.diagnostic_id
            if kind == "diagnostic"
            else territory_items.c.workshop_id
        )
        rows = connection.execute(
            select(
                territory_items.c.id,
                reference.label("reference"),
                table.c.name,
                table.c.created_at,
                territory_items.c.attached_by,
                territory_items.c.attached_at,
            )
            .select_from(territory_items.join(table, column == table.c.id))
            .where(territory_items.c.territory == key)
        ).all()
        found += [
            Attachment(
                r.id,
                key,
                kind,
                r.reference,
                r.name or "",
                r.attached_by,
                r.attached_at,
                r.created_at,
            )
            for r in rows
        ]
    return sorted(found, key=lambda item: item.created_at, reverse=True)


def _without_reference(item: Attachment) -> Attachment:
    """The item without its secret token."""
    return dataclasses.replace(item, reference="")
