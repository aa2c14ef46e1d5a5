"""The participant's page reruns only what an action changes, through a real server.

An answer reruns its question and the progress bar, a comment its question alone, « Suivant »
the step; the header, the bring-in box and the group's part are not drawn again, and the
page the participant sees (the last full run with the fragments' runs since) stays whole.
Spoken to as a browser does, over Streamlit's websocket (benchmarks/streamlit_client.py).
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from browser_support import Server
from streamlit_client import Session

from diagnostic.i18n import t
from diagnostic.model import TerritoryProfile
from diagnostic.referentiel.load import load_referentiel
from diagnostic.settings import Settings
from diagnostic.storage import close_repositories, open_repository

pytestmark = pytest.mark.slow

PROFILE = TerritoryProfile(name="Communauté de communes du Toulois", type="cc")


def progress_line(answered: int, total: int) -> str:
    return t("app.progress", "fr", answered=answered, total=total, unknown=0)


def test_an_answer_a_comment_and_a_move_rerun_only_their_part(tmp_path: Path) -> None:
    referentiel = load_referentiel(Settings.from_env().referentiel_dir)
    url = f"sqlite:///{tmp_path}/fragments.sqlite3"
    repository = open_repository(url)
    workshop, _ = repository.create_workshop(PROFILE)
    server = Server(url, tmp_path / "streamlit.log")
    server.start()
    first_step, second_step = (referentiel.motivations[i].id for i in (0, 1))
    first, second = referentiel.questions_of(first_step)[:2]
    following = referentiel.questions_of(second_step)[0]
    total = len(referentiel.questions)
    title = t("atelier.me.title", "fr")

    async def phone() -> None:
        session = Session(server.url, "atelier", f"code={workshop.code}")
        await session.open()
        role = session.widget("atelier-role").options[0]
        await session.click("atelier-join", {"atelier-role": ("string_value", role)})
        assert title in session.drawn.texts
        assert progress_line(0, total) in session.drawn.texts

        await session.choose(f"atelier-answer-{first.id}", 1)
        assert session.latest is session.fragment_drawn  # a run of fragments alone
        assert progress_line(1, total) in session.latest.texts
        assert title not in session.latest.texts
        assert set(session.latest.widgets) == {
            f"atelier-answer-{first.id}",
            f"atelier-comment-{first.id}",
        }
        assert title in session.drawn.texts  # the page is whole: header kept, bar redrawn
        assert progress_line(1, total) in session.drawn.texts
        assert progress_line(0, total) not in session.drawn.texts

        note = f"atelier-comment-{second.id}"
        await session.set_values({note: ("string_value", "À voir avec la CRESS")})
        assert session.latest is session.fragment_drawn
        assert set(session.latest.widgets) == {f"atelier-answer-{second.id}", note}
        assert not [text for text in session.latest.texts if text.startswith("Réponses")]

        await session.click("atelier-nav-next")
        assert session.latest is session.fragment_drawn
        assert title not in session.latest.texts
        label = referentiel.motivation(second_step).label.fr
        assert label in session.latest.texts
        assert f"atelier-answer-{following.id}" in session.drawn.widgets
        assert f"atelier-answer-{first.id}" not in session.drawn.widgets
        assert title in session.drawn.texts

        await session.choose(f"atelier-answer-{following.id}", 0)
        assert progress_line(2, total) in session.drawn.texts
        assert not session.drawn.exceptions
        await session.close()
        sheet = repository.load_sheet(session.params["p"])
        assert dict(sheet.answers) == {
            first.id: referentiel.scale(first.scale).values()[1],
            following.id: referentiel.scale(following.scale).values()[0],
        }
        assert dict(sheet.comments) == {second.id: "À voir avec la CRESS"}

    try:
        # in a thread of its own: a sync Playwright session may own this thread's loop
        with ThreadPoolExecutor(1) as thread:
            thread.submit(asyncio.run, phone()).result()
    finally:
        server.stop()
        close_repositories()
