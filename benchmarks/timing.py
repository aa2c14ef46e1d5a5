"""What the benchmark scripts share: a best-of timer, percentiles, random answers that fit a
référentiel, and a fresh PostgreSQL schema."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

import numpy as np
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from diagnostic.model import UNKNOWN, Answer, QuestionId, Referentiel
from diagnostic.storage import close_repositories


def best_of(
    repeat: int, run: Callable[[], object], clock: Callable[[], float] = time.perf_counter
) -> float:
    """The fastest of ``repeat`` runs, in seconds of ``clock`` (wall time by default;
    ``time.process_time`` for processor time, less swayed on a busy host)."""
    times = []
    for _ in range(repeat):
        start = clock()
        run()
        times.append(clock() - start)
    return min(times)


def random_answers(
    referentiel: Referentiel,
    rng: np.random.Generator,
    unanswered: float = 0.10,
    unknown: float = 0.08,
) -> dict[QuestionId, Answer]:
    """One respondent's answers: a share left unanswered, a share of "je ne sais pas"."""
    answers: dict[QuestionId, Answer] = {}
    for question in referentiel.questions:
        draw = rng.random()
        if draw < unanswered:
            continue
        scale = referentiel.scale(question.scale)
        level = int(rng.integers(scale.min, scale.max + 1))
        answers[question.id] = UNKNOWN if draw < unanswered + unknown else level
    return answers


def milliseconds(values: Sequence[float], share: float) -> float:
    """The ``share`` quantile of ``values`` (seconds), in milliseconds; nan when empty."""
    if not values:
        return float("nan")
    return float(np.quantile(np.array(values), share)) * 1000


@contextmanager
def postgres_schema(base: str) -> Iterator[str]:
    """A fresh schema on the server of ``base``, dropped afterwards; yields its URL."""
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    schema = f"bench_{uuid.uuid4().hex[:12]}"
    with admin.connect() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        close_repositories()
        with admin.connect() as connection:
            connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()
