"""Small wording helpers on top of diagnostic.i18n: plurals, numbers, territory labels."""

from __future__ import annotations

from ..i18n import t
from ..model import TerritoryProfile
from ..typography import format_date, format_number, format_score
from .literal import escape_markdown


def tn(key: str, count: int, lang: str, /, **params: object) -> str:
    """``key.one`` or ``key.many`` by ``count`` (French is singular for 0 and 1)."""
    one = count <= 1 if lang != "en" else count == 1
    return t(f"{key}.{'one' if one else 'many'}", lang, count=count, **params)


def join_words(items: list[str], lang: str) -> str:
    """« A, B et C » / "A, B and C"."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + t("app.and", lang) + items[-1]


def score_text(value: float | None, lang: str) -> str:
    """A 0-100 score as a whole number, or a dash when there is none."""
    return format_score(value, lang)


def territory_line(profile: TerritoryProfile, lang: str) -> str:
    """Name (escaped), type and optional details of a territory, for a markdown slot."""
    parts = [f"**{escape_markdown(profile.name)}**", t(f"territory.{profile.type}", lang)]
    if profile.departement:
        parts.append(t("app.profile.departement_short", lang, code=profile.departement))
    if profile.population is not None:
        parts.append(
            t("app.profile.population_short", lang, count=format_number(profile.population, lang))
        )
    if profile.date is not None:
        parts.append(format_date(profile.date, lang))
    return " · ".join(parts)
