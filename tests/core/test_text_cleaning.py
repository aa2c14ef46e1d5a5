"""clean_text's quick path for common text agrees with its character-by-character path."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from diagnostic.territory.profile import PLAIN_RUN, clean_text, drop_invisible

# Every range of PLAIN_RUN lies below U+2150.
BELOW = 0x2150


def test_every_character_of_the_quick_path_is_kept_by_the_slow_one() -> None:
    quick = [chr(code) for code in range(BELOW) if PLAIN_RUN.fullmatch(chr(code))]
    assert len(quick) > 1_000  # Latin, Greek, Cyrillic, punctuation, currency…
    for char in quick:
        assert drop_invisible(char) == char, hex(ord(char))


def test_the_quick_path_stops_at_invisible_characters() -> None:
    for char in "\u00ad\u200b\u200e\u202e\u2066\u2060\ufeff\x00\x1b\x7f\x85":
        assert not PLAIN_RUN.fullmatch(f"Élus {char} agents")
    assert clean_text("Élus\u202e et\u200b agents\x00") == "Élus et agents"
    assert clean_text("« Zéro » : 12\u202f€\u00a0HT — ok") == "« Zéro » : 12\u202f€\u00a0HT — ok"


@given(st.text(max_size=60))
def test_both_paths_give_the_same_text(text: str) -> None:
    assert clean_text(text) == drop_invisible(clean_text(text))
    unified = text.replace("\r\n", "\n")
    for end in "\r\u2028\u2029\x85":
        unified = unified.replace(end, "\n")
    assert clean_text(text) == drop_invisible(unified)
