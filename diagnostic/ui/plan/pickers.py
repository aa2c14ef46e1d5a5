"""The feuille de route's ways to add a line: a recommended action, any action of the
référentiel that suits the territory, or one's own.

Widget keys, after ``prefix``: ``-pick`` and ``-add`` (recommended), ``-pick-all`` and
``-add-all`` (the full list), ``-own`` and ``-add-own``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

import streamlit as st

from ...errors import DiagnosticError
from ...i18n import t
from ...model import Referentiel
from ...plan.codec import check_text
from ...plan.model import TEXT_MAX, Plan, PlanAction, new_action, same_label
from ...plan.offer import Offer, Offers
from ..choices import translated_choice
from ..literal import escape_markdown

Save = Callable[[PlanAction], None]


def plan_pickers(
    referentiel: Referentiel, plan: Plan, offers: Offers, lang: str, save: Save, prefix: str
) -> None:
    """The recommended actions and one's own side by side, the full list folded below."""
    if st.session_state.pop(f"{prefix}-own-clear", False):
        # Given a value, not dropped: only then is the browser told to empty the field.
        st.session_state[f"{prefix}-own"] = ""
    left = offers.besides(plan)
    pick, own = st.columns(2, gap="medium")
    with pick:
        if left.recommended:
            label = t("plan.app.pick", lang)
            _picker(referentiel, left.recommended, label, lang, save, prefix)
    with own:
        text = st.text_input(t("plan.app.own", lang), max_chars=TEXT_MAX, key=f"{prefix}-own")
        if st.button(t("plan.app.add_own", lang), key=f"{prefix}-add-own"):
            _add_own(plan, text, lang, save, prefix)
    if left.catalogue:
        with st.expander(t("plan.app.catalogue", lang)):
            st.caption(t("plan.app.catalogue_note", lang))
            label = t("plan.app.pick_all", lang)
            _picker(referentiel, left.catalogue, label, lang, save, prefix, "-all")


def offer_text(offer: Offer, lang: str) -> str:
    """« Levier — action », and « (déjà faite d’après vos réponses) » when so marked."""
    text = f"{offer.lever.label.get(lang)} — {offer.label.get(lang)}"
    return f"{text} ({t(f'plan.app.mark.{offer.mark}', lang)})" if offer.mark else text


def offer_line(referentiel: Referentiel, offer: Offer, lang: str) -> PlanAction:
    """A new line for the action offered, its lever's providers as partners."""
    names = (referentiel.provider(p).name.get(lang) for p in offer.lever.providers)
    partners = ", ".join(name.split(" — ")[0] for name in names)
    return new_action(offer.label.get(lang), dt.date.today(), offer.id, offer.lever.id, partners)


def _picker(
    referentiel: Referentiel,
    offers: Sequence[Offer],
    label: str,
    lang: str,
    save: Save,
    prefix: str,
    suffix: str = "",
) -> None:
    by_id = {offer.id: offer for offer in offers}
    picked = translated_choice(
        st.selectbox,
        label,
        list(by_id),
        format_func=lambda entry: offer_text(by_id[entry], lang),
        key=f"{prefix}-pick{suffix}",
        lang=lang,
    )
    if st.button(t("plan.app.add", lang), key=f"{prefix}-add{suffix}") and picked in by_id:
        _add(save, offer_line(referentiel, by_id[picked], lang), lang)


def _add_own(plan: Plan, text: str, lang: str, save: Save, prefix: str) -> None:
    """Add the action typed, then empty its field; an empty or repeated one is refused."""
    number = same_label(plan, text)
    if not text.strip():
        st.warning(t("plan.app.own_empty", lang))
    elif number is not None:
        st.warning(t("plan.app.own_duplicate", lang, number=number))
    else:
        try:
            line = new_action(check_text(text, "label"), dt.date.today())
        except DiagnosticError as error:
            st.error(escape_markdown(error.message(lang)))
            return
        _add(save, line, lang, cleared=f"{prefix}-own")


def _add(save: Save, line: PlanAction, lang: str, cleared: str | None = None) -> None:
    """Save a new line and draw the page again, with the field ``cleared`` emptied."""
    try:
        save(line)
    except DiagnosticError as error:
        st.error(escape_markdown(error.message(lang)))
        return
    if cleared is not None:
        st.session_state[f"{cleared}-clear"] = True
    st.rerun()
