"""The answers file as JSON bytes, and back; export -> import -> export gives the same bytes."""

from __future__ import annotations

import json

from ..answers import sheet_from_dict, sheet_to_dict
from ..errors import AnswersError
from ..model import AnswerSheet, Referentiel

MAX_BYTES = 2_000_000


def to_json(sheet: AnswerSheet, referentiel: Referentiel) -> bytes:
    """The answers file: UTF-8 JSON, two-space indent, keys in a fixed order."""
    text = json.dumps(sheet_to_dict(sheet, referentiel), ensure_ascii=False, indent=2)
    return (text + "\n").encode("utf-8")


def from_json(data: bytes, referentiel: Referentiel) -> AnswerSheet:
    """Read an answers file; raises AnswersError with a plain message on any problem."""
    if len(data) > MAX_BYTES:
        raise AnswersError(
            f"Le fichier est trop gros ({len(data) // 1000} ko) pour un fichier de réponses.",
            f"The file is too large ({len(data) // 1000} kB) for an answers file.",
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise AnswersError(
            "Le fichier n’est pas encodé en UTF-8 : enregistrez-le en UTF-8 et réessayez "
            f"(octet illisible en position {error.start}).",
            f"The file is not UTF-8 encoded: save it as UTF-8 and try again "
            f"(unreadable byte at position {error.start}).",
        ) from None
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as error:
        raise AnswersError(
            f"Le fichier n’est pas un JSON valide (ligne {error.lineno}, colonne {error.colno}).",
            f"The file is not valid JSON (line {error.lineno}, column {error.colno}).",
        ) from None
    return sheet_from_dict(raw, referentiel)
