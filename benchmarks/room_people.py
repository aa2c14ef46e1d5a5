"""The people of a room: participants on their phones and the adviser's dashboard, each a
Streamlit session spoken to over its websocket (see bench_room.py for the pace and the
measures)."""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

from room_support import Server
from streamlit_client import RunTimeout, Session

from diagnostic.model import UNKNOWN, Answer, QuestionId, Referentiel
from diagnostic.referentiel.load import load_referentiel
from diagnostic.settings import Settings


@dataclass
class Room:
    """What one room measured."""

    answers: list[float] = field(default_factory=list)
    opens: list[float] = field(default_factory=list)
    joins: list[float] = field(default_factory=list)
    nexts: list[float] = field(default_factory=list)
    polls: list[float] = field(default_factory=list)
    dashboard: list[float] = field(default_factory=list)
    sent: dict[str, dict[QuestionId, Answer]] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)
    cpu_share: float = 0.0
    cpu_seconds: float = 0.0
    seconds: float = 0.0
    rss_per_session: float = 0.0
    client_cpu_share: float = 0.0
    lost: int | None = None
    finished: bool = True


@dataclass(frozen=True)
class Options:
    sizes: tuple[int, ...]
    think: tuple[float, float]
    join: float
    questions: int
    limit: float
    seed: int
    databases: tuple[str, ...] = ("sqlite", "postgresql")
    servers: int = 1


class Participant:
    """One phone: joins, answers, taps « Suivant », lets its group fragment refresh."""

    def __init__(self, number: int, server: str, code: str, room: Room, options: Options) -> None:
        self.number = number
        self.session = Session(server, "atelier", f"code={code}")
        self.room = room
        self.options = options
        self.random = random.Random(options.seed * 1000 + number)
        self.polls: dict[str, tuple[float, float]] = {}  # fragment -> (due, interval)

    async def pause(self) -> None:
        """A think time, during which the page's fragment timers fire as in the browser."""
        low, high = self.options.think
        end = time.monotonic() + self.random.uniform(low, high)
        while True:
            now = time.monotonic()
            for gone in self.polls.keys() - self.session.fragments.keys():
                del self.polls[gone]  # a fragment of an earlier run: its timer stopped
            for fragment, interval in self.session.fragments.items():
                # as the browser: a timer announced again keeps its pace, unless its
                # interval changed, which restarts it
                if self.polls.get(fragment, (0.0, None))[1] != interval:
                    self.polls[fragment] = (now + interval, interval)
            due = min(self.polls.items(), key=lambda item: item[1][0], default=None)
            if due is None or due[1][0] >= end:
                await asyncio.sleep(max(end - now, 0))
                return
            fragment, (when, interval) = due
            await asyncio.sleep(max(when - now, 0))
            self.room.polls.append(await self.session.refresh_fragment(fragment))
            self.polls[fragment] = (max(when + interval, time.monotonic()), interval)

    async def run(self, referentiel: Referentiel, motivations: list[str]) -> None:
        room, session = self.room, self.session
        await asyncio.sleep(self.random.uniform(0, self.options.join))
        room.opens.append(await session.open())
        await self.pause()
        role = session.widget("atelier-role")
        room.joins.append(
            await session.click(
                "atelier-join",
                {
                    "atelier-pseudonym": ("string_value", f"P{self.number}"),
                    "atelier-role": ("string_value", role.options[self.random.randrange(6)]),
                },
            )
        )
        token = session.params.get("p")
        if token is None:
            room.failures.append(f"participant {self.number} did not join")
            return
        sent = room.sent.setdefault(token, {})
        left = self.options.questions
        for step, motivation in enumerate(motivations):
            for question in referentiel.questions_of(motivation):
                if left == 0:
                    return
                left -= 1
                await self.pause()
                values = [*referentiel.scale(question.scale).values(), UNKNOWN]
                index = self.random.randrange(len(values))
                sent[question.id] = values[index]
                room.answers.append(await session.choose(f"atelier-answer-{question.id}", index))
                self.check_page()
            if step + 1 < len(motivations) and left > 0:
                await self.pause()
                room.nexts.append(await session.click("atelier-nav-next"))
                self.check_page()

    def check_page(self) -> None:
        for message in self.session.drawn.exceptions:
            self.room.failures.append(f"participant {self.number}: exception {message[:80]}")


async def dashboard(
    server: str, code: str, admin_key: str, room: Room, stop: asyncio.Event
) -> None:
    """The adviser's projected dashboard: its live fragment runs on its timer."""
    session = Session(server, "animation", f"code={code}&key={admin_key}")
    await session.open()
    while not stop.is_set():
        for fragment, interval in list(session.fragments.items()):
            try:
                await asyncio.wait_for(stop.wait(), interval)
            except TimeoutError:
                room.dashboard.append(await session.refresh_fragment(fragment))
        if not session.fragments:
            await asyncio.wait_for(stop.wait(), None)
    await session.close()


async def play(
    servers: Sequence[Server], code: str, key: str | None, size: int, options: Options
) -> Room:
    """Warm the servers up, then play the room, participants spread over the servers in
    turn and the dashboard on the first; bounded by ``options.limit``."""
    referentiel = load_referentiel(Settings.from_env().referentiel_dir)
    motivations = [m.id for m in referentiel.motivations]
    room = Room()
    for server in servers:
        quick = _replace(options, think=(0, 0), questions=1)
        warm = Participant(-1, server.url, code, Room(), quick)
        try:
            await warm.run(referentiel, motivations)
        except RunTimeout as error:
            room.failures.append(f"warm-up: {error}")
        await warm.session.close()
    stop = asyncio.Event()
    boards = []
    if key is not None:
        boards.append(asyncio.create_task(dashboard(servers[0].url, code, key, room, stop)))
    rss_before, cpu_before = _rss(servers), _cpu(servers)
    wall, client = time.monotonic(), time.process_time()
    people = [
        Participant(n, servers[n % len(servers)].url, code, room, options) for n in range(size)
    ]
    tasks = [asyncio.create_task(p.run(referentiel, motivations)) for p in people]
    done, pending = await asyncio.wait(tasks, timeout=options.limit)
    room.finished = not pending
    for task in pending:
        task.cancel()
    for task in done:
        error = task.exception()
        if isinstance(error, RunTimeout | OSError | KeyError):
            room.failures.append(f"{type(error).__name__}: {error}")
        elif error is not None:
            raise error
    elapsed = time.monotonic() - wall
    room.cpu_seconds, room.seconds = _cpu(servers) - cpu_before, elapsed
    room.cpu_share = room.cpu_seconds / elapsed
    room.client_cpu_share = (time.process_time() - client) / elapsed
    room.rss_per_session = (_rss(servers) - rss_before) / size
    stop.set()
    await asyncio.gather(*boards, return_exceptions=True)
    await asyncio.gather(*(p.session.close() for p in people), return_exceptions=True)
    return room


def _cpu(servers: Sequence[Server]) -> float:
    return sum(server.cpu_seconds() for server in servers)


def _rss(servers: Sequence[Server]) -> int:
    return sum(server.rss_bytes() for server in servers)


def _replace(options: Options, **changes: object) -> Options:
    values = {**options.__dict__, **changes}
    return Options(**values)  # type: ignore[arg-type]
