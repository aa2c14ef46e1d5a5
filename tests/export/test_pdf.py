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
    earlier_sheet,
    fold,
    hostile_sheet,
    mini_sheet,
    pdf_pages,
    sample_sheet,
)
from pypdf import PdfReader

from diagnostic.advice.confidence import assess, describe
from diagnostic.advice.recommend import answer_label, explain_all, strengths, who_knows
from diagnostic.advice.scoring import score_sheet
from diagnostic.export.pdf import to_pdf
from diagnostic.export.pdf_fonts import printable
from diagnostic.i18n import t
from diagnostic.model import AnswerSheet, TerritoryProfile
from diagnostic.typography import format_percent


@pytest.fixture(scope="module")
def sample_pdf() -> bytes:
    return to_pdf(SHIPPED, sample_sheet(), "fr", generated_on=DAY)


@pytest.fixture(scope="module")
def sample_text(sample_pdf: bytes) -> str:
    return body_text(sample_pdf)


def test_cover_names_the_territory_with_its_accents(sample_pdf: bytes) -> None:
    cover = fold(pdf_pages(sample_pdf)[0])
    scores = score_sheet(SHIPPED, sample_sheet())
    assert (scores.answered, len(scores.knowledge_gaps), len(scores.declined)) == (43, 5, 1)
    share = format_percent(100 * scores.answered / scores.total)
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
        f"Version du référentiel {SHIPPED.version}",
        fold(
            f"Questions répondues 43 sur {scores.total} ({share}), dont 5 « je ne sais pas » "
            "et 1 « non pertinent / choix assumé »"
        ),
    ):
        assert fact in cover
    title = PdfReader(io.BytesIO(sample_pdf)).metadata.title
    assert title == "Diagnostic ESS territorial — Communauté de communes du Val d’Œuvre"


def test_summary_gives_a_sentence_per_lever_built_from_the_data() -> None:
    first, second = explain_all(MINI, mini_sheet())
    assert (first.lever.id, first.need, second.lever.id, second.need) == (
        "observation",
        "fort",
        "commande_publique",
        "moyen",
    )
    text = body_text(to_pdf(MINI, mini_sheet(), generated_on=DAY))
    summary = text.split("L’essentiel Ce que le diagnostic fait ressortir, en deux minutes. ")[1]
    assert summary.startswith(
        "Par où commencer "
        f"1. Observation — besoin {round(first.score)}/100, fort. Raison principale : "
        "emplois de l’ESS — « je ne sais pas », à éclaircir. Qui appeler : CRESS, Université. "
        "Première action : réaliser un diagnostic partagé. "
        f"2. Commande publique responsable — besoin {round(second.score)}/100, moyen. "
        "Raison principale : clauses sociales — « Des premières actions ». Qui appeler : CRESS. "
        "Première action : étendre les clauses sociales. "  # under way: the next step
        "Les 2 leviers d’un coup d’œil Rang Levier Besoin Qui appeler "
        f"1 Observation fort ({round(first.score)}/100) CRESS, Université "
        f"2 Commande publique responsable moyen ({round(second.score)}/100) CRESS "
        "Points d’appui • Favoriser l’innovation — maturité 67/100. "
        "À éclaircir Une question a reçu la réponse « je ne sais pas » : "
        "elle est reprise dans « Ce qu’il reste à savoir »."
    )


def test_summary_quotes_the_strongest_answer_of_a_strength(sample_text: str) -> None:
    sheet = sample_sheet()
    (strength,) = strengths(SHIPPED, sheet)
    assert strength.motivation == "besoins_habitants"
    best = SHIPPED.question(strength.questions[0])
    assert sheet.answer(best.id) == 4  # the most advanced answer of that motivation
    answer = answer_label(SHIPPED, best.id, 4, "fr")
    assert (
        fold(
            "Points d’appui • Répondre aux besoins des habitants — maturité "
            f"{round(strength.maturity)}/100, par exemple {best.short_label.fr} : « {answer} »."
        )
        in sample_text
    )


def test_charts_are_followed_by_their_figures(sample_text: str) -> None:
    scores = score_sheet(SHIPPED, sample_sheet())
    radar = sample_text.index("Les motivations : priorité et maturité Pour chaque motivation")
    table = sample_text.index("N° Motivation Priorité Maturité Réponses Je ne sais pas", radar)
    awareness = scores.motivations[0]
    assert (awareness.answered, awareness.total, awareness.unknown) == (8, 8, 1)
    assert (
        "1 Prise de conscience du poids et des dynamiques de l’ESS "
        f"{round(awareness.priority or 0)} {round(awareness.maturity or 0)} 8/8 1"
    ) in sample_text[table:]
    bars = sample_text.index("Les leviers par ordre de besoin Le besoin de chaque levier")
    figures = sample_text.index("Rang Levier Besoin Qui contacter", bars)
    first, second = explain_all(SHIPPED, sample_sheet())[:2]
    assert sample_text[figures:].startswith(
        "Rang Levier Besoin Qui contacter "
        f"1 Observation {round(first.score)} (fort) CRESS, DLA, Universités, Têtes de réseaux "
        f"de l’ESS 2 Commande publique responsable {round(second.score)} (fort) "
        "Facilitateurs des clauses sociales, CRESS"
    )


def test_every_lever_has_its_section_in_rank_order(sample_text: str) -> None:
    sheet = sample_sheet()
    explained = explain_all(SHIPPED, sheet)
    assert [rec.score for rec in explained] == sorted((r.score for r in explained), reverse=True)
    start = sample_text.index("Les leviers, un par un Chaque levier")
    positions = []
    for rec in explained:
        need = t(f"need.{rec.need}", "fr")
        heading = f"Rang {rec.rank} — {rec.lever.label.fr} Besoin : {round(rec.score)}/100, {need}."
        positions.append(sample_text.index(heading, start))
    assert positions == sorted(positions)
    assert [rec.need for rec in explained] == ["fort"] * 3 + ["moyen"] * 2 + ["faible"]
    first = sample_text[positions[0] : positions[1]]
    assert "Pourquoi ce levier • Chiffres de l’ESS du territoire : « je ne sais pas »" in first
    assert "À qui s’adresser • CRESS — Chambre" in first
    assert "Premières actions • Demander à l’observatoire de la CRESS les chiffres" in first


def test_each_action_says_which_answers_it_follows_from(sample_text: str) -> None:
    start = sample_text.index("Les leviers, un par un Chaque levier")
    levers = sample_text[start : sample_text.index("Qui fait quoi", start)]
    followed = 0
    for rec in explain_all(SHIPPED, sample_sheet()):
        for action in rec.actions:
            shorts = ", ".join(SHIPPED.question(q).short_label.fr for q in action.because)
            entry = f"{action.label.fr} {action.detail.fr}"
            if action.because:
                entry += f" (suite à : {shorts})"
                followed += 1
            assert fold(entry) in levers
    assert followed > 0
    assert (
        fold("Réaliser un diagnostic territorial partagé de l’ESS Avec la CRESS, croiser") in levers
    )
    assert "(suite à : chiffres de l’ESS du territoire, repérage des acteurs de l’ESS)" in levers


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
    assert fold(f"{SHIPPED.question('emploi_tzcld').label.fr} Réponse : Non pertinent") in annex
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
        "du levier « Observation » (rang 1, besoin 69/100). "
        "Soutien à la création d’emplois ☐ Connaissez-vous les emplois de l’ESS ? "
        "Chiffres de l’observatoire de la CRESS. Qui peut répondre : CRESS. Méthode"
    )


def test_each_knowledge_gap_says_who_can_answer_it(sample_text: str) -> None:
    start = sample_text.index("Ce qu’il reste à savoir Ces questions")
    gaps = sample_text[start : sample_text.index("Les choix assumés", start)]
    scores = score_sheet(SHIPPED, sample_sheet())
    position = 0
    for question_id in scores.knowledge_gaps:
        question = SHIPPED.question(question_id)
        names = ", ".join(p.name.fr.split(" — ")[0] for p in who_knows(SHIPPED, question_id))
        entry = fold(f"☐ {question.label.fr} {question.help.fr} Qui peut répondre : {names}.")
        position = gaps.index(entry, position)
    assert "Qui peut répondre : Région, CRESS." in gaps  # the SRDEII: its own contacts
    assert "Qui peut répondre : France Active et réseaux de finance solidaire, CRESS." in gaps


def test_declined_subjects_are_choices_not_gaps(sample_text: str) -> None:
    question = SHIPPED.question("emploi_tzcld")
    comment = sample_sheet().comments["emploi_tzcld"]
    start = sample_text.index("Ce qu’il reste à savoir Ces questions")
    choices = sample_text.index("Les choix assumés Ces sujets ont été jugés non pertinents")
    method = sample_text.index("Méthode Chaque motivation", choices)
    assert start < choices
    assert sample_text[choices:method].endswith(
        fold(
            "ils ne pèsent sur aucun levier et restent à rediscuter si la situation change. "
            f"• Démarche TZCLD {question.label.fr} Commentaire : {comment}"
        ).replace("ils ne", "Ils ne")
        + " "
    )
    assert question.label.fr not in sample_text[start:choices]
    levers = sample_text[sample_text.index("Les leviers, un par un") : start]
    assert question.short_label.fr not in levers  # weighs on no lever
    assert "• Les choix assumés • Méthode" in fold(pdf_pages(to_pdf(SHIPPED, sample_sheet()))[0])
    without = body_text(to_pdf(MINI, mini_sheet(), generated_on=DAY))
    assert "Les choix assumés" not in without


def test_summary_page_says_the_need_in_words_and_which_levers_are_neck_and_neck(
    sample_pdf: bytes,
) -> None:
    sheet = sample_sheet()
    scores = score_sheet(SHIPPED, sheet)
    notes = describe(SHIPPED, assess(SHIPPED, scores), "fr")
    assert len(notes) == 1 and "au coude-à-coude" in notes[0]
    summary = fold(pdf_pages(sample_pdf)[1])
    assert summary.startswith("L’essentiel")
    assert "À lire avant le classement" not in summary  # the tie is told next to its levers
    third = summary.index("3. Sensibilisation — besoin")
    tie = summary.index("Les leviers 1, 2 et 3 sont au coude-à-coude")
    assert third < tie < summary.index("Les 6 leviers d’un coup d’œil")
    for rec in explain_all(SHIPPED, sheet)[:3]:
        line = f"{rec.lever.label.fr} — besoin {round(rec.score)}/100, {t(f'need.{rec.need}')}."
        assert line in summary
    assert "Raison principale : clauses sociales d’insertion — « Rien n’est engagé »." in summary
    sure = body_text(to_pdf(MINI, mini_sheet(), generated_on=DAY))
    assert "À lire avant le classement" not in sure


def test_the_officials_ranking_is_on_the_cover_and_the_summary(sample_pdf: bytes) -> None:
    names = [SHIPPED.motivation(m).label.fr for m in sample_sheet().priorities]
    assert len(names) == 3
    cover, summary = (fold(page) for page in pdf_pages(sample_pdf)[:2])
    lowered = [name[0].lower() + name[1:] for name in names]  # no capital after a colon
    ranked = " ".join(f"{n}. {name}" for n, name in enumerate(names, start=1))
    assert f"Motivations classées en tête par les élus {ranked}" in cover
    assert (
        f"Vos élus ont classé en tête, dans l’ordre : {lowered[0]}, {lowered[1]} et {lowered[2]}. "
        "Ces motivations pèsent davantage dans le besoin des leviers. Par où commencer"
    ) in summary
    unranked = fold(pdf_pages(to_pdf(MINI, mini_sheet(), generated_on=DAY))[0])
    assert "Motivations classées en tête par les élus pas de classement" in unranked


def test_answers_carried_over_from_2026_1_say_what_changed() -> None:
    sheet = earlier_sheet()
    assert sheet.upgrade_note is not None
    pages = pdf_pages(to_pdf(SHIPPED, sheet, generated_on=DAY))
    cover, summary = fold(pages[0]), fold(pages[1])
    assert (
        f"Version du référentiel {SHIPPED.version} (réponses saisies avec la version 2026.1)"
        in (cover)
    )
    lines = sheet.upgrade_note.fr.splitlines()
    assert len(lines) > 3 and lines[1].startswith("- ")
    expected = " ".join(f"• {line[2:]}" if line.startswith("- ") else line for line in lines)
    title = "Réponses reprises d’une version précédente"
    upgrade = next(fold(page) for page in pages if fold(page).startswith(title))
    assert upgrade.startswith(fold(f"{title} {expected}"))
    assert summary.startswith("L’essentiel") and "Réponses reprises" not in summary
    assert "• L’essentiel • Réponses reprises d’une version précédente • Les motivations" in cover
    assert "Réponses reprises" not in body_text(to_pdf(SHIPPED, sample_sheet(), generated_on=DAY))


def test_a_diagnostic_without_answers_still_reads() -> None:
    empty = AnswerSheet(TerritoryProfile("Commune de Saint-Gêmes", "commune"))
    text = body_text(to_pdf(MINI, empty, generated_on=DAY))
    assert "Questions répondues 0 sur 5 (0 %), dont 0 « je ne sais pas »" in text
    few = t("confidence.few_answers", answered=0, total=5)
    few = few[0].lower() + few[1:]  # no capital after a colon
    assert fold(f"Par où commencer À lire avant le classement : {few} Aucun levier ne") in text
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
    assert (
        "At a glance What the diagnostic brings out, in two minutes. Your elected officials "
        "ranked first, in order: Supporting job creation, "
    ) in text
    first = explain_all(SHIPPED, sample_sheet())[0]
    assert (
        f"1. Observation — need {round(first.score)}/100, strong. Main reason: the territory’s "
        "social and solidarity economy (SSE) figures — “don't know”, to find out."
    ) in text
    assert f"Rank 1 — Observation Need: {round(first.score)}/100, strong." in text
    assert "(following: the territory’s SSE figures)" in text
    assert "Who can answer: Region, CRESS." in text
    assert "Deliberate choices These subjects were judged not relevant" in text
    assert "Annex — every answer" in text
    assert "L’essentiel" not in text
    assert pdf_pages(pdf)[1].rstrip("\n").endswith(f"Page 2 of {len(pdf_pages(pdf))}")


def test_given_scores_are_used_and_output_is_reproducible() -> None:
    sheet = sample_sheet()
    scores = score_sheet(SHIPPED, sheet)
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
        expected = f"Version du référentiel {SHIPPED.version} (réponses saisies avec la version"
        assert f"{expected} {shown}" in cover
    assert "9" * 100 not in cover  # an absurd version is cut, not laid out over pages
