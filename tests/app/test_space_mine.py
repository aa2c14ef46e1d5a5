"""« Mes diagnostics et ateliers »: what the installation holds, for the person at the
machine only (or whoever is signed in, when sign-in is configured); pinning."""

from __future__ import annotations

import datetime as dt

import pytest
from app_support import go, new_app, screen, start, visit
from space_support import (
    AUTH,
    NANCY,
    SIGNED_IN,
    TOUL,
    answered,
    at_the_machine,
    from_the_network,
    redone,
)

from diagnostic.accounts import CommandLine, member
from diagnostic.i18n import t
from diagnostic.model import Referentiel, TerritoryProfile
from diagnostic.plan.model import PlanAction
from diagnostic.storage import Repository
from diagnostic.ui.space.mine import STEP
from diagnostic.ui.state import TOKEN_KEY
from diagnostic.ui.workshop.session import ADMIN_KEY

LANGS = ["fr", "en"]


@pytest.fixture(autouse=True)
def _local(monkeypatch: pytest.MonkeyPatch) -> None:
    at_the_machine(monkeypatch)


@pytest.mark.parametrize("lang", LANGS)
def test_the_person_at_the_machine_sees_every_diagnostic_and_workshop(
    lang: str, repository: Repository, referentiel: Referentiel
) -> None:
    questions = list(referentiel.questions)
    toul = answered(repository, TOUL, questions[:3])
    repository.save_plan_action(toul, _line())
    answered(repository, NANCY, questions[:1])
    blank = repository.create_diagnostic().token
    workshop, _ = repository.create_workshop(NANCY)
    repository.join_workshop(workshop.code, "elu")
    at = visit("mes-diagnostics", lang=lang)
    assert not at.exception
    assert at.title[0].value == t("space.nav.mine", lang)
    shown = screen(at)
    for name in (TOUL.name, NANCY.name, t("space.mine.unnamed", lang)):
        assert name in shown
    total = len(referentiel.questions)
    assert t("space.mine.progress", lang, answered=3, total=total) in shown
    assert t("space.mine.plan.one", lang, count=1) in shown
    assert t("space.mine.no_plan", lang) in shown
    assert t("space.workshop.line", lang, code=workshop.code) in shown
    assert t("space.workshop.participants.one", lang, count=1) in shown
    assert t("space.workshop.no_key", lang) in shown  # no admin key in this session
    ids = {e.token: e.id for e in repository.list_diagnostics()}
    assert len([b for b in at.button if b.key.startswith("space-open-")]) == 3
    at.button(key=f"space-open-{ids[blank]}").click().run()
    assert not at.exception
    assert at.session_state[TOKEN_KEY] == blank
    assert at.query_params["d"] == blank


@pytest.mark.parametrize("lang", LANGS)
def test_from_the_network_the_page_says_why_it_shows_nothing(
    lang: str, repository: Repository, monkeypatch: pytest.MonkeyPatch
) -> None:
    repository.create_diagnostic(TOUL)
    from_the_network(monkeypatch)
    at = visit("mes-diagnostics", lang=lang)
    assert not at.exception
    assert [info.value for info in at.info] == [t("space.access.not_local", lang)]
    assert TOUL.name not in screen(at)
    assert not [b for b in at.button if b.key.startswith("space-")]


def test_an_empty_installation_offers_to_start(database_url: str) -> None:
    at = visit("mes-diagnostics")
    shown = screen(at)
    assert t("space.mine.no_diagnostic", "fr") in shown
    assert t("space.mine.no_workshop", "fr") in shown
    at.button(key="space-start").click().run()
    assert not at.exception and at.session_state[TOKEN_KEY]


def test_a_redone_diagnostic_links_its_earlier_and_later_ones(
    repository: Repository, referentiel: Referentiel
) -> None:
    first = answered(repository, TOUL, list(referentiel.questions[:2]))
    second = redone(repository, first, dt.date(2026, 3, 14))
    ids = {e.token: e.id for e in repository.list_diagnostics()}
    at = visit("mes-diagnostics")
    assert t("space.mine.redone", "fr") in screen(at)
    assert t("space.mine.redo_of", "fr") in screen(at)
    at.button(key=f"space-earlier-{ids[second]}").click().run()
    assert at.session_state[TOKEN_KEY] == first
    go(at, "mes-diagnostics")
    at.button(key=f"space-later-{ids[first]}").click().run()
    assert at.session_state[TOKEN_KEY] == second


def test_the_dashboard_button_only_for_the_workshop_this_session_runs(
    repository: Repository,
) -> None:
    mine, key = repository.create_workshop(TOUL)
    other, _ = repository.create_workshop(NANCY)
    at = new_app().run()
    at.session_state[ADMIN_KEY] = (mine.code, key)
    go(at, "mes-diagnostics")
    assert at.button(key=f"space-dashboard-{mine.code}")
    assert not [b for b in at.button if b.key == f"space-dashboard-{other.code}"]
    at.button(key=f"space-dashboard-{mine.code}").click().run()
    assert not at.exception
    assert at.query_params["code"] == mine.code
    go(at, "mes-diagnostics")
    at.button(key=f"space-workshop-territory-{other.code}").click().run()
    assert at.query_params["t"] == NANCY.siren
    assert at.title[0].value == t("space.territory.title", "fr")


@pytest.mark.parametrize("lang", LANGS)
def test_pinning_from_the_open_diagnostic_puts_it_first(lang: str, repository: Repository) -> None:
    at = new_app(lang=lang)
    token = start(at)
    repository.create_diagnostic(TOUL)  # changed later: listed first until the pin
    assert at.button(key="space-pin").label == t("space.pin.button", lang)
    at.button(key="space-pin").click().run()
    assert not at.exception
    assert repository.is_pinned(token)
    assert t("space.pin.pinned", lang) in screen(at)
    go(at, "mes-diagnostics")
    assert repository.list_diagnostics()[0].token == token
    assert t("space.mine.pinned", lang) in screen(at)
    first = repository.list_diagnostics()[0]
    at.button(key=f"space-unpin-{first.id}").click().run()
    assert not repository.is_pinned(token)


def test_no_pin_offered_from_the_network(
    repository: Repository, monkeypatch: pytest.MonkeyPatch
) -> None:
    token = repository.create_diagnostic(TOUL).token
    from_the_network(monkeypatch)
    at = new_app(token=token).run()
    assert not at.exception and at.session_state[TOKEN_KEY] == token
    assert not [b for b in at.button if b.key in ("space-pin", "space-unpin")]


@pytest.mark.parametrize("lang", LANGS)
def test_with_sign_in_configured_the_page_asks_to_sign_in(
    lang: str, repository: Repository
) -> None:
    repository.create_diagnostic(TOUL)
    at = new_app(lang=lang)
    at.secrets["auth"] = AUTH
    at.user = {"is_logged_in": False}
    at.run()
    go(at, "mes-diagnostics")
    assert not at.exception
    assert [info.value for info in at.info] == [t("space.access.not_signed_in", lang)]
    assert TOUL.name not in screen(at)
    assert at.button(key="signin-proconnect").label == t("signin.with", lang, provider="ProConnect")


def test_signed_in_a_member_sees_their_territory_even_from_the_network(
    repository: Repository, monkeypatch: pytest.MonkeyPatch
) -> None:
    repository.create_diagnostic(TOUL)
    other = repository.create_diagnostic(
        TerritoryProfile("Communauté de communes du Toulois", "cc", "245400759", "54")
    )
    from_the_network(monkeypatch)
    at = new_app()
    at.secrets["auth"] = AUTH
    at.user = dict(SIGNED_IN)
    at.run()
    go(at, "mes-diagnostics")
    assert not at.exception
    assert TOUL.name not in screen(at)  # no role yet: nothing of anyone's
    assert t("signin.who", "fr", who="Claire Martin") in screen(at)
    assert at.button(key="signin-logout").label == t("signin.logout", "fr")
    repository.grant_role(CommandLine(), SIGNED_IN["email"], member(TOUL.siren))
    go(at, "mes-diagnostics")
    assert not at.exception
    assert TOUL.name in screen(at)
    assert other.profile is not None and other.profile.name not in screen(at)


def _line() -> PlanAction:
    return PlanAction("a1", "Former les élus", dt.date(2026, 11, 27))


@pytest.mark.parametrize("lang", LANGS)
def test_a_long_list_is_drawn_fifty_at_a_time(lang: str, repository: Repository) -> None:
    for _ in range(STEP + 7):
        repository.create_diagnostic(TOUL)
    at = visit("mes-diagnostics", lang=lang)
    assert t("space.mine.count.many", lang, count=STEP + 7) in screen(at)
    opened = [b for b in at.button if b.key.startswith("space-open-")]
    assert len(opened) == STEP
    assert at.button(key="space-more").label == t("space.mine.more.many", lang, count=7)
    at.button(key="space-more").click().run()
    assert not at.exception
    assert len([b for b in at.button if b.key.startswith("space-open-")]) == STEP + 7
    assert not [b for b in at.button if b.key == "space-more"]
