"""User text shown as typed: markdown, HTML, links, icons and formulas stay inert."""

from __future__ import annotations

import re
import string

_PUNCTUATION = re.compile("([" + re.escape(string.punctuation) + "])")
_SPACES = re.compile(r"[^\S\n]+")
# Where GitHub-flavoured markdown would turn bare text into a link: ``://``, ``www.``, ``a@b``.
_AUTOLINK = re.compile(r"(?<=:)(?=//)|(?<=www)(?=\.)|(?<=@)", re.IGNORECASE)
WORD_JOINER = "\u2060"
HARD_BREAK = "  \n"


def escape_markdown(text: str) -> str:
    """``text`` for a markdown slot, shown exactly as typed.

    CommonMark allows a backslash before any ASCII punctuation and then shows the mark
    itself; escaping them all also defuses Streamlit's ``:icon:`` and ``:color[…]``
    directives and ``$…$`` formulas. Bare addresses would still become links (that
    happens after escapes are read), so an invisible word joiner goes inside ``://``,
    ``www.`` and after ``@``. Runs of spaces become one space (no line can turn into a
    code block) and each line break is kept as a hard break.
    """
    lines = (_SPACES.sub(" ", line).strip() for line in text.splitlines())
    return HARD_BREAK.join(_escape_line(line) for line in lines if line)


def _escape_line(line: str) -> str:
    return _PUNCTUATION.sub(r"\\\1", _AUTOLINK.sub(WORD_JOINER, line))
