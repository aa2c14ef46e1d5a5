"""Check what callers hand to the repository, and mint tokens, keys and join codes."""

from __future__ import annotations

import dataclasses
import hashlib
import re
import secrets
from collections.abc import Sequence
from typing import Any, cast

from ..errors import AccessError, AnswersError, NotFoundError
from ..model import (
    DECLINED,
    ROLES,
    TERRITORY_TYPES,
    UNKNOWN,
    Answer,
    AnswerSheet,
    Role,
    TerritoryProfile,
)
from ..territory.profile import COMMENT_MAX, NAME_MAX, clean_text
from .records import WORKSHOP_STATUSES, WorkshopStatus, answer_values

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6
PSEUDONYM_MAX = 40
LEVEL_RANGE = range(-1000, 1001)
_TOKEN = re.compile(r"[A-Za-z0-9_-]{16,64}")
_ID = re.compile(r"[a-z][a-z0-9_]{0,63}")
_CODE_SEPARATORS = re.compile(r"[\s\-\u2010-\u2014]+")


def new_token() -> str:
    """An unguessable token (192 bits) for a resume link or an admin key."""
    return secrets.token_urlsafe(24)


def new_code() -> str:
    """A short join code, easy to read aloud and to type."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def key_hash(key: str) -> str:
    """The SHA-256 of an admin key: the only form in which it is stored."""
    return hashlib.sha256(key.strip().encode()).hexdigest()


def normalise_code(code: str) -> str:
    """A join code as stored: capitals, without the spaces and dashes people type."""
    return _CODE_SEPARATORS.sub("", clean_text(code)).upper()


def check_token(token: Any) -> str:
    """The token without surrounding spaces; NotFoundError if it cannot be one of ours."""
    if isinstance(token, str) and _TOKEN.fullmatch(token.strip()):
        return token.strip()
    raise diagnostic_not_found()


def diagnostic_not_found() -> NotFoundError:
    """No diagnostic behind a resume link; the token is not repeated."""
    return NotFoundError(
        "Aucun diagnostic ne correspond à ce lien. Vérifiez l’adresse complète, "
        "ou commencez un nouveau diagnostic.",
        "No diagnostic matches this link. Check the full address, or start a new diagnostic.",
    )


def workshop_not_found(code: str) -> NotFoundError:
    """No workshop behind a typed join code."""
    shown = normalise_code(code) if isinstance(code, str) else ""
    if not shown:
        return NotFoundError(
            "Saisissez le code de l’atelier donné par l’animateur.",
            "Type the workshop code the facilitator gave you.",
        )
    shown = shown if len(shown) <= 12 else shown[:12] + "…"
    return NotFoundError(
        f"Aucun atelier ne correspond au code « {shown} ». Vérifiez le code donné par l’animateur.",
        f"No workshop matches the code '{shown}'. Check the code the facilitator gave you.",
    )


def workshop_closed() -> AccessError:
    """A closed workshop refuses participants and their saves."""
    return AccessError(
        "Cet atelier est clos : il ne reçoit plus de réponses.",
        "This workshop is closed: it no longer takes answers.",
    )


def wrong_admin_key() -> AccessError:
    """The admin key given is not the workshop's."""
    return AccessError(
        "La clé d’animation ne correspond pas à cet atelier.",
        "This facilitator key does not match this workshop.",
    )


def check_question_id(question_id: Any) -> str:
    """A question id as the référentiel spells them (lower case, digits, underscores)."""
    if isinstance(question_id, str) and _ID.fullmatch(question_id):
        return question_id
    raise AnswersError(
        f"Identifiant de question invalide : « {question_id} ».",
        f"Invalid question id: '{question_id}'.",
    )


def check_answer_value(question_id: str, answer: Any) -> Answer | None:
    """A level, ``"unknown"``, ``"declined"`` or None; the référentiel checks the scale."""
    if answer is None or answer in (UNKNOWN, DECLINED):
        return cast(Answer | None, answer)
    if isinstance(answer, int) and not isinstance(answer, bool) and answer in LEVEL_RANGE:
        return answer
    raise AnswersError(
        f"Réponse à « {question_id} » : « {answer} » n’est ni un niveau entier "
        "ni « unknown » (je ne sais pas).",
        f"Answer to '{question_id}': '{answer}' is neither a whole level nor 'unknown'.",
    )


def check_comment(question_id: str, comment: Any) -> str:
    """The comment without invisible characters, if it is text of at most COMMENT_MAX."""
    if not isinstance(comment, str):
        raise AnswersError(
            f"Le commentaire de « {question_id} » doit être du texte.",
            f"The comment on '{question_id}' must be text.",
        )
    cleaned = clean_text(comment)
    if len(cleaned) > COMMENT_MAX:
        raise AnswersError(
            f"Le commentaire de « {question_id} » dépasse {COMMENT_MAX} caractères "
            f"({len(cleaned)}).",
            f"The comment on '{question_id}' is longer than {COMMENT_MAX} characters "
            f"({len(cleaned)}).",
        )
    return cleaned


def check_profile(profile: TerritoryProfile) -> TerritoryProfile:
    """The profile, its name cleaned, if its fields fit; AnswersError otherwise."""
    if not isinstance(profile, TerritoryProfile):
        raise TypeError(f"expected a TerritoryProfile, got {type(profile).__name__}")
    problems: list[tuple[str, object]] = []
    if profile.type not in TERRITORY_TYPES:
        problems.append(("type", profile.type))
    if profile.respondent_role is not None and profile.respondent_role not in ROLES:
        problems.append(("respondent_role", profile.respondent_role))
    if profile.siren is not None and len(profile.siren) > 9:
        problems.append(("siren", profile.siren))
    if profile.departement is not None and len(profile.departement) > 3:
        problems.append(("departement", profile.departement))
    if problems:
        fields = ", ".join(f"{name} = {value!r}" for name, value in problems)
        raise AnswersError(
            f"Profil du territoire invalide : {fields}.", f"Invalid territory profile: {fields}."
        )
    territory_name = clean_text(profile.name)
    if len(territory_name) > NAME_MAX:
        raise AnswersError(
            f"Le nom du territoire dépasse {NAME_MAX} caractères ({len(territory_name)}).",
            f"The territory name is longer than {NAME_MAX} characters ({len(territory_name)}).",
        )
    return dataclasses.replace(profile, name=territory_name)


def sheet_rows(sheet: AnswerSheet) -> dict[str, dict[str, Any]]:
    """One answers-table row (without keys) per question with an answer or a comment."""
    rows: dict[str, dict[str, Any]] = {}
    for question_id, answer in sheet.answers.items():
        key = check_question_id(question_id)
        rows[key] = {**answer_values(check_answer_value(key, answer)), "comment": ""}
    for question_id, text in sheet.comments.items():
        key = check_question_id(question_id)
        comment = check_comment(key, text)
        if comment:
            rows.setdefault(key, {**answer_values(None), "comment": ""})["comment"] = comment
    return {
        key: row
        for key, row in rows.items()
        if row["level"] is not None or row["dont_know"] or row["declined"] or row["comment"]
    }


def check_pseudonym(pseudonym: str | None) -> str | None:
    """A pseudonym on one line, trimmed, at most PSEUDONYM_MAX characters; None if blank."""
    if pseudonym is None:
        return None
    cleaned = " ".join(clean_text(pseudonym).split())
    if len(cleaned) > PSEUDONYM_MAX:
        raise AnswersError(
            f"Le pseudonyme dépasse {PSEUDONYM_MAX} caractères ({len(cleaned)}) : "
            "choisissez-en un plus court.",
            f"The pseudonym is longer than {PSEUDONYM_MAX} characters ({len(cleaned)}): "
            "choose a shorter one.",
        )
    return cleaned or None


def check_role(role: Any) -> Role:
    """One of the roles of model.ROLES."""
    if role in ROLES:
        return cast(Role, role)
    allowed = ", ".join(ROLES)
    raise AnswersError(
        f"Rôle « {role} » inconnu (attendu : {allowed}).",
        f"Unknown role '{role}' (expected: {allowed}).",
    )


def check_motivations(motivations: Sequence[str]) -> tuple[str, ...]:
    """Motivation ids without duplicates, in the given order; empty means all."""
    if isinstance(motivations, str):
        raise TypeError("motivations must be a sequence of ids, not a string")
    for motivation in motivations:
        if not isinstance(motivation, str) or not _ID.fullmatch(motivation):
            raise AnswersError(
                f"Identifiant de motivation invalide : « {motivation} ».",
                f"Invalid motivation id: '{motivation}'.",
            )
    return tuple(dict.fromkeys(motivations))


def check_status(status: Any) -> WorkshopStatus:
    """``"open"`` or ``"closed"``."""
    if status in WORKSHOP_STATUSES:
        return cast(WorkshopStatus, status)
    raise ValueError(f"a workshop status is 'open' or 'closed', not {status!r}")


PRIORITIES_MAX = 7


def check_priorities(priorities: Sequence[str]) -> list[str]:
    """Distinct, well-formed motivation ids (the référentiel checks which exist)."""
    values = list(priorities)
    if (
        len(values) > PRIORITIES_MAX
        or len(set(values)) != len(values)
        or not all(isinstance(v, str) and _ID.fullmatch(v) for v in values)
    ):
        raise AnswersError(
            "Le classement des motivations doit donner des motivations différentes.",
            "The ranking of the motivations must name different motivations.",
        )
    return values
