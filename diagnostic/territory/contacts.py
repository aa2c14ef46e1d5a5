"""Who to call in a région: the regional directory (``data/annuaire/*.csv``).

Each row names one contact (the CRESS, a DLA, the URSCOP…) for a région, or for one
département of it, with the public page it comes from and the date it was checked; a
row without them is refused. A deployment adds or replaces rows with its own folder
(``DIAGNOSTIC_ANNUAIRE_DIR``, or ``annuaire/`` in ``DIAGNOSTIC_REFERENTIEL_DIR``): a row
for the same région, département and kind of contact replaces the shipped one.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..errors import ReferentielError
from ..referentiel.tables import Problems, Row, read_csv
from ..settings import PROJECT_DATA, Settings
from .official import official_territories
from .profile import normalise_departement

DIRECTORY_FOLDER = "annuaire"
COLUMNS = ("region", "departement", "provider", "name", "website", "source", "checked")
# Which kind of page ``source`` is: the body's own page, a network's list (ESS France's list
# of CRESS…) or a press article naming the body and its address. Optional for a
# deployment's own files; every shipped row gives it.
SOURCE_KINDS = ("officiel", "reseau", "presse")
# A row resting on one of these may leave its website empty: the page names the body only.
SECONDARY_SOURCES = ("reseau", "presse")
OPTIONAL_COLUMNS = ("source_kind",)
# The kinds of contact a row may name; each is also a référentiel provider.
CONTACT_KINDS = ("cress", "dla", "urscop", "facilitateurs", "cnfpt", "france_active")
_URL = re.compile(r"^https?://[^\s/]+\.[^\s]+$")
_REGION = re.compile(r"^\d{2}$")


@dataclass(frozen=True)
class Contact:
    """One regional contact, with where its name and address come from."""

    region: str
    departement: str | None
    provider: str
    name: str
    website: str
    source: str
    checked: dt.date
    source_kind: str | None = None

    @property
    def key(self) -> tuple[str, str | None, str]:
        return (self.region, self.departement, self.provider)


@dataclass(frozen=True)
class Directory:
    """Every contact, by région."""

    contacts: tuple[Contact, ...] = ()

    def for_territory(self, region: str | None, departement: str | None) -> tuple[Contact, ...]:
        """The région's contacts (and its département's), in CONTACT_KINDS order."""
        if not region:
            return ()
        found = [
            contact
            for contact in self.contacts
            if contact.region == region and contact.departement in (None, departement)
        ]
        return tuple(
            sorted(
                found,
                key=lambda c: (kind_rank(c.provider), c.departement is None, c.name),
            )
        )


def kind_rank(provider: str) -> int:
    """The place of a kind of contact in the list: CONTACT_KINDS first, then any other."""
    return CONTACT_KINDS.index(provider) if provider in CONTACT_KINDS else len(CONTACT_KINDS)


def load_directory(folders: Sequence[Path]) -> Directory:
    """Every ``*.csv`` of the folders that exist, later folders replacing earlier rows.

    Raises ReferentielError listing every problem (file, row, field) at once.
    """
    problems = Problems()
    contacts: dict[tuple[str, str | None, str], Contact] = {}
    for folder in folders:
        if not folder.is_dir():
            continue
        seen: dict[tuple[str, str | None, str], str] = {}
        for path in sorted(folder.glob("*.csv")):
            rows = read_csv(folder, path.name, COLUMNS, problems, OPTIONAL_COLUMNS) or []
            for row in rows:
                contact = _contact(row)
                if contact is None:
                    continue
                if contact.key in seen:
                    row.problem(
                        "provider",
                        f"ce contact figure déjà dans {seen[contact.key]}",
                        f"this contact is already in {seen[contact.key]}",
                    )
                    continue
                seen[contact.key] = path.name
                contacts[contact.key] = contact
    if problems.items:
        raise ReferentielError(problems.items)
    return Directory(tuple(contacts.values()))


def directory_folders(settings: Settings) -> tuple[Path, ...]:
    """The shipped directory, then the référentiel folder's, then the deployment's own."""
    folders = [PROJECT_DATA / DIRECTORY_FOLDER]
    if settings.referentiel_dir.resolve() != PROJECT_DATA.resolve():
        folders.append(settings.referentiel_dir / DIRECTORY_FOLDER)
    if settings.annuaire_dir is not None:
        folders.append(settings.annuaire_dir)
    return tuple(folders)


@lru_cache(maxsize=4)
def _cached_directory(folders: tuple[Path, ...]) -> Directory:
    return load_directory(folders)


def configured_directory() -> Directory:
    """The directory this process is configured with, loaded once per set of folders."""
    return _cached_directory(directory_folders(Settings.from_env()))


def who_to_call(
    departement: str | None, edits: Sequence[Contact] = ()
) -> tuple[str | None, tuple[Contact, ...]]:
    """The région of a département and its contacts; no contact if either cannot be read.

    ``edits`` are the rows the région's advisers edited or added in the app: each replaces
    the shipped row of the same région, département and kind, or comes in beside them.
    The exporters call this: a broken territories file or directory leaves them with
    the generic providers of the référentiel, as for a territory without a département.
    """
    try:
        region = official_territories().region_of(departement)
        directory = configured_directory()
        if edits:
            rows = {contact.key: contact for contact in directory.contacts}
            rows.update((contact.key, contact) for contact in edits)
            directory = Directory(tuple(rows.values()))
        return region, directory.for_territory(region, departement)
    except ReferentielError:
        return None, ()


def region_name(code: str | None) -> str:
    """The région's name, or an empty string if unknown or unreadable."""
    try:
        return official_territories().region_name(code or "")
    except ReferentielError:
        return ""


def _contact(row: Row) -> Contact | None:
    """The row's contact, or None after recording every problem in it."""
    ok = True
    region = row.text("region")
    if not _REGION.match(region):
        row.problem("region", "code de région INSEE attendu (ex. 53)", "INSEE région code")
        ok = False
    departement = normalise_departement(row.text("departement")) or None
    provider = row.text("provider")
    if provider not in CONTACT_KINDS:
        allowed = ", ".join(CONTACT_KINDS)
        row.problem("provider", f"attendu : {allowed}", f"expected: {allowed}")
        ok = False
    name = row.text("name")
    if not name:
        row.problem("name", "nom manquant", "missing name")
        ok = False
    kind = row.text("source_kind") or None
    for column in ("website", "source"):
        value = row.text(column)
        if not value and column == "website" and kind in SECONDARY_SOURCES:
            continue  # named by a secondary source that gives no website
        if not value:
            row.problem(
                column,
                "adresse manquante : une ligne sans source n’est pas chargée",
                "missing address: a row without its source is not loaded",
            )
            ok = False
        elif not _URL.match(value):
            row.problem(column, f"adresse « {value} » invalide", f"invalid address '{value}'")
            ok = False
    if kind is not None and kind not in SOURCE_KINDS:
        allowed = ", ".join(SOURCE_KINDS)
        row.problem("source_kind", f"attendu : {allowed}", f"expected: {allowed}")
        ok = False
    checked = _date(row)
    if not ok or checked is None:
        return None
    return Contact(
        region,
        departement,
        provider,
        name,
        row.text("website"),
        row.text("source"),
        checked,
        kind,
    )


def _date(row: Row) -> dt.date | None:
    value = row.text("checked")
    if not value:
        row.problem(
            "checked",
            "date de vérification manquante (AAAA-MM-JJ) : la ligne n’est pas chargée",
            "missing date checked (YYYY-MM-DD): the row is not loaded",
        )
        return None
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        row.problem("checked", f"date « {value} » invalide (AAAA-MM-JJ)", f"invalid date '{value}'")
        return None
    if day > dt.date.today():
        row.problem("checked", "date dans le futur", "date in the future")
        return None
    return day
