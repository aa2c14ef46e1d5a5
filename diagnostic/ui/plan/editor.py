"""The feuille de route editor: pick or write actions, then who, with whom, by when, how far.

Like the wizard (see pending), the widgets' values are compared with the saved plan first
thing on every run and any difference is saved, so nothing typed is lost on a reload.
Widget keys, after ``prefix`` (``plan`` for a diagnostic): those of the pickers (see
pickers) and per line ``-<id>-label``, ``-owner``, ``-partners``, ``-quarter``,
``-status``, ``-note``, ``-delete``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import streamlit as st

from ...errors import DiagnosticError
from ...export.plan.tabular import plan_csv
from ...export.plan.wording import lever_text as lever_label
from ...export.plan.wording import quarter_text
from ...i18n import t
from ...model import AnswerSheet, Referentiel
from ...plan.codec import check_text, status_label
from ...plan.model import (
    STATUSES,
    TEXT_MAX,
    Plan,
    PlanAction,
    Quarter,
    quarter_choices,
    status_counts,
)
from ...plan.offer import Offers
from ...territory.profile import clean_text
from ..choices import translated_choice
from ..literal import escape_markdown
from .pickers import plan_pickers

FIELDS = ("label", "owner", "partners", "quarter", "status", "note")
TEXT_FIELDS = ("label", "owner", "partners", "note")  # saved as typed (see as_typed)
NO_QUARTER = ""
SYNCED = "-synced"


@dataclass(frozen=True)
class PlanStore:
    """Where the plan is saved: a diagnostic's, or a workshop's through its admin key."""

    save: Callable[[PlanAction], None]
    delete: Callable[[str], None]


def key(prefix: str, entry: str, field: str) -> str:
    """A line's widget key."""
    return f"{prefix}-{entry}-{field}"


def flush_plan(plan: Plan, store: PlanStore, prefix: str, lang: str) -> tuple[Plan, list[str]]:
    """Save what the user changed in the line widgets; returns the plan as saved.

    Each widget's value is compared with the value it was last given from the database
    (kept under ``…-synced``), not with the database itself: a change made elsewhere
    meanwhile (another tab, another adviser) is shown rather than overwritten.
    Call it first thing in a page run, so that every export drawn afterwards holds it.
    """
    saved: list[PlanAction] = []
    failures: list[str] = []
    for action in plan:
        typed: dict[str, Any] = {}
        for field in FIELDS:
            widget = key(prefix, action.id, field)
            shown, synced = st.session_state.get(widget), st.session_state.get(widget + SYNCED)
            if shown is None or synced is None:
                continue  # not drawn yet in this session
            if shown != synced:
                typed[field] = shown
            elif saved_form(field, widget_value(action, field)) != saved_form(field, synced):
                sync(widget, widget_value(action, field))
        try:
            changed = _edited(action, typed)
            if changed != action:
                store.save(changed)
        except DiagnosticError as error:
            failures.append(error.message(lang))
            changed = action
        for field, shown in typed.items():
            widget = key(prefix, action.id, field)
            if saved_form(field, shown) == widget_value(changed, field):
                # Saved as typed: leave the field as it is (a space typed last stays).
                st.session_state[widget + SYNCED] = shown
            else:
                sync(widget, widget_value(changed, field))
        saved.append(changed)
    return tuple(saved), failures


def saved_form(field: str, shown: str) -> str:
    """What saving a widget's value keeps of it: a text field's without outer spaces."""
    return clean_text(shown).strip() if field in TEXT_FIELDS else shown


def widget_value(action: PlanAction, field: str) -> str:
    """What the line's widget for ``field`` shows of a saved line."""
    if field == "quarter":
        return str(action.quarter) if action.quarter else NO_QUARTER
    return str(getattr(action, field))


def sync(widget: str, value: str) -> None:
    """Show ``value`` in a widget (before it is drawn) and remember it came from the database."""
    st.session_state[widget] = value
    st.session_state[widget + SYNCED] = value


def _edited(action: PlanAction, typed: dict[str, Any]) -> PlanAction:
    changes: dict[str, Any] = {}
    for field in ("owner", "partners", "note"):
        if isinstance(typed.get(field), str):
            changes[field] = check_text(typed[field], field)
    label = typed.get("label")
    if isinstance(label, str) and label.strip():
        changes["label"] = check_text(label, "label")
    if typed.get("status") in STATUSES:
        changes["status"] = typed["status"]
    if isinstance(typed.get("quarter"), str):
        changes["quarter"] = Quarter.parse(typed["quarter"])
    return dataclasses.replace(action, **changes)


def plan_editor(
    referentiel: Referentiel,
    plan: Plan,
    offers: Offers,
    lang: str,
    store: PlanStore,
    prefix: str = "plan",
) -> Plan:
    """The whole editor, for a plan already flushed (see ``flush_plan``) in this run."""
    plan_pickers(referentiel, plan, offers, lang, store.save, prefix)
    if not plan:
        st.info(t("plan.app.empty", lang))
        return plan
    counts = status_counts(plan)
    st.caption(
        t(
            "plan.app.counts",
            lang,
            done=counts["fait"],
            doing=counts["en_cours"],
            todo=counts["a_lancer"],
            dropped=counts["abandonne"],
        )
    )
    for number, action in enumerate(plan, start=1):
        _line(referentiel, number, action, lang, store, prefix)
    return plan


def plan_download(
    referentiel: Referentiel, sheet: AnswerSheet, lang: str, file_name: str, widget_key: str
) -> None:
    """The plan as a CSV, built only when clicked."""
    st.download_button(
        t("plan.app.download_csv", lang),
        data=lambda: plan_csv(referentiel, sheet, lang),
        file_name=file_name,
        mime="text/csv",
        key=widget_key,
        on_click="ignore",
        icon=":material/download:",
    )


def _line(
    referentiel: Referentiel,
    number: int,
    action: PlanAction,
    lang: str,
    store: PlanStore,
    prefix: str,
) -> None:
    """One line in a bordered box; values come from the saved plan on a first draw."""
    for field in FIELDS:
        if key(prefix, action.id, field) not in st.session_state:
            sync(key(prefix, action.id, field), widget_value(action, field))
    quarters = [NO_QUARTER] + [str(q) for q in quarter_choices(dt.date.today(), action.quarter)]
    with st.container(border=True):
        head, remove = st.columns([6, 1])
        with head:
            st.markdown(f"**{number}.** " + escape_markdown(action.label))
            lever = lever_label(referentiel, action, lang)
            if lever:
                st.caption(escape_markdown(lever))
            if action.is_late:
                st.caption(t("plan.app.late", lang))
        with remove:
            if st.button(t("plan.app.delete", lang), key=key(prefix, action.id, "delete")):
                store.delete(action.id)
                for field in FIELDS:
                    st.session_state.pop(key(prefix, action.id, field), None)
                st.rerun()
        st.text_input(
            t("plan.col.action", lang), max_chars=TEXT_MAX, key=key(prefix, action.id, "label")
        )
        left, right = st.columns(2)
        with left:
            st.text_input(
                t("plan.col.owner", lang), max_chars=TEXT_MAX, key=key(prefix, action.id, "owner")
            )
            translated_choice(
                st.selectbox,
                t("plan.col.quarter", lang),
                quarters,
                format_func=lambda q: quarter_text(Quarter.parse(q), lang),
                key=key(prefix, action.id, "quarter"),
                lang=lang,
            )
        with right:
            st.text_input(
                t("plan.col.partners", lang),
                max_chars=TEXT_MAX,
                key=key(prefix, action.id, "partners"),
            )
            translated_choice(
                st.selectbox,
                t("plan.col.status", lang),
                STATUSES,
                format_func=lambda s: status_label(s, lang),
                key=key(prefix, action.id, "status"),
                lang=lang,
            )
        st.text_area(
            t("plan.col.note", lang), max_chars=TEXT_MAX, key=key(prefix, action.id, "note")
        )
