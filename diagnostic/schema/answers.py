"""The answers file: a territory profile, answers and comments, checked against the référentiel.

Its format: ``diagnostic/schema/answers.schema.json`` and ``docs/format-reponses.md``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..errors import AnswersError
from ..model import (
    DECLINED,
    UNKNOWN,
    Answer,
    AnswerSheet,
    MotivationId,
    QuestionId,
    Referentiel,
    Text,
)
from ..plan.codec import plan_from_raw, plan_to_raw
from ..plan.model import Plan
from ..plan.versions import MappingError, map_raw
from ..referentiel.upgrade import carry_over, describe
from ..territory.profile import (
    COMMENT_MAX,
    clean_text,
    parse_profile,
    profile_to_dict,
    shown,
    whole,
)

FORMAT = "diagnostic-ess-answers"
FORMAT_VERSION = 1


def check_answer(referentiel: Referentiel, question_id: str, value: Any) -> Answer:
    """The answer if it fits the question's scale; raises AnswersError otherwise."""
    if not referentiel.has_question(question_id):
        raise unknown_question(question_id)
    if value == UNKNOWN:
        return UNKNOWN
    question = referentiel.question(question_id)
    if value == DECLINED:
        if question.declinable:
            return DECLINED
        fr, en = _named(referentiel, question_id)
        raise AnswersError(
            f"Réponse à la question {fr} : « non pertinent » n’est pas proposé pour "
            "cette question.",
            f"Answer to the question {en}: “not relevant” is not offered for this question.",
        )
    level = whole(value)
    if isinstance(level, bool) or not isinstance(level, int):
        raise not_a_level(referentiel, question_id, value)
    if level not in referentiel.scale(question.scale).values():
        raise off_scale(referentiel, question_id, level)
    return level


def unknown_question(question_id: str) -> AnswersError:
    return AnswersError(
        f"Question inconnue : « {shown(question_id)} ».",
        f"Unknown question: “{shown(question_id)}”.",
    )


def _named(referentiel: Referentiel, question_id: str) -> tuple[str, str]:
    """A question by its wording and id, or by its id alone when the référentiel lacks it."""
    if not referentiel.has_question(question_id):
        return f"« {shown(question_id)} »", f"“{shown(question_id)}”"
    label = referentiel.question(question_id).label
    return f"« {label.fr} » ({question_id})", f"“{label.en}” ({question_id})"


def not_a_level(referentiel: Referentiel, question_id: str, value: Any) -> AnswersError:
    """The answer is no whole number (nor « unknown »)."""
    fr, en = _named(referentiel, question_id)
    levels_fr, levels_en = "un niveau entier", "a whole level"
    if referentiel.has_question(question_id):
        scale = referentiel.scale(referentiel.question(question_id).scale)
        levels_fr += f" de {scale.min} à {scale.max}"
        levels_en += f" from {scale.min} to {scale.max}"
    return AnswersError(
        f"Réponse à la question {fr} : « {shown(value)} » n’est ni {levels_fr} ni « unknown » "
        "(je ne sais pas).",
        f"Answer to the question {en}: “{shown(value)}” is neither {levels_en} nor “unknown” "
        "(don't know).",
    )


def off_scale(referentiel: Referentiel, question_id: str, level: int) -> AnswersError:
    """The answer is a whole number off the question's scale."""
    fr, en = _named(referentiel, question_id)
    if not referentiel.has_question(question_id):
        return AnswersError(
            f"Réponse à la question {fr} : le niveau {level} n’existe pas, les niveaux "
            "commencent à 0.",
            f"Answer to the question {en}: there is no level {level}, levels start at 0.",
        )
    scale = referentiel.scale(referentiel.question(question_id).scale)
    return AnswersError(
        f"Réponse à la question {fr} : le niveau {level} est hors de l’échelle "
        f"(de {scale.min} à {scale.max}).",
        f"Answer to the question {en}: level {level} is off the scale "
        f"({scale.min} to {scale.max}).",
    )


def sheet_from_dict(raw: Mapping[str, Any], referentiel: Referentiel) -> AnswerSheet:
    """An AnswerSheet from an answers file that fits the schema (schema.check_shape).

    What a schema cannot say is checked here, every problem listed: questions and levels
    of the référentiel, SIREN check digit, real dates, the plan's dates and ids…
    """
    problems: list[AnswersError] = []
    try:
        territory = parse_profile(raw["territory"])
    except AnswersError as error:
        problems.append(error)
    ref_version = raw.get("referentiel_version")
    raw_answers, raw_comments = raw["answers"], raw.get("comments", {})
    note = None
    upgrade = referentiel.upgrades.get(ref_version) if ref_version is not None else None
    if upgrade is not None:
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
        ref_version,
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


def earlier(error: AnswersError) -> AnswersError:
    """A problem of the earlier diagnostic a re-diagnosis carries (``previous``)."""
    return AnswersError(
        "Diagnostic précédent : " + error.message("fr"),
        "Earlier diagnostic: " + error.message("en"),
    )


def _previous(
    raw: Mapping[str, Any] | None, referentiel: Referentiel, problems: list[AnswersError]
) -> AnswerSheet | None:
    """The earlier diagnostic a re-diagnosis is compared with: profile, ranking, answers,
    comments and plan (a file without ranking or comments is read as having none)."""
    if raw is None:
        return None
    found: list[AnswersError] = []
    try:
        territory = parse_profile(raw["territory"])
        mapped, notes = map_raw(
            raw.get("referentiel_version"), raw["answers"], raw.get("comments", {}), referentiel
        )
    except MappingError as error:
        problems.append(error)
        return None
    except AnswersError as error:
        problems.append(earlier(error))
        return None
    answers = _answers(mapped, referentiel, found)
    comments = _comments(notes, referentiel, found)
    priorities = _priorities(raw.get("priorities", []), referentiel, found)
    plan = _plan(raw.get("plan", []), found)
    problems += [earlier(problem) for problem in found]
    return AnswerSheet(
        territory, answers, comments, referentiel.version, priorities=priorities, plan=plan
    )


def _priorities(
    raw: Any, referentiel: Referentiel, problems: list[AnswersError]
) -> tuple[MotivationId, ...]:
    try:
        return check_priorities(referentiel, raw)
    except AnswersError as error:
        problems.append(error)
        return ()


PRIORITIES_SHAPE = (
    "« priorities » doit être une liste d’identifiants de motivations.",
    "'priorities' must be a list of motivation ids.",
)


def unknown_motivation(motivation: Any) -> AnswersError:
    return AnswersError(
        f"Motivation inconnue dans « priorities » : « {shown(motivation)} ».",
        f"Unknown motivation in 'priorities': '{shown(motivation)}'.",
    )


def too_many_priorities(most: int) -> AnswersError:
    return AnswersError(
        f"« priorities » doit classer au plus {most} motivations différentes.",
        f"'priorities' must rank at most {most} different motivations.",
    )


def check_priorities(referentiel: Referentiel, raw: Any) -> tuple[MotivationId, ...]:
    """The officials' ranking: distinct motivation ids, at most the référentiel's maximum."""
    known = {m.id for m in referentiel.motivations}
    if not isinstance(raw, list | tuple) or not all(isinstance(m, str) for m in raw):
        raise AnswersError(*PRIORITIES_SHAPE)
    unknown = [m for m in raw if m not in known]
    if unknown:
        raise unknown_motivation(unknown[0])
    if len(set(raw)) != len(raw) or len(raw) > referentiel.rules.ranking_max:
        raise too_many_priorities(referentiel.rules.ranking_max)
    return tuple(MotivationId(m) for m in raw)


def _answers(
    raw: Mapping[str, Any], referentiel: Referentiel, problems: list[AnswersError]
) -> dict[QuestionId, Answer]:
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
    raw: Mapping[str, Any], referentiel: Referentiel, problems: list[AnswersError]
) -> dict[QuestionId, str]:
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


def comment_problem(question_id: str, kind: str) -> AnswersError:
    """A comment on an ``unknown`` question, ``not_text`` or ``too_long``."""
    qid = shown(question_id)
    fr, en = {
        "unknown": (
            f"Commentaire sur une question inconnue : « {qid} ».",
            f"Comment on an unknown question: '{qid}'.",
        ),
        "not_text": (
            f"Le commentaire de « {qid} » doit être du texte.",
            f"The comment on '{qid}' must be text.",
        ),
        "too_long": (
            f"Le commentaire de « {qid} » dépasse {COMMENT_MAX} caractères.",
            f"The comment on '{qid}' is longer than {COMMENT_MAX} characters.",
        ),
    }[kind]
    return AnswersError(fr, en)


def check_comment(referentiel: Referentiel, question_id: str, text: Any) -> str:
    """The cleaned comment if it is text of a sensible length; raises AnswersError otherwise."""
    if not referentiel.has_question(question_id):
        raise comment_problem(question_id, "unknown")
    if not isinstance(text, str):
        raise comment_problem(question_id, "not_text")
    comment = clean_text(text).strip()
    if len(comment) > COMMENT_MAX:
        raise comment_problem(question_id, "too_long")
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
            **({"priorities": list(earlier.priorities)} if earlier.priorities else {}),
            "answers": {q: earlier.answers[q] for q in order if q in earlier.answers},
        }
        kept = {q: earlier.comments[q] for q in order if earlier.comments.get(q)}
        if kept:
            values["previous"]["comments"] = kept
        if earlier.plan:
            values["previous"]["plan"] = plan_to_raw(earlier.plan)
    return values
