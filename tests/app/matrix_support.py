"""The permission matrix's world: one seeded database, the visitors, the pages the app
registers, and one visit of a page by a visitor read back as what it showed and wrote."""

from __future__ import annotations

import importlib
import pkgutil
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from app_support import ROOT, TEXT_ELEMENTS, new_app, shipped_referentiel
from space_support import AUTH, NANCY, TOUL, answered
from streamlit.testing.v1 import AppTest

from diagnostic import ui
from diagnostic.accounts import CommandLine, Identity, admin, adviser, member
from diagnostic.i18n import catalogue, t
from diagnostic.storage import Repository, close_repositories, open_repository, throttle
from diagnostic.storage.throttle import Throttle
from diagnostic.ui import frame, local_access
from diagnostic.ui.resources import repository_at, repository_for

sys.path.insert(0, str(ROOT / "tests" / "storage"))
from storage_support import row_counts

GRAND_EST = "44"  # the région of both territories (Meurthe-et-Moselle)
AURA = "84"  # Auvergne-Rhône-Alpes: another région
A_NAME = "Terres Touloises"  # in A's own name and in its official one
B_NAME = "Grand Nancy"
EMAILS = {
    "no_role": "sans.role@example.fr",
    "member_a": "claire.martin@example.fr",
    "member_b": "benoit@grand-nancy.example.fr",
    "adviser_a": "lea@cress-grandest.example.org",
    "adviser_x": "paul@cress-aura.example.org",
    "admin": "admin@cress-exemple.org",
}
INVITEE = "nouvelle.collegue@example.fr"  # invited into A, none of the visitors
SIGNED_OUT = "signed_out"
LOCAL, REMOTE = "local", "remote"  # without sign-in: at the machine, through the network
VISITORS = (SIGNED_OUT, *EMAILS, LOCAL, REMOTE)
REFUSAL_KEYS = (
    "space.access.not_local",
    "space.access.not_signed_in",
    "portfolio.not_local",
    "portfolio.sign_in",
    "portfolio.no_role",
    "directory.sign_in",
    "directory.not_local",
    "directory.not_allowed",
    "admin.no_signin",
    "admin.sign_in",
    "app.resume.bad_link",
)


@dataclass(frozen=True)
class World:
    """What the seeded database holds: A's and B's diagnostics, A's workshop and its key."""

    url: str
    repository: Repository
    token_a: str
    token_b: str
    code: str
    key: str
    invitation: str  # a link's code inviting someone outside the visitors into A


@dataclass(frozen=True)
class Seen:
    """One visit: the page's text (widget values and tables too), its alerts, and the rows
    it added per table."""

    text: str
    alerts: tuple[str, ...]
    exception: bool
    written: Mapping[str, int] = field(default_factory=dict)
    buttons: frozenset[str] = frozenset()  # the keys of the buttons offered


@dataclass(frozen=True)
class Registered:
    """A page as ``frame.pages`` registers it."""

    path: Path
    url_path: str

    @property
    def name(self) -> str:
        return self.path.stem


@lru_cache(maxsize=1)
def registered_pages() -> tuple[Registered, ...]:
    """The pages the app registers, read from ``frame.pages`` itself."""
    found: list[Registered] = []

    def page(
        path: Path,
        title: str = "",
        default: bool = False,
        url_path: str = "",
        visibility: str = "visible",
    ) -> None:
        found.append(Registered(Path(path), "" if default else url_path))

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(frame.st, "Page", page)
        frame.pages("fr")
    return tuple(found)


def seed(repository: Repository, url: str) -> World:
    """A (Terres Touloises) diagnosed, shared with Grand Est, with a workshop; B (Grand Nancy)
    diagnosed, not shared; one account per role, each signed in once before."""
    questions = list(shipped_referentiel().questions[:3])
    token_a = answered(repository, TOUL, questions)
    token_b = answered(repository, NANCY, questions)
    workshop, key = repository.create_workshop(TOUL)
    for email in EMAILS.values():
        repository.sign_in(Identity(email))
    by_cli = CommandLine()
    repository.grant_role(by_cli, EMAILS["member_a"], member(str(TOUL.siren)))
    repository.grant_role(by_cli, EMAILS["member_b"], member(str(NANCY.siren)))
    repository.grant_role(by_cli, EMAILS["adviser_a"], adviser(GRAND_EST))
    repository.grant_role(by_cli, EMAILS["adviser_x"], adviser(AURA))
    repository.grant_role(by_cli, EMAILS["admin"], admin())
    repository.share_with_region(Identity(EMAILS["member_a"]), str(TOUL.siren))
    invitation = repository.invite(Identity(EMAILS["member_a"]), str(TOUL.siren), INVITEE)
    return World(url, repository, token_a, token_b, workshop.code, key, invitation)


@contextmanager
def seeded(directory: Path) -> Iterator[World]:
    """A seeded database in ``directory``, handed to the app as its settings say."""
    url = f"sqlite:///{directory}/app.sqlite3"
    with pytest.MonkeyPatch.context() as patch:
        for name in ("DIAGNOSTIC_PUBLIC_URL", "DIAGNOSTIC_LANG", "DIAGNOSTIC_REFERENTIEL_DIR"):
            patch.delenv(name, raising=False)
        patch.setenv("DIAGNOSTIC_DATABASE_URL", url)
        patch.setattr(throttle, "CODES", Throttle())  # the wrong keys tried here only
        yield seed(open_repository(url), url)
    repository_for.cache_clear()
    repository_at.cache_clear()
    close_repositories()


@lru_cache(maxsize=1)
def asking_where() -> tuple[ModuleType, ...]:
    """Every module of the app that asks whether a request is local (all imported once)."""
    for found in pkgutil.walk_packages(ui.__path__, "diagnostic.ui."):
        importlib.import_module(found.name)
    original = local_access.is_local_request
    return tuple(
        module
        for name, module in sorted(sys.modules.items())
        if name.startswith("diagnostic.ui.")
        and getattr(module, "is_local_request", None) is original
    )


def requests_local(patch: pytest.MonkeyPatch, local: bool) -> None:
    """Every page's view of where the request comes from (AppTest gives no address)."""
    for module in asking_where():
        patch.setattr(module, "is_local_request", lambda: local)


def session(visitor: str, lang: str = "fr") -> AppTest:
    """A fresh browser session of ``visitor``: signed in (or not) with sign-in configured, or
    without sign-in at the machine or through the network."""
    at = new_app(lang=lang)
    if visitor in (LOCAL, REMOTE):
        return at
    at.secrets["auth"] = AUTH
    if visitor == SIGNED_OUT:
        at.user = {"is_logged_in": False}
    else:
        at.user = {"is_logged_in": True, "email": EMAILS[visitor]}
    return at


def page_path(name: str) -> str:
    """A registered page's path as AppTest switches to it."""
    [found] = [p for p in registered_pages() if p.name == name]
    return str(found.path.relative_to(ROOT))


def visit_page(
    world: World, visitor: str, page: str, params: Mapping[str, str], lang: str = "fr"
) -> Seen:
    """``visitor`` opens ``page`` with ``params`` in a fresh session: what it showed and wrote."""
    path = page_path(page)
    before = row_counts(world.url)
    with pytest.MonkeyPatch.context() as patch:
        requests_local(patch, visitor != REMOTE)
        at = session(visitor, lang).run()
        for name, value in params.items():
            at.query_params[name] = value
        at.switch_page(path).run()
    after = row_counts(world.url)
    written = {name: after[name] - before[name] for name in after if after[name] != before[name]}
    buttons = frozenset(str(button.key) for button in at.button)
    return Seen(on_screen(at), alerts(at), bool(at.exception), written, buttons)


def on_screen(at: AppTest) -> str:
    """Everything a visitor reads: texts, alerts, codes, tables, and the values of the fields."""
    parts: list[str] = []
    for kind in (*TEXT_ELEMENTS, "code"):
        parts.extend(str(element.value) for element in getattr(at, kind))
    parts.extend(frame.value.to_string() for frame in at.dataframe)
    for kind in ("text_input", "text_area", "selectbox"):
        parts.extend(str(_value(element)) for element in getattr(at, kind))
    for box in at.selectbox:
        parts.extend(str(option) for option in box.options)
    return "\n".join(parts)


def _value(element: Any) -> object:
    try:
        return element.value
    except (AttributeError, IndexError, KeyError, ValueError):
        return ""


def alerts(at: AppTest) -> tuple[str, ...]:
    return tuple(str(a.value) for kind in ("info", "warning", "error") for a in getattr(at, kind))


def refusals(lang: str = "fr") -> frozenset[str]:
    """Every message a page refuses with: the pages' own, and the accounts' checks'."""
    keys = [*REFUSAL_KEYS, *(k for k in catalogue() if k.startswith("accounts.refused."))]
    return frozenset(t(key, lang) for key in keys)
