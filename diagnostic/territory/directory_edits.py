"""The regional directory as its advisers keep it: an edited row checked, then laid over the
shipped rows (an edit replaces the shipped row with the same région, département and kind
of contact, or adds one; removing an edit brings the shipped row back, or drops an added one).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlsplit

from ..i18n import t
from .contacts import Contact
from .profile import NAME_MAX, clean_text, normalise_departement

Origin = Literal["shipped", "edited", "added"]
FIELDS = ("departement", "provider", "name", "website", "source", "checked")
URL_MAX = 300
_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
_TOP_LEVEL = re.compile(r"^[a-z]{2,63}$|^xn--[a-z0-9-]{1,59}$")


@dataclass(frozen=True)
class RowInput:
    """A row as typed in the form: plain strings, the département empty for the whole région."""

    region: str
    departement: str
    provider: str
    name: str
    website: str
    source: str
    checked: str


@dataclass(frozen=True)
class DirectoryEdit:
    """An edited or added row of the directory, with who saved it and when."""

    contact: Contact
    edited_by: str
    edited_at: dt.datetime


@dataclass(frozen=True)
class DirectoryRow:
    """A row of a région's directory as its territories see it, and where it comes from."""

    contact: Contact
    origin: Origin
    edit: DirectoryEdit | None = None
    shipped: Contact | None = None  # the shipped row an edit replaces


@dataclass(frozen=True)
class RowCheck:
    """The checked row, or a message per field that is wrong (the row then is None)."""

    contact: Contact | None
    problems: dict[str, str]


def check_row(
    raw: RowInput,
    providers: Collection[str],
    departements: Collection[str],
    today: dt.date,
    lang: str,
) -> RowCheck:
    """Every problem of the typed row at once, one message per field, in ``lang``.

    ``providers`` are the référentiel's kinds of provider; ``departements`` those of the row's
    région.
    """
    problems: dict[str, str] = {}
    departement = normalise_departement(raw.departement.strip()) or None
    if departement is not None and departement not in departements:
        problems["departement"] = t(
            "directory.bad.departement", lang, departement=raw.departement.strip()
        )
    provider = raw.provider.strip()
    if provider not in providers:
        problems["provider"] = t("directory.bad.provider", lang)
    name = clean_text(raw.name).strip()
    if not name:
        problems["name"] = t("directory.bad.name_missing", lang)
    elif len(name) > NAME_MAX:
        problems["name"] = t("directory.bad.name_long", lang, limit=NAME_MAX)
    for field in ("website", "source"):
        problem = address_problem(getattr(raw, field).strip(), lang)
        if problem:
            problems[field] = problem
    checked, problem = date_checked(raw.checked.strip(), today, lang)
    if problem:
        problems["checked"] = problem
    if problems or checked is None:
        return RowCheck(None, problems)
    contact = Contact(
        raw.region,
        departement,
        provider,
        name,
        raw.website.strip(),
        raw.source.strip(),
        checked,
    )
    return RowCheck(contact, {})


def address_problem(value: str, lang: str) -> str:
    """Why ``value`` is not an http(s) address with a plausible host; empty when it is."""
    if not value:
        return t("directory.bad.address_missing", lang)
    if len(value) > URL_MAX or any(char.isspace() for char in value):
        return t("directory.bad.address", lang, address=value[:80])
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not host_looks_valid(parts.hostname or ""):
        return t("directory.bad.address", lang, address=value[:80])
    return ""


def host_looks_valid(host: str) -> bool:
    """A host name of dotted labels ending in an alphabetic top-level domain."""
    labels = host.lower().split(".")
    if len(labels) < 2 or len(host) > 253:
        return False
    return all(_LABEL.match(label) for label in labels) and bool(_TOP_LEVEL.match(labels[-1]))


def date_checked(value: str, today: dt.date, lang: str) -> tuple[dt.date | None, str]:
    """The date checked (AAAA-MM-JJ), or why it cannot be: missing, not a date, future."""
    if not value:
        return None, t("directory.bad.date_missing", lang)
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        return None, t("directory.bad.date", lang, date=value[:40])
    if day > today:
        return None, t("directory.bad.date_future", lang)
    return day, ""


def merged(shipped: Sequence[Contact], edits: Sequence[Contact]) -> tuple[Contact, ...]:
    """The shipped rows with each edit laid over the row of the same key, or added."""
    rows = {contact.key: contact for contact in shipped}
    for contact in edits:
        rows[contact.key] = contact
    return tuple(rows.values())


def region_rows(
    region: str, shipped: Sequence[Contact], edits: Sequence[DirectoryEdit]
) -> tuple[DirectoryRow, ...]:
    """The région's rows as its territories see them, each marked shipped, edited or added."""
    found = {contact.key: contact for contact in shipped if contact.region == region}
    rows = {key: DirectoryRow(contact, "shipped") for key, contact in found.items()}
    for edit in edits:
        key = edit.contact.key
        if edit.contact.region != region:
            continue
        origin: Origin = "edited" if key in found else "added"
        rows[key] = DirectoryRow(edit.contact, origin, edit, found.get(key))
    return tuple(
        sorted(
            rows.values(),
            key=lambda row: (row.contact.departement or "", row.contact.provider, row.contact.name),
        )
    )


def as_input(contact: Contact) -> RowInput:
    """A row as the form shows it, to edit."""
    return RowInput(
        contact.region,
        contact.departement or "",
        contact.provider,
        contact.name,
        contact.website,
        contact.source,
        contact.checked.isoformat(),
    )
