"""« Mes réponses »: what is left to answer, then the participant's own answers and comments.

Only the participant sees this step; nobody else's answers are ever read for it.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from ...advice.recommend import answer_label
from ...i18n import t
from ...model import AnswerSheet, MotivationId
from ..components import unanswered_summary
from ..literal import escape_markdown
from .participation import Participation
from .session import PARTICIPANT_PREFIX

Move = Callable[[Participation, int], None]


def render(participation: Participation, sheet: AnswerSheet, move: Move) -> None:
    """What is left to answer, then the participant's own answers and comments."""
    ctx, lang = participation.ctx, participation.ctx.lang
    referentiel = ctx.referentiel

    def go_to(motivation: MotivationId) -> None:
        move(participation, participation.motivations.index(motivation))

    unanswered_summary(
        referentiel,
        sheet,
        lang,
        go_to=None if participation.closed else go_to,
        motivations=participation.motivations,
        key_prefix=PARTICIPANT_PREFIX,
    )
    st.caption(t("atelier.me.mine_intro", lang))
    columns = [t(f"atelier.me.col.{name}", lang) for name in ("question", "answer", "comment")]
    shown = False
    for motivation in participation.motivations:
        rows = [
            [
                question.label.get(lang),
                answer_label(referentiel, question.id, sheet.answer(question.id), lang),
                escape_markdown(sheet.comments.get(question.id, "")),
            ]
            for question in referentiel.questions_of(motivation)
            if question.id in sheet.answers or question.id in sheet.comments
        ]
        if rows:
            shown = True
            st.markdown(f"**{referentiel.motivation(motivation).label.get(lang)}**")
            st.table(pd.DataFrame(rows, columns=columns), hide_index=True)
    if not shown:
        st.info(t("atelier.me.none", lang))
