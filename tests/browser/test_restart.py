"""A tab left open across a server restart: its first click is not lost."""

from __future__ import annotations

import os
from typing import Any

import pytest

try:
    import playwright.sync_api  # noqa: F401
except ImportError:  # pragma: no cover - depends on the machine
    if os.environ.get("CI") == "true":
        raise
    pytest.skip("Playwright is not installed (pip install -e '.[dev]')", allow_module_level=True)

from browser_support import Server
from browser_walk import Walker
from playwright.sync_api import expect

from diagnostic.storage import open_repository

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_the_first_next_after_a_restart_moves_on(browser: Any, server: Server) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    walker = Walker(context.new_page(), server.url)
    walker.open(server.url)
    walker.click_key("start")
    walker.at_step(1)
    walker.choose("profile-type", "Commune")
    walker.type_text("profile-name", "Commune de Relance")
    walker.settle()
    walker.click_key("nav-next")
    walker.at_step(2)
    token = walker.page.url.split("d=")[1].split("&")[0]

    server.stop()
    server.start()

    walker.click_key("nav-next")  # once, in the tab that was open all along
    walker.at_step(3)
    expect(walker.page).to_have_url(f"{server.url}/diagnostic?d={token}&step=2")
    profile = open_repository(server.database_url).get_diagnostic(token).profile
    assert profile is not None and profile.name == "Commune de Relance"
