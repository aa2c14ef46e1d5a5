"""Speed of « Mes diagnostics et ateliers »: the two listing queries.

Prints figures; asserts nothing. Run: ``python benchmarks/bench_listing.py``.

An SQLite base of 500 diagnostics (most of them answered, one in ten with a plan, one in
twenty pinned) and 20 workshops of 15 participants. The page's two queries (target:
under 0.1 s together), against reading the same diagnostics one by one
(``load_sheet`` per diagnostic, what a page without the listing would do), measured in
the same run.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import tempfile
from pathlib import Path

import numpy as np
from timing import best_of, random_answers

from diagnostic.model import AnswerSheet, TerritoryProfile
from diagnostic.plan.model import PlanAction
from diagnostic.referentiel.load import load_referentiel
from diagnostic.settings import Settings
from diagnostic.storage import Repository, close_repositories, open_repository

DIAGNOSTICS = 500
WORKSHOPS = 20
PARTICIPANTS = 15
TARGET = 0.1
PROFILE = TerritoryProfile("Communauté de communes du Val d’Œuvre", "cc", siren="200069813")
LINE = PlanAction("a1", "Former les élus", dt.date(2026, 11, 27))


def filled(repository: Repository) -> list[str]:
    """The base described above; the diagnostics' tokens."""
    referentiel = load_referentiel(Settings.from_env().referentiel_dir)
    rng = np.random.default_rng(7)
    tokens = []
    for number in range(DIAGNOSTICS):
        profile = dataclasses.replace(PROFILE, name=f"{PROFILE.name} {number}")
        token = repository.create_diagnostic(profile, referentiel.version).token
        answers = random_answers(referentiel, rng) if number % 4 else {}
        plan = (LINE,) if number % 10 == 0 else ()
        sheet = AnswerSheet(profile, answers, {}, referentiel.version, plan=plan)
        repository.replace_sheet(token, sheet)
        if number % 20 == 0:
            repository.pin_diagnostic(token)
        tokens.append(token)
    for _ in range(WORKSHOPS):
        workshop, _ = repository.create_workshop(PROFILE)
        for _ in range(PARTICIPANTS):
            repository.join_workshop(workshop.code, "agent")
    return tokens


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        repository = open_repository(f"sqlite:///{Path(folder) / 'bench.sqlite3'}")
        tokens = filled(repository)

        def listing() -> None:
            repository.list_diagnostics()
            repository.list_workshops()

        def one_by_one() -> None:
            for token in tokens:
                repository.load_sheet(token)

        listed = best_of(5, listing)
        each = best_of(2, one_by_one)
        print(f"{DIAGNOSTICS} diagnostics, {WORKSHOPS} workshops of {PARTICIPANTS} participants")
        print(
            f"  the two listing queries: {listed * 1000:.1f} ms (target < {TARGET * 1000:.0f} ms)"
        )
        print(f"  baseline, one load_sheet per diagnostic: {each * 1000:.0f} ms")
        print(f"  ratio: {each / listed:.0f}×")
        close_repositories()


if __name__ == "__main__":
    main()
