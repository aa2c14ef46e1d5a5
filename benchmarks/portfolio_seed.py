"""A région's worth of saved diagnostics for the portfolio benchmark, written in bulk, and the
ESS figures of every territory, loaded through the observatory's import."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np
from sqlalchemy import Engine, insert
from timing import random_answers

from diagnostic.model import ROLES, STATUSES, UNKNOWN, Quarter, Referentiel
from diagnostic.portfolio.figures import COLUMNS, read_figures
from diagnostic.portfolio.indicators import shipped_catalogue
from diagnostic.storage import Repository
from diagnostic.storage.tables import answers, diagnostics, plan_actions, workshops
from diagnostic.territory.official import Territories

REGION = "84"  # Auvergne-Rhône-Alpes
KINDS = {"commune": "commune", "cc": "cc", "ca": "ca", "cu": "cu", "metropole": "metropole"}


@dataclass(frozen=True)
class Size:
    territories: int = 300
    diagnostics: int = 2_000
    workshops: int = 100
    participants: int = 6


def region_territories(
    territories: Territories, count: int
) -> list[tuple[str, str, str, str, int]]:
    """The région's ``count`` most populated communes and EPCI (siren, name, kind, dept, pop)."""
    found = []
    for index in range(len(territories)):
        item = territories.territory(index)
        if item.region == REGION:
            found.append((item.siren, item.name, item.kind, item.departement, item.population))
    found.sort(key=lambda row: -row[4])
    return found[:count]


def seed(
    engine: Engine, referentiel: Referentiel, territories: Territories, size: Size
) -> list[str]:
    """Diagnostics (some re-diagnoses), workshops with participants and plans; returns the keys."""
    rng = np.random.default_rng(22)
    places = region_territories(territories, size.territories)
    now = dt.datetime.now(dt.UTC)
    with engine.begin() as connection:
        ids = iter(range(1, 10**7))
        rows, answer_rows, plan_rows = [], [], []
        for n in range(size.diagnostics):
            place = places[n % len(places)]
            day = dt.date.today() - dt.timedelta(days=int(rng.integers(0, 900)))
            diagnostic_id = next(ids)
            rows.append(_diagnostic(diagnostic_id, place, day, now, None, None, referentiel))
            answer_rows += _answers(diagnostic_id, referentiel, rng, now)
            if n % 3 == 0:
                plan_rows += _plan(("diagnostic_id", diagnostic_id), rng, day, now)
        connection.execute(insert(diagnostics), rows)
        groups, members = [], []
        for n in range(size.workshops):
            place = places[(n * 7) % len(places)]
            day = dt.date.today() - dt.timedelta(days=int(rng.integers(0, 400)))
            groups.append(_workshop(n + 1, place, day, now))
            plan_rows += _plan(("workshop_id", n + 1), rng, day, now)
            for p in range(size.participants):
                member = next(ids)
                role = ROLES[p % len(ROLES)]
                members.append(_diagnostic(member, place, day, now, n + 1, role, referentiel))
                answer_rows += _answers(member, referentiel, rng, now)
        connection.execute(insert(workshops), groups)
        connection.execute(insert(diagnostics), members)
        for chunk in _chunks(answer_rows, 20_000):
            connection.execute(insert(answers), chunk)
        connection.execute(insert(plan_actions), plan_rows)
    return [place[0] for place in places]


def _profile(place: tuple[str, str, str, str, int], day: dt.date) -> dict[str, object]:
    siren, name, kind, departement, population = place
    return {
        "name": name,
        "type": KINDS[kind],
        "siren": siren,
        "departement": departement,
        "population": population,
        "respondent_role": "agent",
        "date": day,
    }


def _diagnostic(
    diagnostic_id: int,
    place: tuple[str, str, str, str, int],
    day: dt.date,
    now: dt.datetime,
    workshop_id: int | None,
    role: str | None,
    referentiel: Referentiel,
) -> dict[str, object]:
    return {
        "id": diagnostic_id,
        "token": secrets.token_urlsafe(24),
        "workshop_id": workshop_id,
        "pseudonym": None,
        "role": role,
        **_profile(place, day),
        "referentiel_version": referentiel.version,
        "priorities": "",
        "upgrade_note": "",
        "created_at": now,
        "updated_at": now,
        "previous": None,
        "followed_by": None,
    }


def _workshop(
    workshop_id: int, place: tuple[str, str, str, str, int], day: dt.date, now: dt.datetime
) -> dict[str, object]:
    return {
        "id": workshop_id,
        "code": f"B{workshop_id:05d}",
        "admin_key_sha256": "0" * 64,
        **_profile(place, day),
        "motivations": "",
        "status": "closed",
        "results_visible": True,
        "created_at": now,
        "updated_at": now,
    }


def _answers(
    diagnostic_id: int, referentiel: Referentiel, rng: np.random.Generator, now: dt.datetime
) -> list[dict[str, object]]:
    return [
        {
            "diagnostic_id": diagnostic_id,
            "question_id": question,
            "level": None if answer == UNKNOWN else answer,
            "dont_know": answer == UNKNOWN,
            "declined": False,
            "comment": "",
            "updated_at": now,
        }
        for question, answer in random_answers(referentiel, rng).items()
    ]


def _plan(
    owner: tuple[str, int], rng: np.random.Generator, day: dt.date, now: dt.datetime
) -> list[dict[str, object]]:
    other = "workshop_id" if owner[0] == "diagnostic_id" else "diagnostic_id"
    start = Quarter.of(day)
    return [
        {
            owner[0]: owner[1],
            other: None,
            "entry": f"e{position}",
            "position": position,
            "action_id": None,
            "lever_id": None,
            "label": f"Action {position}",
            "owner": "",
            "partners": "",
            "quarter": str(start.next(int(rng.integers(0, 8)))),
            "status": STATUSES[int(rng.integers(0, len(STATUSES)))],
            "note": "",
            "added": day,
            "updated_at": now,
        }
        for position in range(int(rng.integers(1, 6)))
    ]


def _chunks(rows: list[dict[str, object]], size: int) -> Iterator[list[dict[str, object]]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def figures_file(territories: Territories, keys: Sequence[str], years: Sequence[int]) -> bytes:
    """An observatory's figures file (CSV) for every territory of ``keys`` (SIRENs): each
    indicator of the shipped catalogue, for the whole ESS and for each family, each year."""
    rng = np.random.default_rng(31)
    catalogue = shipped_catalogue()
    families = ["", *(family.id for family in catalogue.families)]
    lines = [";".join(COLUMNS)]
    for siren in keys:
        found = territories.by_siren(siren)
        assert found is not None, siren
        for indicator in catalogue.indicators:
            for family in families:
                for year in years:
                    if indicator.kind == "share":
                        value = f"{rng.uniform(2, 30):.1f}".replace(".", ",")
                    else:
                        value = str(int(rng.integers(1, 5_000)))
                    source = f"Observatoire régional de l’ESS, {year}"
                    lines.append(f"{found.code};{indicator.id};{family};{value};{year};{source}")
    return ("\n".join(lines) + "\n").encode("utf-8")


def seed_figures(repository: Repository, territories: Territories, keys: Sequence[str]) -> int:
    """Load the figures of every territory of ``keys`` as a CRESS does: the file read and
    checked by the observatory's reader, then imported; the number of figures."""
    year = dt.date.today().year - 2
    data = figures_file(territories, keys, (year - 1, year))
    figures = read_figures(data, "chiffres-ess.csv", territories, shipped_catalogue())
    return repository.import_figures(figures).added
