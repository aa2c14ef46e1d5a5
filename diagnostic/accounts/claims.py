"""From the provider's claims to an Identity, and the territory a SIRET lets one join."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..errors import AccessError
from ..settings import Settings
from ..territory.official import Territories, Territory
from .roles import Identity, normalise_email

CLAIM_MAX = 200


@dataclass(frozen=True)
class ClaimNames:
    """Which claims hold what; the defaults are ProConnect's names."""

    email: str = "email"
    given_name: str = "given_name"
    family_name: str = "usual_name"
    siret: str = "siret"
    organisational_unit: str = "organizational_unit"

    @classmethod
    def from_settings(cls, settings: Settings) -> ClaimNames:
        """The defaults, with the names the ``DIAGNOSTIC_CLAIM_*`` settings give instead."""
        return cls(**dict(settings.claim_names))


def identity_from_claims(
    claims: Mapping[str, object], names: ClaimNames = ClaimNames()
) -> Identity:
    """The signed-in person; AccessError when the claims hold no usable e-mail address."""
    email = normalise_email(claims.get(names.email))
    if email is None:
        raise AccessError(
            "Le service de connexion n’a pas transmis d’adresse électronique valable : "
            "la connexion ne peut pas aboutir. Prévenez la personne qui administre l’outil.",
            "The sign-in service sent no valid e-mail address: signing in cannot complete. "
            "Tell whoever runs the tool.",
        )
    given, family = _text(claims, names.given_name), _text(claims, names.family_name)
    shown = " ".join(part for part in (given, family) if part) or _text(claims, "name") or email
    return Identity(
        email=email,
        display_name=shown,
        siret=_text(claims, names.siret) or None,
        organisational_unit=_text(claims, names.organisational_unit) or None,
        claims=dict(claims),
    )


def _text(claims: Mapping[str, object], name: str) -> str:
    """A claim as one line of text, empty when absent or not text."""
    value = claims.get(name)
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    return " ".join(value.split())[:CLAIM_MAX] if isinstance(value, str) else ""


def joinable_territory(identity: Identity, territories: Territories) -> Territory | None:
    """The commune or EPCI whose SIREN starts the person's SIRET: they may join its space."""
    siren = identity.siren
    return None if siren is None else territories.by_siren(siren)
