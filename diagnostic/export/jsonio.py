"""The answers file as JSON bytes, and back; export -> import -> export gives the same bytes."""

from __future__ import annotations

import json
import math
from typing import Any

from ..errors import AnswersError
from ..model import AnswerSheet, Referentiel
from ..schema import check_shape
from ..schema.answers import sheet_from_dict, sheet_to_dict

MAX_BYTES = 2_000_000
MAX_DEPTH = 8  # the format nests three levels; anything much deeper is not an answers file
MAX_DIGITS = 15  # levels and populations are small; a longer number is not an answer


def to_json(sheet: AnswerSheet, referentiel: Referentiel) -> bytes:
    """The answers file: UTF-8 JSON, two-space indent, keys in a fixed order."""
    text = json.dumps(sheet_to_dict(sheet, referentiel), ensure_ascii=False, indent=2)
    return (text + "\n").encode("utf-8")


def too_large() -> AnswersError:
    """The message for a file over MAX_BYTES."""
    return AnswersError(
        f"Le fichier dépasse {MAX_BYTES // 1_000_000} Mo : c’est trop pour un fichier de réponses.",
        f"The file is over {MAX_BYTES // 1_000_000} MB: too large for an answers file.",
    )


def from_json(data: bytes, referentiel: Referentiel) -> AnswerSheet:
    """Read an answers file; raises AnswersError with a plain message on any problem.

    The file is checked against the shipped JSON Schema first (one line for the first
    problem), then against the référentiel (every problem listed).
    """
    if len(data) > MAX_BYTES:
        raise too_large()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise AnswersError(
            "Le fichier n’est pas encodé en UTF-8 : enregistrez-le en UTF-8 et réessayez "
            f"(octet illisible en position {error.start}).",
            f"The file is not UTF-8 encoded: save it as UTF-8 and try again "
            f"(unreadable byte at position {error.start}).",
        ) from None
    raw = parse_json(text)
    check_shape(raw, referentiel)
    return sheet_from_dict(raw, referentiel)


def parse_json(text: str) -> Any:
    """Strict JSON: no NaN or Infinity, no duplicate keys, no huge numbers, little nesting."""
    try:
        raw = json.loads(
            text,
            object_pairs_hook=_unique_keys,
            parse_constant=_no_constant,
            parse_int=_small_int,
            parse_float=_finite_float,
        )
    except json.JSONDecodeError as error:
        raise AnswersError(
            f"Le fichier n’est pas un JSON valide (ligne {error.lineno}, colonne {error.colno}).",
            f"The file is not valid JSON (line {error.lineno}, column {error.colno}).",
        ) from None
    except RecursionError:
        raise _too_deep() from None
    if _depth(raw) > MAX_DEPTH:
        raise _too_deep()
    return raw


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [key for key, _ in pairs]
    for key in keys:
        if keys.count(key) > 1:
            shown = key if len(key) <= 40 else key[:40] + "…"
            raise AnswersError(
                f"La clé « {shown} » apparaît deux fois dans le même objet : gardez-en une seule.",
                f"The key '{shown}' appears twice in the same object: keep only one.",
            )
    return dict(pairs)


def _no_constant(name: str) -> Any:
    raise AnswersError(
        f"Le fichier contient « {name} », qui n’est pas un nombre admis en JSON.",
        f"The file holds '{name}', which is not a number JSON allows.",
    )


def _small_int(digits: str) -> int:
    if len(digits.lstrip("-")) > MAX_DIGITS:
        raise AnswersError(
            f"Le fichier contient un nombre de {len(digits.lstrip('-'))} chiffres : "
            f"aucune valeur d’un fichier de réponses n’en a plus de {MAX_DIGITS}.",
            f"The file holds a number of {len(digits.lstrip('-'))} digits: no value of an "
            f"answers file has more than {MAX_DIGITS}.",
        )
    return int(digits)


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value) or len(text) > 40:
        raise _no_constant(text if len(text) <= 40 else text[:40] + "…")
    return value


def _depth(value: Any) -> int:
    """How deeply objects and arrays nest (a scalar is 0)."""
    if isinstance(value, dict):
        return 1 + max((_depth(item) for item in value.values()), default=0)
    if isinstance(value, list):
        return 1 + max((_depth(item) for item in value), default=0)
    return 0


def _too_deep() -> AnswersError:
    return AnswersError(
        f"Le fichier imbrique des objets ou des listes sur plus de {MAX_DEPTH} niveaux : "
        "ce n’est pas un fichier de réponses.",
        f"The file nests objects or lists more than {MAX_DEPTH} levels deep: it is not an "
        "answers file.",
    )
