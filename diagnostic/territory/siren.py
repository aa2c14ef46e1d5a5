"""Warn (never fail) when a profile's SIREN does not match its name or type in the official data."""

from __future__ import annotations

from ..errors import ReferentielError
from ..i18n import t
from ..model import TerritoryProfile
from .official import EPCI_PREFIXES, Territories, Territory, normalise, official_territories

Message = tuple[str, str]  # (French, English)


def profile_warnings(profile: TerritoryProfile, territories: Territories) -> list[Message]:
    """What disagrees between the profile and the territory its SIREN designates."""
    if not profile.siren:
        return []
    official = territories.by_siren(profile.siren)
    if official is None:
        if profile.type == "pays_petr":
            return []  # Pays and PETR are not in the official communes and EPCI
        return [
            (
                f"le SIREN {profile.siren} n’est ni celui d’une commune ni celui d’un EPCI "
                f"du découpage {territories.millesime}",
                f"SIREN {profile.siren} is neither a commune's nor an EPCI's in the "
                f"{territories.millesime} division",
            )
        ]
    warnings: list[Message] = []
    if not same_name(profile.name, official):
        warnings.append(
            (
                f"le SIREN {profile.siren} est celui de « {official.name} », "
                f"pas de « {profile.name} »",
                f"SIREN {profile.siren} is {official.name}'s, not {profile.name}'s",
            )
        )
    if profile.type != official.kind:
        warnings.append(
            (
                f"« {official.name} » est de type « {t(f'territory.{official.kind}', 'fr')} », "
                f"pas « {t(f'territory.{profile.type}', 'fr')} »",
                f"{official.name} is of type '{t(f'territory.{official.kind}', 'en')}', "
                f"not '{t(f'territory.{profile.type}', 'en')}'",
            )
        )
    return warnings


def same_name(name: str, official: Territory) -> bool:
    """Whether ``name`` designates ``official``, ignoring case, accents and « CC », « CA »…"""
    typed, reference = _words(name), _words(official.name)
    if not typed:
        return False
    return typed == reference or set(typed) >= set(reference) or set(reference) >= set(typed)


def _words(name: str) -> list[str]:
    words = normalise(name).split()
    return words[1:] if words[:1] and words[0] in EPCI_PREFIXES else words


def safe_profile_warnings(profile: TerritoryProfile) -> list[Message]:
    """profile_warnings against the shipped data; none when that data cannot be read."""
    try:
        return profile_warnings(profile, official_territories())
    except ReferentielError:
        return []
