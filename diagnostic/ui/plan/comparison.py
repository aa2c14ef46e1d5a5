"""The comparison with the earlier diagnostic: plotly charts, each with its table, and lists.

Chart keys: ``compare-levers-chart`` and ``compare-maturity-chart``; downloads
``download-compare-pdf`` and ``download-compare-xlsx``.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from ...export.plan.pdf import answer_line, comparison_pdf
from ...export.plan.tabular import comparison_xlsx
from ...export.plan.wording import date_text, delta, score, status_name, status_text
from ...i18n import t
from ...model import AnswerSheet, Referentiel
from ...plan.compare import Comparison
from ..files import MIME, file_stem

BEFORE_COLOUR = "#d9822b"
AFTER_COLOUR = "#1f5f8b"


Builder = Callable[[], bytes]


def comparison_files(
    referentiel: Referentiel, sheet: AnswerSheet, comparison: Comparison, lang: str
) -> dict[str, tuple[Builder, str]]:
    """The comparison's PDF and XLSX: the CLI's own builders, and their file names."""
    stem = f"{file_stem(sheet)}-comparaison"
    return {
        "pdf": (lambda: comparison_pdf(referentiel, sheet, comparison, lang), f"{stem}.pdf"),
        "xlsx": (lambda: comparison_xlsx(referentiel, sheet, comparison, lang), f"{stem}.xlsx"),
    }


def comparison_downloads(
    referentiel: Referentiel, sheet: AnswerSheet, comparison: Comparison, lang: str
) -> None:
    """Download buttons for the comparison, built only when clicked."""
    files = comparison_files(referentiel, sheet, comparison, lang)
    for column, (kind, (build, name)) in zip(st.columns(len(files)), files.items(), strict=True):
        with column:
            st.download_button(
                t(f"compare.app.download_{kind}", lang),
                data=build,
                file_name=name,
                mime=MIME[kind],
                key=f"download-compare-{kind}",
                on_click="ignore",
                icon=":material/download:",
            )


def comparison_view(
    referentiel: Referentiel, sheet: AnswerSheet, comparison: Comparison, lang: str
) -> None:
    """What moved since the earlier diagnostic, with its downloads; « Aucune différence »
    when nothing did. ``sheet`` is the later diagnostic, as saved."""
    st.header(t("compare.app.title", lang))
    dates = {
        "before": date_text(comparison.earlier_date, lang),
        "after": date_text(comparison.later_date, lang),
    }
    st.markdown(t("compare.intro", lang, **dates))
    comparison_downloads(referentiel, sheet, comparison, lang)
    if comparison.unchanged:
        st.info(t("compare.none", lang))
        return
    levers = [referentiel.lever(c.id).label.get(lang) for c in comparison.levers]
    st.subheader(t("compare.levers", lang))
    before = [c.need.before for c in comparison.levers]
    after = [c.need.after for c in comparison.levers]
    chart(paired_chart(levers, before, after, lang), "compare-levers-chart")
    lever_table = {
        t("plan.col.lever", lang): levers,
        t("compare.col.need_before", lang): [score(c.need.before, lang) for c in comparison.levers],
        t("compare.col.need_after", lang): [score(c.need.after, lang) for c in comparison.levers],
        t("compare.col.delta", lang): [delta(c.need, lang) for c in comparison.levers],
    }
    st.dataframe(pd.DataFrame(lever_table), hide_index=True, key="compare-levers-table")
    st.subheader(t("compare.motivations", lang))
    motivations = [referentiel.motivation(m.id).label.get(lang) for m in comparison.motivations]
    before = [m.maturity.before for m in comparison.motivations]
    after = [m.maturity.after for m in comparison.motivations]
    chart(paired_chart(motivations, before, after, lang), "compare-maturity-chart")
    rows = comparison.motivations
    motivation_table = {
        t("report.table.motivation", lang): motivations,
        t("compare.col.priority_before", lang): [score(m.priority.before, lang) for m in rows],
        t("compare.col.priority_after", lang): [score(m.priority.after, lang) for m in rows],
        t("compare.col.maturity_before", lang): [score(m.maturity.before, lang) for m in rows],
        t("compare.col.maturity_after", lang): [score(m.maturity.after, lang) for m in rows],
        t("compare.col.maturity_delta", lang): [delta(m.maturity, lang) for m in rows],
    }
    st.dataframe(pd.DataFrame(motivation_table), hide_index=True, key="compare-maturity-table")
    answers_moved(referentiel, comparison, lang)
    if comparison.plan:
        st.subheader(t("compare.plan", lang))
        plan_table = {
            t("plan.col.action", lang): [line.action.label for line in comparison.plan],
            t("plan.col.before", lang): [
                status_name(line.before, lang) for line in comparison.plan
            ],
            t("plan.col.status", lang): [
                status_text(line.action, lang) for line in comparison.plan
            ],
        }
        st.dataframe(pd.DataFrame(plan_table), hide_index=True, key="compare-plan-table")


def chart(figure: go.Figure, widget_key: str) -> None:
    """A plotly chart without its tool bar."""
    st.plotly_chart(figure, key=widget_key, config={"displayModeBar": False})


def answers_moved(referentiel: Referentiel, comparison: Comparison, lang: str) -> None:
    """The answers that moved up, down, or otherwise (« je ne sais pas », « non pertinent »)."""
    st.subheader(t("compare.answers", lang))
    if not comparison.answers:
        st.markdown(t("compare.no_answer_moved", lang))
        return
    for direction in ("up", "down", "changed"):
        found = [c for c in comparison.answers if c.direction == direction]
        if found:
            st.markdown(f"**{t(f'compare.{direction}', lang)}**")
            st.markdown(
                # the référentiel's own (trusted) question and level labels
                "\n".join("- " + answer_line(referentiel, change, lang) for change in found)
            )


def paired_chart(
    labels: list[str], before: list[float | None], after: list[float | None], lang: str
) -> go.Figure:
    """Horizontal bars 0-100, before and after side by side for each label."""
    figure = go.Figure()
    for name, values, colour in (
        (t("compare.col.before", lang), before, BEFORE_COLOUR),
        (t("compare.col.after", lang), after, AFTER_COLOUR),
    ):
        figure.add_trace(
            go.Bar(
                y=labels,
                x=values,
                name=name,
                orientation="h",
                marker_color=colour,
                text=[score(v, lang) for v in values],
                textposition="outside",
            )
        )
    figure.update_layout(
        barmode="group",
        height=80 + 60 * len(labels),
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        xaxis={"range": [0, 110], "title": None},
        yaxis={"autorange": "reversed"},
        legend={"orientation": "h", "y": 1.08},
        separators=", " if lang == "fr" else ".,",
    )
    return figure
