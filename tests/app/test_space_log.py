"""« Journal des accès » on a territory's space: its lines, in words, for its members and the
administrator (whose reading is itself logged), never for an adviser; its CSV file holds
that territory's lines only, in the French-Excel format of every CSV of the project."""

from __future__ import annotations

import csv
import io

import pandas as pd
import pytest
from app_support import screen
from space_roles_support import (
    ADMIN,
    ADVISER,
    MEMBER,
    NOBODY,
    OTHER_MEMBER,
    TOUL_KEY,
    email,
    roles,
    signed_in,
)
from space_support import NANCY, TOUL, from_the_network
from streamlit.testing.v1 import AppTest

from diagnostic.accounts import CommandLine, Identity
from diagnostic.export.access_log import access_log_csv
from diagnostic.i18n import t
from diagnostic.storage import Repository
from diagnostic.ui.space.log import log_file_name


@pytest.fixture(autouse=True)
def _network(monkeypatch: pytest.MonkeyPatch) -> None:
    from_the_network(monkeypatch)


def busy_territory(repository: Repository) -> None:
    """Toul shares with its région, its adviser reads it, a diagnostic is attached; Nancy
    has a line of its own."""
    repository.create_diagnostic(NANCY)
    roles(repository)
    token = repository.create_diagnostic(TOUL).token
    repository.attach_diagnostic(Identity(email(MEMBER)), token, TOUL_KEY)
    repository.territory_items(Identity(email(ADVISER)), TOUL_KEY)
    other = repository.create_diagnostic(NANCY).token
    repository.attach_diagnostic(Identity(email(OTHER_MEMBER)), other, str(NANCY.siren))


def log_table(at: AppTest, lang: str) -> pd.DataFrame:
    column = t("accounts.log.col.actor", lang)
    [table] = [d.value for d in at.dataframe if column in d.value.columns]
    return table


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_member_reads_the_territory_s_log_in_words(lang: str, repository: Repository) -> None:
    busy_territory(repository)
    at = signed_in(MEMBER, "territoire", lang, t=TOUL_KEY)
    assert not at.exception
    assert t("space.log.title", lang) in [h.value for h in at.header]
    table = log_table(at, lang)
    lines = set(
        zip(
            table[t("accounts.log.col.actor", lang)],
            table[t("accounts.log.col.action", lang)],
            strict=True,
        )
    )
    assert (email(ADVISER), t("accounts.action.view_territory", lang)) in lines
    assert (email(MEMBER), t("accounts.action.share_with_region", lang)) in lines
    assert (email(MEMBER), t("accounts.action.attach_diagnostic", lang)) in lines
    assert set(table[t("accounts.log.col.territory", lang)]) == {TOUL_KEY}  # not Nancy's
    assert email(OTHER_MEMBER) not in screen(at)
    labels = [button.proto.label for button in at.get("download_button")]
    assert t("space.log.download", lang) in labels


def test_the_administrator_reads_it_and_the_reading_is_logged(repository: Repository) -> None:
    busy_territory(repository)
    at = signed_in(ADMIN, "territoire", t=TOUL_KEY)
    assert not at.exception
    assert t("space.log.title", "fr") in [h.value for h in at.header]
    reads = [
        entry.action
        for entry in repository.access_log(CommandLine(), TOUL_KEY)
        if entry.actor == email(ADMIN)
    ]
    assert "view_access_log" in reads


@pytest.mark.parametrize("user", [ADVISER, OTHER_MEMBER, NOBODY])
def test_an_adviser_and_strangers_never_see_the_log(
    user: dict[str, object], repository: Repository
) -> None:
    busy_territory(repository)
    at = signed_in(user, "territoire", t=TOUL_KEY)
    assert not at.exception
    assert t("space.log.title", "fr") not in [h.value for h in at.header]
    assert not at.get("download_button")
    if user is ADVISER:  # the space itself is shown to the adviser of a sharing territory
        assert TOUL.name in screen(at)
        assert not [d for d in at.dataframe if t("accounts.log.col.actor", "fr") in d.value]


def test_the_log_file_holds_this_territory_s_lines_for_french_excel(
    repository: Repository,
) -> None:
    busy_territory(repository)
    member = Identity(email(MEMBER))
    data = access_log_csv(repository.export_access_log(member, TOUL_KEY), "fr")
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM, for Excel
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == [
        t(f"accounts.log.col.{c}", "fr") for c in ("at", "actor", "action", "territory", "detail")
    ]
    assert {row[3] for row in rows[1:]} == {TOUL_KEY}
    assert (email(ADVISER), "Consultation du territoire") in {(r[1], r[2]) for r in rows[1:]}
    assert log_file_name(TOUL_KEY, "fr") == "journal-des-acces-200070563.csv"
    assert log_file_name(TOUL_KEY, "en") == "access-log-200070563.csv"
