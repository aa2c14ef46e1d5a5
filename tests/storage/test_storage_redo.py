"""A line of diagnostics of one territory: the re-diagnosis carries everything, and the
feuille de route lives on the latest diagnostic only (SQLite and PostgreSQL)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest
from alembic import command
from sqlalchemy import text
from storage_support import PROFILE, QUESTIONS, row_counts

from diagnostic.errors import AnswersError
from diagnostic.model import DECLINED, UNKNOWN, AnswerSheet, MotivationId
from diagnostic.plan.model import PlanAction, Quarter
from diagnostic.storage import Repository, close_repositories, open_repository
from diagnostic.storage.engine import create_engine_for
from diagnostic.storage.migrate import alembic_config, head_revision, upgrade
from diagnostic.storage.plans import snapshot_sheet, snapshot_text

LINE = PlanAction("a1", "Former les élus", dt.date(2026, 11, 27), quarter=Quarter(2027, 1))
RANKING = (MotivationId("emploi"), MotivationId("innovation"))
WHY = "Choix assumé : le territoire ne porte pas de candidature TZCLD."
T1, T2 = "a" * 20, "b" * 20
SUPERSEDED = (
    "Ce diagnostic a été refait depuis : sa feuille de route se poursuit dans le diagnostic "
    "le plus récent, ouvrez-le pour la modifier."
)


def ranked_and_commented(repo: Repository) -> str:
    token = repo.create_diagnostic(PROFILE).token
    repo.save_answer(token, QUESTIONS[0], 2)
    repo.save_answer(token, QUESTIONS[1], DECLINED)
    repo.save_comment(token, QUESTIONS[1], WHY)
    repo.save_answer(token, QUESTIONS[2], UNKNOWN)
    repo.save_priorities(token, list(RANKING))
    repo.save_plan_action(token, dataclasses.replace(LINE, status="en_cours"))
    return token


@pytest.mark.parametrize("prefill", [True, False])
def test_redoing_carries_ranking_comments_and_plan(repo: Repository, prefill: bool) -> None:
    token = ranked_and_commented(repo)
    later = repo.load_sheet(repo.rediagnose(token, prefill=prefill).token)
    earlier = repo.load_sheet(token)
    assert later.priorities == RANKING
    assert later.comments == {QUESTIONS[1]: WHY}
    assert later.answers == (earlier.answers if prefill else {})
    assert [(a.id, a.status) for a in later.plan] == [("a1", "en_cours")]
    kept = later.previous
    assert kept is not None
    assert (kept.priorities, kept.comments, kept.answers) == (
        RANKING,
        {QUESTIONS[1]: WHY},
        earlier.answers,
    )


def test_the_earlier_plan_is_read_only_once_redone(repo: Repository) -> None:
    token = ranked_and_commented(repo)
    assert repo.latest_token(token) == token
    first = repo.rediagnose(token, prefill=True).token
    second = repo.rediagnose(first, prefill=True).token
    assert repo.latest_token(token) == repo.latest_token(first) == second
    for old in (token, first):
        writes = (
            lambda t: repo.save_plan_action(t, dataclasses.replace(LINE, status="fait")),
            lambda t: repo.delete_plan_action(t, "a1"),
            lambda t: repo.rediagnose(t, prefill=False),
            lambda t: repo.replace_sheet(t, repo.load_sheet(t)),
        )
        for write in writes:
            with pytest.raises(AnswersError) as caught:
                write(old)
            assert caught.value.message("fr") == SUPERSEDED.replace(" :", "\u00a0:")
    assert [a.status for a in repo.load_plan(token)] == ["en_cours"]
    repo.save_plan_action(second, dataclasses.replace(LINE, status="fait"))
    assert [a.status for a in repo.load_plan(second)] == ["fait"]


def test_deleting_the_latest_gives_the_line_back_to_the_one_before(repo: Repository) -> None:
    token = ranked_and_commented(repo)
    later = repo.rediagnose(token, prefill=True).token
    repo.delete_diagnostic(later)
    assert repo.latest_token(token) == token
    repo.save_plan_action(token, dataclasses.replace(LINE, status="fait"))
    assert [a.status for a in repo.load_plan(token)] == ["fait"]


def test_a_copy_kept_before_rankings_and_comments_were_kept_still_reads() -> None:
    sheet = AnswerSheet(PROFILE, {QUESTIONS[0]: 2}, {QUESTIONS[0]: "vu"}, "2026.2", RANKING)
    assert snapshot_sheet(snapshot_text(sheet)) == sheet
    old = json.loads(snapshot_text(sheet) or "")
    del old["priorities"], old["comments"]
    assert snapshot_sheet(json.dumps(old)) == dataclasses.replace(sheet, comments={}, priorities=())


def test_upgrading_from_the_plan_schema_keeps_every_diagnostic(database_url: str) -> None:
    engine = create_engine_for(database_url)
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0003_plan")
        now = "2026-11-27 10:00:00"
        connection.execute(
            text(
                "INSERT INTO diagnostics (id, token, name, type, created_at, updated_at, "
                "previous) VALUES (1, :t1, :name, 'cc', :now, :now, NULL), "
                "(2, :t2, :name, 'cc', :now, :now, :previous)"
            ),
            {
                "t1": T1,
                "t2": T2,
                "name": PROFILE.name,
                "now": now,
                "previous": snapshot_text(AnswerSheet(PROFILE)),
            },
        )
        connection.execute(
            text(
                "INSERT INTO answers (diagnostic_id, question_id, level, dont_know, declined, "
                "comment, updated_at) VALUES (1, 'q01', 2, false, false, 'gardé', :now)"
            ),
            {"now": now},
        )
        connection.execute(
            text(
                "INSERT INTO plan_actions (diagnostic_id, entry, position, label, owner, "
                "partners, status, note, added, updated_at) VALUES "
                "(2, 'a1', 0, 'Former', '', '', 'fait', '', '2026-11-27', :now)"
            ),
            {"now": now},
        )
    counts = row_counts(database_url)
    upgrade(engine)
    engine.dispose()
    repo = open_repository(database_url)
    after = row_counts(database_url)
    assert {name: after[name] for name in counts} == counts
    assert repo.load_sheet(T1).answers == {QUESTIONS[0]: 2}
    assert repo.load_sheet(T1).comments == {QUESTIONS[0]: "gardé"}
    assert [a.status for a in repo.load_plan(T2)] == ["fait"]
    assert repo.load_sheet(T2).previous == AnswerSheet(PROFILE)
    assert repo.latest_token(T1) == T1
    repo.save_plan_action(T2, LINE)  # a diagnostic of before is nobody's superseded copy
    close_repositories()
    assert head_revision() == "0010_directory"
