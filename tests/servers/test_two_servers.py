"""Two or three ``streamlit run`` servers on one PostgreSQL serve the same workshop.

Participants answer on either server and the dashboard, on a third, follows them all
live; behind nginx with sticky sessions (docs/deploiement.md), a server killed mid-room
leaves its participants to carry on from the other server with their own links, and
nothing they were told was saved is lost.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from browser_support import Server
from proxy import Proxy
from streamlit_client import Session

from diagnostic.i18n import t
from diagnostic.model import UNKNOWN, Answer, QuestionId, Referentiel, TerritoryProfile
from diagnostic.referentiel.load import load_referentiel
from diagnostic.settings import Settings
from diagnostic.storage import Repository, close_repositories, open_repository
from diagnostic.ui.wording import tn
from diagnostic.ui.workshop.session import REFRESH_VARIABLE

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

PROFILE = TerritoryProfile(name="Communauté de communes du Toulois", type="cc")
WAIT = 90.0  # seconds at most for a condition that must become true


@pytest.fixture
def referentiel() -> Referentiel:
    return load_referentiel(Settings.from_env().referentiel_dir)


@pytest.fixture
def start(postgres_url: str, tmp_path: Path) -> Iterator[Callable[[int], list[Server]]]:
    """Starts app servers on the test's schema (refreshing every half second); stops them."""
    started: list[Server] = []

    def servers(count: int) -> list[Server]:
        for number in range(count):
            server = Server(
                postgres_url, tmp_path / f"streamlit-{number}.log", {REFRESH_VARIABLE: "0.5"}
            )
            started.append(server)
            server.start()
        return started[-count:]

    yield servers
    for server in started:
        server.stop()
    close_repositories()


class Person:
    """A participant on a phone: their session, cookie and every answer the page acknowledged."""

    def __init__(self, number: int, cookie: str = "") -> None:
        self.number = number
        self.cookie = cookie
        self.session: Session | None = None
        self.token = ""
        self.acknowledged: dict[QuestionId, Answer] = {}

    async def join(self, url: str, code: str) -> None:
        self.session = Session(url, "atelier", f"code={code}", self.cookie)
        await self.session.open()
        role = self.session.widget("atelier-role").options[self.number % 6]
        await self.session.click(
            "atelier-join",
            {
                "atelier-pseudonym": ("string_value", f"P{self.number}"),
                "atelier-role": ("string_value", role),
            },
        )
        self.token = self.session.params["p"]

    async def come_back(self, url: str) -> None:
        """Open one's own link again (a new session, wherever the proxy sends it)."""
        self.session = Session(url, "atelier", f"p={self.token}", self.cookie)
        await self.session.open()

    async def answer(self, referentiel: Referentiel, question_ids: list[QuestionId]) -> None:
        assert self.session is not None
        for offset, question_id in enumerate(question_ids):
            scale = referentiel.scale(referentiel.question(question_id).scale)
            values = [*scale.values(), UNKNOWN]
            index = (self.number + offset) % len(values)
            await self.session.choose(f"atelier-answer-{question_id}", index)
            assert not self.session.drawn.exceptions
            self.acknowledged[question_id] = values[index]


async def until(condition: Callable[[], Awaitable[bool]], what: str) -> None:
    """Wait until ``condition`` holds, checking again and again, at most WAIT seconds."""
    deadline = time.monotonic() + WAIT
    while not await condition():
        assert time.monotonic() < deadline, f"still not true after {WAIT} s: {what}"
        await asyncio.sleep(0.2)


def play(room: Coroutine[None, None, None]) -> None:
    """Run a room in a thread of its own: a sync Playwright session may own this thread's loop."""
    with ThreadPoolExecutor(1) as thread:
        thread.submit(asyncio.run, room).result()


def first_questions(referentiel: Referentiel, count: int) -> list[QuestionId]:
    first = referentiel.motivations[0].id
    return [q.id for q in referentiel.questions_of(first)][:count]


def saved(repository: Repository, person: Person) -> dict[QuestionId, Answer]:
    return dict(repository.load_sheet(person.token).answers)


def test_participants_on_two_servers_and_a_dashboard_on_a_third_agree_live(
    start: Callable[[int], list[Server]], postgres_url: str, referentiel: Referentiel
) -> None:
    one, two, three = start(3)
    repository = open_repository(postgres_url)
    workshop, key = repository.create_workshop(PROFILE)
    people = [Person(number) for number in range(4)]
    questions = first_questions(referentiel, 2)
    joined = tn("atelier.dash.joined", len(people), "fr")
    started = tn("atelier.dash.started", len(people), "fr")
    waiting = t("atelier.group.waiting", "fr")

    async def room() -> None:
        board = Session(three.url, "animation", f"code={workshop.code}&key={key}")
        await board.open()
        for person, server in zip(people, (one, two, one, two), strict=True):
            await person.join(server.url, workshop.code)
            await person.answer(referentiel, questions)

        boards = [board]

        async def everyone_counted() -> bool:
            # the dashboard as a fresh load on the third server draws it, read again and again
            await boards[-1].close()
            boards.append(Session(three.url, "animation", f"code={workshop.code}&key={key}"))
            await boards[-1].open()
            shown = boards[-1].latest.text()
            return joined in shown and started in shown

        await until(everyone_counted, f"the dashboard on a third server shows « {joined} »")
        board = boards[-1]
        await board.click("animation-show-results")
        phone = people[0]

        async def result_shown() -> bool:
            # the first participant's own link, opened again on their server
            assert phone.session is not None
            await phone.session.close()
            await phone.come_back(one.url)
            assert phone.session is not None
            return waiting not in phone.session.latest.text()

        await until(result_shown, "a phone on another server shows the group result")
        await board.close()
        for person in people:
            assert person.session is not None
            await person.session.close()

    play(room())
    sheets = repository.participants(workshop.code, key)
    assert sorted(sheet.token for sheet in sheets) == sorted(p.token for p in people)
    for person in people:
        assert saved(repository, person) == person.acknowledged


def test_a_killed_server_leaves_its_participants_to_the_other_without_losing_answers(
    start: Callable[[int], list[Server]],
    postgres_url: str,
    referentiel: Referentiel,
    tmp_path: Path,
) -> None:
    one, two = start(2)
    proxy = Proxy(tmp_path / "nginx", [one.port, two.port])
    proxy.start()
    try:
        cookies: dict[int, list[str]] = {one.port: [], two.port: []}
        for number in range(64):  # the proxy's hash spreads keys over both servers
            cookies[proxy.upstream(f"phone-{number}")].append(f"phone-{number}")
        assert all(len(keys) >= 2 for keys in cookies.values()), cookies
        on_one = [Person(n, f"diagnostic_server={k}") for n, k in enumerate(cookies[one.port][:2])]
        on_two = [
            Person(n + 2, f"diagnostic_server={k}") for n, k in enumerate(cookies[two.port][:2])
        ]
        repository = open_repository(postgres_url)
        workshop, _ = repository.create_workshop(PROFILE)
        before, after = first_questions(referentiel, 2), first_questions(referentiel, 4)[2:]

        async def room() -> None:
            for person in on_one + on_two:
                await person.join(proxy.url, workshop.code)
                await person.answer(referentiel, before)
            one.kill()
            for person in on_one:
                session = person.session
                assert session is not None

                async def gone(session: Session = session) -> bool:
                    return session.closed

                await until(gone, "the killed server's websockets are closed")
                await person.come_back(proxy.url)
                assert person.session is not None
                widgets = person.session.drawn.widgets
                for question_id, answer in person.acknowledged.items():
                    radio = widgets[f"atelier-answer-{question_id}"]
                    values = [*referentiel.scale(referentiel.question(question_id).scale).values()]
                    assert radio.raw_value == radio.options[[*values, UNKNOWN].index(answer)]
            for person in on_one + on_two:
                await person.answer(referentiel, after)
                assert person.session is not None
                await person.session.close()

        play(room())
        assert proxy.upstream(cookies[one.port][0]) == two.port
        for person in on_one + on_two:
            assert saved(repository, person) == person.acknowledged
            assert len(person.acknowledged) == 4
    finally:
        proxy.stop()
