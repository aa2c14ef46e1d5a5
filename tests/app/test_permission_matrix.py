"""Who sees what: every page the app registers × every kind of visitor, through AppTest.

A is « Terres Touloises », diagnosed, shared with Grand Est, with a workshop; B is « Grand
Nancy », diagnosed, not shared. The visitors: signed out (sign-in configured), signed in
with no role, member of A, member of B, adviser of Grand Est, adviser of another région,
administrator; then, without sign-in, the person at the machine and someone on the network.

Each cell says what the page does with its target:
``yes``  the page opens and shows the target;
``none`` the page opens and shows nothing of the target;
``no``   a plain refusal message, nothing of the target, nothing written.
Outside the access log (where reads of a territory are logged by design) no visit writes.
The same table, in words, is « Qui voit quoi » in docs/deploiement.md.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

import pytest
from matrix_support import (
    A_NAME,
    B_NAME,
    EMAILS,
    VISITORS,
    Seen,
    World,
    refusals,
    registered_pages,
    seeded,
    visit_page,
)

# page            address     target out    norole memA   memB   advA   advX   admin  local  remote
MATRIX = """
accueil           -           -      yes    yes    yes    yes    yes    yes    yes    yes    yes
methode           -           -      yes    yes    yes    yes    yes    yes    yes    yes    yes
diagnostic        ?d=A        linkA  yes    yes    yes    yes    yes    yes    yes    yes    yes
resultats         ?d=A        linkA  yes    yes    yes    yes    yes    yes    yes    yes    yes
atelier           ?code=A     A      yes    yes    yes    yes    yes    yes    yes    yes    yes
atelier_animation -           -      yes    yes    yes    yes    yes    yes    yes    yes    yes
atelier_animation ?code&key=A A      yes    yes    yes    yes    yes    yes    yes    yes    yes
portefeuille      -           A      no     no     no     no     yes    none   yes    yes    no
portefeuille      -           B      no     no     no     no     none   none   yes    yes    no
mes_diagnostics   -           A      no     none   yes    none   none   none   yes    yes    no
mes_diagnostics   -           B      no     none   none   yes    none   none   yes    yes    no
territoire        ?t=A        A      no     no     yes    no     yes    no     yes    yes    no
territoire        ?t=B        B      no     no     no     yes    no     no     yes    yes    no
annuaire          -           GE     no     no     no     no     yes    none   yes    yes    no
comptes           -           emails no     no     no     no     no     no     yes    no     no
invitation        -           -      yes    yes    yes    yes    yes    yes    yes    yes    yes
invitation        ?code=I     A      yes    none   none   none   none   none   none   none   none
"""
# What the pages offer to do: whether a button whose key starts so is there.
# page            address     button              out  norole memA memB advA advX admin local remote
ACTIONS = """
territoire        ?t=A        territory-open-      no   no     yes  no   no   no   no    yes   no
territoire        ?t=A        redo-start           no   no     yes  no   no   no   no    yes   no
territoire        ?t=A        space-revoke         no   no     yes  no   no   no   no    no    no
territoire        ?t=B        territory-open-      no   no     no   yes  no   no   no    yes   no
territoire        ?t=B        space-share          no   no     no   yes  no   no   no    no    no
mes_diagnostics   -           space-open-          no   no     yes  yes  no   no   no    yes   no
diagnostic        ?d=A        space-pin            no   yes    yes  yes  yes  yes  yes   yes   no
diagnostic        ?d=A        delete-diagnostic    yes  yes    yes  yes  yes  yes  yes   yes   yes
atelier_animation ?code&key=A animation-close      yes  yes    yes  yes  yes  yes  yes   yes   yes
annuaire          -           directory-save       no   no     no   no   yes  yes  yes   yes   no
comptes           -           admin-grant          no   no     no   no   no   no   yes   no    no
"""
COLUMNS = VISITORS  # out: signed out; memA, memB, advA, advX: as in EMAILS
OUTCOMES = {"yes": "shown", "none": "empty", "no": "refused"}
Row = tuple[str, str, str]  # page, address, target


@lru_cache(maxsize=1)
def matrix() -> dict[tuple[Row, str], str]:
    """The table above: (row, visitor) -> outcome."""
    cells: dict[tuple[Row, str], str] = {}
    for line in MATRIX.strip().splitlines():
        page, address, target, *outcomes = line.split()
        assert len(outcomes) == len(COLUMNS), line
        for visitor, outcome in zip(COLUMNS, outcomes, strict=True):
            cells[(page, address, target), visitor] = OUTCOMES[outcome]
    return cells


@lru_cache(maxsize=1)
def actions() -> dict[tuple[Row, str], bool]:
    """The second table: (row, visitor) -> whether the button is offered."""
    cells: dict[tuple[Row, str], bool] = {}
    for line in ACTIONS.strip().splitlines():
        page, address, button, *offered = line.split()
        assert len(offered) == len(COLUMNS) and set(offered) <= {"yes", "no"}, line
        for visitor, cell in zip(COLUMNS, offered, strict=True):
            cells[(page, address, button), visitor] = cell == "yes"
    return cells


def params(world: World, address: str) -> dict[str, str]:
    """The URL parameters a row's address stands for."""
    return {
        "-": {},
        "?d=A": {"d": world.token_a},
        "?code=A": {"code": world.code},
        "?code&key=A": {"code": world.code, "key": world.key},
        "?t=A": {"t": "200070563"},
        "?t=B": {"t": "245400676"},
        "?code=I": {"code": world.invitation},
    }[address]


def markers(world: World, target: str) -> tuple[str, ...]:
    """What on screen tells that the target is shown."""
    return {
        "-": (),
        "linkA": (world.token_a,),  # its resume link, shown once it is open
        "A": (A_NAME,),
        "B": (B_NAME,),
        "GE": ("Grand Est",),
        "emails": (EMAILS["member_a"], EMAILS["adviser_x"]),
    }[target]


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    """One seeded database for the whole module."""
    with seeded(tmp_path_factory.mktemp("matrix")) as found:
        yield found


_SEEN: dict[tuple[str, str, str], Seen] = {}


def seen(world: World, page: str, address: str, visitor: str) -> Seen:
    """One visit per page, address and visitor (the rows for A and B share it)."""
    key = (page, address, visitor)
    if key not in _SEEN:
        _SEEN[key] = visit_page(world, visitor, page, params(world, address))
    return _SEEN[key]


def test_every_registered_page_has_its_rows() -> None:
    pages = {page.name for page in registered_pages()}
    in_table = {row[0] for row, _ in matrix()}
    assert pages == in_table
    files = {path.stem for path in registered_pages()[0].path.parent.glob("*.py")}
    assert files == pages  # a page file not registered would be out of the app and the table


CELLS = sorted(matrix().items())


@pytest.mark.parametrize(
    ("row", "visitor", "outcome"),
    [(row, visitor, outcome) for (row, visitor), outcome in CELLS],
    ids=[f"{row[0]}{row[1]}:{row[2]}-{visitor}" for (row, visitor), _ in CELLS],
)
def test_who_sees_what(world: World, row: tuple[str, str, str], visitor: str, outcome: str) -> None:
    page, address, target = row
    shown = seen(world, page, address, visitor)
    assert not shown.exception
    assert set(shown.written) <= {"access_log"}, shown.written
    refused = [alert for alert in shown.alerts if alert in refusals()]
    found = [marker for marker in markers(world, target) if marker in shown.text]
    if outcome == "refused":
        assert refused, shown.alerts
        assert not found and not shown.written
    else:
        assert not refused, refused
        expected = list(markers(world, target)) if outcome == "shown" else []
        assert found == expected, shown.text


OFFERS = sorted(actions().items())


@pytest.mark.parametrize(
    ("row", "visitor", "offered"),
    [(row, visitor, offered) for (row, visitor), offered in OFFERS],
    ids=[f"{row[0]}{row[1]}:{row[2]}-{visitor}" for (row, visitor), _ in OFFERS],
)
def test_who_may_do_what(world: World, row: Row, visitor: str, offered: bool) -> None:
    page, address, button = row
    shown = seen(world, page, address, visitor)
    assert not shown.exception
    found = sorted(key for key in shown.buttons if key.startswith(button))
    assert bool(found) == offered, shown.buttons


@pytest.mark.parametrize(
    ("page", "address", "visitor"),
    [
        ("portefeuille", "-", "signed_out"),
        ("mes_diagnostics", "-", "remote"),
        ("territoire", "?t=A", "member_b"),
        ("territoire", "?t=A", "adviser_x"),
        ("annuaire", "-", "no_role"),
        ("comptes", "-", "adviser_a"),
    ],
)
def test_a_refusal_speaks_english_too(world: World, page: str, address: str, visitor: str) -> None:
    shown = visit_page(world, visitor, page, params(world, address), lang="en")
    assert not shown.exception and not shown.written
    assert [alert for alert in shown.alerts if alert in refusals("en")], shown.alerts
    assert A_NAME not in shown.text
