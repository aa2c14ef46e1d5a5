"""The territory's ESS figures in the PDF (with year and source) and the XLSX (as numbers)."""

from __future__ import annotations

import io

from export_support import DAY, SHIPPED, body_text, fold, pdf_pages, sample_sheet
from openpyxl import load_workbook

from diagnostic.export.pdf import to_pdf
from diagnostic.export.tabular import to_xlsx
from diagnostic.portfolio.figures import Figure
from diagnostic.portfolio.observatory import Observatory, TerritoryFigures, observatory_of

SOURCE = "Observatoire régional de l’ESS, CRESS Grand Est"
INSEE = "CRESS, d’après INSEE Flores"
ESTABLISHMENTS = "Établissements employeurs de l’ESS"
FIGURES = TerritoryFigures(
    "200069813",
    (
        Figure("200069813", "salaries", "", 2023, 1_234, SOURCE),
        Figure("200069813", "part_emploi_prive", "", 2023, 12.3, SOURCE),
        Figure("200069813", "etablissements", "", 2022, 87, "CRESS, d’après INSEE Flores"),
        Figure("200069813", "salaries", "associations", 2023, 901, SOURCE),
    ),
    Observatory("CRESS Grand Est", "https://www.cress-grandest.org"),
)
NONE = TerritoryFigures("200069813", (), observatory_of("54"))


def test_the_pdf_gives_each_figure_with_its_year_and_source_on_the_summary_page() -> None:
    pdf = to_pdf(SHIPPED, sample_sheet(), "fr", generated_on=DAY, figures=FIGURES)
    text = body_text(pdf)
    section = text[text.index("L’ESS sur votre territoire") :]
    assert "Salariés de l’ESS Toute l’ESS 1 234 salariés 2023" in section
    assert "Part de l’ESS dans l’emploi privé Toute l’ESS 12,3 % de l’emploi privé 2023" in section
    assert "87 établissements employeurs 2022 CRESS, d’après INSEE Flores" in section
    assert "Salariés de l’ESS Associations 901 salariés 2023" in section
    assert SOURCE in fold(section)
    summary = fold(pdf_pages(pdf)[1])  # « L’essentiel » holds on the second page
    assert summary.startswith("L’essentiel")
    assert "Ce n’est pas une note. L’ESS sur votre territoire Les chiffres" in summary
    assert "12,3 % de l’emploi privé 2023 " + SOURCE + " Les motivations" in text  # before


def test_the_pdf_without_figures_says_where_to_get_them_and_gives_no_number() -> None:
    assert NONE.observatory is not None
    text = body_text(to_pdf(SHIPPED, sample_sheet(), "fr", generated_on=DAY, figures=NONE))
    section = text[text.index("L’ESS sur votre territoire") :]
    assert section.startswith(
        "L’ESS sur votre territoire Les chiffres de l’ESS de ce territoire ne sont pas chargés "
        f"dans l’outil. L’observatoire de la {NONE.observatory.name} les publie "
        f"({NONE.observatory.website})"
    )
    assert "salariés" not in section[:400]


def test_the_pdf_without_a_lookup_has_no_such_section() -> None:
    text = body_text(to_pdf(SHIPPED, sample_sheet(), "fr", generated_on=DAY))
    assert "L’ESS sur votre territoire" not in text


def test_the_pdf_in_english() -> None:
    text = body_text(to_pdf(SHIPPED, sample_sheet(), "en", generated_on=DAY, figures=FIGURES))
    assert "ESS employees Whole ESS 1,234 employees 2023" in text
    assert "12.3% of private employment" in text


def test_the_workbook_holds_the_figures_as_numbers() -> None:
    book = load_workbook(io.BytesIO(to_xlsx(SHIPPED, sample_sheet(), "fr", figures=FIGURES)))
    sheet = book["ESS du territoire"]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0] == ["Indicateur", "Famille", "Valeur", "Unité", "Année", "Source"]
    assert rows[1:] == [
        [ESTABLISHMENTS, "Toute l’ESS", 87, "établissements employeurs", 2022, INSEE],
        ["Salariés de l’ESS", "Toute l’ESS", 1234, "salariés", 2023, SOURCE],
        ["Salariés de l’ESS", "Associations", 901, "salariés", 2023, SOURCE],
        ["Part de l’ESS dans l’emploi privé", "Toute l’ESS", 12.3, "%", 2023, SOURCE],
    ]
    assert sheet["C2"].number_format == "#,##0" and sheet["C5"].number_format == "0.0"


def test_the_workbook_without_figures_says_where_to_get_them() -> None:
    book = load_workbook(io.BytesIO(to_xlsx(SHIPPED, sample_sheet(), "fr", figures=NONE)))
    text = book["ESS du territoire"]["A1"].value
    assert text.startswith("Les chiffres de l’ESS de ce territoire ne sont pas chargés")
    assert book["ESS du territoire"].max_row == 1
    assert "ESS du territoire" not in load_workbook(io.BytesIO(to_xlsx(SHIPPED, sample_sheet())))


def test_a_chamber_known_without_its_website_is_named_without_a_link() -> None:
    mayotte = TerritoryFigures("200059871", (), observatory_of("976"))
    assert mayotte.observatory is not None and mayotte.observatory.website == ""
    text = body_text(to_pdf(SHIPPED, sample_sheet(), "fr", generated_on=DAY, figures=mayotte))
    section = text[text.index("L’ESS sur votre territoire") :]
    assert section.startswith(
        "L’ESS sur votre territoire Les chiffres de l’ESS de ce territoire ne sont pas chargés "
        "dans l’outil. L’observatoire de la CRESS de Mayotte les publie ; la CRESS"
    )
    assert "()" not in section[:300]
