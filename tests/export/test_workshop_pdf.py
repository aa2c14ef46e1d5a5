"""The workshop's group report: the worked example of docs/methode.md, page by page, anonymous."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from export_support import (
    DAY,
    HOSTILE_COMMENTS,
    HOSTILE_NAME,
    MINI,
    SHIPPED,
    body_text,
    fold,
    pdf_pages,
)
from pypdf import PdfReader
from workshop_export_support import (
    EXAMPLE,
    HOSTILE_PSEUDONYMS,
    TERRITORY,
    StoredWorkshop,
    members_of,
    stored_workshop,
)

from diagnostic.export.pdf_fonts import printable
from diagnostic.export.workshop.pdf import workshop_pdf
from diagnostic.export.workshop.pdf_sections import DETAILED, gap_sentence
from diagnostic.model import (
    Answer,
    AnswerSheet,
    LeverId,
    MotivationId,
    QuestionId,
    Role,
    TerritoryProfile,
)
from diagnostic.storage import ParticipantSheet, WorkshopRecord
from diagnostic.workshop.groups import RoleGap

NOON = dt.datetime(2026, 11, 20, 12, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Iterator[StoredWorkshop]:
    with stored_workshop(tmp_path_factory.mktemp("example")) as stored:
        yield stored


@pytest.fixture(scope="module")
def pdf(example: StoredWorkshop) -> bytes:
    return workshop_pdf(MINI, example.record, example.sheets, generated_on=DAY)


@pytest.fixture(scope="module")
def text(pdf: bytes) -> str:
    return body_text(pdf)


def after(text: str, marker: str) -> str:
    """The text from ``marker`` on; fails if it is absent."""
    assert marker in text
    return text[text.index(marker) :]


def squeezed(text: str) -> str:
    """The text without any white space, so that a word cut across lines still matches."""
    return re.sub(r"\s+", "", text)


def in_order(text: str, *parts: str) -> bool:
    """Whether every part occurs in ``text``, in this order."""
    position = 0
    for part in parts:
        found = text.find(part, position)
        if found < 0:
            return False
        position = found + len(part)
    return True


def test_cover(pdf: bytes) -> None:
    cover = fold(pdf_pages(pdf)[0])
    assert cover.startswith(f"Diagnostic miniature {TERRITORY} Rapport d’atelier")
    for fact in (
        "Type de territoire Communauté de communes (CC)",
        "Date de l’atelier 20 novembre 2026",
        "Participants 7",
        "Répondants (au moins une réponse) 7",
        "Motivations travaillées toutes (2)",
        "Rapport édité le 27 novembre 2026",
        "Version du référentiel test.1",
    ):
        assert fact in cover
    assert PdfReader(io.BytesIO(pdf)).metadata.title == f"Diagnostic miniature — {TERRITORY}"


def test_summary_gives_the_group_levers_in_rank_order_with_the_answers_behind(text: str) -> None:
    summary = after(text, "L’essentiel de l’atelier Par où commencer ")
    assert summary.startswith(
        "L’essentiel de l’atelier Par où commencer "
        "1. Commande publique responsable — besoin 67/100. Contact : CRESS. "
        "Les réponses du groupe qui y ont conduit : "
        "• Clauses sociales : « Des premières actions » (+33,3 points) "
        "• Création d’emplois : « Un enjeu prioritaire » (+22,2 points) "
        "Première action : Étendre les clauses sociales. "
        "2. Observation — besoin 42/100. Contact : CRESS, Université. "
    )
    assert in_order(
        summary,
        "Points d’appui Motivation Maturité Réponse du groupe la plus avancée "
        "Favoriser l’innovation 67 —",
        "À discuter en priorité "
        "1. « Vos marchés comportent-ils des clauses sociales ? » — divergence 0,67. "
        "Avis partagés. "
        "2. « Des tiers-lieux sont-ils soutenus ? » — divergence 0,67. Avis partagés. "
        "3. « Connaissez-vous les emplois de l’ESS ? » — divergence 0,67. Avis partagés.",
    )


def test_charts_of_the_group_with_their_figures(text: str) -> None:
    assert in_order(
        text,
        "Les motivations : priorité et maturité",
        "1 Soutien à la création d’emplois 100 33 3/3 0 2 Favoriser l’innovation 50 67 2/2 0",
        "Les leviers par ordre de besoin",
        "1 Commande publique responsable 67 (fort) CRESS "
        "2 Observation 42 (moyen) CRESS, Université",
    )


def test_questions_to_discuss_in_order_with_their_distribution(text: str) -> None:
    section = after(text, "Les questions à discuter")
    assert in_order(
        section,
        "1. Vos marchés comportent-ils des clauses sociales ? "
        "Soutien à la création d’emplois — Maturité Personnes "
        "Rien n’est engagé 2 Des premières actions 2 "
        "Une démarche structurée 1 Une démarche consolidée 2 Je ne sais pas 0 "
        "Avis partagés : 2 « Rien n’est engagé », 2 « Des premières actions », "
        "1 « Une démarche structurée », 2 « Une démarche consolidée ». "
        "Divergence 0,67 — 7 niveaux donnés, 0 « je ne sais pas ».",
        "2. Des tiers-lieux sont-ils soutenus ?",
        "Divergence 0,67 — 5 niveaux donnés, 0 « je ne sais pas ».",
        "3. Connaissez-vous les emplois de l’ESS ?",
        "Je ne sais pas 3 Avis partagés : 1 « Rien n’est engagé », 1 « Des premières actions », "
        "1 « Une démarche structurée », 1 « Une démarche consolidée », 3 « Je ne sais pas ». "
        "Divergence 0,67 — 4 niveaux donnés, 3 « je ne sais pas ».",
        "4. Quelle importance a l’innovation sociale ?",
        "— réponse du groupe",
        "Divergence 0,57",
        "5. Quelle importance a la création d’emplois ?",
        "Divergence 0,43",
        "La comparaison par rôle",
    )


def test_roles_are_compared_and_the_lone_inhabitant_is_hidden(text: str) -> None:
    section = after(text, "La comparaison par rôle")
    assert in_order(
        section,
        "Priorité Motivation Groupe Élus Agents "
        "Soutien à la création d’emplois 100 100 50 Favoriser l’innovation 50 100 50",
        "Maturité Motivation Groupe Élus Agents "
        "Soutien à la création d’emplois 33 0 83 Favoriser l’innovation 67 100 —",
        "Besoin du levier Levier Groupe Élus Agents Observation 42 62 33 "
        "Commande publique responsable 67 83 8",
        "Habitant ou habitante : masqué : moins de 3 répondants.",
        "Les plus grands écarts entre rôles "
        "• Les agents jugent la démarche « Soutien à la création d’emplois » plus avancée "
        "que les élus (+83). "
        "• Les élus voient un besoin plus fort que les agents pour le levier "
        "« Commande publique responsable » (+75). "
        "• Les élus jugent la priorité de « Soutien à la création d’emplois » plus haute "
        "que les agents (+50). "
        "• Les élus jugent la priorité de « Favoriser l’innovation » plus haute que les agents "
        "(+50). "
        "• Les élus voient un besoin plus fort que les agents pour le levier « Observation » "
        "(+29).",
    )
    assert "Habitants" not in section.split("Les plus grands écarts")[0]


def test_participants_are_counted_by_role_without_names(text: str) -> None:
    assert in_order(
        after(text, "Les participants"),
        "Rôle Participants Résultats du rôle",
        "Élu ou élue 3 présentés (3 répondants)",
        "Agent ou technicien de collectivité 3 présentés (3 répondants)",
        "Habitant ou habitante moins de 3 masqué : moins de 3 répondants",
        "Ensemble de l’atelier 7 présentés (7 répondants)",
        "Méthode La réponse du groupe à une question est la médiane des niveaux donnés",
        "Confidentialité : le groupe, un rôle ou une question qui compte moins de 3 répondants "
        "est masqué",
        "Référentiel test.1.",
    )


def test_no_pseudonym_token_or_comment_anywhere(pdf: bytes, example: StoredWorkshop) -> None:
    everything = squeezed(" ".join(pdf_pages(pdf)))
    metadata = " ".join(str(value) for value in PdfReader(io.BytesIO(pdf)).metadata.values())
    for secret in [*(name for _, name, _ in EXAMPLE), *example.tokens]:
        assert squeezed(secret) not in everything and secret not in metadata
    for comment in HOSTILE_COMMENTS:
        assert squeezed(comment)[:30] not in everything


def test_pages_are_numbered_with_the_workshop_footer(pdf: bytes) -> None:
    pages = pdf_pages(pdf)
    for number, page in enumerate(pages[1:], start=2):
        lines = page.rstrip("\n").split("\n")
        assert lines[-1] == f"Page {number} / {len(pages)}"
        assert lines[-2] == f"Diagnostic miniature — {TERRITORY} — atelier"


def test_english_report(example: StoredWorkshop) -> None:
    text = body_text(workshop_pdf(MINI, example.record, example.sheets, "en", generated_on=DAY))
    assert in_order(
        text,
        "Workshop report",
        "Date of the workshop 20 November 2026",
        "The workshop at a glance Where to start 1. Responsible public procurement — need 67/100.",
        "Questions to discuss",
        "Comparison by role",
        "Inhabitant: hidden: fewer than 3 respondents.",
        "Elected officials see a greater need than officers do for the “Responsible public "
        "procurement” lever (+75).",
        "The participants",
        "Inhabitant fewer than 3 hidden: fewer than 3 respondents",
        "Method",
    )


def test_the_same_inputs_give_the_same_bytes(example: StoredWorkshop, pdf: bytes) -> None:
    assert workshop_pdf(MINI, example.record, example.sheets, generated_on=DAY) == pdf


def test_a_group_of_two_says_its_results_are_hidden(tmp_path: Path) -> None:
    with stored_workshop(tmp_path, members_of("elu", "elu")) as stored:
        pdf = workshop_pdf(MINI, stored.record, stored.sheets, generated_on=DAY)
    text = body_text(pdf)
    assert in_order(
        text,
        "Dans ce rapport • Résultats masqués • Les participants • Méthode",
        "Résultats masqués Moins de 3 personnes ont répondu à l’atelier (2) : les résultats du "
        "groupe sont masqués, pour que personne ne puisse être reconnu à travers eux.",
        "Élu ou élue moins de 3 masqué : moins de 3 répondants",
        "Ensemble de l’atelier moins de 3 masqué : moins de 3 répondants",
    )
    for shown in ("/100", "Divergence", "Par où commencer", "La comparaison par rôle"):
        assert shown not in text


def test_nobody_has_answered_yet(tmp_path: Path) -> None:
    with stored_workshop(tmp_path, ()) as stored:
        text = body_text(workshop_pdf(MINI, stored.record, [], generated_on=DAY))
    assert "Participants 0 Répondants (au moins une réponse) 0" in text
    assert "Moins de 3 personnes ont répondu à l’atelier (0)" in text


def test_hostile_names_and_pseudonyms(tmp_path: Path) -> None:
    members = [
        (role, pseudonym, answers)
        for (role, _, answers), pseudonym in zip(EXAMPLE, HOSTILE_PSEUDONYMS, strict=True)
    ]
    with stored_workshop(tmp_path, members, HOSTILE_NAME) as stored:
        pdf = workshop_pdf(MINI, stored.record, stored.sheets, generated_on=DAY)
    cover = squeezed(pdf_pages(pdf)[0])
    # the title is so large that the URL is cut; the emoji prints as its mark
    assert squeezed(printable(HOSTILE_NAME)) in cover
    everything = squeezed(" ".join(pdf_pages(pdf)))
    for pseudonym in HOSTILE_PSEUDONYMS:
        assert squeezed(pseudonym) not in everything


def test_chosen_motivations_are_named_on_the_cover_and_the_others_as_not_covered(
    tmp_path: Path,
) -> None:
    with stored_workshop(tmp_path, EXAMPLE, motivations=["innovation"]) as stored:
        pdf = workshop_pdf(MINI, stored.record, stored.sheets, generated_on=DAY)
        every = workshop_pdf(MINI, dataclasses.replace(stored.record, motivations=()), [])
    assert (
        "Motivations travaillées Favoriser l’innovation "
        "Motivations non couvertes Soutien à la création d’emplois Rapport"
    ) in fold(pdf_pages(pdf)[0])
    assert "Motivations non couvertes" not in fold(pdf_pages(every)[0])


def test_beyond_ten_questions_the_others_are_listed_in_a_table() -> None:
    roles: list[Role] = ["elu", "agent"] * 3
    sheets = [spread_sheet(index, role) for index, role in enumerate(roles)]
    record = WorkshopRecord("ABCDEF", sheets[0].sheet.territory, (), "open", False, NOON)
    text = body_text(workshop_pdf(SHIPPED, record, sheets, generated_on=DAY))
    section = after(text, "Les questions à discuter")
    assert f"{DETAILED}. " in section
    assert in_order(
        section,
        "Les autres questions où les avis divergent N° Question Réponse du groupe Divergence "
        f"Je ne sais pas {DETAILED + 1} ",
        "La comparaison par rôle",
    )


def spread_sheet(index: int, role: Role) -> ParticipantSheet:
    """A participant answering every shipped question at the bottom or at the top of its scale."""
    answers: dict[QuestionId, Answer] = {}
    for question in SHIPPED.questions:
        scale = SHIPPED.scale(question.scale)
        answers[question.id] = scale.max if index % 2 else scale.min
    sheet = AnswerSheet(TerritoryProfile("Commune d’Essai", "commune"), answers)
    return ParticipantSheet(f"token-{index:02d}-{'x' * 20}", f"P{index}", role, sheet, NOON)


def test_gap_sentences_read_from_the_higher_role() -> None:
    gap = RoleGap("maturity", MotivationId("emploi"), "elu", "agent", 0.0, 83.3)
    assert fold(gap_sentence(MINI, gap, "fr")) == (
        "Les agents jugent la démarche « Soutien à la création d’emplois » plus avancée "
        "que les élus (+83)."
    )
    lever = RoleGap("lever", LeverId("observation"), "habitant", "acteur_ess", 40.0, 10.0)
    assert gap_sentence(MINI, lever, "en") == (
        "Inhabitants see a greater need than SSE actors do for the “Observation” lever (+30)."
    )


def test_a_group_in_agreement_with_a_single_role_to_show(tmp_path: Path) -> None:
    same: tuple[Answer | None, ...] = (2, 1, 1, 1, 2)
    roles: list[Role] = ["elu", "agent", "elu", "agent", "elu"]
    with stored_workshop(tmp_path, [(role, f"P{i}", same) for i, role in enumerate(roles)]) as s:
        text = body_text(workshop_pdf(MINI, s.record, s.sheets, generated_on=DAY))
    agreement = (
        "Le groupe donne la même réponse à chaque question assez répondue : rien ne diverge."
    )
    assert text.count(agreement) == 2  # in the summary and in the section
    assert in_order(
        text,
        "Priorité Motivation Groupe Élus Soutien à la création d’emplois 100 100",
        "Agent ou technicien de collectivité : masqué : moins de 3 répondants.",
        "Les plus grands écarts entre rôles Il faut au moins deux rôles de 3 répondants ou plus "
        "pour comparer : aucun écart n’est calculé.",
    )


def test_who_to_call_for_the_group_levers_is_in_the_report_and_its_contents(
    pdf: bytes, text: str
) -> None:
    assert "Qui appeler" in fold(pdf_pages(pdf)[0])  # listed in the contents
    pages = [fold(page) for page in pdf_pages(pdf)]
    section = next(page for page in pages[1:] if page.startswith("Qui appeler"))
    # the bodies the group's first levers name, each with the levers it serves
    assert "CRESS" in section and "Commande publique responsable" in section
