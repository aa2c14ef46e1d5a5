"""The portfolio's rows and table, built once per state of the data and reused by every run."""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from ...portfolio.readings import ReadingMemo
from ...portfolio.table import PortfolioRow, build_rows
from ...territory.official import official_territories
from ..state import Context
from .table import table_frame

KEPT = 8  # states of the data (and languages) remembered
FRESH_SECONDS = 1.0  # how long a read of the data's stamp is trusted


@dataclass(frozen=True, eq=False)
class Portfolio:
    """The visible territories' rows, and what identifies the data they were built from."""

    key: tuple[object, ...]
    rows: list[PortfolioRow]
    today: dt.date


class _Kept:
    """The last few results of a costly build, by key, shared by every session."""

    def __init__(self) -> None:
        self._items: OrderedDict[tuple[object, ...], Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple[object, ...], build: Callable[[], Any]) -> Any:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        value = build()
        with self._lock:
            self._items[key] = value
            while len(self._items) > KEPT:
                self._items.popitem(last=False)
        return value


_ROWS = _Kept()
_FRAMES = _Kept()
_SHOWN = _Kept()  # the last few cuts: a filter or an order undone costs nothing
_READINGS = ReadingMemo()  # a change to one diagnostic re-scores that one only
_STAMPS: dict[str, tuple[float, tuple[object, ...]]] = {}


def data_stamp(ctx: Context) -> tuple[object, ...]:
    """The data's stamp, read again once it is a second old: a page's reruns (each click)
    then cost no query, and a change made elsewhere shows within a second."""
    url = ctx.settings.database_url
    now = time.monotonic()
    known = _STAMPS.get(url)
    if known is not None and now - known[0] < FRESH_SECONDS:
        return known[1]
    stamp = ctx.repository.portfolio_stamp()
    _STAMPS[url] = (now, stamp)
    return stamp


def load_portfolio(
    ctx: Context, visible: frozenset[str] | None, figures: Mapping[str, bool], today: dt.date
) -> Portfolio:
    """Every visible territory's row; rebuilt only when a diagnostic, workshop or plan changed."""
    stamp = data_stamp(ctx)
    flags = tuple(sorted(key for key, loaded in figures.items() if loaded))
    key = (ctx.settings.database_url, ctx.referentiel.version, stamp, visible, flags, today)

    def build() -> list[PortfolioRow]:
        data = ctx.repository.load_portfolio(ctx.referentiel, official_territories(), visible)
        return build_rows(ctx.referentiel, data, visible, figures, today, _READINGS)

    return Portfolio(key, _ROWS.get(key, build), today)


def shown_frame(
    ctx: Context, portfolio: Portfolio, shown: Sequence[PortfolioRow], lang: str
) -> pd.DataFrame:
    """The table of the rows shown, in their order, cut from the whole table built once."""
    keys = tuple(row.key for row in shown)

    def cut() -> pd.DataFrame:
        frame: pd.DataFrame = _FRAMES.get(
            (*portfolio.key, lang),
            lambda: table_frame(ctx.referentiel, portfolio.rows, portfolio.today, lang),
        )
        position = {row.key: index for index, row in enumerate(portfolio.rows)}
        return frame.iloc[[position[key] for key in keys]]

    frame: pd.DataFrame = _SHOWN.get((*portfolio.key, lang, keys), cut)
    return frame
