"""A workshop's spreadsheets: group results, divergences, roles, and anonymised answers."""

from __future__ import annotations

import dataclasses
import hashlib
import io
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from export_support import HOSTILE_COMMENTS, HOSTILE_NAME, MINI
from openpyxl import Workbook, load_workbook
from workshop_export_support import (
    EXAMPLE,
    HOSTILE_PSEUDONYMS,
    TERRITORY,
    StoredWorkshop,
    members_of,
    stored_workshop,
)

from diagnostic.advice.recommend import answer_label
from diagnostic.export.workshop.tabular import workshop_csv, workshop_xlsx
from diagnostic.model import Answer, Role
from diagnostic.typography import french_spacing

MASKED = "masqué"


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Iterator[StoredWorkshop]:
    with stored_workshop(tmp_path_factory.mktemp("example")) as stored:
        yield stored


@pytest.fixture(scope="module")
def book(example: StoredWorkshop) -> Workbook:
    return load_workbook(io.BytesIO(workshop_xlsx(MINI, example.record, example.sheets)))


def read_csv(data: bytes) -> pd.DataFrame:
    return pd.read_csv(
        io.BytesIO(data), sep=";", encoding="utf-8-sig", keep_default_na=False, na_values=[""]
    )


def values(sheet_rows: Iterator[tuple[object, ...]]) -> list[tuple[object, ...]]:
    return [tuple(row) for row in sheet_rows]


def answer_texts(answers: tuple[Answer | None, ...]) -> tuple[str, ...]:
    """One member's answers as the labels the table shows, in question order."""
    return tuple(
        answer_label(MINI, question.id, answer, "fr")
        for question, answer in zip(MINI.questions, answers, strict=True)
    )


def test_csv_has_one_row_per_respondent_and_question(example: StoredWorkshop) -> None:
    frame = read_csv(workshop_csv(MINI, example.record, example.sheets))
    assert list(frame.columns) == [
        "Participant",
        "Rôle",
        "Motivation",
        "Identifiant de la question",
        "Question",
        "Type de question",
        "Niveau de réponse",
        "Réponse",
    ]
    assert len(frame) == len(EXAMPLE) * len(MINI.questions)
    numbers = [f"Participant {n}" for n in range(1, len(EXAMPLE) + 1)]
    assert list(dict.fromkeys(frame["Participant"])) == numbers
    assert list(frame["Identifiant de la question"][:5]) == [q.id for q in MINI.questions]
    # Every member's answers are there, whoever they are.
    rows = frame.groupby("Participant", sort=False)["Réponse"].apply(tuple)
    assert sorted(rows) == sorted(answer_texts(answers) for _, _, answers in EXAMPLE)
    assert frame["Niveau de réponse"].dropna().map(float.is_integer).all()


def test_the_lone_inhabitant_would_be_known_by_elimination_so_every_role_is_masked(
    example: StoredWorkshop,
) -> None:
    frame = read_csv(workshop_csv(MINI, example.record, example.sheets))
    assert set(frame["Rôle"]) == {MASKED}


def test_small_roles_are_masked_when_they_are_three_together(tmp_path: Path) -> None:
    roles: list[Role] = ["habitant", "agent", "elu", "partenaire", "agent", "elu"]
    roles += ["agent", "elu", "autre"]
    with stored_workshop(tmp_path, members_of(*roles)) as stored:
        frame = read_csv(workshop_csv(MINI, stored.record, stored.sheets))
        tokens = {own.token: own.role for own in stored.sheets}
    people = frame.drop_duplicates("Participant")
    assert list(people["Rôle"]) == [
        *["Élu ou élue"] * 3,
        *["Agent ou technicien de collectivité"] * 3,
        *[MASKED] * 3,
    ]
    # Within a role, the order is that of the tokens' hashes, not of arrival.
    expected = sorted(tokens, key=lambda token: hashlib.sha256(token.encode()).hexdigest())
    masked = [token for token in expected if tokens[token] in ("habitant", "partenaire", "autre")]
    assert len(masked) == 3
    answers = {own.token: own.sheet for own in stored.sheets}
    shown = frame[frame["Rôle"] == MASKED]
    for number, token in zip(
        ["Participant 7", "Participant 8", "Participant 9"], masked, strict=True
    ):
        levels = shown[shown["Participant"] == number]["Niveau de réponse"]
        assert list(levels) == [answers[token].answer(q.id) for q in MINI.questions]


def test_roles_of_three_or_more_are_all_shown(tmp_path: Path) -> None:
    with stored_workshop(tmp_path, members_of("agent", "elu", "elu", "agent", "elu", "agent")) as s:
        frame = read_csv(workshop_csv(MINI, s.record, s.sheets))
    people = frame.drop_duplicates("Participant")
    assert list(people["Rôle"]) == ["Élu ou élue"] * 3 + ["Agent ou technicien de collectivité"] * 3


def test_a_hidden_group_exports_no_answer(tmp_path: Path) -> None:
    with stored_workshop(tmp_path, members_of("elu", "elu")) as stored:
        data = workshop_csv(MINI, stored.record, stored.sheets)
        book = load_workbook(io.BytesIO(workshop_xlsx(MINI, stored.record, stored.sheets)))
    assert data.count(b"\r\n") == 1
    assert book["Réponses"].max_row == 3
    hidden = "Résultats du groupe masqués : moins de 3 personnes ont répondu."
    assert book["Synthèse"]["A11"].value == french_spacing(hidden)
    assert book["Leviers (groupe)"]["A1"].value == french_spacing(hidden)
    assert book["À discuter"].max_row == 1


def test_who_joined_without_answering_is_not_a_row(tmp_path: Path) -> None:
    members = [*members_of("elu", "elu", "elu"), ("habitant", "Muet", (None,) * 5)]
    with stored_workshop(tmp_path, members, comments=()) as stored:
        frame = read_csv(workshop_csv(MINI, stored.record, stored.sheets))
    assert list(frame.drop_duplicates("Participant")["Rôle"]) == ["Élu ou élue"] * 3


def test_workbook_sheets(book: Workbook) -> None:
    assert book.sheetnames == [
        "Synthèse",
        "Leviers (groupe)",
        "Motivations (groupe)",
        "À discuter",
        "Réponses retenues",
        "Rôles",
        "Réponses",
    ]


def test_summary_sheet(book: Workbook) -> None:
    summary = book["Synthèse"]
    facts = {row[0]: row[1] for row in summary.iter_rows(min_row=2, max_row=9, values_only=True)}
    assert facts["Territoire"] == TERRITORY
    assert facts["Participants"] == 7 and facts["Répondants"] == 7
    assert facts["Version du référentiel"] == "test.1"
    assert facts["Date de l’atelier"].date().isoformat() == "2026-11-20"
    assert summary["A11"].value == "Leviers par lesquels commencer"
    assert values(summary.iter_rows(min_row=13, max_row=14, max_col=3, values_only=True)) == [
        (1, "Commande publique responsable", 66.7),
        (2, "Observation", 41.7),
    ]
    assert summary["A16"].value == "Points d’appui (maturité)"
    assert summary["A18"].value == "Favoriser l’innovation" and summary["B18"].value == 66.7
    assert summary["A20"].value.startswith(french_spacing("Confidentialité : les participants"))


def test_group_levers_and_motivations(book: Workbook) -> None:
    levers = values(book["Leviers (groupe)"].iter_rows(min_row=2, max_col=3, values_only=True))
    assert levers == [(1, "Commande publique responsable", 66.7), (2, "Observation", 41.7)]
    motivations = book["Motivations (groupe)"]
    assert values(motivations.iter_rows(min_row=2, max_col=3, values_only=True)) == [
        ("Soutien à la création d’emplois", 100.0, 33.3),
        ("Favoriser l’innovation", 50.0, 66.7),
    ]


def test_divergences_sheet(book: Workbook) -> None:
    sheet = book["À discuter"]
    assert [cell.value for cell in sheet[1]][:10] == [
        "N°",
        "Motivation",
        "Identifiant de la question",
        "Question",
        "Réponse du groupe (niveau)",
        "Réponse du groupe",
        "Divergence (0 à 1)",
        "Niveaux donnés",
        french_spacing("« Je ne sais pas »"),
        "Niveau 0 (personnes)",
    ]
    rows = values(sheet.iter_rows(min_row=2, values_only=True))
    assert [row[2] for row in rows] == [
        "emploi_clauses",
        "innov_tiers_lieux",
        "emploi_chiffres",
        "innov_priorite",
        "emploi_priorite",
    ]
    assert rows[0][4:] == (1, "Avis partagés", 0.667, 7, 0, 2, 2, 1, 2)  # split: no one answer
    assert rows[2][7:9] == (4, 3)
    assert rows[4][4:] == (2, "Un enjeu prioritaire", 0.429, 7, 0, 0, 3, 4, None)
    assert sheet["G2"].number_format == "0.000"


def test_roles_sheet(book: Workbook) -> None:
    sheet = book["Rôles"]
    rows = values(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Participants par rôle"
    assert [row[:4] for row in rows[2:5]] == [
        ("Élu ou élue", 3, 3, "présentés"),
        ("Agent ou technicien de collectivité", 3, 3, "présentés"),
        (
            "Habitant ou habitante",
            "moins de 3",
            "moins de 3",
            french_spacing("masqué : moins de 3 répondants"),
        ),
    ]
    assert rows[6][0] == "Valeurs par rôle (sur 100)"
    assert rows[7][:6] == ("Sujet", "Motivation ou levier", "Groupe", "Élus", "Agents", "Habitants")
    assert rows[8][:6] == ("Priorité", "Soutien à la création d’emplois", 100, 100, 50, MASKED)
    assert rows[11][:6] == ("Maturité", "Favoriser l’innovation", 66.7, 100, None, MASKED)
    assert rows[13][:6] == (
        "Besoin du levier",
        "Commande publique responsable",
        66.7,
        83.3,
        8.3,
        MASKED,
    )
    assert rows[15][0] == "Écarts entre rôles (sur 100)"
    assert rows[17] == (
        "Maturité",
        "Soutien à la création d’emplois",
        "Élus",
        "Agents",
        0,
        83.3,
        -83.3,
    )
    assert rows[18] == (
        "Besoin du levier",
        "Commande publique responsable",
        "Élus",
        "Agents",
        83.3,
        8.3,
        75,
    )
    assert len([row for row in rows[17:] if row[0]]) == 5


def test_answers_sheet_carries_the_privacy_note(book: Workbook, example: StoredWorkshop) -> None:
    sheet = book["Réponses"]
    note = sheet["A1"].value
    assert note.startswith(french_spacing("Confidentialité : les participants"))
    assert "le rôle est masqué pour tous" in note
    assert sheet["A3"].value == "Participant" and sheet.freeze_panes == "A4"
    rows = values(sheet.iter_rows(min_row=4, values_only=True))
    frame = read_csv(workshop_csv(MINI, example.record, example.sheets))
    assert [row[:2] for row in rows] == list(zip(frame["Participant"], frame["Rôle"], strict=True))
    assert [row[6] for row in rows] == [
        None if pd.isna(level) else int(level) for level in frame["Niveau de réponse"]
    ]


def test_english_headers(example: StoredWorkshop) -> None:
    data = workshop_csv(MINI, example.record, example.sheets, "en")
    assert data.startswith("\ufeffParticipant;Role;Motivation;Question id;".encode())
    assert b";hidden;" in data
    book = load_workbook(io.BytesIO(workshop_xlsx(MINI, example.record, example.sheets, "en")))
    assert book.sheetnames == [
        "Summary",
        "Levers (group)",
        "Motivations (group)",
        "To discuss",
        "Retained answers",
        "Roles",
        "Answers",
    ]


def test_hostile_texts_never_leak_nor_break(tmp_path: Path) -> None:
    members = [
        (role, pseudonym, answers)
        for (role, _, answers), pseudonym in zip(EXAMPLE, HOSTILE_PSEUDONYMS, strict=True)
    ]
    comments = HOSTILE_COMMENTS[1:]  # the first is also the territory's name
    with stored_workshop(tmp_path, members, HOSTILE_NAME, comments) as stored:
        data = workshop_csv(MINI, stored.record, stored.sheets)
        xlsx = workshop_xlsx(MINI, stored.record, stored.sheets)
        tokens = stored.tokens
    book = load_workbook(io.BytesIO(xlsx))
    assert book["Synthèse"]["B2"].value == "'" + HOSTILE_NAME
    cells = [
        str(cell)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for cell in row
        if cell is not None
    ]
    text = data.decode("utf-8-sig") + "\n".join(cells)
    for secret in (*HOSTILE_PSEUDONYMS, *comments, *tokens):
        assert secret not in text


def test_the_summary_names_the_motivations_not_covered(tmp_path: Path) -> None:
    with stored_workshop(tmp_path, members_of("elu", "elu", "elu"), motivations=["emploi"]) as s:
        book = load_workbook(io.BytesIO(workshop_xlsx(MINI, s.record, s.sheets)))
        whole = load_workbook(
            io.BytesIO(workshop_xlsx(MINI, dataclasses.replace(s.record, motivations=()), []))
        )
    rows = [(row[0].value, row[1].value) for row in book["Synthèse"].iter_rows(max_col=2)]
    assert ("Motivations non couvertes", MINI.motivation("innovation").label.get("fr")) in rows
    labels = [row[0].value for row in whole["Synthèse"].iter_rows(max_col=1)]
    assert "Motivations non couvertes" not in labels
