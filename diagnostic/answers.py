"""The answers file: a territory profile, answers and comments, checked against the référentiel.

Its format: ``diagnostic/schema/answers.schema.json`` and ``docs/format-reponses.md``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from .errors import AnswersError
from .model import (
    DECLINED,
    UNKNOWN,
    Answer,
    AnswerSheet,
    MotivationId,
    QuestionId,
    Referentiel,
    Text,
)
from .plan.codec import plan_from_raw, plan_to_raw
from .plan.model import Plan
from .plan.versions import map_answers
from .territory import COMMENT_MAX, clean_text, parse_profile, profile_to_dict
from .upgrade import carry_over, describe

FORMAT = "diagnostic-ess-answers"
FORMAT_VERSION = 1
TOP_LEVEL = (
    "format",
    "format_version",
    "referentiel_version",
    "territory",
    "priorities",
    "answers",
    "comments",
    "plan",
    "previous",
)
PREVIOUS_KEYS = ("referentiel_version", "territory", "answers", "plan")


def check_answer(referentiel: Referentiel, question_id: str, value: Any) -> Answer:
    """The answer if it fits the question's scale; raises AnswersError otherwise."""
    if not referentiel.has_question(question_id):
        raise AnswersError(
            f"Question inconnue : « {question_id} ».", f"Unknown question: “{question_id}”."
        )
    if value == UNKNOWN:
        return UNKNOWN
    question = referentiel.question(question_id)
    named_fr = f"« {question.label.fr} » ({question_id})"
    named_en = f"“{question.label.en}” ({question_id})"
    if value == DECLINED:
        if question.declinable:
            return DECLINED
        raise AnswersError(
            f"Réponse à la question {named_fr} : « non pertinent » n’est pas proposé pour "
            "cette question.",
            f"Answer to the question {named_en}: “not relevant” is not offered for this question.",
        )
    scale = referentiel.scale(question.scale)
    if isinstance(value, bool) or not isinstance(value, int):
        shown = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        raise AnswersError(
            f"Réponse à la question {named_fr} : « {shown} » n’est ni un niveau entier de "
            f"{scale.min} à {scale.max} ni « unknown » (je ne sais pas).",
            f"Answer to the question {named_en}: “{shown}” is neither a whole level from "
            f"{scale.min} to {scale.max} nor “unknown” (don't know).",
        )
    if value not in scale.values():
        raise AnswersError(
            f"Réponse à la question {named_fr} : le niveau {value} est hors de l’échelle "
            f"(de {scale.min} à {scale.max}).",
            f"Answer to the question {named_en}: level {value} is off the scale "
            f"({scale.min} to {scale.max}).",
        )
    return value


def sheet_from_dict(raw: Any, referentiel: Referentiel) -> AnswerSheet:
    """An AnswerSheet from decoded JSON; raises AnswersError listing every problem."""
    if not isinstance(raw, Mapping):
        raise AnswersError(
            "Le fichier doit contenir un objet JSON avec « territory » et « answers ».",
            "The file must hold a JSON object with 'territory' and 'answers'.",
        )
    problems: list[AnswersError] = []
    for key in raw:
        if key not in TOP_LEVEL:
            problems.append(AnswersError(f"Clé inconnue « {key} ».", f"Unknown key '{key}'."))
    if raw.get("format", FORMAT) != FORMAT:
        problems.append(
            AnswersError(
                f"Ce n’est pas un fichier de réponses (format « {raw.get('format')} »).",
                f"This is not an answers file (format '{raw.get('format')}').",
            )
        )
    version = raw.get("format_version", FORMAT_VERSION)
    if version != FORMAT_VERSION:
        problems.append(
            AnswersError(
                f"Version de format {version} non prise en charge (attendu : {FORMAT_VERSION}).",
                f"Format version {version} is not supported (expected: {FORMAT_VERSION}).",
            )
        )
    try:
        territory = parse_profile(raw.get("territory"))
    except AnswersError as error:
        problems.append(error)
    ref_version = raw.get("referentiel_version")
    raw_answers, raw_comments = raw.get("answers"), raw.get("comments", {})
    note = None
    upgrade = referentiel.upgrades.get(str(ref_version)) if ref_version is not None else None
    if (
        upgrade is not None
        and isinstance(raw_answers, Mapping)
        and isinstance(raw_comments, Mapping)
    ):
        carried = carry_over(upgrade, raw_answers, raw_comments)
        raw_answers, raw_comments = carried.answers, carried.comments
        if carried.notes:
            note = Text(
                describe(carried, upgrade.from_version, referentiel.version, "fr"),
                describe(carried, upgrade.from_version, referentiel.version, "en"),
            )
    answers = _answers(raw_answers, referentiel, problems)
    comments = _comments(raw_comments, referentiel, problems)
    priorities = _priorities(raw.get("priorities", []), referentiel, problems)
    plan = _plan(raw.get("plan", []), problems)
    previous = _previous(raw.get("previous"), referentiel, problems)
    if problems:
        raise AnswersError(
            "\n".join(p.message("fr") for p in problems),
            "\n".join(p.message("en") for p in problems),
        )
    return AnswerSheet(
        territory,
        answers,
        comments,
        str(ref_version) if ref_version is not None else None,
        priorities=priorities,
        upgrade_note=note,
        plan=plan,
        previous=previous,
    )


def _plan(raw: Any, problems: list[AnswersError]) -> Plan:
    try:
        return plan_from_raw(raw)
    except AnswersError as error:
        problems.append(error)
        return ()


def _previous(
    raw: Any, referentiel: Referentiel, problems: list[AnswersError]
) -> AnswerSheet | None:
    """The earlier diagnostic a re-diagnosis is compared with: its profile and answers."""
    if raw is None:
        return None
    if not isinstance(raw, Mapping) or any(key not in PREVIOUS_KEYS for key in raw):
        problems.append(
            AnswersError(
                "« previous » doit décrire le diagnostic précédent : « referentiel_version », "
                "« territory », « answers » et « plan ».",
                "'previous' must describe the earlier diagnostic: 'referentiel_version', "
                "'territory', 'answers' and 'plan'.",
            )
        )
        return None
    version = raw.get("referentiel_version")
    version = str(version) if version is not None else None
    found: list[AnswersError] = []
    try:
        territory = parse_profile(raw.get("territory"))
        mapped = map_answers(version, raw.get("answers") or {}, referentiel)
    except AnswersError as error:
        problems.append(error)
        return None
    answers = _answers(mapped, referentiel, found)
    plan = _plan(raw.get("plan", []), found)
    for problem in found:
        problems.append(
            AnswersError(
                "Diagnostic précédent : " + problem.message("fr"),
                "Earlier diagnostic: " + problem.message("en"),
            )
        )
    return AnswerSheet(territory, answers, {}, referentiel.version, plan=plan)


def _priorities(
    raw: Any, referentiel: Referentiel, problems: list[AnswersError]
) -> tuple[MotivationId, ...]:
    try:
        return check_priorities(referentiel, raw)
    except AnswersError as error:
        problems.append(error)
        return ()


def check_priorities(referentiel: Referentiel, raw: Any) -> tuple[MotivationId, ...]:
    """The officials' ranking: distinct motivation ids, at most the référentiel's maximum."""
    known = {m.id for m in referentiel.motivations}
    most = referentiel.rules.ranking_max
    if not isinstance(raw, list | tuple) or not all(isinstance(m, str) for m in raw):
        raise AnswersError(
            "« priorities » doit être une liste d’identifiants de motivations.",
            "'priorities' must be a list of motivation ids.",
        )
    unknown = [m for m in raw if m not in known]
    if unknown:
        raise AnswersError(
            f"Motivation inconnue dans « priorities » : « {unknown[0]} ».",
            f"Unknown motivation in 'priorities': '{unknown[0]}'.",
        )
    if len(set(raw)) != len(raw) or len(raw) > most:
        raise AnswersError(
            f"« priorities » doit classer au plus {most} motivations différentes.",
            f"'priorities' must rank at most {most} different motivations.",
        )
    return tuple(MotivationId(m) for m in raw)


def _answers(
    raw: Any, referentiel: Referentiel, problems: list[AnswersError]
) -> dict[QuestionId, Answer]:
    if not isinstance(raw, Mapping):
        problems.append(
            AnswersError(
                "« answers » doit associer chaque identifiant de question à sa réponse.",
                "'answers' must map each question id to its answer.",
            )
        )
        return {}
    answers: dict[QuestionId, Answer] = {}
    for question_id, value in raw.items():
        if value is None:
            continue
        try:
            answers[QuestionId(question_id)] = check_answer(referentiel, question_id, value)
        except AnswersError as error:
            problems.append(error)
    return answers


def _comments(
    raw: Any, referentiel: Referentiel, problems: list[AnswersError]
) -> dict[QuestionId, str]:
    if not isinstance(raw, Mapping):
        problems.append(
            AnswersError(
                "« comments » doit associer des identifiants de question à du texte.",
                "'comments' must map question ids to text.",
            )
        )
        return {}
    comments: dict[QuestionId, str] = {}
    for question_id, text in raw.items():
        try:
            comment = check_comment(referentiel, question_id, text)
        except AnswersError as error:
            problems.append(error)
            continue
        if comment:
            comments[QuestionId(question_id)] = comment
    return comments


def check_comment(referentiel: Referentiel, question_id: str, text: Any) -> str:
    """The cleaned comment if it is text of a sensible length; raises AnswersError otherwise."""
    if not referentiel.has_question(question_id):
        raise AnswersError(
            f"Commentaire sur une question inconnue : « {question_id} ».",
            f"Comment on an unknown question: '{question_id}'.",
        )
    if not isinstance(text, str):
        raise AnswersError(
            f"Le commentaire de « {question_id} » doit être du texte.",
            f"The comment on '{question_id}' must be text.",
        )
    comment = clean_text(text).strip()
    if len(comment) > COMMENT_MAX:
        raise AnswersError(
            f"Le commentaire de « {question_id} » dépasse {COMMENT_MAX} caractères.",
            f"The comment on '{question_id}' is longer than {COMMENT_MAX} characters.",
        )
    return comment


def sheet_to_dict(sheet: AnswerSheet, referentiel: Referentiel) -> dict[str, Any]:
    """The answers file as JSON-ready values, in référentiel order (stable bytes)."""
    order = [q.id for q in referentiel.questions]
    values: dict[str, Any] = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "referentiel_version": referentiel.version,
        "territory": profile_to_dict(sheet.territory),
        **({"priorities": list(sheet.priorities)} if sheet.priorities else {}),
        "answers": {q: sheet.answers[q] for q in order if q in sheet.answers},
        "comments": {q: sheet.comments[q] for q in order if sheet.comments.get(q)},
    }
    if sheet.plan:
        values["plan"] = plan_to_raw(sheet.plan)
    if sheet.previous is not None:
        earlier = sheet.previous
        values["previous"] = {
            "referentiel_version": referentiel.version,
            "territory": profile_to_dict(earlier.territory),
            "answers": {q: earlier.answers[q] for q in order if q in earlier.answers},
        }
        if earlier.plan:
            values["previous"]["plan"] = plan_to_raw(earlier.plan)
    return values
