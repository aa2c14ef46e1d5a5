"""A paced room: the adviser opens each motivation in turn and the phones follow it.

Each phone joins as in the free room (see room_people), then waits on the page, its
fragment timers firing as in the browser, until it shows the open motivation's first
question; answers that motivation's questions (think time between taps) and waits again.
The workshop is paced before the phones join; the adviser's session opens the next
motivation from the sidebar once every phone has answered the open one (or after
``step_limit`` seconds).
A change's reach is the time from the adviser's click (the message sent: the run it starts
writes the new motivation, then draws the dashboard) to the end of the run that draws it
on a phone; the phones' timers fire all along, while they wait too.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

from room_people import Options, Participant, Room, _cpu, _replace, _rss
from room_support import Server
from streamlit_client import RunTimeout, Session

from diagnostic.model import UNKNOWN, Referentiel
from diagnostic.referentiel.load import load_referentiel
from diagnostic.settings import Settings
from diagnostic.storage import close_repositories, open_repository


@dataclass
class Pace:
    """The adviser's openings and when each phone saw them."""

    opened_at: dict[int, float] = field(default_factory=dict)  # step -> monotonic seconds
    # step -> when each phone saw it, and when the look that saw it started
    seen: dict[int, list[tuple[float, float]]] = field(default_factory=dict)
    done: dict[int, int] = field(default_factory=dict)  # step -> phones done answering
    missed: int = 0  # phones that never saw an opening within the step limit


@dataclass(frozen=True)
class PacedOptions:
    motivations: int  # how many motivations the adviser opens in turn
    per_motivation: int  # questions answered on each
    step_limit: float  # seconds at most the adviser waits for the phones on one motivation


class PacedPhone(Participant):
    """A phone that follows the open motivation."""

    last_look = 0.0  # when the phone last let a fragment's timer fire (monotonic seconds)

    async def follow(
        self, referentiel: Referentiel, steps: Sequence[str], pace: Pace, paced: PacedOptions
    ) -> None:
        room, session = self.room, self.session
        if not await self.join():
            return
        sent = room.sent.setdefault(session.params["p"], {})
        for step, motivation in enumerate(steps):
            questions = referentiel.questions_of(motivation)[: paced.per_motivation]
            # as a phone on the table: its timers keep firing while the room waits (twice
            # the adviser's limit: the phones before it may take that long, then the reach)
            seen = await self.until_shown(f"atelier-answer-{questions[0].id}", 2 * paced.step_limit)
            if seen is None:
                pace.missed += 1
                return
            pace.seen.setdefault(step, []).append((seen, self.last_look))
            for question in questions:
                await self.pause()
                values = [*referentiel.scale(question.scale).values(), UNKNOWN]
                index = self.random.randrange(len(values))
                sent[question.id] = values[index]
                room.answers.append(await session.choose(f"atelier-answer-{question.id}", index))
                self.check_page()
            pace.done[step] = pace.done.get(step, 0) + 1

    async def join(self) -> bool:
        """Open the join link and join with a role; False (a failure noted) if it failed."""
        room, session = self.room, self.session
        await asyncio.sleep(self.random.uniform(0, self.options.join))
        room.opens.append(await session.open())
        role = session.widget("atelier-role")
        values = {
            "atelier-pseudonym": ("string_value", f"P{self.number}"),
            "atelier-role": ("string_value", role.options[self.random.randrange(6)]),
        }
        room.joins.append(await session.click("atelier-join", values))
        if session.params.get("p") is None:
            room.failures.append(f"participant {self.number} did not join")
            return False
        return True

    async def until_shown(self, key: str, limit: float) -> float | None:
        """Let the page's fragment timers fire until ``key`` is drawn; when, or None."""
        end = time.monotonic() + limit
        while key not in self.session.drawn.widgets:
            now = time.monotonic()
            if now >= end:
                return None
            timers = self.session.fragments
            for gone in self.polls.keys() - timers.keys():
                del self.polls[gone]
            for fragment, interval in timers.items():
                if self.polls.get(fragment, (0.0, None))[1] != interval:
                    self.polls[fragment] = (now + interval, interval)
            if not self.polls:
                await asyncio.sleep(0.05)
                continue
            fragment, (when, interval) = min(self.polls.items(), key=lambda item: item[1][0])
            await asyncio.sleep(max(when - now, 0))
            self.last_look = time.monotonic()
            self.room.polls.append(await self.session.refresh_fragment(fragment))
            self.polls[fragment] = (max(when + interval, time.monotonic()), interval)
        return time.monotonic()


async def adviser(
    server: str,
    code: str,
    admin_key: str,
    size: int,
    steps: Sequence[str],
    pace: Pace,
    paced: PacedOptions,
    room: Room,
) -> None:
    """Open each motivation in turn, once the phones are done with the one before."""
    session = Session(server, "animation", f"code={code}&key={admin_key}")
    await session.open()
    for step in range(len(steps)):
        if step:
            end = time.monotonic() + paced.step_limit
            while pace.done.get(step - 1, 0) < size and time.monotonic() < end:
                await asyncio.sleep(0.2)
        pace.opened_at[step] = time.monotonic()  # the tap: its run writes, then redraws
        room.dashboard.append(await session.click("animation-pacing-next"))
    await session.close()


async def play_paced(
    server: Server, code: str, key: str, size: int, options: Options, paced: PacedOptions
) -> tuple[Room, Pace]:
    """The paced room on one server, bounded by ``options.limit``."""
    referentiel = load_referentiel(Settings.from_env().referentiel_dir)
    steps = [m.id for m in referentiel.motivations][: paced.motivations]
    room, pace = Room(), Pace()
    warm = Participant(-1, server.url, code, Room(), _replace(options, think=(0, 0), questions=1))
    try:
        await warm.run(referentiel, steps)
    except RunTimeout as error:
        room.failures.append(f"warm-up: {error}")
    await warm.session.close()
    repository = open_repository(server.database_url)
    repository.set_pacing_mode(code, key, "paced")  # the phones wait for the first opening
    close_repositories()
    rss_before, cpu_before = _rss([server]), _cpu([server])
    wall = time.monotonic()
    phones = [PacedPhone(n, server.url, code, room, options) for n in range(size)]
    tasks = [asyncio.create_task(p.follow(referentiel, steps, pace, paced)) for p in phones]
    await asyncio.sleep(options.join + 1)  # everyone in, as the adviser waits for the room
    lead = asyncio.create_task(adviser(server.url, code, key, size, steps, pace, paced, room))
    done, pending = await asyncio.wait([*tasks, lead], timeout=options.limit)
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
    room.cpu_seconds, room.seconds = _cpu([server]) - cpu_before, elapsed
    room.cpu_share = room.cpu_seconds / elapsed
    room.rss_per_session = (_rss([server]) - rss_before) / size
    await asyncio.gather(*(p.session.close() for p in phones), return_exceptions=True)
    return room, pace


def reach_figures(pace: Pace) -> tuple[float, float, float, int]:
    """Every phone's delay to see an opening (all openings): p50, p95 and max, in seconds;
    and how many openings were measured."""
    p50, p95, most = spread(pace, 0)
    return p50, p95, most, len(pace.seen)


def look_figures(pace: Pace) -> tuple[float, float, float]:
    """Of that delay, the wait for the look that saw the opening (the phone's timer): p50,
    p95 and max, in seconds (0 for a look started before the click); the rest is the
    server's runs (the adviser's, the look's, then the step's)."""
    return spread(pace, 1)


def spread(pace: Pace, which: int) -> tuple[float, float, float]:
    """p50, p95 and max over every opening of when phones saw it (``which``: 0) or started
    the look that saw it (1), from the opening (NaN when none was seen)."""
    delays = sorted(
        max(0.0, moments[which] - pace.opened_at[step])
        for step, seen in pace.seen.items()
        if step in pace.opened_at
        for moments in seen
    )
    if not delays:
        return float("nan"), float("nan"), float("nan")
    p95 = delays[min(len(delays) - 1, int(0.95 * len(delays)))]
    return delays[len(delays) // 2], p95, delays[-1]
