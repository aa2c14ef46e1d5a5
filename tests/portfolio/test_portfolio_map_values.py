"""What the région's map shows of the portfolio: statuses by age, a lever's need figure."""

from __future__ import annotations

import datetime as dt

from portfolio_support import TODAY, data, facts, sheet, shipped

from diagnostic.advice.scoring import score_sheet
from diagnostic.portfolio.map_values import need_values, regions_of, status_values
from diagnostic.portfolio.table import TerritoryFacts, build_rows


def rows() -> list:
    territories = [
        facts("200000001", "Recent", "69"),
        facts("200000002", "Older", "69"),
        facts("200000003", "Never", "69"),
        TerritoryFacts("200000004", "Elsewhere", "commune", "35", "53", 1_000),
    ]
    diagnosed = {
        "200000001": (TODAY - dt.timedelta(days=365), "alone", sheet(1)),
        "200000002": (TODAY - dt.timedelta(days=366), "alone", sheet(3)),
        "200000004": (TODAY, "alone", sheet(2)),
    }
    return build_rows(shipped(), data(territories, diagnosed, {}), None, {}, TODAY)


def test_statuses_follow_the_twelve_months_and_stay_in_their_region() -> None:
    found = rows()
    region = "84"
    assert regions_of(found)[0] == region  # three territories there, one elsewhere
    values = status_values(found, region, never=["200000099"])
    assert values == {
        "200000001": "recent",
        "200000002": "older",
        "200000003": "never",
        "200000099": "never",
    }


def test_a_lever_need_is_the_figure_the_results_page_shows() -> None:
    referentiel = shipped()
    found = rows()
    region = "84"
    lever = referentiel.levers[0].id
    expected = round(score_sheet(referentiel, sheet(1)).lever(lever).score)
    values = need_values(found, region, lever)
    assert values["200000001"] == expected
    assert "200000003" not in values and "200000004" not in values
