"""The PDF report: what an elected official reads, in order, with user text shown literally."""

from __future__ import annotations

import io
import re
from concurrent.futures import ThreadPoolExecutor

import pytest
from export_support import (
    DAY,
    HOSTILE_COMMENTS,
    HOSTILE_NAME,
    LONG_COMMENT,
    MINI,
    SHIPPED,
    body_text,
    fold,
    hostile_sheet,
    mini_sheet,
    pdf_pages,
    sample_sheet,
)
from pypdf import PdfReader

from diagnostic.export.pdf import to_pdf
from diagnostic.export.pdf_styles import printable
from diagnostic.i18n import t
from diagnostic.model import AnswerSheet, TerritoryProfile
from diagnostic.recommend import answer_label, explain_all
from diagnostic.scoring import score_answers


@pytest.fixture(scope="module")
def sample_pdf() -> bytes:
    return to_pdf(SHIPPED, sample_sheet(), "fr", generated_on=DAY)


@pytest.fixture(scope="module")
def sample_text(sample_pdf: bytes) -> str:
    return body_text(sample_pdf)


def test_cover_names_the_territory_with_its_accents(sample_pdf: bytes) -> None:
    cover = fold(pdf_pages(sample_pdf)[0])
    assert cover.startswith(
        "Diagnostic ESS territorial Communauté de communes du Val d’Œuvre Rapport de diagnostic"
    )
    for fact in (
        "Type de territoire Communauté de communes (CC)",
        "Département 54",
        "Population 24 850",
        "Qui a répondu Agent ou technicien de collectivité",
        "Date du diagnostic 20 novembre 2026",
        "Rapport édité le 27 novembre 2026",
        "Version du référentiel 2026.1",
        "Questions répondues 40 sur 42 (95 %), dont 5 « je ne sais pas »",
    ):
        assert fact in cover
    title = PdfReader(io.BytesIO(sample_pdf)).metadata.title
    assert title == "Diagnostic ESS territorial — Communauté de communes du Val d’Œuvre"


def test_summary_gives_a_sentence_per_lever_built_from_the_data() -> None:
    text = body_text(to_pdf(MINI, mini_sheet(), generated_on=DAY))
    summary = text.split("L’essentiel Ce que le diagnostic fait ressortir, en deux minutes. ")[1]
    assert summary.startswith(
        "Par où commencer "
        "1. Commande publique responsable — besoin 67/100 : vous avez répondu "
        "« Des premières actions » à « Vos marchés comportent-ils des clauses sociales ? ». "
        "Contact : CRESS. Première action : Insérer des clauses sociales. "
        "2. Observation — besoin 50/100 : vous avez répondu « je ne sais pas » à "
        "« Connaissez-vous les emplois de l’ESS ? ». Contact : CRESS, Université. "
        "Première action : Réaliser un diagnostic partagé. "
        "Les 2 leviers d’un coup d’œil Rang Levier Besoin Qui contacter "
        "1 Commande publique responsable fort (67/100) CRESS "
        "2 Observation moyen (50/100) CRESS, Université "
        "Points d’appui • Favoriser l’innovation — maturité 67/100. "
        "À éclaircir Une question a reçu la réponse « je ne sais pas » : "
        "elle est reprise dans « Ce qu’il reste à savoir »."
    )


def test_summary_quotes_the_strongest_answer_of_a_strength(sample_text: str) -> None:
    assert (
        "Points d’appui • Répondre aux besoins des habitants — maturité 81/100, par exemple "
        "« Où en est votre collectivité pour aller à l’écoute des besoins de la population "
        "(rencontres, enquêtes, présence sur le terrain) ? » : « Une démarche structurée »."
    ) in sample_text


def test_charts_are_followed_by_their_figures(sample_text: str) -> None:
    radar = sample_text.index("Les motivations : priorité et maturité Pour chaque motivation")
    table = sample_text.index("N° Motivation Priorité Maturité Réponses Je ne sais pas", radar)
    assert (
        "1 Prise de conscience du poids et des dynamiques de l’ESS 83 17 6/6 1"
        in (sample_text[table:])
    )
    bars = sample_text.index("Les leviers par ordre de besoin Le besoin de chaque levier")
    figures = sample_text.index("Rang Levier Besoin Qui contacter", bars)
    assert sample_text[figures:].startswith(
        "Rang Levier Besoin Qui contacter "
        "1 Commande publique responsable 73 Facilitateurs des clauses sociales, CRESS "
        "2 Sensibilisation 61 CRESS, CNFPT, RTES"
    )


def test_every_lever_has_its_section_in_rank_order(sample_text: str) -> None:
    sheet = sample_sheet()
    explained = explain_all(SHIPPED, sheet)
    assert [rec.score for rec in explained] == sorted((r.score for r in explained), reverse=True)
    start = sample_text.index("Les leviers, un par un Chaque levier")
    positions = []
    for rec in explained:
        heading = f"Rang {rec.rank} — {rec.lever.label.fr} Besoin : {round(rec.score)}/100."
        positions.append(sample_text.index(heading, start))
    assert positions == sorted(positions)
    first = sample_text[positions[0] : positions[1]]
    assert "Pourquoi ce levier • « Où en est votre collectivité dans l’inscription" in first
    assert "À qui s’adresser • Facilitateurs des clauses sociales • CRESS — Chambre" in first
    assert "Premières actions • Inscrire des clauses sociales d’insertion" in first


def test_every_question_is_in_the_annex_with_its_answer(sample_text: str) -> None:
    sheet = sample_sheet()
    annex = sample_text[sample_text.index("Annexe — toutes les réponses") :]
    position = 0
    for question in SHIPPED.questions:
        answer = answer_label(SHIPPED, question.id, sheet.answer(question.id), "fr")
        kind = t(f"kind.{question.kind}", "fr")
        entry = fold(f"[{kind}] {question.label.fr} Réponse : {answer}")
        position = annex.index(entry, position)
    assert "Réponse : Sans réponse" in annex
    assert fold("Commentaire : Deux bâtiments vacants en centre-bourg") in annex


def test_typography_extracts_as_typed(sample_text: str) -> None:
    for text in (
        "l’épicerie solidaire",
        "le marché de la piscine (1,2 M€) serait un bon premier essai",
        "les sœurs et frères aidants",
        "service « développement économique »",
    ):
        assert text in sample_text


def test_knowledge_gaps_are_things_to_find_out_pointing_to_observation() -> None:
    text = body_text(to_pdf(MINI, mini_sheet(), generated_on=DAY))
    gaps = text[text.index("Ce qu’il reste à savoir Ces questions") :]
    assert gaps.startswith(
        "Ce qu’il reste à savoir Ces questions ont reçu la réponse « je ne sais pas ». "
        "Ce n’est pas un défaut : c’est la liste des choses à trouver, et le premier travail "
        "du levier « Observation » (rang 2, besoin 50/100). "
        "Pour les éclaircir : CRESS, Université. "
        "Soutien à la création d’emplois ☐ Connaissez-vous les emplois de l’ESS ? "
        "Chiffres de l’observatoire de la CRESS. Méthode"
    )


def test_a_diagnostic_without_answers_still_reads() -> None:
    empty = AnswerSheet(TerritoryProfile("Commune de Saint-Gêmes", "commune"))
    text = body_text(to_pdf(MINI, empty, generated_on=DAY))
    assert "Questions répondues 0 sur 5 (0 %), dont 0 « je ne sais pas »" in text
    assert "Par où commencer Aucun levier ne ressort nettement" in text
    assert "Aucune motivation n’atteint encore une maturité de 60/100" in text
    assert "1 Soutien à la création d’emplois — — 0/3 0" in text
    assert "Aucune réponse ne pousse ce levier pour l’instant." in text


def test_hostile_text_goes_through_intact_and_unformatted() -> None:
    pdf = to_pdf(SHIPPED, hostile_sheet(), generated_on=DAY)
    text = body_text(pdf)
    # the title is set so large that the URL is cut into two lines; the emoji prints as its mark
    assert printable(HOSTILE_NAME).replace(" ", "") in text.replace(" ", "")
    for comment in HOSTILE_COMMENTS:
        assert fold(f"Commentaire : {printable(comment)}") in text
    assert "<b>gras</b> &amp; </para>" in text  # markup shown, not applied
    footer = pdf_pages(pdf)[1].rstrip("\n").split("\n")[-2]
    assert footer == fold(f"Diagnostic ESS territorial — {printable(HOSTILE_NAME)}")


def test_a_long_comment_wraps_over_pages_and_extracts_whole() -> None:
    comments = {q.id: LONG_COMMENT for q in SHIPPED.questions[:3]}
    sheet = sample_sheet()
    sheet = AnswerSheet(sheet.territory, sheet.answers, comments, sheet.referentiel_version)
    text = body_text(to_pdf(SHIPPED, sheet, generated_on=DAY))
    assert text.count(fold(LONG_COMMENT)) == 3


def test_an_unbroken_word_of_five_thousand_letters_is_cut_into_lines() -> None:
    word = "é" * 5000
    pdf = to_pdf(MINI, mini_sheet(emploi_clauses=word, innov_priorite=word), generated_on=DAY)
    assert body_text(pdf).replace(" ", "").count(word) == 2


def test_fonts_are_embedded_dejavu_subsets(sample_pdf: bytes) -> None:
    names = set()
    for page in PdfReader(io.BytesIO(sample_pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            assert "/FontFile2" in font["/FontDescriptor"], font["/BaseFont"]
            assert "/ToUnicode" in font
            names.add(re.sub(r"^/[A-Z]{6}\+", "", font["/BaseFont"]))
    assert names == {"DejaVuSans", "DejaVuSans-Bold"}
    assert len(sample_pdf) < 150_000  # subsets, not two whole 700 kB fonts


def test_pages_are_a4_numbered_with_a_running_footer(sample_pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(sample_pdf))
    total = len(reader.pages)
    assert {(round(p.mediabox.width), round(p.mediabox.height)) for p in reader.pages} == {
        (595, 842)
    }
    pages = pdf_pages(sample_pdf)
    assert "Page" not in pages[0]  # the cover
    for number, page in enumerate(pages[1:], start=2):
        assert page.rstrip("\n").split("\n")[-2:] == [
            "Diagnostic ESS territorial — Communauté de communes du Val d’Œuvre",
            f"Page {number} / {total}",
        ]


def test_english_report() -> None:
    pdf = to_pdf(SHIPPED, sample_sheet(), "en", generated_on=DAY)
    text = body_text(pdf)
    assert "Date of the diagnostic 20 November 2026" in text
    assert "At a glance What the diagnostic brings out, in two minutes. Where to start" in text
    assert "1. Responsible public procurement — need 73/100: you answered “Nothing under way”" in (
        text
    )
    assert "Rank 1 — Responsible public procurement Need: 73/100." in text
    assert "Annex — every answer" in text
    assert "L’essentiel" not in text
    assert pdf_pages(pdf)[1].rstrip("\n").endswith(f"Page 2 of {len(pdf_pages(pdf))}")


def test_given_scores_are_used_and_output_is_reproducible() -> None:
    sheet = sample_sheet()
    scores = score_answers(SHIPPED, sheet.answers)
    first = to_pdf(SHIPPED, sheet, "fr", scores, DAY)
    assert first == to_pdf(SHIPPED, sheet, "fr", None, DAY)
    assert first.startswith(b"%PDF-")


def test_reports_built_in_parallel_threads_are_the_same() -> None:
    sheets = [sample_sheet(), hostile_sheet()]
    alone = [to_pdf(SHIPPED, sheet, generated_on=DAY) for sheet in sheets]
    with ThreadPoolExecutor(4) as pool:
        together = list(pool.map(lambda s: to_pdf(SHIPPED, s, generated_on=DAY), sheets * 3))
    assert together == alone * 3


def test_answers_from_another_referentiel_version_are_flagged_on_the_cover() -> None:
    sheet = sample_sheet()
    for version, shown in (("2025.2", "2025.2"), ("9" * 5000, "9999")):
        other = AnswerSheet(sheet.territory, sheet.answers, sheet.comments, version)
        cover = fold(pdf_pages(to_pdf(SHIPPED, other, generated_on=DAY))[0])
        assert f"Version du référentiel 2026.1 (réponses saisies avec la version {shown}" in cover
    assert "9" * 100 not in cover  # an absurd version is cut, not laid out over pages
