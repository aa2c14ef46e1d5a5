"""Chart tables hold the scores; figures are drawn from them and reach for nothing outside."""

from __future__ import annotations

import json
import math

import pytest

from diagnostic.advice.scoring import Scores, score_answers
from diagnostic.export import charts
from diagnostic.model import UNKNOWN, QuestionId, Referentiel


def scores_of(referentiel: Referentiel, unanswered_motivation: int | None = None) -> Scores:
    """Varied answers; one motivation left blank when asked."""
    answers = {}
    for index, question in enumerate(referentiel.questions):
        if (
            unanswered_motivation is not None
            and question.motivation == referentiel.motivations[unanswered_motivation].id
        ):
            continue
        values = referentiel.scale(question.scale).values()
        answers[QuestionId(question.id)] = (
            UNKNOWN if index % 5 == 0 else values[index % len(values)]
        )
    return score_answers(referentiel, answers)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_each_lever_column_adds_up_to_its_need(referentiel: Referentiel, lang: str) -> None:
    scores = scores_of(referentiel)
    table = charts.source_table(referentiel, scores, lang)
    assert list(table.index) == [m.label.get(lang) for m in referentiel.motivations]
    assert list(table.columns) == [referentiel.lever(r.id).label.get(lang) for r in scores.levers]
    for result, column in zip(scores.levers, table.columns, strict=True):
        assert math.isclose(table[column].sum(), result.score, abs_tol=1e-3)  # float32 sums
    assert (table.to_numpy() >= 0).all()


def test_the_motivation_and_lever_tables_are_the_scores(referentiel: Referentiel) -> None:
    scores = scores_of(referentiel, unanswered_motivation=2)
    motivations = charts.motivation_table(referentiel, scores, "fr")
    assert list(motivations["Priorité (sur 100)"].isna()) == [
        m.priority is None for m in scores.motivations
    ]
    assert motivations["Maturité (sur 100)"][0] == scores.motivations[0].maturity
    assert list(motivations["Réponses"]) == [f"{m.answered}/{m.total}" for m in scores.motivations]
    levers = charts.lever_table(referentiel, scores, "en")
    assert list(levers["Rank"]) == [r.rank for r in scores.levers]
    assert list(levers["Need (out of 100)"]) == [r.score for r in scores.levers]


def test_the_figures_show_the_tables_rounded(referentiel: Referentiel) -> None:
    scores = scores_of(referentiel, unanswered_motivation=2)
    motivations = charts.motivation_table(referentiel, scores, "fr")
    radar = charts.radar_figure(motivations, "fr")
    priority = list(radar.data[0].r)
    assert len(priority) == len(referentiel.motivations) + 1  # the outline is closed
    assert priority[2] is None  # a motivation without answers is a gap, not a zero
    for drawn, result in zip(priority, scores.motivations, strict=False):
        assert drawn == (None if result.priority is None else round(result.priority))
    bars = charts.lever_figure(charts.lever_table(referentiel, scores, "fr"), "fr")
    assert list(bars.data[0].x) == [round(r.score) for r in scores.levers]
    sources = charts.source_table(referentiel, scores, "fr")
    stacked = charts.source_figure(sources, "fr")
    assert [trace.name for trace in stacked.data] == list(sources.index)  # one per motivation
    assert all(trace.orientation == "h" for trace in stacked.data)  # fits a phone
    for column, result in enumerate(scores.levers):  # segments add up to the lever's need
        total = sum(trace.x[column] for trace in stacked.data)
        assert abs(total - result.score) < 0.5
    assert radar.layout.polar.radialaxis.showticklabels is False  # no figures on the outline
    assert radar.layout.separators == ", "
    assert charts.radar_figure(motivations, "en").layout.separators == ".,"


def test_the_figures_load_nothing_from_outside(referentiel: Referentiel) -> None:
    scores = scores_of(referentiel)
    figures = [
        charts.radar_figure(charts.motivation_table(referentiel, scores, "fr"), "fr"),
        charts.lever_figure(charts.lever_table(referentiel, scores, "fr"), "fr"),
        charts.source_figure(charts.source_table(referentiel, scores, "fr"), "fr"),
    ]
    for figure in figures:
        text = json.dumps(figure.to_plotly_json(), default=str)
        assert "http://" not in text and "https://" not in text
        assert not figure.layout.images


def test_long_labels_are_wrapped_for_the_axes() -> None:
    label = "Prise de conscience du poids et des dynamiques de l’ESS"
    lines = charts.wrap_label(label, 22).split("<br>")
    assert len(lines) == 3
    assert all(len(line) <= 22 for line in lines)
    assert " ".join(lines) == label


def contrast(colour: str, background: str = "#ffffff") -> float:
    """WCAG contrast ratio between two #rrggbb colours."""

    def luminance(value: str) -> float:
        channels = [int(value[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(colour), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_chart_colours_stand_out_from_the_page_and_carry_white_labels() -> None:
    drawn = [charts.PRIORITY_COLOUR, charts.MATURITY_COLOUR, charts.NEED_COLOUR]
    for colour in [*drawn, *charts.SOURCE_COLOURS]:
        assert contrast(colour) >= 4.5, colour  # graphics need 3:1; white text on them 4.5:1
    assert len(set(charts.SOURCE_COLOURS)) == len(charts.SOURCE_COLOURS)


def test_the_radar_leaves_room_for_its_labels_and_draws_no_axis_line(
    referentiel: Referentiel,
) -> None:
    motivations = charts.motivation_table(referentiel, scores_of(referentiel), "fr")
    radar = charts.radar_figure(motivations, "fr")
    assert radar.layout.polar.radialaxis.showline is False
    lines = max(str(name).count("<br>") + 1 for name in radar.data[0].theta)
    assert radar.layout.margin.t >= 16 * lines  # the tallest label fits above the circle
