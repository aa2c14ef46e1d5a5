"""Choices as a browser holds them: the words it shows, changed only when the server says.

AppTest sends a drop-down's (or radio buttons') value as the server last knew it, in the
latest run's words. A browser sends the words it shows, and changes them only when the
server sets the widget's value (``set_value`` in the element's message) or the user picks
an option. After a language switch the two differ: ``HeldWords`` makes the next runs get
what a browser sends.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Any

from streamlit.proto.WidgetStates_pb2 import WidgetState
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Widget


@cache
def _holding(kind: type[Widget]) -> type[Widget]:
    """A choice that sends the words it holds, whatever the session holds."""

    def widget_state(self: Any) -> WidgetState:
        state = WidgetState()
        state.id = self.id
        if isinstance(self.held_words, list):  # a multiselect holds a list of words
            state.string_array_value.data[:] = self.held_words
        else:
            state.string_value = self.held_words
        return state

    return type(f"Held{kind.__name__}", (kind,), {"_widget_state": property(widget_state)})


class HeldWords:
    """The words a browser shows in the choices ``keys`` (of widgets ``kind``), kept from
    run to run."""

    def __init__(self, at: AppTest, keys: Iterable[str], kind: str = "selectbox") -> None:
        self.kind = kind
        self.words: dict[str, str | list[str]] = {}
        for key in keys:
            self.words[key] = shown(at, key, kind)

    def run(self, at: AppTest, picked: str | None = None) -> AppTest:
        """Run as a browser does: the choice the user ``picked`` (with ``set_value``
        beforehand) sends its new option, every other one the words it shows."""
        for key, words in self.words.items():
            if key == picked:
                self.words[key] = shown(at, key, self.kind)
            else:
                box = getattr(at, self.kind)(key=key)
                box.__class__ = _holding(type(box))
                box.held_words = words  # type: ignore[attr-defined]
        at.run()
        for box in getattr(at, self.kind):
            if box.key in self.words and box.proto.set_value:
                self.words[box.key] = _raw(box)
        return at


def shown(at: AppTest, key: str, kind: str = "selectbox") -> str | list[str]:
    """The words of the option the choice ``key`` holds, as the latest run formats it (a
    multiselect's: of each option it holds)."""
    box = getattr(at, kind)(key=key)
    if kind == "multiselect":
        return list(box.values)
    assert box.index is not None, key
    return str(box.options[box.index])


def _raw(box: Any) -> str | list[str]:
    """The words the server set the choice to."""
    return list(box.proto.raw_values) if hasattr(box.proto, "raw_values") else box.proto.raw_value
