"""The words of a page read in two minutes: acronyms written out once, whom to call first."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..model import Provider, Referentiel
from ..referentiel.page_terms import call_rank

CALLED_FIRST = 3  # bodies named per lever on the summary page; the full list comes later


def call_first(
    referentiel: Referentiel, providers: Sequence[Provider], limit: int = CALLED_FIRST
) -> tuple[Provider, ...]:
    """The first ``limit`` providers in the order a territory calls them, by their kind.

    Within a kind, the lever's own order (``levers.csv``) is kept.
    """
    kinds = referentiel.provider_kinds
    return tuple(sorted(providers, key=lambda p: call_rank(kinds, p.id))[:limit])


def lower_initial(text: str, lang: str) -> str:
    """French text after a colon: « Mener… » -> « mener… »; acronyms and names stay.

    Only a first word in plain capitalised form in a text without another capital is
    lowered (« France Travail », « SCIC à étudier » stay as they are). English is kept.
    """
    if lang != "fr" or not text[:1].isupper():
        return text
    first, _, rest = text.partition(" ")
    if first[1:] and not first[1:].islower():
        return text
    if any(word[:1].isupper() and not word.isupper() for word in re.findall(r"\w+", rest)):
        return text
    return text[:1].lower() + text[1:]


class PageWords:
    """Writes each acronym out at its first use on one page: « société … (SCIC) »."""

    def __init__(self, referentiel: Referentiel, lang: str) -> None:
        self._expansions = {
            acronym.short: acronym.expansion.get(lang)
            for acronym in referentiel.acronyms
            if acronym.expansion.get(lang)
        }
        self._seen: set[str] = set()
        names = sorted(self._expansions, key=len, reverse=True)  # « ESS France » before « ESS »
        self._pattern = (
            re.compile(rf"(?<!\w)({'|'.join(re.escape(n) for n in names)})(s?)(?!\w)")
            if names
            else None
        )

    def expand(self, text: str) -> str:
        """``text`` with the acronyms not met yet on the page written out."""
        if self._pattern is None:
            return text
        return self._pattern.sub(self._first_use, text)

    def _first_use(self, match: re.Match[str]) -> str:
        short, plural = match.group(1), match.group(2)  # « ESATs » in English
        seen, self._seen = short in self._seen, self._seen | {short}
        before = match.string[: match.start()].casefold()
        if seen or before.endswith(f"{self._expansions[short].casefold()} ("):
            return match.group(0)  # met before, or already written out by the text itself
        return f"{self._expansions[short]} ({short}{plural})"
