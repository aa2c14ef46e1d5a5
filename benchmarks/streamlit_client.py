"""A Streamlit client without a browser: Streamlit's own protocol over its websocket.

It speaks as the browser does: ``BackMsg.rerun_script`` with the query string, the page and
the widgets' values; it reads the ``ForwardMsg`` stream back (elements drawn, URL changes,
fragment timers) until ``script_finished``. Widgets are found by their ``key=``: Streamlit
ends the id of a keyed widget with its key. Used by the room benchmark and the multi-server
test; it only ever connects to the address it is given.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlsplit

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

RUN_TIMEOUT = 60.0
KEYED_PREFIX = "$$ID-"
TEXT_FIELDS = {
    "markdown": "body",
    "heading": "body",
    "alert": "body",
    "code": "code_text",
    "progress": "text",
}
FULL_RUN = ForwardMsg.FINISHED_SUCCESSFULLY
FRAGMENT_RUN = ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY


class RunTimeout(Exception):
    """The server did not finish a script run in time."""


Position = tuple[int, ...]  # a delta's path: where on the page an element is drawn


@dataclass
class Drawn:
    """What was drawn, by position: keyed widgets, texts and exceptions shown.

    Each element remembers the fragment that drew it (``""`` outside any). A fragment's
    run redraws the block it opens: merging it replaces everything under that block,
    nested fragments included, as the browser does.
    """

    entries: dict[Position, tuple[str, str, str, Any]] = field(default_factory=dict)
    blocks: list[Position] = field(default_factory=list)  # opened by a fragment's own run

    def add(self, position: Position, element: Any, fragment_id: str = "") -> None:
        kind = element.WhichOneof("type")
        if kind is None:
            return
        if kind == "exception":
            self.entries[position] = (fragment_id, kind, element.exception.message, element)
            return
        body = getattr(element, kind)
        if kind in TEXT_FIELDS:
            self.entries[position] = (fragment_id, "text", getattr(body, TEXT_FIELDS[kind]), body)
            return
        widget_id = getattr(body, "id", "")
        if isinstance(widget_id, str) and widget_id.startswith(KEYED_PREFIX):
            self.entries[position] = (fragment_id, "widget", widget_id.split("-", 2)[2], body)

    def _all(self, kind: str) -> list[tuple[str, str, Any]]:
        return [
            (fragment, name, body)
            for _, (fragment, what, name, body) in sorted(self.entries.items())
            if what == kind
        ]

    @property
    def widgets(self) -> dict[str, Any]:
        """Keyed widgets: key -> element, in page order."""
        return {key: body for _, key, body in self._all("widget")}

    @property
    def owners(self) -> dict[str, str]:
        """Keyed widgets: key -> the fragment that drew it."""
        return {key: fragment for fragment, key, _ in self._all("widget")}

    @property
    def texts(self) -> list[str]:
        return [text for _, text, _ in self._all("text")]

    @property
    def exceptions(self) -> list[str]:
        return [text for _, text, _ in self._all("exception")]

    def text(self) -> str:
        return "\n".join(self.texts)

    def merge(self, run: Drawn) -> Drawn:
        """This page after a run of fragments alone drew ``run``."""

        def redrawn(position: Position) -> bool:
            return any(position[: len(block)] == block for block in run.blocks)

        kept = {where: entry for where, entry in self.entries.items() if not redrawn(where)}
        return Drawn({**kept, **run.entries})


class Session:
    """One browser tab: a websocket to ``/_stcore/stream`` and the page it shows."""

    def __init__(self, base_url: str, page: str, query: str = "", cookie: str = "") -> None:
        parts = urlsplit(base_url)
        self.stream_url = f"ws://{parts.netloc}/_stcore/stream"
        self.page = page
        self.query = query
        self.cookie = cookie  # e.g. a reverse proxy's sticky-session cookie
        self.drawn = Drawn()  # the page: the last full run, and its fragments' runs since
        self.fragment_drawn = Drawn()  # the last fragment run
        self.latest = Drawn()  # the last run, full or fragment
        self.fragments: dict[str, float] = {}  # fragment id -> refresh interval (s)
        self.page_hash = ""  # the page's script hash, as the last run drew it (sent back)
        self._values: dict[str, WidgetState] = {}
        self._socket: Any = None
        self._reader: asyncio.Task[None] | None = None
        self._finished: asyncio.Queue[int] = asyncio.Queue()
        self._fragment_run = False
        self._next = Drawn()
        self._next_fragment = Drawn()

    @property
    def params(self) -> dict[str, str]:
        """The URL's query parameters, as the server last set them."""
        return {name: values[0] for name, values in parse_qs(self.query).items()}

    async def open(self, timeout: float = RUN_TIMEOUT) -> float:
        """Connect and run the page; returns the seconds taken."""
        start = time.perf_counter()
        self._socket = await asyncio.wait_for(
            websockets.connect(
                self.stream_url,
                subprotocols=[websockets.Subprotocol("streamlit")],
                max_size=None,
                open_timeout=timeout,
                additional_headers={"Cookie": self.cookie} if self.cookie else None,
            ),
            timeout,
        )
        self._reader = asyncio.create_task(self._read())
        await self._run({}, timeout=timeout)
        return time.perf_counter() - start

    async def close(self) -> None:
        if self._socket is not None:
            await self._socket.close()
        if self._reader is not None:
            await asyncio.gather(self._reader, return_exceptions=True)

    def widget(self, key: str) -> Any:
        """The element of the widget with this ``key=`` on the page as last drawn."""
        return self.drawn.widgets[key]

    async def choose(self, key: str, index: int, timeout: float = RUN_TIMEOUT) -> float:
        """Choose option ``index`` of a radio or a selectbox; returns the run's seconds."""
        element = self.widget(key)
        state = WidgetState(id=element.id, string_value=element.options[index])
        return await self._run({state.id: state}, fragment_id=self._owner(key), timeout=timeout)

    async def set_values(
        self, values: dict[str, tuple[str, Any]], timeout: float = RUN_TIMEOUT
    ) -> float:
        """Set several widgets at once: key -> (WidgetState field, value)."""
        states = {}
        for key, (kind, value) in values.items():
            state = WidgetState(id=self.widget(key).id)
            setattr(state, kind, value)
            states[state.id] = state
        return await self._run(states, fragment_id=self._owner(*values), timeout=timeout)

    async def click(
        self, key: str, also: dict[str, tuple[str, Any]] | None = None, timeout: float = RUN_TIMEOUT
    ) -> float:
        """Click a button (with other widgets' values sent along); returns the run's seconds."""
        states = {}
        for other, (kind, value) in (also or {}).items():
            state = WidgetState(id=self.widget(other).id)
            setattr(state, kind, value)
            states[state.id] = state
        trigger = WidgetState(id=self.widget(key).id, trigger_value=True)
        owner = self._owner(key, *(also or {}))
        return await self._run(states, trigger=trigger, fragment_id=owner, timeout=timeout)

    def _owner(self, *keys: str) -> str:
        """The fragment these widgets were drawn in, if they share one: a change to them
        reruns it alone, as in the browser; else ``""`` (a run of the whole page)."""
        owners = {self.drawn.owners.get(key, "") for key in keys}
        return owners.pop() if len(owners) == 1 else ""

    @property
    def closed(self) -> bool:
        """Whether the server has gone (the websocket is closed)."""
        return self._reader is None or self._reader.done()

    async def refresh_fragment(self, fragment_id: str, timeout: float = RUN_TIMEOUT) -> float:
        """Run a fragment as its timer does in the browser; returns the run's seconds.

        A fragment that calls ``st.rerun()`` ends with a full run of the page instead."""
        return await self._run({}, fragment_id=fragment_id, timer=True, timeout=timeout)

    async def _run(
        self,
        changed: dict[str, WidgetState],
        trigger: WidgetState | None = None,
        fragment_id: str = "",
        timer: bool = False,
        timeout: float = RUN_TIMEOUT,
    ) -> float:
        self._values.update(changed)
        message = BackMsg()
        state = message.rerun_script
        state.query_string = self.query
        state.page_name = self.page
        if self.page_hash:
            # as the browser: a run the server starts itself (st.rerun() in a fragment)
            # keeps the page only when the fragment's runs named it by its hash
            state.page_script_hash = self.page_hash
        if fragment_id:
            state.fragment_id = fragment_id
            state.is_auto_rerun = timer
        shown = {element.id for element in self.drawn.widgets.values()}
        for widget_id, value in self._values.items():
            if widget_id in shown or widget_id in changed:
                state.widget_states.widgets.append(value)
        if trigger is not None:
            state.widget_states.widgets.append(trigger)
        while not self._finished.empty():
            self._finished.get_nowait()
        wanted = {FRAGMENT_RUN, FULL_RUN} if fragment_id else {FULL_RUN}
        start = time.perf_counter()
        await self._socket.send(message.SerializeToString())
        deadline = start + timeout
        while True:
            left = deadline - time.perf_counter()
            if left <= 0:
                raise RunTimeout(f"no script_finished within {timeout} s on {self.page}")
            if self.closed:
                raise RunTimeout(f"the server closed the connection during a run of {self.page}")
            try:
                status = await asyncio.wait_for(self._finished.get(), min(left, 1.0))
            except TimeoutError:
                continue
            if status in wanted:
                break
        spent = time.perf_counter() - start
        if status == FRAGMENT_RUN:
            self.fragment_drawn = self.latest = self._next_fragment
            self.drawn = self.drawn.merge(self._next_fragment)
        else:
            self.drawn = self.latest = self._next
        return spent

    async def _read(self) -> None:
        try:
            async for data in self._socket:
                if isinstance(data, bytes):
                    self._handle(data)
        except websockets.ConnectionClosed:
            pass

    def _handle(self, data: bytes) -> None:
        message = ForwardMsg()
        message.ParseFromString(data)
        kind = message.WhichOneof("type")
        if kind == "new_session":  # a run starts: the page's, or some fragments' alone
            self._fragment_run = bool(message.metadata.run.fragment_ids)
            if self._fragment_run:
                self._next_fragment = Drawn()
            else:
                self._next = Drawn()
                # as the browser does: the timers of the previous run's fragments stop;
                # this run announces its own (auto_rerun), whose ids may be new
                self.fragments.clear()
        elif kind == "delta":
            delta, position = message.delta, tuple(message.metadata.delta_path)
            if self._fragment_run and not delta.fragment_id:
                return  # only a fragment's own elements are redrawn in its run
            target = self._next_fragment if self._fragment_run else self._next
            if delta.WhichOneof("type") == "new_element":
                target.add(position, delta.new_element, delta.fragment_id)
            elif delta.WhichOneof("type") == "add_block" and self._fragment_run:
                target.blocks.append(position)
        elif kind == "navigation":  # the page this run drew, as the browser keeps it
            self.page_hash = message.navigation.page_script_hash or self.page_hash
        elif kind == "page_info_changed":
            self.query = message.page_info_changed.query_string
        elif kind == "auto_rerun":  # the latest announced last: a rerun may renew an id
            self.fragments.pop(message.auto_rerun.fragment_id, None)
            self.fragments[message.auto_rerun.fragment_id] = message.auto_rerun.interval
        elif kind == "stop_auto_rerun":  # the timers of the fragments named (all if none)
            stopped = list(message.stop_auto_rerun.fragment_ids) or list(self.fragments)
            for fragment_id in stopped:
                self.fragments.pop(fragment_id, None)
        elif kind == "script_finished":  # after st.rerun(), the next run's new_session
            self._finished.put_nowait(message.script_finished)
