"""Shared test material for the exports: référentiels, a realistic sheet, hostile texts."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

from pypdf import PdfReader

from diagnostic.export.jsonio import from_json
from diagnostic.model import UNKNOWN, AnswerSheet, QuestionId, Referentiel, TerritoryProfile
from diagnostic.referentiel.load import load_referentiel
from diagnostic.settings import PROJECT_DATA

HERE = Path(__file__).resolve().parent
MINI = load_referentiel(HERE.parent / "data" / "ok")
SHIPPED = load_referentiel(PROJECT_DATA)
SAMPLE_FILE = HERE / "data" / "cc_val_doeuvre_2026_2.json"
EARLIER_FILE = HERE / "data" / "cc_val_doeuvre.json"  # the same territory, answered with 2026.1
DAY = dt.date(2026, 11, 27)
PAGE_NUMBER = re.compile(r"Page \d+ (/|of) \d+")

LONG_COMMENT = ("Œuvre « collective » à 12,5 € l’heure ; l’épicerie coûte cher. " * 90)[:5000]
HOSTILE_NAME = '=HYPERLINK("http://exemple.invalid","clic") <script>x</script> & **Œuvre** 🎉'
HOSTILE_COMMENTS = (
    '=HYPERLINK("http://exemple.invalid","clic")',
    "<script>alert('x')</script> & <b>gras</b> &amp; </para>",
    "**gras** _italique_ # titre [lien](http://exemple.invalid)",
    "+33 6 12 34 56 78",
    "-12,5",
    "@SOMME(A1:A2)",
    "\tcommence par une tabulation",
    LONG_COMMENT,
    "Fête 🎉 des voisins 😀 — 中文 — ❤️",
)


def sample_sheet() -> AnswerSheet:
    """A CC's current answers: gaps, a declined subject, the officials' ranking, comments."""
    return from_json(SAMPLE_FILE.read_bytes(), SHIPPED)


def earlier_sheet() -> AnswerSheet:
    """The same territory's answers given with référentiel 2026.1, carried over on loading."""
    return from_json(EARLIER_FILE.read_bytes(), SHIPPED)


def mini_sheet(name: str = "Communauté de communes de l’Essai", **comments: str) -> AnswerSheet:
    """The miniature's worked example (docs/methode.md), with optional comments."""
    answers = {
        QuestionId("emploi_priorite"): 2,
        QuestionId("emploi_clauses"): 1,
        QuestionId("emploi_chiffres"): UNKNOWN,
        QuestionId("innov_priorite"): 1,
        QuestionId("innov_tiers_lieux"): 2,
    }
    notes = {QuestionId(key): value for key, value in comments.items()}
    profile = TerritoryProfile(name, "cc", respondent_role="elu", date=dt.date(2026, 3, 2))
    return AnswerSheet(profile, answers, notes, MINI.version)


def hostile_sheet(referentiel: Referentiel = SHIPPED) -> AnswerSheet:
    """A hostile territory name, one hostile comment per question, a « je ne sais pas » in four."""
    questions = [q.id for q in referentiel.questions]
    answers = {
        qid: UNKNOWN if index % 4 == 0 else referentiel.scale(referentiel.question(qid).scale).min
        for index, qid in enumerate(questions)
    }
    comments = dict(zip(questions, HOSTILE_COMMENTS, strict=False))
    return AnswerSheet(TerritoryProfile(HOSTILE_NAME, "commune"), answers, comments)


def pdf_pages(pdf: bytes) -> list[str]:
    """The extracted text of each page."""
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def body_text(pdf: bytes) -> str:
    """Every page's text without its running footer, white space folded (wrapped lines join)."""
    bodies = []
    for page in pdf_pages(pdf):
        lines = page.rstrip("\n").split("\n")
        if PAGE_NUMBER.fullmatch(lines[-1]):
            lines = lines[:-2]
        bodies.append("\n".join(lines))
    return fold("\n".join(bodies))


def fold(text: str) -> str:
    """Any run of white space (line breaks, tabs, no-break spaces) as one space."""
    return re.sub(r"\s+", " ", text).strip()
