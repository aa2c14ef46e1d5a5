"""A year of one territory on the results page: redo, compare (with « non pertinent »),
download the comparison, and the earlier diagnostic's plan kept read-only."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io

from app_support import go, new_app, screen
from openpyxl import load_workbook
from pypdf import PdfReader

from diagnostic.advice.scoring import score_sheet
from diagnostic.export.jsonio import to_json
from diagnostic.export.plan.pdf import comparison_pdf
from diagnostic.model import (
    DECLINED,
    UNKNOWN,
    AnswerSheet,
    MotivationId,
    Referentiel,
    TerritoryProfile,
)
from diagnostic.plan.compare import comparison_of
from diagnostic.plan.model import PlanAction
from diagnostic.storage import Repository
from diagnostic.typography import format_number
from diagnostic.ui.plan.comparison import comparison_files
from diagnostic.ui.state import STEP_KEY, TOKEN_KEY, steps

PROFILE_NAME = "Communauté de communes du Saintois"
WHY = "Choix assumé : pas de candidature TZCLD pour l’instant."
RANKING = (MotivationId("emploi"), MotivationId("innovation"))
LINE = PlanAction("a1", "Former les élus à l’ESS", dt.date(2026, 11, 27), status="en_cours")


def year_one(repository: Repository, referentiel: Referentiel) -> str:
    """Every question answered at its scale's middle, TZCLD at its top with a comment,
    a ranking and one plan line."""
    profile = TerritoryProfile(PROFILE_NAME, "cc", departement="54", date=dt.date(2026, 3, 2))
    token = repository.create_diagnostic(profile).token
    answers = {q.id: referentiel.scale(q.scale).values()[1] for q in referentiel.questions}
    answers["emploi_tzcld"] = referentiel.scale("tzcld").values()[-1]
    sheet = AnswerSheet(
        profile, answers, {"emploi_tzcld": WHY}, referentiel.version, RANKING, plan=(LINE,)
    )
    repository.replace_sheet(token, sheet)
    return token


def pdf_text(pdf: bytes) -> str:
    """The PDF's text, white space folded."""
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())


def results(token: str):  # type: ignore[no-untyped-def]
    return go(new_app(token=token).run(), "resultats")


def test_redoing_carries_ranking_and_comments_and_opens_the_first_questions(
    repository: Repository, referentiel: Referentiel
) -> None:
    token = year_one(repository, referentiel)
    at = results(token)
    intro = screen(at)
    for carried in ("classement des motivations", "commentaires", "statut de chaque action"):
        assert carried in intro
    at.radio(key="redo-answers").set_value("prefill").run()
    at.button(key="redo-start").click().run()
    assert not at.exception, at.exception
    later = str(at.session_state[TOKEN_KEY])
    first_questions = [s.kind for s in steps(referentiel)].index("motivation")
    assert at.session_state[STEP_KEY] == first_questions == 1
    sheet = repository.load_sheet(later)
    assert sheet.priorities == RANKING
    assert sheet.comments == {"emploi_tzcld": WHY}
    assert [(a.id, a.status) for a in sheet.plan] == [("a1", "en_cours")]
    assert sheet.previous is not None and sheet.previous.comments == {"emploi_tzcld": WHY}


def test_a_move_to_and_from_not_relevant_is_compared_and_downloadable(
    repository: Repository, referentiel: Referentiel
) -> None:
    token = year_one(repository, referentiel)
    later = repository.rediagnose(token, prefill=True).token
    repository.save_answer(later, "emploi_tzcld", DECLINED)
    repository.save_answer(later, "projet_ptce", DECLINED)
    at = results(later)
    assert not at.exception, at.exception
    assert "Comparaison avec le diagnostic précédent" in [h.value for h in at.header]
    assert "Non pertinent / choix assumé" in screen(at)
    buttons = {button.proto.id: button.proto for button in at.get("download_button")}
    labels = {proto.label for proto in buttons.values()}
    assert {"Comparaison (PDF)", "Comparaison (XLSX)"} <= labels

    # the exported file, brought back on the summary step: the comparison again, no crash
    data = to_json(repository.load_sheet(later), referentiel)
    back = repository.rediagnose(later, prefill=False).token
    repository.save_answer(back, "emploi_tzcld", UNKNOWN)
    loaded = new_app(token=back, step=len(steps(referentiel)) - 1).run()
    go(loaded, "diagnostic")
    loaded.file_uploader(key="import-replace").upload("r.json", data, "application/json").run()
    assert not loaded.exception, loaded.exception
    shown = go(loaded, "resultats")
    assert not shown.exception, shown.exception
    assert "Comparaison avec le diagnostic précédent" in [h.value for h in shown.header]


def test_the_earlier_diagnostic_shows_its_plan_read_only_with_a_way_to_the_latest(
    repository: Repository, referentiel: Referentiel
) -> None:
    token = year_one(repository, referentiel)
    middle = repository.rediagnose(token, prefill=True).token
    latest = repository.rediagnose(middle, prefill=True).token
    at = results(token)
    assert not at.exception, at.exception
    assert "Ce diagnostic a été refait depuis" in screen(at)
    assert not [b for b in at.button if b.key in ("plan-add", "plan-add-own", "redo-start")]
    assert not [t for t in at.text_input if t.key and t.key.startswith("plan-a1-")]
    tables = [d.value for d in at.dataframe]
    assert any(
        LINE.label in table.to_string() and "en cours" in table.to_string() for table in tables
    )
    at.button(key="plan-open-latest").click().run()
    assert not at.exception, at.exception
    assert at.session_state[TOKEN_KEY] == latest
    assert [b for b in at.button if b.key == "redo-start"]
    edited = dataclasses.replace(LINE, status="fait")
    repository.save_plan_action(latest, edited)
    assert repository.load_plan(token) == (LINE,)


def test_the_comparison_downloads_are_the_command_line_builders(
    repository: Repository, referentiel: Referentiel
) -> None:
    token = year_one(repository, referentiel)
    later = repository.rediagnose(token, prefill=True).token
    repository.save_answer(later, "emploi_tzcld", DECLINED)
    sheet = repository.load_sheet(later, referentiel.version)
    comparison = comparison_of(referentiel, sheet)
    assert comparison is not None
    files = comparison_files(referentiel, sheet, comparison, "fr")
    assert sorted(files) == ["pdf", "xlsx"]
    build_pdf, pdf_name = files["pdf"]
    assert pdf_name.endswith("-comparaison.pdf") and pdf_name.startswith("diagnostic-ess-")
    text = pdf_text(build_pdf())
    assert text == pdf_text(comparison_pdf(referentiel, sheet, comparison, "fr"))
    assert "Non pertinent / choix assumé" in text
    build_xlsx, xlsx_name = files["xlsx"]
    assert xlsx_name.endswith("-comparaison.xlsx")
    book = load_workbook(io.BytesIO(build_xlsx()))
    assert book.sheetnames == ["Comparaison", "Feuille de route"]
    cells = {cell for row in book["Comparaison"].iter_rows(values_only=True) for cell in row}
    assert "Non pertinent / choix assumé" in cells


def test_the_comparison_shows_each_side_as_its_own_results_page(
    repository: Repository, referentiel: Referentiel
) -> None:
    token = year_one(repository, referentiel)
    later = repository.rediagnose(token, prefill=True).token
    repository.save_answer(later, "emploi_tzcld", DECLINED)
    repository.save_priorities(later, ["projet_ess"])
    at = results(later)
    assert not at.exception, at.exception
    [table] = [d.value for d in at.dataframe if "Besoin avant" in d.value.columns]
    for side, column in ((token, "Besoin avant"), (later, "Besoin après")):
        scores = score_sheet(referentiel, repository.load_sheet(side, referentiel.version))
        expected = [
            format_number(scores.lever(lever.id).score, "fr") for lever in referentiel.levers
        ]
        assert list(table[column]) == expected
