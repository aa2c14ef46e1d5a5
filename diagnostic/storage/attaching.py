"""What may be attached to a territory's space, and a whole answer sheet written as a new
diagnostic: the checks and statements shared by attaching by link and by file."""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import Connection, Row

from ..accounts import TerritoryRef
from ..errors import AccountError, AnswersError
from ..model import AnswerSheet, TerritoryProfile
from . import queries
from .checks import check_priorities, check_profile, new_token, sheet_rows
from .plans import snapshot_text, write_plan
from .records import note_to_column, profile_values
from .tables import diagnostics

REFERENTIEL_VERSION_MAX = 40


def workshop_participation() -> AccountError:
    """A participant's diagnostic: it belongs to its workshop, which is what one attaches."""
    return AccountError(
        "Ce lien est celui d’une participation à un atelier : c’est l’atelier qui se "
        "rattache à l’espace du territoire, pas chaque participation.",
        "This link is a workshop participant's: the workshop is what gets attached to the "
        "territory's space, not each participation.",
    )


def no_territory(what: str) -> AccountError:
    """A diagnostic or file that names no territory (no SIREN) cannot join a space."""
    if what == "file":
        return AccountError(
            "Ce fichier ne nomme pas de territoire par son SIREN : chargez-le dans un "
            "diagnostic, choisissez le territoire au premier écran, puis rattachez-le.",
            "This file names no territory by its SIREN: load it into a diagnostic, choose the "
            "territory on the first screen, then attach it.",
        )
    return AccountError(
        "Ce diagnostic ne nomme pas encore son territoire : ouvrez-le, choisissez le "
        "territoire au premier écran, puis rattachez-le.",
        "This diagnostic does not name its territory yet: open it, choose the territory on "
        "the first screen, then attach it.",
    )


def another_territory(profile: TerritoryProfile, ref: TerritoryRef, what: str) -> AccountError:
    """The diagnostic or file is about another territory, which it names."""
    subject_fr = "Ce fichier" if what == "file" else "Ce diagnostic"
    subject_en = "This file" if what == "file" else "This diagnostic"
    return AccountError(
        f"{subject_fr} porte sur « {profile.name} » (SIREN {profile.siren}), pas sur "
        f"« {ref.name} » : seul l’espace de son territoire peut l’accueillir.",
        f"{subject_en} is about {profile.name} (SIREN {profile.siren}), not {ref.name}: only "
        "its own territory's space can take it.",
    )


def check_belongs(profile: TerritoryProfile | None, ref: TerritoryRef, what: str) -> None:
    """AccountError unless the profile names the territory ``ref`` by its SIREN."""
    if profile is None or not profile.siren or not profile.name:
        raise no_territory(what)
    if profile.siren != ref.key:
        raise another_territory(profile, ref, what)


def check_attachable(row: Row[Any], ref: TerritoryRef) -> None:
    """AccountError unless the diagnostics row is a single diagnostic of that territory."""
    if row.workshop_id is not None:
        raise workshop_participation()
    siren = row.siren
    profile = None
    if row.type is not None and siren:
        profile = TerritoryProfile(name=row.name or siren, type=row.type, siren=siren)
    check_belongs(profile, ref, "diagnostic")


def sheet_values(sheet: AnswerSheet) -> dict[str, Any]:
    """A whole sheet as the diagnostics columns it fills, checked; AnswersError if it cannot."""
    profile = check_profile(sheet.territory)
    version = sheet.referentiel_version
    if version is not None and len(version) > REFERENTIEL_VERSION_MAX:
        raise AnswersError(
            f"Version de référentiel trop longue (plus de {REFERENTIEL_VERSION_MAX} caractères).",
            f"Référentiel version too long (over {REFERENTIEL_VERSION_MAX} characters).",
        )
    return {
        **profile_values(profile),
        "referentiel_version": version,
        "priorities": "|".join(check_priorities(sheet.priorities)),
        "upgrade_note": note_to_column(sheet.upgrade_note),
        "previous": snapshot_text(sheet.previous),
    }


def insert_sheet(connection: Connection, sheet: AnswerSheet) -> tuple[int, str]:
    """A new single diagnostic holding the whole sheet, in the caller's transaction: its id
    and its fresh token."""
    values, rows = sheet_values(sheet), sheet_rows(sheet)
    now, token = queries.utcnow(), new_token()
    inserted = connection.execute(
        diagnostics.insert().values(token=token, created_at=now, updated_at=now, **values)
    )
    diagnostic_id = int(cast(Row[Any], inserted.inserted_primary_key)[0])
    queries.insert_answers(connection, diagnostic_id, rows)
    write_plan(connection, ("diagnostic_id", diagnostic_id), sheet.plan)
    return diagnostic_id, token
