"""The portfolio's read: latest diagnosis per territory, workshops, plans, counts, few queries."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import event

from diagnostic.model import PlanAction, Quarter, Referentiel, TerritoryProfile
from diagnostic.referentiel.load import load_referentiel
from diagnostic.storage import Repository
from diagnostic.territory.official import official_territories

ROOT = Path(__file__).resolve().parents[2]
LYON = TerritoryProfile("Lyon", "commune", "216901231", "69", 519_127, "agent", dt.date(2025, 3, 1))
ANNECY = TerritoryProfile(
    "Annecy", "commune", "217400100", "74", 131_000, "elu", dt.date(2026, 6, 1)
)


@pytest.fixture(scope="module")
def referentiel() -> Referentiel:
    return load_referentiel(ROOT / "data")


def diagnose(
    repo: Repository, referentiel: Referentiel, profile: TerritoryProfile, level: int
) -> str:
    record = repo.create_diagnostic(profile, referentiel.version)
    for question in referentiel.questions[:12]:
        repo.save_answer(record.token, question.id, level)
    return record.token


def seed(repo: Repository, referentiel: Referentiel) -> None:
    diagnose(repo, referentiel, dataclasses.replace(LYON, date=dt.date(2024, 1, 1)), 0)
    latest = diagnose(repo, referentiel, LYON, 1)
    repo.save_plan_action(
        latest,
        PlanAction(
            "e1",
            "Former les agents",
            dt.date(2025, 3, 1),
            status="en_cours",
            quarter=Quarter(2025, 4),
        ),
    )
    workshop, key = repo.create_workshop(ANNECY)
    for n in range(3):
        joined = repo.join_workshop(workshop.code, "agent", f"p{n}")
        for question in referentiel.questions[:12]:
            repo.save_answer(joined.token, question.id, 2)
    repo.save_workshop_plan_action(
        workshop.code, key, PlanAction("w1", "Réunir les acteurs", dt.date(2026, 6, 1))
    )
    repo.create_diagnostic(TerritoryProfile("Typed by hand", "pays_petr"))


def test_the_latest_diagnosis_of_each_territory_with_its_plan(
    repo: Repository, referentiel
) -> None:
    seed(repo, referentiel)
    data = repo.load_portfolio(referentiel, official_territories(), None)
    assert set(data.territories) == {"216901231", "217400100"}
    lyon = data.latest["216901231"]
    assert lyon.mode == "alone" and lyon.day == dt.date(2025, 3, 1)
    assert set(lyon.sheet.answers.values()) == {1}
    assert [a.label for a in lyon.sheet.plan] == ["Former les agents"]
    annecy = data.latest["217400100"]
    assert annecy.mode == "workshop"
    assert set(annecy.sheet.answers.values()) == {2}  # the group's retained answers
    assert [a.label for a in annecy.sheet.plan] == ["Réunir les acteurs"]
    assert data.diagnoses == {"216901231": 2, "217400100": 1}
    assert data.workshops == {"217400100": 1}
    facts = data.territories["217400100"]
    assert (facts.name, facts.departement, facts.region) == ("Annecy", "74", "84")


def test_only_the_territories_asked_for_are_read(
    repo: Repository, referentiel: Referentiel
) -> None:
    seed(repo, referentiel)
    data = repo.load_portfolio(referentiel, official_territories(), {"217400100", "200046977"})
    assert set(data.latest) == {"217400100"}
    assert set(data.territories) == {"217400100", "200046977"}  # never diagnosed: a row still
    assert repo.load_portfolio(referentiel, official_territories(), set()).territories == {}


def test_the_read_takes_the_same_few_queries_whatever_the_number_of_territories(
    repo: Repository,
    referentiel: Referentiel,
) -> None:
    seed(repo, referentiel)
    for siren in ("200046977", "200040715", "200066793"):
        diagnose(repo, referentiel, dataclasses.replace(LYON, siren=siren), 3)
    statements: list[str] = []
    engine = repo._engine

    def count(*args: object) -> None:
        statements.append(str(args[2]))

    event.listen(engine, "before_cursor_execute", count)
    try:
        repo.load_portfolio(referentiel, official_territories(), None)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert len(selects) <= 6


def test_the_stamp_changes_when_an_answer_or_a_plan_changes(
    repo: Repository, referentiel: Referentiel
) -> None:
    token = diagnose(repo, referentiel, LYON, 1)
    first = repo.portfolio_stamp()
    assert repo.portfolio_stamp() == first
    repo.save_answer(token, referentiel.questions[0].id, 3)
    second = repo.portfolio_stamp()
    assert second != first
    repo.save_plan_action(token, PlanAction("e2", "Agir", dt.date(2026, 1, 1)))
    assert repo.portfolio_stamp() != second
