"""Observatory figures in the database: an import replaces the years it gives, all or nothing."""

from __future__ import annotations

from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import exc

from diagnostic.portfolio.figures import Figure
from diagnostic.storage import Repository, open_repository

RENNES, VAL_D_ILLE = "35238", "243500667"


def figure(territory: str, indicator: str, year: int, value: float, family: str = "") -> Figure:
    return Figure(territory, indicator, family, year, value, f"Observatoire {year}")


FIRST = (
    figure(RENNES, "salaries", 2022, 20_000),
    figure(RENNES, "salaries", 2023, 21_000),
    figure(RENNES, "salaries", 2023, 9_000, "associations"),
    figure(RENNES, "part_emploi_prive", 2023, 12.5),
    figure(VAL_D_ILLE, "salaries", 2023, 900),
)


def test_the_latest_year_of_each_indicator_is_read_with_its_source(database_url: str) -> None:
    repo = open_repository(database_url)
    assert repo.import_figures(FIRST).added == 5
    found = sorted(repo.territory_figures(RENNES), key=lambda f: f.key)
    assert found == sorted(FIRST[1:4], key=lambda f: f.key)
    assert repo.territory_figures("35001") == ()
    assert repo.count_territories_with_figures() == 2
    assert repo.territories_with_figures() == {RENNES, VAL_D_ILLE}


def test_reimporting_a_year_replaces_that_year_of_those_territories_only(
    database_url: str,
) -> None:
    repo = open_repository(database_url)
    repo.import_figures(FIRST)
    again = (figure(RENNES, "salaries", 2023, 22_000),)
    assert repo.figures_replaced(again).replaced == 3  # Rennes' three 2023 figures
    done = repo.import_figures(again)
    assert (done.added, done.replaced) == (1, 3)
    rennes = {f.key: f.value for f in repo.territory_figures(RENNES)}
    # 2023 is the file's now: the associations and share of 2023 are gone, 2022 stays.
    assert rennes == {(RENNES, "salaries", "", 2023): 22_000}
    assert repo.territory_figures(VAL_D_ILLE) == (FIRST[4],)
    older = (figure(RENNES, "part_emploi_prive", 2021, 10.0),)
    repo.import_figures(older)
    shares = [f for f in repo.territory_figures(RENNES) if f.indicator == "part_emploi_prive"]
    assert shares == list(older)  # an older year is kept and shown when it is the latest


def test_a_failed_import_writes_nothing(database_url: str) -> None:
    repo = open_repository(database_url)
    repo.import_figures(FIRST)
    many = tuple(figure(RENNES, "salaries", year, year) for year in range(1990, 2024))
    twice = figure(RENNES, "salaries", 2023, 1)  # the file check stops this; the base too
    with mock.patch("diagnostic.storage.figures.CHUNK", 5), pytest.raises(exc.IntegrityError):
        repo.import_figures((*many, twice))
    kept = sorted(repo.territory_figures(RENNES), key=lambda f: f.key)
    assert kept == sorted(FIRST[1:4], key=lambda f: f.key)
    assert repo.figures_replaced((figure(RENNES, "salaries", 1990, 0),)).replaced == 0


def test_many_territories_and_years_import_in_chunks(database_url: str) -> None:
    repo = open_repository(database_url)
    codes = [f"35{number:03d}" for number in range(1, 360)]
    rows = [figure(code, "salaries", year, 10) for code in codes for year in (2022, 2023)]
    with mock.patch("diagnostic.storage.figures.CHUNK", 100):
        assert repo.import_figures(rows).added == len(rows)
        assert repo.import_figures(rows).replaced == len(rows)
    assert repo.count_territories_with_figures() == len(codes)


STORED = st.builds(
    figure,
    territory=st.sampled_from((RENNES, VAL_D_ILLE)),
    indicator=st.sampled_from(("salaries", "part_emploi_prive")),
    year=st.integers(2019, 2024),
    value=st.integers(0, 100).map(float),
    family=st.sampled_from(("", "associations")),
)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(imports=st.lists(st.lists(STORED, max_size=8, unique_by=lambda f: f.key), max_size=4))
def test_after_any_imports_each_territory_shows_its_last_word_on_each_year(
    repo: Repository, imports: list[list[Figure]]
) -> None:
    """Replaying the imports by hand (a file replaces its territories' years) gives what
    is read: for each indicator and family, the figure of the latest year left."""
    # The same base serves every example: a file of every year of both territories resets it.
    for code in (RENNES, VAL_D_ILLE):
        repo.import_figures([figure(code, "salaries", year, 0) for year in range(2019, 2025)])
    expected: dict[tuple[str, str, str, int], Figure] = {}
    for code in (RENNES, VAL_D_ILLE):
        for year in range(2019, 2025):
            expected[(code, "salaries", "", year)] = figure(code, "salaries", year, 0)
    for file in imports:
        given_years = {(f.territory, f.year) for f in file}
        expected = {k: v for k, v in expected.items() if (k[0], k[3]) not in given_years}
        expected.update({f.key: f for f in file})
        repo.import_figures(file)
    for code in (RENNES, VAL_D_ILLE):
        latest: dict[tuple[str, str], Figure] = {}
        for (territory, indicator, family, _year), value in sorted(expected.items()):
            if territory == code:
                latest[(indicator, family)] = value
        shown = {(f.indicator, f.family): f for f in repo.territory_figures(code)}
        assert shown == latest
