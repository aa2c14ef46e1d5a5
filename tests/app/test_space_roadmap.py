"""« Feuille de route en cours » on a territory's space: the plan of the latest diagnostic of
the line (never an earlier one's), by status, late and next quarters, and the way to edit it."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pandas as pd
import pytest
from app_support import screen, visit
from space_roles_support import ADMIN, ADVISER, MEMBER, NOBODY, OTHER_MEMBER, TOUL_KEY, roles
from space_roles_support import signed_in as signed_in_as
from space_support import TOUL, answered, at_the_machine, from_the_network, redone
from streamlit.testing.v1 import AppTest

from diagnostic.i18n import t
from diagnostic.model import PlanAction, Quarter, Referentiel
from diagnostic.plan.codec import status_label
from diagnostic.storage import Repository
from diagnostic.ui.literal import escape_markdown
from diagnostic.ui.state import TOKEN_KEY

TODAY = dt.date.today()
NEXT = Quarter.of(TODAY).next()
PAST = Quarter.of(TODAY).next(-3)


def line(entry: str, label: str, status: str, quarter: Quarter | None) -> PlanAction:
    return PlanAction(entry, label, TODAY, quarter=quarter, status=status)  # type: ignore[arg-type]


def a_year_of_plans(repository: Repository, referentiel: Referentiel) -> tuple[str, str]:
    """A plan begun in 2025, carried into the 2026 re-diagnosis and changed there."""
    first = answered(repository, TOUL, list(referentiel.questions[:3]))
    repository.save_plan_action(first, line("a1", "Ouvrir un tiers-lieu", "a_lancer", NEXT))
    repository.save_plan_action(first, line("a9", "Ancienne idée", "a_lancer", None))
    second = redone(repository, first, dt.date(2026, 3, 20))
    repository.save_plan_action(second, line("a1", "Ouvrir un tiers-lieu", "en_cours", NEXT))
    repository.delete_plan_action(second, "a9")
    repository.save_plan_action(second, line("b2", "Marché de producteurs", "fait", PAST))
    repository.save_plan_action(second, line("c3", "Cartographier les acteurs", "a_lancer", PAST))
    repository.save_plan_action(second, line("d4", "Réunir les élus", "a_lancer", None))
    return first, second


def counts(at: AppTest, lang: str) -> dict[str, int]:
    """The counts table: status in words -> number of actions."""
    [table] = [d.value for d in at.dataframe if t("space.roadmap.count", lang) in d.value.index]
    assert isinstance(table, pd.DataFrame)
    return {str(name): int(value) for name, value in table.iloc[0].items()}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_current_plan_is_the_latest_diagnostic_s(
    lang: str, repository: Repository, referentiel: Referentiel, monkeypatch: pytest.MonkeyPatch
) -> None:
    at_the_machine(monkeypatch)
    a_year_of_plans(repository, referentiel)
    at = visit("territoire", lang=lang, t=TOUL_KEY)
    assert not at.exception
    assert t("space.roadmap.title", lang) in [h.value for h in at.header]
    day = "20 mars 2026" if lang == "fr" else "20 March 2026"
    assert t("space.roadmap.of", lang, date=day) in [c.value for c in at.caption]
    assert counts(at, lang) == {
        status_label("a_lancer", lang): 2,
        status_label("en_cours", lang): 1,
        status_label("fait", lang): 1,
        status_label("abandonne", lang): 0,
    }
    shown = screen(at)
    assert "Ancienne idée" not in shown  # the earlier diagnostic's line, taken out since
    late, due = (
        t("space.roadmap.late", lang),
        t("space.roadmap.due", lang, quarter=NEXT.label(lang)),
    )
    assert f"**{late}**" in shown and "Cartographier les acteurs" in shown
    assert f"**{due}**" in shown
    assert f"{escape_markdown('Ouvrir un tiers-lieu')} · {status_label('en_cours', lang)}" in shown
    assert "Marché de producteurs" not in shown  # done: counted, not listed as due
    assert f"**{t('space.roadmap.unscheduled', lang)}**" in shown and "Réunir les élus" in shown


def test_editing_opens_the_latest_diagnostic_s_results(
    repository: Repository, referentiel: Referentiel, monkeypatch: pytest.MonkeyPatch
) -> None:
    at_the_machine(monkeypatch)
    _, second = a_year_of_plans(repository, referentiel)
    at = visit("territoire", t=TOUL_KEY)
    at.button(key="space-roadmap-edit").click().run()
    assert not at.exception
    assert at.session_state[TOKEN_KEY] == second
    assert at.title[0].value == t("app.results.title", "fr")


def test_a_diagnostic_without_a_plan_says_none_is_chosen(
    repository: Repository, referentiel: Referentiel, monkeypatch: pytest.MonkeyPatch
) -> None:
    at_the_machine(monkeypatch)
    first = answered(repository, TOUL, list(referentiel.questions[:3]))
    repository.save_plan_action(first, line("a1", "Ouvrir un tiers-lieu", "a_lancer", NEXT))
    later = answered(repository, dataclasses.replace(TOUL, date=dt.date(2026, 5, 2)), [])
    at = visit("territoire", t=TOUL_KEY)
    assert not at.exception
    assert t("space.roadmap.empty", "fr") in [i.value for i in at.info]  # the newest's: none
    assert escape_markdown("Ouvrir un tiers-lieu") not in screen(at)
    assert later


@pytest.mark.parametrize(
    ("user", "sees", "edits"),
    [
        (MEMBER, True, True),
        (ADMIN, True, False),
        (ADVISER, True, False),
        (OTHER_MEMBER, False, False),
        (NOBODY, False, False),
    ],
)
def test_with_sign_in_members_edit_and_who_may_see_reads(
    user: dict[str, object],
    sees: bool,
    edits: bool,
    repository: Repository,
    referentiel: Referentiel,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from_the_network(monkeypatch)
    roles(repository)
    a_year_of_plans(repository, referentiel)
    at = signed_in_as(user, "territoire", t=TOUL_KEY)
    assert not at.exception
    assert (t("space.roadmap.title", "fr") in [h.value for h in at.header]) == sees
    assert ("Cartographier les acteurs" in screen(at)) == sees
    assert ("space-roadmap-edit" in [b.key for b in at.button]) == edits
