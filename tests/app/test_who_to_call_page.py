"""The results page's « Qui appeler »: no folder path, no name said twice."""

from __future__ import annotations

import re

from app_support import go, new_app, screen

from diagnostic.model import AnswerSheet, Referentiel, TerritoryProfile
from diagnostic.storage import Repository

PROFILE = TerritoryProfile("CC Val d’Ille-Aubigné", "cc", departement="35")


def test_who_to_call_names_each_contact_once(
    repository: Repository, referentiel: Referentiel
) -> None:
    answers = {}
    for question in referentiel.questions:
        values = referentiel.scale(question.scale).values()
        answers[question.id] = values[-1] if question.kind == "priority" else values[0]
    token = repository.create_diagnostic(PROFILE).token
    repository.replace_sheet(token, AnswerSheet(PROFILE, answers, {}, referentiel.version))
    for lang in ("fr", "en"):
        at = go(new_app(token=token, lang=lang).run(), "resultats")
        assert not at.exception, at.exception
        shown = screen(at)
        assert "CRESS Bretagne" in shown
        assert "annuaire/" not in shown and "data/" not in shown
        doubled = re.findall(r"\*\*([^*]+)\*\* \(([^)]+)\)", shown)
        assert doubled and all(name != role for name, role in doubled), doubled
    go(at, "methode")
    assert "annuaire/" not in screen(at)
