"""Who someone is once signed in, and the roles they hold, as plain data."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal, NewType

from ..territory.profile import siren_is_valid

TerritoryKey = NewType("TerritoryKey", str)  # the SIREN of a commune, an EPCI or a Pays/PETR
RegionCode = NewType("RegionCode", str)  # an INSEE région code, e.g. "44"
GrantKind = Literal["admin", "member", "adviser"]
GRANT_KINDS: tuple[GrantKind, ...] = ("admin", "member", "adviser")
EMAIL_MAX = 254
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_SPACES = re.compile(r"[\s\u00a0\u202f.]+")


@dataclass(frozen=True)
class Identity:
    """A signed-in person as the provider describes them; ``email`` is lower-case."""

    email: str
    display_name: str = ""
    siret: str | None = None
    organisational_unit: str | None = None
    claims: Mapping[str, object] = field(default_factory=dict, compare=False, hash=False)

    @property
    def siren(self) -> str | None:
        """The first nine digits of the SIRET, which name the employer (a commune, an EPCI…)."""
        digits = _SPACES.sub("", self.siret or "")
        return digits[:9] if len(digits) == 14 and digits.isdigit() else None


@dataclass(frozen=True)
class CommandLine:
    """Whoever runs ``diagnostic-ess`` on the server, or sits at the machine the app runs on
    without sign-in (``display_name`` names them in the log): an administrator by access."""

    email: str = ""
    display_name: str = "ligne de commande"


Actor = Identity | CommandLine | None  # None: nobody is signed in


@dataclass(frozen=True, order=True)
class Grant:
    """One role: ``admin`` (scope ""), ``member`` of a territory, ``adviser`` of a région."""

    kind: GrantKind
    scope: str = ""

    def describe(self, lang: str = "fr") -> str:
        """The role in words, e.g. « membre du territoire 200069813 »."""
        if self.kind == "admin":
            return "administration" if lang != "en" else "administrator"
        if self.kind == "member":
            return f"membre de {self.scope}" if lang != "en" else f"member of {self.scope}"
        return f"conseil région {self.scope}" if lang != "en" else f"adviser, région {self.scope}"


def admin() -> Grant:
    """The instance administrator's role."""
    return Grant("admin")


def member(key: str) -> Grant:
    """The role of a member of a territory's space."""
    return Grant("member", key)


def adviser(region: str) -> Grant:
    """The role of a regional adviser (a CRESS) for one région."""
    return Grant("adviser", region)


@dataclass(frozen=True)
class Roles:
    """What a signed-in person may do: their grants and the SIREN of their employer."""

    grants: frozenset[Grant] = frozenset()
    siren: str | None = None

    @property
    def is_admin(self) -> bool:
        return Grant("admin") in self.grants

    def member_of(self, key: str | None) -> bool:
        return key is not None and Grant("member", key) in self.grants

    def adviser_of(self, region: str | None) -> bool:
        return region is not None and Grant("adviser", region) in self.grants

    @property
    def territories(self) -> tuple[str, ...]:
        """The territories whose space this person belongs to, in key order."""
        return tuple(sorted(g.scope for g in self.grants if g.kind == "member"))


def normalise_email(text: object) -> str | None:
    """The address in lower case without surrounding spaces; None if it is not one."""
    if not isinstance(text, str):
        return None
    email = text.strip().lower()
    return email if len(email) <= EMAIL_MAX and _EMAIL.fullmatch(email) else None


def territory_key(text: object) -> TerritoryKey | None:
    """A SIREN typed with or without spaces, if it is a well-formed one (Luhn checked)."""
    digits = _SPACES.sub("", text) if isinstance(text, str) else ""
    return TerritoryKey(digits) if siren_is_valid(digits) else None
