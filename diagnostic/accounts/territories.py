"""A territory's key, name and région, and a région code, checked against the official data."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..errors import AccountError
from ..territory.official import Territories
from .roles import RegionCode, TerritoryKey, territory_key

SpaceKind = Literal["commune", "epci", "pays_petr"]


@dataclass(frozen=True)
class TerritoryRef:
    """A territory that can have a space: its key (SIREN), name, kind and région."""

    key: TerritoryKey
    name: str
    kind: SpaceKind
    region: RegionCode | None

    @property
    def joinable(self) -> bool:
        """Communes and EPCI can be joined by SIRET; a Pays/PETR only by invitation."""
        return self.kind != "pays_petr"


def bad_key(text: object) -> AccountError:
    """``text`` is not the SIREN of a territory this tool knows."""
    shown = str(text)[:40]
    return AccountError(
        f"« {shown} » n’est pas le SIREN d’une commune, d’un EPCI ou d’un Pays/PETR "
        "connu de l’outil (9 chiffres).",
        f"'{shown}' is not the SIREN of a commune, an EPCI or a Pays/PETR known to the tool "
        "(9 digits).",
    )


def official_ref(text: object, territories: Territories) -> TerritoryRef | None:
    """The commune or EPCI of this SIREN; None for a SIREN outside the official data.

    AccountError when ``text`` is not a well-formed SIREN at all.
    """
    key = territory_key(text)
    if key is None:
        raise bad_key(text)
    found = territories.by_siren(key)
    if found is None:
        return None
    kind: SpaceKind = "commune" if found.kind == "commune" else "epci"
    return TerritoryRef(key, found.name, kind, RegionCode(found.region) if found.region else None)


def check_region(text: object, territories: Territories) -> RegionCode:
    """A région code of the official data (« 44 », « 2 » for « 02 »); AccountError if none."""
    code = text.strip() if isinstance(text, str) else ""
    code = code.zfill(2) if code.isdigit() and len(code) < 2 else code
    if code in territories.regions:
        return RegionCode(code)
    known = ", ".join(sorted(territories.regions))
    shown = str(text)[:20]
    raise AccountError(
        f"« {shown} » n’est pas un code de région (codes connus : {known}).",
        f"'{shown}' is not a région code (known codes: {known}).",
    )
