"""Files in and out: the answers file (download and load back) and the report downloads."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Sequence

import streamlit as st
from streamlit.runtime.uploaded_file_manager import UploadedFile

from ..advice.scoring import Scores
from ..errors import AnswersError, DiagnosticError
from ..export.jsonio import from_json, to_json
from ..export.pdf import to_pdf
from ..export.tabular import levers_csv, to_csv, to_xlsx
from ..i18n import t
from ..model import AnswerSheet, Referentiel
from ..portfolio.observatory import TerritoryFigures
from ..territory.contacts import Contact
from .literal import escape_markdown
from .wording import tn

LoadSheet = Callable[[AnswerSheet], None]
RESULT_SUFFIX = "-result"
MIME = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv",
    "levers-csv": "text/csv",
}


def file_stem(sheet: AnswerSheet) -> str:
    """A safe file name stem: ``diagnostic-ess-<territory>-<date>`` in plain ASCII."""
    folded = unicodedata.normalize("NFKD", sheet.territory.name).encode("ascii", "ignore")
    slug = re.sub(r"[^a-z0-9]+", "-", folded.decode().lower()).strip("-")[:40].strip("-")
    day = (sheet.territory.date or dt.date.today()).isoformat()
    return "-".join(part for part in ("diagnostic-ess", slug, day) if part)


def answers_download(
    referentiel: Referentiel, sheet: AnswerSheet, lang: str, key: str = "download-json"
) -> None:
    """The answers file, to keep a copy or to load it back later."""
    st.download_button(
        t("app.files.json", lang),
        data=to_json(sheet, referentiel),
        file_name=f"{file_stem(sheet)}.json",
        mime="application/json",
        key=key,
        on_click="ignore",
        icon=":material/download:",
    )


def report_downloads(
    referentiel: Referentiel,
    sheet: AnswerSheet,
    scores: Scores,
    lang: str,
    key_prefix: str = "",
    figures: TerritoryFigures | None = None,
    directory_edits: Sequence[Contact] = (),
) -> None:
    """The PDF report, the workbook, CSV tables and the answers file; built only when clicked.

    ``figures`` and ``directory_edits`` (the région's directory rows edited in the app) are
    handed to the PDF and the workbook as they are.

    Keys: ``download-pdf``, ``download-xlsx``, ``download-csv``, ``download-levers-csv``
    and ``download-json``, after ``key_prefix``.
    """
    stem = file_stem(sheet)
    pdf, xlsx, json = st.columns(3)
    with pdf:
        _download(
            "pdf",
            lambda: to_pdf(
                referentiel, sheet, lang, scores, figures=figures, directory_edits=directory_edits
            ),
            f"{stem}.pdf",
            lang,
            key_prefix,
        )
    with xlsx:
        _download(
            "xlsx",
            lambda: to_xlsx(
                referentiel, sheet, lang, scores, figures=figures, directory_edits=directory_edits
            ),
            f"{stem}.xlsx",
            lang,
            key_prefix,
        )
    with json:
        answers_download(referentiel, sheet, lang, key=f"{key_prefix}download-json")
    with st.expander(t("app.files.more", lang)):
        _download(
            "csv",
            lambda: to_csv(referentiel, sheet, lang, scores),
            f"{stem}-reponses.csv",
            lang,
            key_prefix,
        )
        _download(
            "levers-csv",
            lambda: levers_csv(referentiel, sheet, lang, scores),
            f"{stem}-leviers.csv",
            lang,
            key_prefix,
        )


def _download(
    kind: str, build: Callable[[], bytes], file_name: str, lang: str, key_prefix: str
) -> None:
    st.download_button(
        t(f"app.files.{kind}", lang),
        data=build,
        file_name=file_name,
        mime=MIME[kind],
        key=f"{key_prefix}download-{kind}",
        on_click="ignore",
        type="primary" if kind == "pdf" else "secondary",
        icon=":material/download:",
    )


def answers_upload(
    referentiel: Referentiel, lang: str, load: LoadSheet, key: str, label: str
) -> bool:
    """Load an answers file once; a bad file gets a plain message and changes nothing.

    The file is read in the page's run rather than in an ``on_change`` callback, which
    Streamlit may skip when clicks follow each other fast (see pending). Returns True on
    the run that loaded it: the caller reruns or leaves so the page shows the new answers.
    """
    upload = st.file_uploader(label, key=key)
    if upload is None:
        return False
    result = st.session_state.get(key + RESULT_SUFFIX)
    if result is not None and result[0] == upload.file_id:
        show_result(result[1], result[2])
        return False
    loaded = False
    try:
        sheet = from_json(uploaded_json(upload, lang), referentiel)
        load(sheet)
    except DiagnosticError as error:
        kind, message = "error", t("app.files.import_failed", lang, reason=error.message(lang))
    else:
        kind, message = "success", tn("app.files.imported", len(sheet.answers), lang)
        loaded = True
    st.session_state[key + RESULT_SUFFIX] = (upload.file_id, kind, message)
    show_result(kind, message)
    return loaded


def uploaded_json(upload: UploadedFile, lang: str) -> bytes:
    """The bytes of an uploaded answers file; AnswersError, in words, if it is no ``.json``.

    The uploader accepts any file so that this message, not the browser's English
    tooltip, says what went wrong.
    """
    if not upload.name.lower().endswith(".json"):
        raise AnswersError(
            t("app.files.not_json", "fr", name=upload.name),
            t("app.files.not_json", "en", name=upload.name),
        )
    return upload.getvalue()


def show_result(kind: str, message: str) -> None:
    """A file's outcome, its text shown literally."""
    {"error": st.error, "info": st.info}.get(kind, st.success)(escape_markdown(message))
