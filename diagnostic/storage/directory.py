"""The regional directory half of the repository: the rows its advisers edit in the app.

Reading is open (the rows are what every territory of the région sees in « Qui appeler »);
saving or removing an edit goes through ``authorise``'s rules (``edit_directory``: the
advisers of that région and the administrator), writes its access-log line in the same
transaction, and writes nothing when refused.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Engine, Row, delete, select

from ..accounts import Actor, check_region
from ..errors import AccountError
from ..i18n import t
from ..territory.contacts import Contact, configured_directory
from ..territory.directory_edits import DirectoryEdit, DirectoryRow, Origin, region_rows
from ..territory.official import official_territories
from . import queries
from .account_gate import gate, roles_in, who
from .engine import reading, writing
from .tables import directory_edits as edits_table


def _edit(row: Row[Any]) -> DirectoryEdit:
    contact = Contact(
        row.region,
        row.departement or None,
        row.provider,
        row.name,
        row.website,
        row.source,
        row.checked,
    )
    return DirectoryEdit(contact, row.edited_by, row.edited_at)


def _where_key(region: str, departement: str | None, provider: str) -> Any:
    return (
        (edits_table.c.region == region)
        & (edits_table.c.departement == (departement or ""))
        & (edits_table.c.provider == provider)
    )


def _detail(region: str, departement: str | None, provider: str, change: str) -> str:
    """The access-log line's detail: which row, and what became of it."""
    place = f"région {region}" + (f", département {departement}" if departement else "")
    return f"annuaire {place}, {provider} : {change}"


_CHANGE: dict[Origin, str] = {
    "shipped": "ligne livrée",
    "edited": "remplace la ligne livrée",
    "added": "ligne ajoutée",
}


class DirectoryMethods:
    """The régions' directory rows edited or added in the app, over the shipped ones."""

    _engine: Engine

    def directory_edits(self, region: str | None = None) -> tuple[DirectoryEdit, ...]:
        """The edited rows of a région (every région when None), by département and kind."""
        query = select(edits_table).order_by(
            edits_table.c.region, edits_table.c.departement, edits_table.c.provider
        )
        if region is not None:
            query = query.where(edits_table.c.region == region)
        with reading(self._engine) as connection:
            return tuple(_edit(row) for row in connection.execute(query))

    def region_directory(self, region: str) -> tuple[DirectoryRow, ...]:
        """The région's rows as its territories see them: shipped, edited or added.

        Raises ReferentielError when the shipped directory cannot be read.
        """
        shipped = configured_directory().contacts
        return region_rows(region, shipped, self.directory_edits(region))

    def directory_regions(self, actor: Actor) -> tuple[str, ...]:
        """The régions whose directory the actor may edit: every one for the administrator."""
        with reading(self._engine) as connection:
            roles = roles_in(connection, actor)
        if roles is None:
            return ()
        if roles.is_admin:
            return tuple(sorted(official_territories().regions))
        return tuple(sorted(g.scope for g in roles.grants if g.kind == "adviser"))

    def save_directory_row(self, actor: Actor, contact: Contact) -> Origin:
        """Save a checked row over the shipped one of the same key, or as a new row.

        Returns whether the row now stands ``edited`` (over a shipped row) or ``added``.
        AccessError when the actor may not edit the région's directory (nothing written).
        """
        region = check_region(contact.region, official_territories())
        shipped = {c.key for c in configured_directory().contacts if c.region == region}
        origin: Origin = "edited" if contact.key in shipped else "added"
        change = f"« {contact.name} », {_CHANGE[origin]}"
        detail = _detail(region, contact.departement, contact.provider, change)
        values = {
            "name": contact.name,
            "website": contact.website,
            "source": contact.source,
            "checked": contact.checked,
            "edited_by": who(actor),
            "edited_at": queries.utcnow(),
        }
        with writing(self._engine) as connection:
            gate(connection, actor, "edit_directory", region=region, detail=detail)
            key = _where_key(region, contact.departement, contact.provider)
            if _exists(connection, key):
                connection.execute(edits_table.update().where(key).values(**values))
            else:
                connection.execute(
                    edits_table.insert().values(
                        region=region,
                        departement=contact.departement or "",
                        provider=contact.provider,
                        **values,
                    )
                )
        return origin

    def remove_directory_edit(
        self, actor: Actor, region: str, departement: str | None, provider: str
    ) -> None:
        """Revert an edited row to the shipped one, or delete an added row.

        AccessError when refused, AccountError when the row holds no edit; nothing written.
        """
        region = check_region(region, official_territories())
        key = _where_key(region, departement, provider)
        with writing(self._engine) as connection:
            detail = _detail(region, departement, provider, "modification retirée")
            gate(connection, actor, "edit_directory", region=region, detail=detail)
            if not _exists(connection, key):  # raised inside: the log line goes too
                raise AccountError(t("directory.no_edit", "fr"), t("directory.no_edit", "en"))
            connection.execute(delete(edits_table).where(key))


def _exists(connection: Connection, key: Any) -> bool:
    return connection.execute(select(edits_table.c.id).where(key)).first() is not None
