"""Questions limited to some territory types: loaded, asked, scored and exported only there."""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import replace
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from diagnostic import UNKNOWN, load_referentiel
from diagnostic.advice.recommend import explain_all, strengths
from diagnostic.advice.scoring import score_sheet
from diagnostic.export.results import referentiel_to_dict
from diagnostic.export.tabular import answer_rows
from diagnostic.export.workshop.data import WorkshopData
from diagnostic.model import (
    DECLINED,
    TERRITORY_TYPES,
    Answer,
    AnswerSheet,
    QuestionId,
    Referentiel,
    TerritoryProfile,
    TerritoryType,
)
from diagnostic.referentiel.scope import for_territory, set_aside
from diagnostic.schema.answers import sheet_from_dict
from diagnostic.settings import PROJECT_DATA
from diagnostic.storage import ParticipantSheet, WorkshopRecord

OK = Path(__file__).resolve().parent.parent / "data" / "ok"
FULL = load_referentiel(PROJECT_DATA)
EPCI: frozenset[TerritoryType] = frozenset({"cc", "ca", "cu", "metropole"})


def limited_copy(tmp_path: Path) -> Referentiel:
    """The miniature référentiel with ``emploi_clauses`` asked of EPCI only."""
    target = tmp_path / "ref"
    shutil.copytree(OK, target)
    lines = (target / "questions.csv").read_text(encoding="utf-8").splitlines()
    lines[0] += ";territory_types"
    lines[1:] = [
        line + (";cc|ca|cu|metropole" if "emploi_clauses;" in line else ";*") for line in lines[1:]
    ]
    (target / "questions.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    actions = (target / "actions.csv").read_text(encoding="utf-8")
    actions = actions.replace("commande_publique;*;", "commande_publique;cc|ca|cu|metropole;")
    actions += (
        "cp_achats;commande_publique;*;;;;;2;Parler des achats;Talk purchasing;;;;"
        "Avec la CRESS.;With the CRESS.\n"
    )
    (target / "actions.csv").write_text(actions, encoding="utf-8")
    return load_referentiel(target)


def sheet(kind: TerritoryType, answers: dict[str, Answer]) -> AnswerSheet:
    return AnswerSheet(
        TerritoryProfile("Test", kind), {QuestionId(q): a for q, a in answers.items()}
    )


def test_the_column_is_read_and_an_empty_cell_means_every_type(tmp_path: Path) -> None:
    ref = limited_copy(tmp_path)
    assert ref.question("emploi_clauses").territory_types == EPCI
    assert ref.question("emploi_chiffres").territory_types == frozenset(TERRITORY_TYPES)
    assert load_referentiel(OK).question("emploi_clauses").territory_types == frozenset(
        TERRITORY_TYPES
    )


def test_a_question_is_not_asked_of_another_type(tmp_path: Path) -> None:
    ref = limited_copy(tmp_path)
    assert "emploi_clauses" not in {q.id for q in for_territory(ref, "pays_petr").questions}
    assert "emploi_clauses" in {q.id for q in for_territory(ref, "ca").questions}
    assert [q.id for q in for_territory(ref, "commune").questions_of("emploi")] == [
        "emploi_priorite",
        "emploi_chiffres",
    ]


def test_a_referentiel_without_limits_is_handed_back_as_it_is() -> None:
    everywhere = frozenset(TERRITORY_TYPES)
    ref = replace(
        FULL, questions=tuple(replace(q, territory_types=everywhere) for q in FULL.questions)
    )
    assert for_territory(ref, "pays_petr") is ref


def test_an_earlier_answer_is_kept_in_the_file_but_not_scored(tmp_path: Path) -> None:
    ref = limited_copy(tmp_path)
    given_before = sheet("pays_petr", {"emploi_clauses": 0, "emploi_chiffres": 1})
    scores = score_sheet(ref, given_before)
    assert scores.total == 4 and scores.answered == 1
    assert all(
        c.question != "emploi_clauses" for lever in scores.levers for c in lever.contributions
    )
    assert set_aside(ref, given_before) == ("emploi_clauses",)
    assert set_aside(ref, replace(given_before, territory=TerritoryProfile("Test", "ca"))) == ()
    assert given_before.answer("emploi_clauses") == 0


def test_the_export_lists_only_the_questions_asked(tmp_path: Path) -> None:
    ref = limited_copy(tmp_path)
    rows = answer_rows(ref, sheet("commune", {"emploi_clauses": 2}), "fr")
    assert [row[1] for row in rows] == [
        "emploi_priorite",
        "emploi_chiffres",
        "innov_priorite",
        "innov_tiers_lieux",
    ]


def test_actions_of_a_question_not_asked_are_not_proposed(tmp_path: Path) -> None:
    ref = limited_copy(tmp_path)
    explained = explain_all(ref, sheet("commune", {"emploi_clauses": 0}))
    proposed = {a.id for r in explained for a in r.actions}
    assert not proposed & {"cp_clauses", "cp_spaser"}


def limits() -> st.SearchStrategy[dict[QuestionId, frozenset[TerritoryType]]]:
    """Some maturity questions of the shipped référentiel, each limited to some types."""
    maturity = [q.id for q in FULL.questions if q.kind == "maturity"]
    types = st.frozensets(st.sampled_from(TERRITORY_TYPES), min_size=1, max_size=5)
    return st.dictionaries(st.sampled_from(maturity), types, max_size=8)


def answers_of(ref: Referentiel) -> st.SearchStrategy[dict[QuestionId, Answer]]:
    items = []
    for question in ref.questions:
        scale = ref.scale(question.scale)
        choice: st.SearchStrategy[Answer | None] = st.one_of(
            st.none(), st.just(UNKNOWN), st.integers(scale.min, scale.max)
        )
        if question.declinable:
            choice = st.one_of(choice, st.just(DECLINED))
        items.append(st.tuples(st.just(question.id), choice))
    return st.tuples(*items).map(lambda pairs: {q: a for q, a in pairs if a is not None})


def limited(ref: Referentiel, chosen: dict[QuestionId, frozenset[TerritoryType]]) -> Referentiel:
    questions = tuple(
        replace(q, territory_types=chosen[q.id]) if q.id in chosen else q for q in ref.questions
    )
    return replace(ref, questions=questions)


@settings(max_examples=40, deadline=None)
@given(limits(), st.sampled_from(TERRITORY_TYPES), answers_of(FULL))
def test_a_limited_question_is_never_asked_nor_scored_for_another_type(
    chosen: dict[QuestionId, frozenset[TerritoryType]],
    kind: TerritoryType,
    answers: dict[QuestionId, Answer],
) -> None:
    ref = limited(FULL, chosen)
    hidden = {q for q, types in chosen.items() if kind not in types}
    the_sheet = AnswerSheet(TerritoryProfile("T", kind), answers)
    asked = {q.id for q in for_territory(ref, kind).questions}
    assert asked == {q.id for q in FULL.questions} - hidden
    scores = score_sheet(ref, the_sheet)
    assert scores.total == len(asked)
    assert scores.answered == sum(1 for q in answers if q in asked)
    counted = {c.question for lever in scores.levers for c in lever.contributions}
    assert not counted & hidden
    assert not set(scores.knowledge_gaps + scores.declined) & hidden
    assert sum(m.total for m in scores.motivations) == len(asked)
    assert not {q for s in strengths(ref, the_sheet, scores) for q in s.questions} & hidden
    assert not {row[1] for row in answer_rows(ref, the_sheet, "fr")} & hidden
    assert set(set_aside(ref, the_sheet)) == hidden & set(answers)


ABOUT_ACTORS = ("ressources_financement_solidaire", "projet_cooperation_acteurs")
NAMED_AS = {
    "cress": "CRESS",
    "france_active": "France Active",
    "tetes_de_reseaux": "têtes de réseaux",
}


def test_questions_about_the_actors_say_so_and_name_who_can_answer() -> None:
    for question_id in ABOUT_ACTORS:
        question = FULL.question(question_id)
        assert question.label.fr.endswith("Cette question porte sur les acteurs du territoire.")
        assert question.label.en.endswith("This question is about the territory’s actors.")
        assert question.who_knows, question_id
        for provider in question.who_knows:
            assert NAMED_AS[provider] in question.help.fr, (question_id, provider)


def test_the_contracting_question_asks_one_thing_and_a_2026_2_answer_carries_over() -> None:
    question = FULL.question("besoins_contractualisation")
    assert ", avec les acteurs de l’ESS," not in question.label.fr
    assert "avec les acteurs de l’ESS" in question.label.fr  # whose projects: theirs
    data = {
        "format": "diagnostic-ess-answers",
        "format_version": 1,
        "referentiel_version": "2026.2",
        "territory": {"name": "CC Test", "type": "cc"},
        "answers": {"besoins_contractualisation": 2},
    }
    sheet = sheet_from_dict(data, FULL)
    assert sheet.answer("besoins_contractualisation") == 2
    assert sheet.upgrade_note is not None
    assert "mode de relation" in sheet.upgrade_note.fr
    assert "relationship" in sheet.upgrade_note.en


def test_the_referentiel_json_says_to_whom_each_question_is_asked(tmp_path: Path) -> None:
    ref = limited_copy(tmp_path)
    questions = {q["id"]: q for q in referentiel_to_dict(ref)["questions"]}
    assert questions["emploi_clauses"]["territory_types"] == ["ca", "cc", "cu", "metropole"]
    assert questions["emploi_chiffres"]["territory_types"] == sorted(TERRITORY_TYPES)


def test_a_workshop_report_counts_only_the_questions_its_territory_is_asked(
    tmp_path: Path,
) -> None:
    ref = limited_copy(tmp_path)
    now = dt.datetime(2026, 12, 1, 10, 0)
    petr = TerritoryProfile("PETR", "pays_petr")
    workshop = WorkshopRecord("ABC123", petr, (), "open", False, now)
    sheets = [
        ParticipantSheet(str(n), None, "elu", sheet("pays_petr", {"emploi_chiffres": 2}), now)
        for n in range(3)
    ]
    data = WorkshopData.build(ref, workshop, sheets)
    assert "emploi_clauses" not in {q.question for q in data.summary.questions}
    assert {p.total for p in data.summary.progress} == {4}
