"""Drop-downs as a browser holds them: the words it shows, changed only when the server says.

AppTest sends a drop-down's value as the server last knew it, in the latest run's words. A
browser sends the words it shows, and changes them only when the server sets the widget's
value (``set_value`` in the element's message) or the user picks an option. After a
language switch the two differ: ``HeldWords`` makes the next runs get what a browser sends.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Any

from streamlit.proto.WidgetStates_pb2 import WidgetState
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Selectbox


@cache
def _holding(kind: type[Selectbox[Any]]) -> type[Selectbox[Any]]:
    """A drop-down that sends the words it holds, whatever the session holds."""

    def widget_state(self: Any) -> WidgetState:
        state = WidgetState()
        state.id = self.id
        state.string_value = self.held_words
        return state

    return type(f"Held{kind.__name__}", (kind,), {"_widget_state": property(widget_state)})


class HeldWords:
    """The words a browser shows in the drop-downs ``keys``, kept from run to run."""

    def __init__(self, at: AppTest, keys: Iterable[str]) -> None:
        self.words: dict[str, str] = {}
        for key in keys:
            self.words[key] = shown(at, key)

    def run(self, at: AppTest, picked: str | None = None) -> AppTest:
        """Run as a browser does: the drop-down the user ``picked`` (with ``set_value``
        beforehand) sends its new option, every other one the words it shows."""
        for key, words in self.words.items():
            if key == picked:
                self.words[key] = shown(at, key)
            else:
                box = at.selectbox(key=key)
                box.__class__ = _holding(type(box))
                box.held_words = words  # type: ignore[attr-defined]
        at.run()
        for key in self.words:
            proto = at.selectbox(key=key).proto
            if proto.set_value:
                self.words[key] = proto.raw_value
        return at


def shown(at: AppTest, key: str) -> str:
    """The words of the option the drop-down ``key`` holds, as the latest run formats it."""
    box = at.selectbox(key=key)
    assert box.index is not None, key
    return str(box.options[box.index])
