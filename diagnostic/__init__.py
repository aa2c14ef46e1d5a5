"""Diagnostic ESS territorial: a territory's self-diagnostic on the social and solidarity economy.

The public API: load the référentiel, read an answers file, score it, explain it,
and compare two diagnostics of one territory over time.
"""

from .advice.matrix import BatchScores, answers_matrix, score_matrix
from .advice.recommend import Recommendation, explain_all, recommend, strengths
from .advice.scoring import Scores, score_answers
from .errors import (
    AccessError,
    AnswersError,
    DiagnosticError,
    DiskFullError,
    ExportError,
    NotFoundError,
    Problem,
    ReferentielError,
    StorageError,
)
from .export.jsonio import from_json, to_json
from .model import (
    UNKNOWN,
    Answer,
    AnswerSheet,
    Referentiel,
    TerritoryProfile,
)
from .plan.compare import Comparison, ComparisonError, compare
from .plan.model import PlanAction, Quarter
from .referentiel.load import load_referentiel, validate_referentiel
from .schema.answers import check_answer, check_comment

__all__ = [
    "UNKNOWN",
    "AccessError",
    "Answer",
    "AnswerSheet",
    "AnswersError",
    "BatchScores",
    "Comparison",
    "ComparisonError",
    "DiagnosticError",
    "DiskFullError",
    "ExportError",
    "NotFoundError",
    "PlanAction",
    "Problem",
    "Quarter",
    "Recommendation",
    "Referentiel",
    "ReferentielError",
    "Scores",
    "StorageError",
    "TerritoryProfile",
    "answers_matrix",
    "check_answer",
    "check_comment",
    "compare",
    "explain_all",
    "from_json",
    "load_referentiel",
    "recommend",
    "score_answers",
    "score_matrix",
    "strengths",
    "to_json",
    "validate_referentiel",
]
