"""The group report follows the retained answers: PDF and XLSX say which are retained, keep
the raw distribution and the notes beside, list « à creuser », never print a comment."""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from export_support import DAY, MINI, body_text, fold
from openpyxl import load_workbook
from workshop_export_support import EXAMPLE, database_url

from diagnostic.advice.recommend import answer_label
from diagnostic.cli import main
from diagnostic.export.jsonio import from_json, to_json
from diagnostic.export.workshop.data import WorkshopData
from diagnostic.export.workshop.pdf import workshop_pdf
from diagnostic.export.workshop.tabular import workshop_xlsx
from diagnostic.i18n import t
from diagnostic.model import TerritoryProfile
from diagnostic.storage import close_repositories, open_repository
from diagnostic.storage.records import ParticipantSheet, WorkshopRecord
from diagnostic.workshop.discussion import comment_ref
from diagnostic.workshop.retained import Discussion, diagnostic_sheet

NOTE = "retenu après discussion : les clauses existent déjà à la ville-centre"
DIG_NOTE = "voir le bilan de la DDETS"
SECRET = "Commentaire qui nomme Madame Untel"
MINI_DIR = str(Path(__file__).resolve().parent.parent / "data" / "ok")


@dataclass(frozen=True)
class Discussed:
    record: WorkshopRecord
    sheets: list[ParticipantSheet]
    discussion: Discussion


@pytest.fixture(scope="module")
def discussed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Discussed]:
    """The worked example: emploi_clauses retained at 3 with a note, a comment hidden and
    marked, a question marked « à creuser »."""
    repo = open_repository(database_url(tmp_path_factory.mktemp("retained")))
    try:
        workshop, key = repo.create_workshop(TerritoryProfile("Val d’Œuvre", "cc"))
        tokens = []
        for role, pseudonym, answers in EXAMPLE:
            token = repo.join_workshop(workshop.code, role, pseudonym).token
            for question, answer in zip(MINI.questions, answers, strict=True):
                if answer is not None:
                    repo.save_answer(token, question.id, answer)
            tokens.append(token)
        repo.save_comment(tokens[0], "emploi_clauses", SECRET)
        repo.retain_answer(workshop.code, key, MINI, "emploi_clauses", 3, NOTE)
        ref = comment_ref(tokens[0], "emploi_clauses")
        repo.set_comment_hidden(workshop.code, key, "emploi_clauses", ref, True)
        repo.mark_to_dig(workshop.code, key, "emploi_chiffres", None, DIG_NOTE)
        repo.mark_to_dig(workshop.code, key, "emploi_clauses", ref)
        yield Discussed(
            repo.get_workshop(workshop.code),
            repo.group_sheets(workshop.code),
            repo.discussion(workshop.code),
        )
    finally:
        close_repositories()


def test_the_pdf_lists_retained_answers_with_notes_and_raw_distribution(
    discussed: Discussed,
) -> None:
    pdf = workshop_pdf(
        MINI, discussed.record, discussed.sheets, generated_on=DAY, discussion=discussed.discussion
    )
    text = body_text(pdf)
    section = text[text.index(fold(t("discussion.report.title", "fr"))) :]
    assert fold(MINI.question("emploi_clauses").label.fr) in section
    retained = answer_label(MINI, "emploi_clauses", 3, "fr")
    computed = answer_label(MINI, "emploi_clauses", 1, "fr")
    assert fold(retained) in section and fold(computed) in section
    assert fold(NOTE) in fold(section.replace("\n", " "))
    # The raw distribution of the worked example: 0, 0, 1, 1, 2, 3, 3.
    scale = MINI.scale(MINI.question("emploi_clauses").scale)
    assert (
        fold(t("workshop.distribution_item", "fr", count=2, label=scale.label(0, "fr"))) in section
    )
    dig = text[text.index(fold(t("discussion.report.dig_intro", "fr"))[:30]) :]
    assert fold(DIG_NOTE) in dig
    assert fold(t("discussion.report.dig_on_comment", "fr")) in dig
    assert SECRET not in text and "Untel" not in text


def test_without_a_discussion_the_pdf_says_the_group_retained_nothing(
    discussed: Discussed,
) -> None:
    text = body_text(workshop_pdf(MINI, discussed.record, discussed.sheets, generated_on=DAY))
    assert fold(t("discussion.report.none", "fr")) in text
    assert fold(t("discussion.report.dig_title", "fr") + " ") not in text.split("Méthode")[0]


def test_the_xlsx_says_which_answers_are_retained_or_computed(discussed: Discussed) -> None:
    data = workshop_xlsx(MINI, discussed.record, discussed.sheets, discussion=discussed.discussion)
    book = load_workbook(io.BytesIO(data))
    sheet = book[t("discussion.sheet.retained", "fr")]
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    by_id = {row[1]: row for row in rows if row and row[1] in {q.id for q in MINI.questions}}
    clauses = by_id["emploi_clauses"]
    assert clauses[3:6] == [
        answer_label(MINI, "emploi_clauses", 3, "fr"),
        t("discussion.source.retained", "fr"),
        answer_label(MINI, "emploi_clauses", 1, "fr"),
    ]
    assert clauses[7] == NOTE
    assert by_id["emploi_priorite"][4] == t("discussion.source.computed", "fr")
    flat = "\n".join(str(cell) for row in rows for cell in row if cell is not None)
    assert DIG_NOTE in flat and SECRET not in flat
    every = "\n".join(
        str(cell)
        for ws in book.worksheets
        for row in ws.iter_rows(values_only=True)
        for cell in row
    )
    assert "Untel" not in every


def test_the_group_result_of_the_exports_follows_the_retained_answer(
    discussed: Discussed,
) -> None:
    plain = WorkshopData.build(MINI, discussed.record, discussed.sheets)
    kept = WorkshopData.build(MINI, discussed.record, discussed.sheets, discussed.discussion)
    assert plain.group is not None and kept.group is not None
    assert plain.group.answers["emploi_clauses"] == 1
    assert kept.group.answers["emploi_clauses"] == 3
    assert kept.summary.questions == plain.summary.questions  # the raw distribution stays


def test_the_command_line_export_follows_the_retained_answers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url = database_url(tmp_path)
    monkeypatch.setenv("DIAGNOSTIC_DATABASE_URL", url)
    monkeypatch.delenv("DIAGNOSTIC_LANG", raising=False)
    repo = open_repository(url)
    try:
        workshop, key = repo.create_workshop(TerritoryProfile("Val d’Œuvre", "cc"))
        for role, pseudonym, answers in EXAMPLE:
            token = repo.join_workshop(workshop.code, role, pseudonym).token
            for question, answer in zip(MINI.questions, answers, strict=True):
                if answer is not None:
                    repo.save_answer(token, question.id, answer)
        repo.retain_answer(workshop.code, key, MINI, "emploi_clauses", 3, NOTE)
        pdf = tmp_path / "atelier.pdf"
        status = main(["--data", MINI_DIR, "workshop", "export", workshop.code, "--pdf", str(pdf)])
    finally:
        close_repositories()
    assert status == 0, capsys.readouterr().err
    text = body_text(pdf.read_bytes())
    assert fold(t("discussion.report.title", "fr")) in text
    assert fold(NOTE) in fold(text.replace("\n", " "))


def test_the_group_diagnostic_loads_back_as_the_territorys_answers(discussed: Discussed) -> None:
    data = WorkshopData.build(MINI, discussed.record, discussed.sheets, discussed.discussion)
    assert data.diagnostic is not None
    sheet = diagnostic_sheet(data.diagnostic, discussed.record.profile)
    assert sheet is not None
    loaded = from_json(to_json(sheet, MINI), MINI)
    assert dict(loaded.answers) == dict(data.diagnostic.answers)
    assert loaded.answers["emploi_clauses"] == 3
    assert loaded.territory.name == discussed.record.profile.name
