"""A paced workshop's phones follow the adviser by a run of the step alone, through a real server.

When the adviser opens another motivation, the phone's status watch reruns the step (its
questions, the progress bar, the announce) and not the whole page: a room's phones all see
the change at about the same moment, and a run of the page for each would queue on the
server. Closing the workshop still redraws the whole page, and a reload shows the open
motivation. Spoken to as a browser does, over Streamlit's websocket
(benchmarks/streamlit_client.py); the phone's timers are fired by the test, as a browser's.
"""

from __future__ import annotations

import asyncio
import time
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
from diagnostic.ui.literal import escape_markdown
from diagnostic.ui.workshop.session import STATUS_PACED, closed_message

pytestmark = pytest.mark.slow

PROFILE = TerritoryProfile(name="Communauté de communes du Toulois", type="cc")
WAIT = 90.0  # seconds at most for the phone's looks to show a change


async def look_until(session: Session, shown: object) -> None:
    """Fire the page's status timer, as the browser does, until ``shown(session)`` holds."""
    end = time.monotonic() + WAIT
    while not shown(session):  # type: ignore[operator]
        assert time.monotonic() < end, "the phone never showed the change"
        if not session.fragments:  # a run the server started is still on its way
            await asyncio.sleep(0.05)
            continue
        fragment, interval = next(iter(session.fragments.items()))
        await asyncio.sleep(interval)
        await session.refresh_fragment(fragment)


def test_a_new_opening_reruns_the_step_alone_and_a_closing_the_whole_page(
    tmp_path: Path,
) -> None:
    referentiel = load_referentiel(Settings.from_env().referentiel_dir)
    url = f"sqlite:///{tmp_path}/paced.sqlite3"
    repository = open_repository(url)
    workshop, key = repository.create_workshop(PROFILE)
    repository.set_pacing_mode(workshop.code, key, "paced")
    first_step, second_step = (referentiel.motivations[i].id for i in (0, 1))
    first = referentiel.questions_of(first_step)[0]
    second = referentiel.questions_of(second_step)[0]
    title = t("atelier.me.title", "fr")
    server = Server(url, tmp_path / "streamlit.log")
    server.start()

    def drawn(question: str) -> object:
        return lambda session: f"atelier-answer-{question}" in session.drawn.widgets

    async def phone() -> None:
        session = Session(server.url, "atelier", f"code={workshop.code}")
        await session.open()
        role = session.widget("atelier-role").options[0]
        await session.click("atelier-join", {"atelier-role": ("string_value", role)})
        assert t("pacing.phone.waiting", "fr") in session.drawn.texts
        assert list(session.fragments.values()) == [STATUS_PACED]  # paced: it looks often

        repository.open_motivation(workshop.code, key, first_step)
        await look_until(session, drawn(first.id))
        assert session.latest is session.fragment_drawn  # the step alone, not the page
        assert title not in session.latest.texts
        assert f"atelier-answer-{first.id}" in session.latest.widgets
        assert title in session.drawn.texts  # the page stays whole
        await session.choose(f"atelier-answer-{first.id}", 1)

        repository.open_motivation(workshop.code, key, second_step)
        await look_until(session, drawn(second.id))
        assert session.latest is session.fragment_drawn
        assert title not in session.latest.texts
        assert f"atelier-answer-{first.id}" not in session.drawn.widgets
        label = referentiel.motivation(second_step).label.fr
        assert label in session.latest.texts
        assert not session.drawn.exceptions

        repository.set_workshop_status(workshop.code, key, "closed")
        closed = escape_markdown(closed_message("fr"))
        await look_until(session, lambda s: closed in s.drawn.texts)
        assert session.latest is session.drawn  # a run of the whole page
        assert title in session.latest.texts
        token = session.params["p"]
        await session.close()

        reloaded = Session(server.url, "atelier", f"p={token}")
        await reloaded.open()
        assert f"atelier-answer-{second.id}" in reloaded.drawn.widgets  # the open motivation
        assert closed in reloaded.drawn.texts
        await reloaded.close()
        saved = dict(repository.load_sheet(token).answers)
        assert saved == {first.id: referentiel.scale(first.scale).values()[1]}

    try:
        # in a thread of its own: a sync Playwright session may own this thread's loop
        with ThreadPoolExecutor(1) as thread:
            thread.submit(asyncio.run, phone()).result()
    finally:
        server.stop()
        close_repositories()
