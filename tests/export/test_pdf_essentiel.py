"""Page 2 of the report, « L’essentiel »: read in two minutes, and on one page."""

from __future__ import annotations

import io
import json
import re
import shutil
from dataclasses import replace
from functools import cache
from pathlib import Path

import pytest
from export_support import DAY, SHIPPED, fold, pdf_pages
from hypothesis import given
from hypothesis import strategies as st
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import KeepInFrame

from diagnostic.advice.confidence import assess
from diagnostic.advice.recommend import recommend
from diagnostic.advice.scoring import score_sheet
from diagnostic.export.page_words import PageWords, call_first, lower_initial
from diagnostic.export.pdf import to_pdf
from diagnostic.export.pdf_essentiel import TITLE_ROOM, summary_section
from diagnostic.export.pdf_layout import CONTENT_HEIGHT, CONTENT_WIDTH
from diagnostic.export.pdf_sections import ReportData
from diagnostic.i18n import t
from diagnostic.model import CALL_ORDER, Provider
from diagnostic.referentiel.load import validate_referentiel
from diagnostic.schema.answers import sheet_from_dict

PERSONAS = Path(__file__).resolve().parents[1] / "personas"
MINI_DIR = Path(__file__).resolve().parents[1] / "data" / "ok"
# Varied territories: a PETR, an overseas CA, a métropole, a commune nouvelle, a CU, a mature one.
NAMES = (
    "petr_alimentation_scic",
    "ca_la_reunion",
    "metropole_agents_non_formes",
    "commune_nouvelle_sans_agent",
    "cu_achats_sans_cartographie",
    "territoire_mature",
    "nsp_partout",
)
FOOTER = re.compile(r"\n?[^\n]*\n(Page|page) \d+ (/|of) \d+\s*$")
ACRONYM = re.compile(r"(?<!\w)([A-ZÀ-Ý]{2,})s?(?!\w)")


def sheet_of(name: str):  # type: ignore[no-untyped-def]
    raw = json.loads((PERSONAS / f"{name}.json").read_text(encoding="utf-8"))
    return sheet_from_dict(raw, SHIPPED)


@cache
def pages_of(name: str, lang: str) -> tuple[str, ...]:
    """Each page's text without its running footer."""
    pdf = to_pdf(SHIPPED, sheet_of(name), lang, generated_on=DAY)
    return tuple(FOOTER.sub("", page) for page in pdf_pages(pdf))


def summary(name: str, lang: str) -> str:
    return fold(pages_of(name, lang)[1])


def test_call_first_keeps_three_bodies_in_the_order_of_their_kind() -> None:
    lever = SHIPPED.lever("structuration")
    providers = [SHIPPED.provider(p) for p in lever.providers]
    assert len(providers) > 3
    first = call_first(SHIPPED, providers)
    assert len(first) == 3 and first[0].id == "cress"
    ranks = [CALL_ORDER.index(SHIPPED.provider_kinds[p.id]) for p in first]
    assert ranks == sorted(ranks)
    others = [p for p in providers if p not in first]
    assert all(CALL_ORDER.index(SHIPPED.provider_kinds[p.id]) >= ranks[-1] for p in others)
    assert call_first(SHIPPED, providers[:2]) == tuple(
        sorted(providers[:2], key=lambda p: CALL_ORDER.index(SHIPPED.provider_kinds[p.id]))
    )


def test_every_shipped_provider_has_a_kind_to_be_called_in_order() -> None:
    assert {p.id for p in SHIPPED.providers} == set(SHIPPED.provider_kinds)
    assert set(SHIPPED.provider_kinds.values()) <= set(CALL_ORDER)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_page_2_names_at_most_three_bodies_per_lever_and_the_table_further_on_all(
    lang: str,
) -> None:
    sheet = sheet_of("petr_alimentation_scic")
    top = recommend(SHIPPED, sheet, score_sheet(SHIPPED, sheet))
    page = summary("petr_alimentation_scic", lang)
    rest = fold(" ".join(pages_of("petr_alimentation_scic", lang)[2:]))
    crowded = [rec for rec in top if len(rec.providers) > 3]
    assert crowded
    title = fold(t("report.summary.all_levers", lang, count=len(SHIPPED.levers)))
    overview = page[page.index(title) :]
    for rec in crowded:
        label = rec.lever.label.get(lang)
        start = overview.index(f"{rec.rank} {label} ")
        after = re.search(rf" {rec.rank + 1} | {t('report.summary.strengths', lang)}", overview)
        row = overview[start : after.start() if after else None]
        first = call_first(SHIPPED, rec.providers)
        places = [row.index(provider.name.get(lang).split(" — ")[0]) for provider in first]
        assert places == sorted(places)
        for provider in rec.providers:
            name = provider.name.get(lang).split(" — ")[0]
            assert (name in row) == (provider in first), (name, row)
            assert name in rest
    assert page.count(t("essentiel.call", lang)) == len(top) + 1  # each lever, and the table


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_tie_warning_stands_next_to_the_levers_it_concerns(lang: str) -> None:
    sheet = sheet_of("petr_alimentation_scic")
    scores = score_sheet(SHIPPED, sheet)
    groups = assess(SHIPPED, scores).close_groups
    assert groups
    page = summary("petr_alimentation_scic", lang)
    note = page.index(t("essentiel.tie_end", lang))
    overview = page.index(fold(t("report.summary.all_levers", lang, count=len(SHIPPED.levers))))
    top = recommend(SHIPPED, sheet, scores)
    last = max(i for i, rec in enumerate(top, start=1) if rec.lever.id in groups[0])
    assert page.index(f"{last}. {top[last - 1].lever.label.get(lang)}") < note < overview
    if last < len(top):
        assert note < page.index(f"{last + 1}. {top[last].lever.label.get(lang)}")
    assert t("report.summary.confidence", lang) not in page


@pytest.mark.parametrize("name", NAMES)
def test_no_capital_after_a_colon_on_the_french_page_2(name: str) -> None:
    page = summary(name, "fr")
    for match in re.finditer(r"\S :\s(«\s)?(\S+)", page):
        word = match.group(2)
        if match.group(1):  # a quoted answer: the référentiel's own sentence
            continue
        assert not word[:1].isupper() or ACRONYM.match(word), (word, match.group(0))


def test_lower_initial_leaves_acronyms_and_proper_names() -> None:
    assert lower_initial("Mener l’étude", "fr") == "mener l’étude"
    assert lower_initial("SCIC à étudier", "fr") == "SCIC à étudier"
    assert lower_initial("France Travail", "fr") == "France Travail"
    assert lower_initial("Mener l’étude", "en") == "Mener l’étude"


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("name", NAMES)
def test_every_acronym_on_page_2_is_written_out_at_its_first_use(name: str, lang: str) -> None:
    page = summary(name, lang)
    known = {a.short: a.expansion.get(lang) for a in SHIPPED.acronyms}
    seen = set()
    for match in ACRONYM.finditer(page):
        acronym = match.group(1)
        if acronym in seen:
            continue
        seen.add(acronym)
        assert known.get(acronym), f"{acronym} missing from data/acronymes.csv"
        start = match.start()
        assert page[start - 1 : start] == "(", (acronym, page[start - 80 : start + 20])
        written_out = [
            short
            for short, expansion in known.items()
            if page.startswith(short, start)
            and expansion
            and page[:start].casefold().endswith(f"{fold(expansion).casefold()} (")
        ]
        assert written_out, (acronym, page[start - 80 : start + 20])


def test_page_words_expand_an_acronym_once_and_a_longer_name_first() -> None:
    words = PageWords(SHIPPED, "fr")
    assert words.expand("Une SCIC, puis une SCIC") == (
        "Une société coopérative d’intérêt collectif (SCIC), puis une SCIC"
    )
    assert words.expand("ESS France et l’ESS") == (
        "chambre française de l’économie sociale et solidaire (ESS France) et "
        "l’économie sociale et solidaire (ESS)"
    )
    assert words.expand("l’ESS") == "l’ESS"
    assert (
        PageWords(SHIPPED, "en")
        .expand("SSE and ESS France")
        .startswith("social and solidarity economy (SSE)")
    )


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("name", NAMES)
def test_l_essentiel_fits_its_page(name: str, lang: str) -> None:
    pages = pages_of(name, lang)
    assert fold(pages[1]).startswith(t("report.summary.title", lang))
    assert fold(pages[1]).endswith(fold(t("report.summary.reading", lang)))
    following = fold(pages[2])
    assert len(following) > 400, following  # not a nearly blank page
    assert t("report.summary.strengths", lang) not in following


def _copy_mini(tmp_path: Path) -> Path:
    folder = tmp_path / "ref"
    shutil.copytree(MINI_DIR, folder)
    return folder


def test_a_wrong_acronym_or_kind_row_is_reported_with_its_file_row_and_field(
    tmp_path: Path,
) -> None:
    folder = _copy_mini(tmp_path)
    (folder / "acronymes.csv").write_text(
        "acronym;expansion_fr;expansion_en\nScic;société;society\nDLA;;\nDLA;x;y\nDLA;a;b\n",
        encoding="utf-8",
    )
    (folder / "provider_kinds.csv").write_text(
        "provider;kind\ncress;chambre\ninconnu;service_public\n", encoding="utf-8"
    )
    found = {(p.file, p.row, p.field): p.message_fr for p in validate_referentiel(folder)}
    assert "au moins deux capitales" in found[("acronymes.csv", 2, "acronym")]
    assert "aucune forme développée" in found[("acronymes.csv", 3, "expansion_fr / expansion_en")]
    assert "en double" in found[("acronymes.csv", 5, "acronym")]
    assert "attendu chambre_regionale" in found[("provider_kinds.csv", 2, "kind")]
    assert "acteur inconnu" in found[("provider_kinds.csv", 3, "provider")]
    assert len(found) == 5


def test_the_miniature_without_the_optional_files_still_loads(tmp_path: Path) -> None:
    assert validate_referentiel(_copy_mini(tmp_path)) == []


@pytest.mark.parametrize("name", NAMES)
def test_l_essentiel_is_held_on_its_page_without_shrinking_much(name: str) -> None:
    sheet = sheet_of(name)
    data = ReportData.build(SHIPPED, sheet, score_sheet(SHIPPED, sheet), "fr", DAY)
    (held,) = [part for part in summary_section(data) if isinstance(part, KeepInFrame)]
    held.wrapOn(Canvas(io.BytesIO()), CONTENT_WIDTH, CONTENT_HEIGHT - TITLE_ROOM)
    assert getattr(held, "_scale", 1.0) <= 1.16  # 86 % of the size at least; set only on shrinking


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("name", NAMES)
def test_the_need_shown_and_its_word_agree_on_page_2(name: str, lang: str) -> None:
    words = {t(f"need.{need}", lang): need for need in ("fort", "moyen", "faible")}
    pattern = "|".join(words)
    page = summary(name, lang)
    found = re.findall(rf"(\d+)/100, ({pattern})\.", page)
    found += [(score, word) for word, score in re.findall(rf"({pattern}) \((\d+)/100\)", page)]
    assert len(found) >= len(SHIPPED.levers)
    rules = SHIPPED.rules
    for score, word in found:
        value = int(score)
        expected = "fort" if value >= rules.need_strong else "faible"
        if rules.need_medium <= value < rules.need_strong:
            expected = "moyen"
        assert words[word] == expected, (score, word)


def test_a_tie_among_levers_not_proposed_to_start_with_is_still_told() -> None:
    sheet = sheet_of("petr_alimentation_scic")
    data = ReportData.build(SHIPPED, sheet, score_sheet(SHIPPED, sheet), "fr", DAY)
    group = tuple(rec.lever.id for rec in data.explained[-2:])
    assessment = replace(data.assessment, close_groups=(group,))
    story = summary_section(replace(data, assessment=assessment, top=()))
    (held,) = [part for part in story if isinstance(part, KeepInFrame)]
    texts = [part.getPlainText() for part in held._content if hasattr(part, "getPlainText")]
    ranks = [str(rec.rank) for rec in data.explained[-2:]]
    assert any(text.startswith(f"Les leviers {ranks[0]} et {ranks[1]} sont au") for text in texts)


@given(st.lists(st.sampled_from(SHIPPED.providers), unique=True, max_size=10))
def test_call_first_is_a_stable_sort_by_kind_cut_at_three(providers: list[Provider]) -> None:
    first = call_first(SHIPPED, providers)
    assert len(first) == min(3, len(providers))
    rank = {p.id: CALL_ORDER.index(SHIPPED.provider_kinds[p.id]) for p in providers}
    expected = sorted(providers, key=lambda p: rank[p.id])[:3]  # sorted() is stable
    assert list(first) == expected


@given(
    st.lists(st.sampled_from([a.short for a in SHIPPED.acronyms] + ["la", "et", "l’"]), max_size=12)
)
def test_each_acronym_is_written_out_once_and_only_at_its_first_use(words: list[str]) -> None:
    expansions = {a.short: a.expansion.fr for a in SHIPPED.acronyms if a.expansion.fr}
    text = PageWords(SHIPPED, "fr").expand(" ".join(words))
    for short, expansion in expansions.items():
        count = text.count(f"{expansion} ({short})")
        assert count == (1 if short in words else 0), (short, text)
