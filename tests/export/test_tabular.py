"""Spreadsheets: French-Excel CSV that reads back to the same values, XLSX; both formula-safe."""

from __future__ import annotations

import datetime as dt
import io
import math

import pandas as pd
import pytest
from export_support import (
    HOSTILE_COMMENTS,
    HOSTILE_NAME,
    MINI,
    SHIPPED,
    earlier_sheet,
    hostile_sheet,
    mini_sheet,
)
from export_support import sample_sheet as sample
from openpyxl import Workbook, load_workbook

from diagnostic.advice.confidence import assess, describe
from diagnostic.advice.recommend import describe_reason, explain_all, recommend, who_knows
from diagnostic.advice.scoring import score_sheet
from diagnostic.export.tabular import levers_csv, to_csv, to_xlsx
from diagnostic.export.xlsx_cells import write_table, xlsx_text
from diagnostic.model import AnswerSheet, TerritoryProfile
from diagnostic.territory.profile import clean_text
from diagnostic.typography import french_spacing

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def read_french_csv(data: bytes) -> pd.DataFrame:
    return pd.read_csv(
        io.BytesIO(data),
        sep=";",
        encoding="utf-8-sig",
        decimal=",",
        keep_default_na=False,
        na_values=[""],
    )


def guarded(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def test_csv_is_for_french_excel() -> None:
    data = to_csv(SHIPPED, sample())
    assert data.startswith(b"\xef\xbb\xbfMotivation;Identifiant de la question;Question;")
    assert data.count(b"\r\n") == 1 + len(SHIPPED.questions)  # the comment's own line break is LF
    assert data.endswith(b"\r\n")
    assert b";Je ne sais pas;" in data


def test_answers_csv_reads_back_to_the_same_values() -> None:
    sheet = sample()
    frame = read_french_csv(to_csv(SHIPPED, sheet))
    assert list(frame.columns) == [
        "Motivation",
        "Identifiant de la question",
        "Question",
        "Type de question",
        "Niveau de réponse",
        "Réponse",
        "Commentaire",
    ]
    assert list(frame["Identifiant de la question"]) == [q.id for q in SHIPPED.questions]
    for row, question in zip(frame.itertuples(index=False), SHIPPED.questions, strict=True):
        answer = sheet.answer(question.id)
        assert row[0] == SHIPPED.motivation(question.motivation).label.fr
        assert row[2] == question.label.fr
        if not isinstance(answer, int):  # no answer, « je ne sais pas » or declined
            assert math.isnan(row[4])
        else:
            assert row[4] == answer
        comment = sheet.comments.get(question.id)
        assert (row[6] if isinstance(row[6], str) else None) == comment
    labels = dict(zip(frame["Identifiant de la question"], frame["Réponse"], strict=True))
    assert labels["emploi_clauses_insertion"] == "Rien n’est engagé"
    assert labels["poids_connaissance_chiffres"] == "Je ne sais pas"
    assert labels["innovation_evaluation_collegiale"] == "Sans réponse"
    assert labels["emploi_tzcld"] == "Non pertinent / choix assumé"


def test_levers_csv_has_decimal_commas_and_reads_back() -> None:
    sheet = mini_sheet()
    data = levers_csv(MINI, sheet)
    lines = data.decode("utf-8-sig").split("\r\n")
    assert lines[0] == (
        "Rang;Levier;Besoin (0 à 100);Niveau de besoin;Qui contacter;"
        "Pourquoi (réponses qui y ont conduit);"
        "Actions proposées (et réponses dont elles découlent)"
    )
    explained = explain_all(MINI, sheet)
    assert lines[1].startswith('1;Observation;68,8;fort;"CRESS — Chambre régionale de')
    frame = read_french_csv(data)
    assert list(frame["Rang"]) == [1, 2]
    assert list(frame["Besoin (0 à 100)"]) == [round(rec.score, 1) for rec in explained]
    assert list(frame["Niveau de besoin"]) == ["fort", "moyen"]
    assert frame["Qui contacter"][0] == "CRESS — Chambre régionale de l’ESS\nUniversité"
    reasons = [describe_reason(MINI, r, "fr") for r in explained[0].reasons]
    assert frame["Pourquoi (réponses qui y ont conduit)"][0] == "\n".join(reasons)
    points = explained[0].reasons[0].points
    assert reasons[0] == french_spacing(
        f"Emplois de l’ESS : « je ne sais pas » (à éclaircir) (+{points:.1f}\u00a0points)"
    ).replace(".", ",")  # the number is bound to its unit
    actions = frame["Actions proposées (et réponses dont elles découlent)"]
    assert list(actions) == [
        french_spacing("Réaliser un diagnostic partagé (suite à : emplois de l’ESS)"),
        french_spacing("Étendre les clauses sociales (suite à : clauses sociales)"),
    ]


def test_english_headers() -> None:
    assert levers_csv(MINI, mini_sheet(), "en").startswith(
        "\ufeffRank;Lever;Need (0 to 100);Need level;Who to contact;Why (answers that led there);"
        "Proposed actions (and the answers they follow from)\r\n".encode()
    )
    assert to_csv(MINI, mini_sheet(), "en").decode("utf-8-sig").split("\r\n")[1] == (
        "Supporting job creation;emploi_priorite;How much does job creation matter?;"
        "Priority;2;A top priority;"
    )


def test_hostile_comments_are_harmless_in_csv() -> None:
    sheet = hostile_sheet()
    data = to_csv(SHIPPED, sheet)
    frame = read_french_csv(data)
    comments = list(frame["Commentaire"][: len(HOSTILE_COMMENTS)])
    assert comments == [guarded(clean_text(c)) for c in HOSTILE_COMMENTS]
    assert comments[0] == '\'=HYPERLINK("http://exemple.invalid","clic")'
    assert comments[4] == "'-12,5"
    assert comments[6] == "'\tcommence par une tabulation"
    assert b';"\'=HYPERLINK(""http://exemple.invalid"",""clic"")"\r\n' in data


def test_text_that_cannot_be_encoded_is_cleaned_not_fatal() -> None:
    sheet = mini_sheet(emploi_priorite="avant\x00\x07\ud800après\rfin", innov_priorite="=1+1")
    frame = read_french_csv(to_csv(MINI, sheet))
    assert list(frame["Commentaire"][[0, 3]]) == ["avantaprès\nfin", "'=1+1"]
    book = load_workbook(io.BytesIO(to_xlsx(MINI, sheet)))
    assert book["Réponses"]["G2"].value == "avantaprès\nfin"


@pytest.fixture(scope="module")
def workbook() -> Workbook:
    return load_workbook(io.BytesIO(to_xlsx(SHIPPED, sample())))


def test_xlsx_has_its_seven_sheets_with_frozen_headers(workbook: Workbook) -> None:
    assert workbook.sheetnames == [
        "Synthèse",
        "Leviers",
        "Motivations",
        "À éclaircir",
        "Choix assumés",
        "Réponses",
        "Qui appeler",
    ]
    for sheet in workbook.worksheets:
        assert sheet.freeze_panes == "A2"
        assert sheet["A1"].font.bold
    english = load_workbook(io.BytesIO(to_xlsx(SHIPPED, sample(), "en")))
    assert english.sheetnames == [
        "Summary",
        "Levers",
        "Motivations",
        "To find out",
        "Deliberate choices",
        "Answers",
        "Who to call",
    ]
    assert english["Levers"]["C1"].value == "Need (0 to 100)"


def test_xlsx_summary(workbook: Workbook) -> None:
    summary = workbook["Synthèse"]
    facts = {row[0]: row[1] for row in summary.iter_rows(min_row=2, max_row=13, values_only=True)}
    sheet = sample()
    scores = score_sheet(SHIPPED, sheet)
    ranking = [SHIPPED.motivation(m).label.fr for m in sheet.priorities]
    assert facts == {
        "Territoire": "Communauté de communes du Val d’Œuvre",
        "Type de territoire": "Communauté de communes (CC)",
        "Département": "54",
        "Population": 24850,
        "SIREN": None,
        "Qui a répondu": "Agent ou technicien de collectivité",
        "Date du diagnostic": dt.datetime(2026, 11, 20),
        "Version du référentiel": SHIPPED.version,
        "Part des questions répondues": pytest.approx(scores.answered_share),
        french_spacing("Réponses « je ne sais pas »"): 5,
        french_spacing("Réponses « non pertinent / choix assumé »"): 1,
        "Motivations classées en tête par les élus": (
            f"1. {ranking[0]}\n2. {ranking[1]}\n3. {ranking[2]}"
        ),
    }
    assert summary["B10"].number_format == '0" "%'
    (note,) = describe(SHIPPED, assess(SHIPPED, scores), "fr")
    assert "au coude-à-coude" in note
    assert (summary["A15"].value, summary["A16"].value) == ("À lire avant le classement", note)
    assert summary["A18"].value == "Leviers par lesquels commencer"
    assert [c.value for c in summary[19]] == [
        "Rang",
        "Levier",
        "Besoin (0 à 100)",
        "Niveau de besoin",
        "Qui contacter",
    ]
    top = [row for row in summary.iter_rows(min_row=20, max_row=22, values_only=True)]
    expected = recommend(SHIPPED, sheet, scores)
    assert [row[:4] for row in top] == [
        (rec.rank, rec.lever.label.fr, round(rec.score, 1), "fort") for rec in expected
    ]
    assert [rec.lever.id for rec in expected] == [
        "observation",
        "commande_publique",
        "sensibilisation",
    ]
    assert top[1][4].startswith(
        "Facilitateurs des clauses sociales\nCRESS — Chambre régionale de l’économie sociale "
        "et solidaire"
    )
    assert summary["A24"].value == "Points d’appui (maturité)"
    assert summary["A26"].value == "Répondre aux besoins des habitants"


def test_xlsx_lists_what_to_find_out_with_who_can_answer(workbook: Workbook) -> None:
    rows = list(workbook["À éclaircir"].iter_rows(values_only=True))
    assert rows[0] == (
        "Motivation",
        "Identifiant de la question",
        "Question",
        "Qui peut répondre",
        "Commentaire",
    )
    gaps = score_sheet(SHIPPED, sample()).knowledge_gaps
    assert [row[1] for row in rows[1:]] == list(gaps)
    for row in rows[1:]:
        assert row[3] == "\n".join(p.name.fr for p in who_knows(SHIPPED, row[1]))
    by_id = {row[1]: row for row in rows[1:]}
    assert by_id["endogene_srdeii"][3] == (
        "Région — Conseil régional\nCRESS — Chambre régionale de l’économie sociale et solidaire"
    )
    assert by_id["poids_connaissance_chiffres"][4].startswith("Nous n’avons jamais demandé")


def test_xlsx_lists_the_deliberate_choices(workbook: Workbook) -> None:
    rows = list(workbook["Choix assumés"].iter_rows(values_only=True))
    assert rows[0][3] == "Sujet"
    question = SHIPPED.question("emploi_tzcld")
    assert rows[1:] == [
        (
            "Soutien à la création d’emplois",
            "emploi_tzcld",
            question.label.fr,
            "démarche TZCLD",
            sample().comments["emploi_tzcld"],
        )
    ]
    empty = load_workbook(io.BytesIO(to_xlsx(MINI, mini_sheet())))["Choix assumés"]
    assert empty.max_row == 1


def test_xlsx_says_when_answers_were_carried_over() -> None:
    sheet = earlier_sheet()
    assert sheet.upgrade_note is not None
    summary = load_workbook(io.BytesIO(to_xlsx(SHIPPED, sheet)))["Synthèse"]
    values = [row[0] for row in summary.iter_rows(values_only=True)]
    title = values.index("Réponses reprises d’une version précédente")
    assert values[title + 1] == sheet.upgrade_note.fr
    plain = load_workbook(io.BytesIO(to_xlsx(SHIPPED, sample())))["Synthèse"]
    assert "Réponses reprises d’une version précédente" not in [
        row[0] for row in plain.iter_rows(values_only=True)
    ]


def test_xlsx_scores_are_numbers(workbook: Workbook) -> None:
    levers = workbook["Leviers"]
    assert [c.value for c in levers[1]] == [
        "Rang",
        "Levier",
        "Besoin (0 à 100)",
        "Niveau de besoin",
        "Qui contacter",
        "Pourquoi (réponses qui y ont conduit)",
        "Actions proposées (et réponses dont elles découlent)",
    ]
    explained = explain_all(SHIPPED, sample())
    for row, rec in zip(levers.iter_rows(min_row=2), explained, strict=True):
        assert row[0].value == rec.rank
        assert row[1].value == rec.lever.label.fr
        assert row[2].value == round(rec.score, 1)
        assert row[2].data_type == "n" and row[2].number_format == "0.0"
        assert row[3].value == {"fort": "fort", "moyen": "moyen", "faible": "faible"}[rec.need]
        assert row[5].alignment.wrap_text
        assert row[6].value.count("\n") == len(rec.actions) - 1
    assert [row[3] for row in levers.iter_rows(min_row=2, values_only=True)] == (
        ["fort"] * 3 + ["moyen"] * 2 + ["faible"]
    )
    assert levers["G2"].value.startswith(
        french_spacing(
            "Demander à l’observatoire de la CRESS les chiffres de l’ESS du territoire "
            "(suite à : chiffres de l’ESS du territoire)\n"
        )
    )
    motivations = workbook["Motivations"]
    awareness = score_sheet(SHIPPED, sample()).motivations[0]
    assert [c.value for c in motivations[2]] == [
        "Prise de conscience du poids et des dynamiques de l’ESS",
        round(awareness.priority or 0, 1),
        round(awareness.maturity or 0, 1),
        8,
        1,
        8,
    ]
    answers = workbook["Réponses"]
    assert answers.max_row == 1 + len(SHIPPED.questions)
    assert SHIPPED.questions[1].id == "poids_connaissance_chiffres"
    assert [c.value for c in answers[3]][:6] == [
        "Prise de conscience du poids et des dynamiques de l’ESS",
        "poids_connaissance_chiffres",
        SHIPPED.question("poids_connaissance_chiffres").label.fr,
        "Maturité",
        None,
        "Je ne sais pas",
    ]
    assert answers["E2"].value == 3 == sample().answer(SHIPPED.questions[0].id)
    assert answers["E2"].data_type == "n"
    assert answers.column_dimensions["C"].width == 70


def test_hostile_text_is_harmless_in_xlsx() -> None:
    book = load_workbook(io.BytesIO(to_xlsx(SHIPPED, hostile_sheet())))
    assert book["Synthèse"]["B2"].value == "'" + HOSTILE_NAME
    comments = [row[6] for row in book["Réponses"].iter_rows(min_row=2, values_only=True)]
    assert comments[: len(HOSTILE_COMMENTS)] == [guarded(c) for c in HOSTILE_COMMENTS]
    for row in book["Réponses"].iter_rows(min_row=2):
        assert row[6].value is None or row[6].data_type == "s"


def test_xlsx_cells_keep_negative_numbers_and_guard_text() -> None:
    sheet = Workbook().active
    assert sheet is not None
    write_table(sheet, ["=titre", "b"], [[-3.5, "-3.5"], [-2, "@x"]], widths=(10, 10))
    assert sheet["A1"].value == "'=titre"
    assert (sheet["A2"].value, sheet["A2"].data_type) == (-3.5, "n")
    assert (sheet["B2"].value, sheet["B2"].data_type) == ("'-3.5", "s")
    assert (sheet["A3"].value, sheet["B3"].value) == (-2, "'@x")
    assert xlsx_text("x" * 40_000) == "x" * 32_767


def test_an_unanswered_sheet_exports() -> None:
    empty = AnswerSheet(TerritoryProfile("Commune d’Èze", "commune"))
    frame = read_french_csv(to_csv(MINI, empty))
    assert list(frame["Réponse"]) == ["Sans réponse"] * 5
    book = load_workbook(io.BytesIO(to_xlsx(MINI, empty)))
    assert [c.value for c in book["Motivations"][2]] == [
        "Soutien à la création d’emplois",
        None,
        None,
        0,
        0,
        3,
    ]
