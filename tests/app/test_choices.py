"""A choice worded in the page's language keeps its value across a switch, both ways."""

from __future__ import annotations

import pytest
from held_support import HeldWords
from streamlit.testing.v1 import AppTest


def page() -> None:
    """A language, a choice worded in it, and the value the page gets."""
    import streamlit as st

    from diagnostic.ui.choices import translated_choice

    lang = st.radio("Langue", ["fr", "en"], key="lang")
    words = {"fr": {"a": "un", "b": "deux"}, "en": {"a": "one", "b": "two"}}[lang]
    widget = st.radio if st.session_state.get("kind") == "radio" else st.selectbox
    options = ["a", "b"]
    if st.session_state.get("plain"):
        chosen = widget("Choix", options, format_func=words.__getitem__, key="choice")
    else:
        chosen = translated_choice(widget, "Choix", options, words.__getitem__, "choice", lang)
    st.button("Encore", key="again")
    st.markdown(f"chosen={chosen}")


def opened(kind: str, plain: bool = False) -> tuple[AppTest, HeldWords]:
    at = AppTest.from_function(page)
    at.session_state["kind"] = kind
    at.session_state["plain"] = plain
    at.run()
    getattr(at, kind)(key="choice").set_value("b")
    held = HeldWords(at, ["choice"], kind)
    held.run(at, picked="choice")
    return at, held


@pytest.mark.parametrize("kind", ["selectbox", "radio"])
def test_a_translated_choice_keeps_its_value_and_rewords_it_both_ways(kind: str) -> None:
    at, held = opened(kind)
    for lang, word in (("en", "two"), ("fr", "deux")):
        at.radio(key="lang").set_value(lang)
        held.run(at)
        assert held.words["choice"] == word
        at.button(key="again").click()
        held.run(at)
        assert at.markdown[-1].value == "chosen=b"
        assert held.words["choice"] == word


def test_without_it_the_value_is_lost_after_a_switch() -> None:
    """Why the helper exists: the words the browser still shows match no option, and the
    choice falls back to the first one (code reading the session first gets the words)."""
    at, held = opened("selectbox", plain=True)
    at.radio(key="lang").set_value("en")
    held.run(at)
    assert held.words["choice"] == "deux"
    at.button(key="again").click()
    held.run(at)
    assert at.markdown[-1].value == "chosen=a"
