"""The shape of data/territoires.json.gz, checked before the search index is built.

Columns are checked whole (``map`` over each list) so that a good file loads fast; a
bad one is then read value by value to say where.
"""

from __future__ import annotations

from typing import Any

from ..errors import Problem, ReferentielError

FORMAT = 1
EPCI_KINDS = ("cc", "ca", "cu", "metropole")
Columns = list[list[Any]]


def checked_columns(data: Any, source: str) -> tuple[Columns, Columns, Columns]:
    """The communes', EPCI's and former names' columns; ReferentielError if the file is bad."""
    _check(data, source)
    communes = _columns(data["communes"], _SHAPE["communes"], source, "communes")
    epci = _columns(data["epci"], _SHAPE["epci"], source, "epci")
    former = _columns(data["former"], _SHAPE["former"], source, "former")
    if not set(epci[2]) <= set(EPCI_KINDS):
        raise _error(source, "type d’EPCI inconnu", "unknown EPCI kind", "epci")
    widths = (("communes", "code", communes[0], 5), ("communes", "siren", communes[2], 9))
    for table, field, column, width in (*widths, ("epci", "siren", epci[0], 9)):
        if column and set(map(len, column)) != {width}:
            raise _error(
                source,
                f"{width} caractères attendus",
                f"{width} characters expected",
                f"{table}.{field}",
            )
    return communes, epci, former


def _columns(
    table: Any, shape: dict[str, tuple[type, ...]], source: str, name: str
) -> list[list[Any]]:
    """A table's columns, in the order of ``shape``; ReferentielError if one does not fit."""
    if not isinstance(table, dict) or set(table) != set(shape):
        raise _error(source, f"colonnes attendues : {', '.join(shape)}", "wrong columns", name)
    columns = [table[column] for column in shape]
    if len({len(column) if isinstance(column, list) else -1 for column in columns}) != 1:
        raise _error(source, "colonnes de longueurs différentes", "uneven columns", name)
    for column, (field, kinds) in zip(columns, shape.items(), strict=True):
        if not set(map(type, column)) <= set(kinds):
            number = next(n for n, value in enumerate(column, 1) if type(value) not in kinds)
            raise ReferentielError(
                [Problem(source, number, f"{name}.{field}", "valeur mal formée", "bad value")]
            )
    return columns


def _error(file: str, fr: str, en: str, field: str | None = None) -> ReferentielError:
    return ReferentielError([Problem(file, None, field, fr, en)])


_SHAPE: dict[str, dict[str, tuple[type, ...]]] = {
    "communes": {
        "code": (str,),
        "name": (str,),
        "siren": (str,),
        "departement": (str,),
        "population": (int,),
        "postcodes": (str,),
    },
    "epci": {
        "siren": (str,),
        "name": (str,),
        "kind": (str,),
        "departement": (str,),
        "population": (int,),
        "members": (str,),
    },
    "former": {"name": (str,), "kind": (str,), "commune": (str,)},
}


def _check(data: Any, source: str) -> None:
    """ReferentielError unless ``data`` has the shape ``scripts/build_territories.py`` writes.

    Columns are checked whole (``map`` over ``zip``) so that a good file loads fast; a
    bad one is then read row by row to say where.
    """
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise _error(source, f"format inconnu (attendu : {FORMAT})", f"unknown format ({FORMAT})")
    problems: list[Problem] = []
    if not isinstance(data.get("millesime"), int):
        problems.append(Problem(source, None, "millesime", "absent", "missing"))
    if not isinstance(data.get("source"), dict) or not all(
        isinstance(data["source"].get(key), str)
        for key in ("package", "url", "producers", "licence")
    ):
        problems.append(Problem(source, None, "source", "incomplet", "incomplete"))
    if not isinstance(data.get("regions"), dict):
        problems.append(Problem(source, None, "regions", "absent", "missing"))
    departements = data.get("departements")
    if not isinstance(departements, dict) or not all(
        _fits(value, (str, str)) for value in departements.values()
    ):
        problems.append(Problem(source, None, "departements", "mal formé", "malformed"))
    for table in _SHAPE:
        if not isinstance(data.get(table), dict):
            problems.append(Problem(source, None, table, "absent", "missing"))
    if problems:
        raise ReferentielError(problems)


def _fits(row: Any, shape: tuple[type, ...]) -> bool:
    if not isinstance(row, list) or len(row) != len(shape):
        return False
    return all(type(value) is kind for value, kind in zip(row, shape, strict=True))
