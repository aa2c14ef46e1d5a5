"""The workshop pages render in French and English; their strings, links and QR code."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import pytest
import segno
import yaml
from app_support import ROOT, go, new_app, visit
from atelier_support import (
    dashboard,
    everything,
    fill_group,
    modules_of_png,
    new_workshop,
    participant,
    png_in_html,
)
from streamlit import config

from diagnostic.i18n import catalogue, t
from diagnostic.model import Referentiel
from diagnostic.storage import Repository
from diagnostic.ui.workshop.qr import QR_ERROR, qr_code, qr_png
from diagnostic.ui.workshop.session import (
    participant_refresh_seconds,
    pasted_participant_link,
    refresh_seconds,
    status_seconds,
    token_in,
)

LANGS = ["fr", "en"]
STRINGS = ROOT / "diagnostic" / "locales" / "workshop_ui.yaml"
SOURCES = sorted((ROOT / "diagnostic" / "ui").rglob("*.py"))
USED = re.compile(r"""\bt\(\s*[f]?["']((?:atelier|workshop)\.[\w.-]+)["']""")
PLURAL = re.compile(r"""\btn\(\s*["']((?:atelier|workshop)\.[\w.-]+)["']""")


@pytest.mark.parametrize("lang", LANGS)
def test_the_join_and_creation_pages_render(lang: str, database_url: str) -> None:
    at = visit("atelier", lang=lang)
    assert not at.exception
    assert at.title[0].value == t("atelier.join.title", lang)
    assert at.text_input(key="atelier-code").label == t("atelier.join.code", lang)
    assert at.radio(key="atelier-role").options == [t(f"role.{r}", lang) for r in ROLE_IDS]
    go(at, "animation")
    assert not at.exception
    assert at.title[0].value == t("atelier.create.title", lang)
    assert at.button(key="animation-create").label == t("atelier.create.button", lang)


ROLE_IDS = ("elu", "agent", "acteur_ess", "partenaire", "habitant", "autre")


@pytest.mark.parametrize("lang", LANGS)
def test_the_dashboard_and_a_participant_page_render_with_a_whole_group(
    lang: str, database_url: str, repository: Repository, referentiel: Referentiel
) -> None:
    workshop, key = new_workshop(repository)
    tokens = fill_group(repository, referentiel, workshop.code)
    repository.set_results_visible(workshop.code, key, True)
    at = dashboard(workshop.code, key, lang)
    assert not at.exception
    assert at.title[0].value == t("atelier.dash.title", lang)
    assert [tab.label for tab in at.tabs] == [
        t(f"atelier.tab.{name}", lang)
        for name in ("participants", "group", "discuss", "roles", "discussion")
    ]
    assert t("atelier.dash.joined.many", lang, count=7) in [h.value for h in at.header]
    assert t("app.results.first_title", lang) in [s.value for s in at.header]
    page = participant(tokens[0], lang)
    assert not page.exception
    assert page.title[0].value == t("atelier.me.title", lang)
    assert t("app.results.first_title", lang) in [s.value for s in page.header]


def test_the_navigation_names_both_workshop_pages(database_url: str) -> None:
    at = new_app().run()
    at.radio(key="lang").set_value("en").run()
    go(at, "atelier")
    assert at.title[0].value == "Join a workshop"
    assert not at.exception


def test_every_workshop_key_the_code_names_exists_in_both_languages() -> None:
    strings = catalogue()
    used: set[str] = set()
    for path in SOURCES:
        text = path.read_text(encoding="utf-8")
        used |= set(USED.findall(text))
        used |= {f"{key}.{form}" for key in PLURAL.findall(text) for form in ("one", "many")}
    assert len(used) > 60  # the patterns still match
    for key in used:
        assert key in strings, key
        assert strings[key]["fr"].strip() and strings[key]["en"].strip(), key


def test_the_workshop_strings_are_typeset_the_french_way() -> None:
    raw = yaml.safe_load(STRINGS.read_text(encoding="utf-8"))
    strings = catalogue()
    assert all(key.startswith("atelier.") for key in raw)
    for key in raw:
        french = strings[key]["fr"]
        assert "'" not in french, key
        assert not re.search(r" [:;?!»]", french), key
        assert "« " not in french, key


def test_the_qr_code_encodes_the_join_link(
    database_url: str, repository: Repository, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DIAGNOSTIC_PUBLIC_URL", "http://192.168.1.20:8501/")
    workshop, key = new_workshop(repository)
    at = dashboard(workshop.code, key)
    link = f"http://192.168.1.20:8501/atelier?code={workshop.code}"
    assert link in [code.value for code in at.code]
    assert "192.168.1.20:8501/atelier" in everything(at)
    assert t("atelier.dash.local", "fr", host="x").split("(")[0] not in everything(at)
    pictures = [block.value for block in at.get("html") if "workshop-qr" in block.value]
    assert len(pictures) == 1
    drawn = modules_of_png(png_in_html(pictures[0]))
    expected = segno.make_qr(link, error=QR_ERROR, boost_error=False)
    assert drawn == [[bool(cell) for cell in row] for row in expected.matrix]
    assert modules_of_png(qr_png(link)) != modules_of_png(qr_png(link + "X"))
    assert qr_code(link).designator.endswith("M")


@pytest.fixture
def listening_on() -> Iterator[Callable[[str | None], None]]:
    """Set the address the (test) server listens on, as ``--address`` would."""
    before = config.get_option("server.address")
    yield lambda address: config.set_option("server.address", address)
    config.set_option("server.address", before)


def test_a_join_link_to_this_computer_only_gets_a_warning(
    database_url: str, repository: Repository, listening_on: Callable[[str | None], None]
) -> None:
    listening_on("0.0.0.0")
    workshop, key = new_workshop(repository)
    at = dashboard(workshop.code, key)
    assert f"http://localhost:8501/atelier?code={workshop.code}" in [c.value for c in at.code]
    assert len(at.warning) == 1
    assert "localhost\\:8501" in at.warning[0].value


@pytest.mark.parametrize("public_url", [None, "http://192.168.1.20:8501"])
@pytest.mark.parametrize("lang", LANGS)
def test_a_server_on_this_computer_only_says_how_to_let_phones_in(
    database_url: str,
    repository: Repository,
    listening_on: Callable[[str | None], None],
    monkeypatch: pytest.MonkeyPatch,
    public_url: str | None,
    lang: str,
) -> None:
    listening_on("127.0.0.1")
    if public_url:
        monkeypatch.setenv("DIAGNOSTIC_PUBLIC_URL", public_url)
    workshop, key = new_workshop(repository)
    at = dashboard(workshop.code, key, lang=lang)
    assert [w.value for w in at.warning] == [t("atelier.dash.loopback", lang, port=8501)]
    assert "--address 0.0.0.0 --public-url http://ADRESSE:8501" in at.warning[0].value


@pytest.mark.parametrize(
    ("address", "public_url"),
    [("0.0.0.0", "http://192.168.1.20:8501"), ("127.0.0.1", "https://diagnostic.exemple.fr")],
    ids=["open-to-the-network", "behind-a-proxy"],
)
def test_a_reachable_server_gets_no_warning(
    database_url: str,
    repository: Repository,
    listening_on: Callable[[str | None], None],
    monkeypatch: pytest.MonkeyPatch,
    address: str,
    public_url: str,
) -> None:
    listening_on(address)
    monkeypatch.setenv("DIAGNOSTIC_PUBLIC_URL", public_url)
    workshop, key = new_workshop(repository)
    at = dashboard(workshop.code, key)
    assert not at.warning


def test_the_private_link_carries_the_admin_key(
    database_url: str, repository: Repository, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DIAGNOSTIC_PUBLIC_URL", "https://diagnostic.example.org")
    workshop, key = new_workshop(repository)
    at = dashboard(workshop.code.lower(), key)
    private = f"https://diagnostic.example.org/animation?code={workshop.code}&key={key}"
    assert private in [code.value for code in at.sidebar.code]
    assert at.query_params["code"] == workshop.code
    assert "key" not in at.query_params  # out of a projected address bar, kept in the sidebar
    assert len(key) * 6 >= 128  # URL-safe base64: six bits a character


def test_pasted_links_give_their_token() -> None:
    token = "A" * 32
    assert token_in(f"  http://192.168.1.20:8501/diagnostic?d={token}&step=3 ") == token
    assert token_in(token) == token
    assert token_in(f"…/atelier?p={token}") == token
    assert pasted_participant_link(f"http://x/atelier?p={token}")
    assert not pasted_participant_link(f"http://x/diagnostic?d={token}")


@pytest.mark.parametrize(
    ("value", "expected"), [("", 3.0), ("0.8", 0.8), ("0", 0.5), ("abc", 3.0), ("900", 60.0)]
)
def test_the_refresh_interval_comes_from_the_environment(
    value: str, expected: float, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DIAGNOSTIC_WORKSHOP_REFRESH", value)
    assert refresh_seconds() == expected
    assert participant_refresh_seconds() == 3 * expected
    # Whatever the setting, a phone looks for the adviser's actions every 2 s at most
    # (in a room of up to 40: see below).
    assert status_seconds() == min(expected, 2.0)


@pytest.mark.parametrize(
    ("participants", "seconds"),
    [(0, 2.0), (10, 2.0), (40, 2.0), (60, 3.0), (100, 5.0), (120, 6.0), (400, 6.0)],
)
def test_a_big_room_looks_at_the_status_less_often(
    participants: int, seconds: float, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The room's phones look about 20 times a second in all, each at least every 6 s.
    monkeypatch.delenv("DIAGNOSTIC_WORKSHOP_REFRESH", raising=False)
    assert status_seconds(participants) == seconds


@pytest.mark.parametrize(
    ("participants", "seconds"),
    [(0, 1.0), (10, 1.0), (40, 1.0), (80, 2.0), (150, 3.75), (400, 6.0)],
)
def test_a_paced_room_looks_more_often_for_the_next_opening(
    participants: int, seconds: float, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The room waits on the adviser: its phones look about 40 times a second in all, each
    # every second up to 40 participants and at least every 6 s; a dashboard refreshed
    # more often than every second (DIAGNOSTIC_WORKSHOP_REFRESH) lets small rooms look as often.
    monkeypatch.delenv("DIAGNOSTIC_WORKSHOP_REFRESH", raising=False)
    assert status_seconds(participants, paced=True) == seconds
    monkeypatch.setenv("DIAGNOSTIC_WORKSHOP_REFRESH", "0.5")
    assert status_seconds(participants, paced=True) == max(min(participants / 40, 6.0), 0.5)
