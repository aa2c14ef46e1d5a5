"""« Espace du territoire »: a territory's diagnostics over time, redo the latest, compare
any two, its workshops; shown under the same rule as « Mes diagnostics et ateliers »."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from app_support import screen, visit
from space_support import NANCY, TOUL, answered, at_the_machine, from_the_network, redone
from streamlit.testing.v1 import AppTest

from diagnostic.i18n import t
from diagnostic.model import Referentiel
from diagnostic.storage import Repository
from diagnostic.ui.literal import escape_markdown
from diagnostic.ui.state import TOKEN_KEY

LANGS = ["fr", "en"]


@pytest.fixture(autouse=True)
def _local(monkeypatch: pytest.MonkeyPatch) -> None:
    at_the_machine(monkeypatch)


def table_with(at: AppTest, column: str) -> pd.DataFrame:
    """The one table on screen with that column."""
    [table] = [d.value for d in at.dataframe if column in d.value.columns]
    return table


def two_years(repository: Repository, referentiel: Referentiel) -> tuple[str, str]:
    """Terres Touloises diagnosed in 2025, then again in 2026 with more answers."""
    questions = list(referentiel.questions)
    first = answered(repository, TOUL, questions[:4])
    second = redone(repository, first, dt.date(2026, 3, 20))
    for question in questions[4:8]:
        repository.save_answer(second, question.id, 3)
    return first, second


@pytest.mark.parametrize("lang", LANGS)
def test_the_space_shows_the_diagnostics_over_time_and_the_workshops(
    lang: str, repository: Repository, referentiel: Referentiel
) -> None:
    first, _ = two_years(repository, referentiel)
    answered(repository, NANCY, list(referentiel.questions[:2]))
    workshop, _ = repository.create_workshop(TOUL)
    repository.join_workshop(workshop.code, "elu")
    at = visit("territoire", lang=lang, t=TOUL.siren or "")
    assert not at.exception
    assert at.title[0].value == t("space.territory.title", lang)
    shown = screen(at)
    assert TOUL.name in shown and NANCY.name not in shown
    history = table_with(at, t("space.territory.col.kind", lang))
    alone = history[
        history[t("space.territory.col.kind", lang)] == t("space.territory.kind.alone", lang)
    ]
    assert list(alone[t("space.territory.col.date", lang)]) == (
        ["14 mars 2025", "20 mars 2026"] if lang == "fr" else ["14 March 2025", "20 March 2026"]
    )
    kinds = list(history[t("space.territory.col.kind", lang)])
    assert kinds.count(t("space.territory.kind.alone", lang)) == 2
    assert t("space.territory.kind.workshop", lang, code=workshop.code) in kinds
    assert referentiel.version in list(history[t("space.territory.col.version", lang)])
    workshops = table_with(at, t("space.territory.col.participants", lang))
    assert list(workshops[t("space.territory.col.code", lang)]) == [workshop.code]
    assert list(workshops[t("space.territory.col.participants", lang)]) == [1]
    # compare: the two diagnostics, the later one against the earlier one
    assert t("compare.app.title", lang) in [h.value for h in at.header]
    ids = {e.token: e.id for e in repository.list_diagnostics()}
    at.button(key=f"territory-open-{ids[first]}").click().run()
    assert at.session_state[TOKEN_KEY] == first


def test_choosing_the_same_diagnostic_twice_compares_nothing(
    repository: Repository, referentiel: Referentiel
) -> None:
    first, _ = two_years(repository, referentiel)
    at = visit("territoire", t=TOUL.siren or "")
    ids = {e.token: e.id for e in repository.list_diagnostics()}
    at.selectbox(key="territory-compare-second").set_value(ids[first]).run()
    assert not at.exception
    assert t("space.territory.compare_same", "fr") in [i.value for i in at.info]
    assert t("compare.app.title", "fr") not in [h.value for h in at.header]


def test_redo_the_latest_diagnostic_from_the_space(
    repository: Repository, referentiel: Referentiel
) -> None:
    _, second = two_years(repository, referentiel)
    at = visit("territoire", t=TOUL.siren or "")
    assert t("space.territory.redo_on", "fr", date="20 mars 2026") in screen(at)
    at.radio(key="redo-answers").set_value("prefill").run()
    at.button(key="redo-start").click().run()
    assert not at.exception
    new = at.session_state[TOKEN_KEY]
    assert new != second
    assert repository.latest_token(second) == new


def test_a_single_diagnostic_cannot_be_compared(
    repository: Repository, referentiel: Referentiel
) -> None:
    answered(repository, TOUL, list(referentiel.questions[:2]))
    at = visit("territoire", t=TOUL.siren or "")
    assert t("space.territory.compare_need_two", "fr") in [i.value for i in at.info]


@pytest.mark.parametrize(
    ("key", "message"),
    [
        ("", t("space.territory.no_key", "fr")),
        ("245400676", t("space.territory.empty", "fr", key="245400676")),
    ],
)
def test_no_or_an_unknown_territory_says_so(key: str, message: str, database_url: str) -> None:
    at = visit("territoire", t=key)
    assert not at.exception
    assert [i.value for i in at.info] == [message]


@pytest.mark.parametrize("lang", LANGS)
def test_a_malformed_key_is_refused_plainly(lang: str, database_url: str) -> None:
    at = visit("territoire", lang=lang, t="toul<script>")
    assert not at.exception
    assert [e.value for e in at.error] == [
        t("space.territory.bad_key", lang, key=escape_markdown("toul<script>"))
    ]


@pytest.mark.parametrize("lang", LANGS)
def test_from_the_network_the_space_is_not_shown(
    lang: str, repository: Repository, referentiel: Referentiel, monkeypatch: pytest.MonkeyPatch
) -> None:
    two_years(repository, referentiel)
    from_the_network(monkeypatch)
    at = visit("territoire", lang=lang, t=TOUL.siren or "")
    assert [i.value for i in at.info] == [t("space.access.not_local", lang)]
    assert TOUL.name not in screen(at)
    assert not at.dataframe


def test_the_list_leads_to_the_territory_space(
    repository: Repository, referentiel: Referentiel
) -> None:
    token = answered(repository, TOUL, list(referentiel.questions[:2]))
    entry = repository.list_diagnostics()[0]
    at = visit("mes-diagnostics")
    at.button(key=f"space-territory-{entry.id}").click().run()
    assert not at.exception
    assert at.query_params["t"] == TOUL.siren
    assert at.title[0].value == t("space.territory.title", "fr")
    assert token
