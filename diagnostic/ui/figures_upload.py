"""Load an observatory's figures file: every problem shown, or what it adds and replaces, asked.

Nothing is written until the user confirms; a file with one problem is never written.
Widget keys, after ``key`` (``figures-upload`` by default): ``<key>`` (the uploader),
``<key>-confirm``, ``<key>-cancel``, ``<key>-template`` (the template's download) and the
container ``<key>-problems`` (the list of a refused file's problems).
"""

from __future__ import annotations

import streamlit as st

from ..errors import DiagnosticError, FiguresError
from ..i18n import t
from ..portfolio.figures import Figure, read_figures, template_csv
from ..portfolio.indicators import shipped_catalogue
from ..storage import Repository
from ..territory.official import official_territories
from ..typography import format_number
from .files import RESULT_SUFFIX, show_result
from .literal import escape_markdown
from .wording import join_words, tn

READ_SUFFIX = "-read"  # (file id, its figures): read once, kept until answered
TEMPLATE_NAME = "modele-chiffres-ess.csv"
SHOWN = 500  # problems listed on the page; the count above says how many there are


def figures_upload(repo: Repository, lang: str, key: str = "figures-upload") -> bool:
    """The uploader and the template; True on the run that imported a file."""
    st.download_button(
        t("observatory.upload.template", lang),
        data=lambda: template_csv(shipped_catalogue()),
        file_name=TEMPLATE_NAME,
        mime="text/csv",
        key=f"{key}-template",
        on_click="ignore",
        icon=":material/download:",
    )
    upload = st.file_uploader(
        t("observatory.upload.label", lang),
        key=key,
        help=t("observatory.upload.help", lang),
    )
    if upload is None:
        st.session_state.pop(key + READ_SUFFIX, None)
        return False
    result = st.session_state.get(key + RESULT_SUFFIX)
    if result is not None and result[0] == upload.file_id:
        show_result(result[1], result[2])
        return False
    read = st.session_state.get(key + READ_SUFFIX)
    if read is None or read[0] != upload.file_id:
        try:
            figures = read_figures(
                upload.getvalue(), upload.name, official_territories(), shipped_catalogue()
            )
        except FiguresError as error:
            _problems(error, lang, key)
            return False
        except DiagnosticError as error:
            _answer(key, upload.file_id, "error", error.message(lang))
            return False
        read = (upload.file_id, figures)
        st.session_state[key + READ_SUFFIX] = read
    return _ask(repo, read[1], lang, key, upload.file_id)


def _problems(error: FiguresError, lang: str, key: str) -> None:
    """Every problem of the file, one line each with its line and column."""
    with st.container(key=f"{key}-problems"):
        st.error(tn("observatory.upload.problems", len(error.problems), lang))
        shown = error.problems[:SHOWN]
        lines = [f"- {escape_markdown(problem.message(lang))}" for problem in shown]
        if len(error.problems) > SHOWN:
            more = counted("observatory.upload.more", len(error.problems) - SHOWN, lang)
            lines.append(f"- {more}")
        st.markdown("\n".join(lines))


def _ask(repo: Repository, figures: tuple[Figure, ...], lang: str, key: str, file_id: str) -> bool:
    try:
        replaced = repo.figures_replaced(figures).replaced
    except DiagnosticError as error:
        _answer(key, file_id, "error", error.message(lang))
        return False
    with st.container(border=True):
        st.markdown(holds_text(figures, lang))
        st.markdown(
            tn("observatory.upload.replaces", replaced, lang)
            if replaced
            else t("observatory.upload.adds_only", lang)
        )
        with st.container(horizontal=True):
            confirm = st.button(
                t("observatory.upload.confirm", lang), key=f"{key}-confirm", type="primary"
            )
            cancel = st.button(t("observatory.upload.cancel", lang), key=f"{key}-cancel")
    if cancel:
        _answer(key, file_id, "info", t("observatory.upload.cancelled", lang))
        st.rerun()
    if not confirm:
        return False
    try:
        done = repo.import_figures(figures)
    except DiagnosticError as error:
        reason = error.message(lang)
        _answer(key, file_id, "error", t("observatory.upload.failed", lang, reason=reason))
        return False
    count = counted("observatory.upload.figures", done.added, lang)
    message = t("observatory.upload.done", lang, figures=count, replaced=done.replaced)
    _answer(key, file_id, "success", message)
    return True


def holds_text(figures: tuple[Figure, ...], lang: str) -> str:
    """« Ce fichier contient 18 chiffres pour 3 territoires, année(s) 2022 et 2023. »"""
    territories = len({figure.territory for figure in figures})
    years = sorted({figure.year for figure in figures})
    return t(
        "observatory.upload.holds",
        lang,
        figures=counted("observatory.upload.figures", len(figures), lang),
        territories=counted("observatory.upload.territories", territories, lang),
        years=join_words([str(year) for year in years], lang),
    )


def counted(key: str, count: int, lang: str) -> str:
    """``key.one`` or ``key.many`` with the count written the language's way (« 1 234 »)."""
    one = count <= 1 if lang != "en" else count == 1
    return t(f"{key}.{'one' if one else 'many'}", lang, count=format_number(count, lang))


def _answer(key: str, file_id: str, kind: str, message: str) -> None:
    """Remember how this file was answered, and say it: once only, whatever the reruns."""
    st.session_state[key + RESULT_SUFFIX] = (file_id, kind, message)
    st.session_state.pop(key + READ_SUFFIX, None)
    show_result(kind, message)
