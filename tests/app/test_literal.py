"""User text is shown as typed: markdown, HTML, icons, formulas and links stay inert."""

from __future__ import annotations

import re
import string

import pytest
from app_support import fill_profile, go, new_app, screen, start
from hypothesis import given
from hypothesis import strategies as st

from diagnostic.model import Referentiel
from diagnostic.storage import Repository
from diagnostic.ui.literal import HARD_BREAK, WORD_JOINER, escape_markdown

NAME = "**gras** <b>x</b>"
TRICKY = [
    NAME,
    "# Titre",
    "1. liste",
    "- puce",
    "> citation",
    "`code` et ```bloc```",
    "[lien](http://example.com) http://example.com www.example.com a@b.fr",
    ":material/home: :red[rouge] :smile:",
    "$x^2$ et $$y$$",
    "<script>alert(1)</script> &amp; &lt;",
    "a\\*b \\\\ c",
    "     quatre espaces",
    "=====",
]


def unescape(markdown: str) -> str:
    """What a CommonMark renderer shows for text that has only backslash escapes."""
    text = re.sub(r"\\([" + re.escape(string.punctuation) + "])", r"\1", markdown)
    return text.replace(WORD_JOINER, "").replace(HARD_BREAK, "\n")


@pytest.mark.parametrize("text", TRICKY)
def test_every_markdown_sign_is_escaped_and_shows_as_typed(text: str) -> None:
    shown = escape_markdown(text)
    assert unescape(shown) == " ".join(text.split())
    assert re.search(r"(?<!\\)[*_`#<>\[\]()$:|~!-]", shown.replace("\\\\", "")) is None
    assert not shown.startswith(" ")


@given(st.text(alphabet=string.printable + "«»’éàç\u00a0", max_size=80))
def test_any_text_comes_back_unchanged_but_for_spacing(text: str) -> None:
    expected = "\n".join(" ".join(line.split()) for line in text.splitlines())
    expected = "\n".join(line for line in expected.split("\n") if line)
    assert unescape(escape_markdown(text)) == expected


def test_links_and_addresses_are_not_linked() -> None:
    shown = escape_markdown("http://example.com www.example.com a@b.fr")
    assert "://" not in shown.replace("\\", "")
    assert "www." not in shown.replace("\\", "")
    assert "@b" not in shown.replace("\\", "")


def test_the_territory_name_is_shown_literally_on_the_results(
    database_url: str, repository: Repository, referentiel: Referentiel
) -> None:
    at = new_app()
    token = start(at)
    fill_profile(at, NAME)
    assert repository.get_diagnostic(token).profile.name == NAME  # type: ignore[union-attr]
    at.button(key="nav-next").click().run()
    at.radio(key=f"answer-{referentiel.questions[0].id}").set_value(3).run()
    go(at, "resultats")
    line = next(m.value for m in at.markdown if "Communauté de communes" in m.value)
    assert line.startswith("**\\*\\*gras\\*\\* \\<b\\>x\\<\\/b\\>** · ")
    assert unescape(line.split("** · ")[0].removeprefix("**")) == NAME
    assert NAME not in screen(at).replace(line, "")


def test_a_comment_is_kept_verbatim(
    database_url: str, repository: Repository, referentiel: Referentiel
) -> None:
    comment = "<b>gras</b>\n**important** :red[x]"
    at = new_app()
    token = start(at)
    fill_profile(at)
    at.button(key="nav-next").click().run()
    first = referentiel.questions[0].id
    at.text_area(key=f"comment-{first}").input(comment).run()
    assert repository.load_sheet(token).comments[first] == comment
    assert at.text_area(key=f"comment-{first}").value == comment
    assert comment not in screen(at)
