"""Set up what « Mes diagnostics et ateliers » and a territory's space show, and who looks."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from app_support import shipped_referentiel

from diagnostic.model import Question, TerritoryProfile
from diagnostic.storage import Repository
from diagnostic.ui.space import access

TOUL = TerritoryProfile(
    name="Communauté de communes Terres Touloises",
    type="cc",
    siren="200070563",
    departement="54",
    population=45_000,
    date=dt.date(2025, 3, 14),
)
NANCY = TerritoryProfile(name="Métropole du Grand Nancy", type="metropole", siren="245400676")
SIGNED_IN = {
    "is_logged_in": True,
    "email": "claire.martin@example.fr",
    "given_name": "Claire",
    "family_name": "Martin",
}
AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "a-test-cookie-secret-of-some-length",
    "proconnect": {
        "display_name": "ProConnect",
        "client_id": "diagnostic",
        "client_secret": "secret",
        "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration",
    },
}


def at_the_machine(monkeypatch: pytest.MonkeyPatch) -> None:
    """Requests seem to come from the machine the app runs on (AppTest gives no address)."""
    monkeypatch.setattr(access, "is_local_request", lambda: True)


def from_the_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Requests seem to come through the network, not from the machine."""
    monkeypatch.setattr(access, "is_local_request", lambda: False)


def answered(repository: Repository, profile: TerritoryProfile, questions: list[Question]) -> str:
    """A saved diagnostic of ``profile`` with ``questions`` answered, as the app starts one."""
    token = repository.create_diagnostic(profile, shipped_referentiel().version).token
    for question in questions:
        repository.save_answer(token, question.id, 1)
    return token


def redone(repository: Repository, token: str, day: dt.date) -> str:
    """The diagnostic done again on ``day``, answers carried over."""
    later = repository.rediagnose(token, prefill=True, today=day).token
    record = repository.get_diagnostic(later)
    assert record.profile is not None
    repository.save_profile(later, dataclasses.replace(record.profile, date=day))
    return later
