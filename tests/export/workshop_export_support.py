"""Shared material for the workshop exports: the worked example of docs/methode.md, stored."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from export_support import HOSTILE_COMMENTS, MINI

from diagnostic.model import UNKNOWN, Answer, Role, TerritoryProfile
from diagnostic.storage import (
    ParticipantSheet,
    Repository,
    WorkshopRecord,
    close_repositories,
    open_repository,
)

U = UNKNOWN
TERRITORY = "Communauté de communes du Val d’Œuvre"
# Who joins, in joining order: role, pseudonym, then answers in the miniature's question order
# (emploi_priorite, emploi_clauses, emploi_chiffres, innov_priorite, innov_tiers_lieux).
# The answers are those of E1-E3, A1-A3 and H1 in docs/methode.md.
EXAMPLE: tuple[tuple[Role, str, tuple[Answer | None, ...]], ...] = (
    ("habitant", "Hélène du Moulin", (2, 1, 0, 2, None)),
    ("agent", "Agent Alpha", (1, 2, 3, 0, None)),
    ("elu", "Maire Écharpe", (2, 0, 1, 2, 3)),
    ("agent", "Agent Bravo", (2, 3, 2, 1, 0)),
    ("elu", "Adjointe Zoé", (2, 1, U, 1, 3)),
    ("agent", "Agent Charlie", (1, 3, U, 1, 1)),
    ("elu", "Conseiller Yves", (1, 0, U, 2, 2)),
)
HOSTILE_PSEUDONYMS = (
    "<script>alert(1)</script>",
    '=HYPERLINK("http://x.invalid")',
    "**gras** & <b>",
    "Zoé 🎉 ; l’élue",
    "-2+3",
    "@SOMME(A1)",
    "Jean\u202f« Dupont »",
)


@dataclass(frozen=True)
class StoredWorkshop:
    """A workshop saved in a fresh database, with what its exports take."""

    repo: Repository
    record: WorkshopRecord
    sheets: list[ParticipantSheet]

    @property
    def tokens(self) -> list[str]:
        return [own.token for own in self.sheets]


def database_url(folder: Path) -> str:
    return f"sqlite:///{folder}/workshop.sqlite3"


def members_of(*roles: Role) -> list[tuple[Role, str, tuple[Answer | None, ...]]]:
    """Members of the given roles, each with distinct answers and a pseudonym."""
    scales = [MINI.scale(q.scale) for q in MINI.questions]
    return [
        (role, f"Pseudo {index}", tuple((index + i) % (s.max + 1) for i, s in enumerate(scales)))
        for index, role in enumerate(roles)
    ]


@contextmanager
def stored_workshop(
    folder: Path,
    members: Sequence[tuple[Role, str, tuple[Answer | None, ...]]] = EXAMPLE,
    name: str = TERRITORY,
    comments: Sequence[str] = HOSTILE_COMMENTS,
    motivations: Sequence[str] = (),
) -> Iterator[StoredWorkshop]:
    """The members join in order, answer the miniature and comment; the database is closed after."""
    repo = open_repository(database_url(folder))
    try:
        profile = TerritoryProfile(name, "cc", departement="54", date=dt.date(2026, 11, 20))
        workshop, _ = repo.create_workshop(profile, motivations)
        for index, (role, pseudonym, answers) in enumerate(members):
            token = repo.join_workshop(workshop.code, role, pseudonym).token
            for question, answer in zip(MINI.questions, answers, strict=True):
                if answer is not None:
                    repo.save_answer(token, question.id, answer)
            if comments:
                repo.save_comment(token, MINI.questions[0].id, comments[index % len(comments)])
        yield StoredWorkshop(
            repo, repo.get_workshop(workshop.code), repo.group_sheets(workshop.code)
        )
    finally:
        close_repositories()
