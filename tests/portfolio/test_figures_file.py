"""The observatory figures file: every defect said on its own line, nothing read from a bad file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from diagnostic.errors import FiguresError, ReferentielError
from diagnostic.portfolio.figures import COLUMNS, Figure, read_figures, template_csv
from diagnostic.portfolio.indicators import load_catalogue, shipped_catalogue
from diagnostic.settings import PROJECT_DATA
from diagnostic.territory.official import official_territories

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "figures"
TODAY = dt.date(2026, 12, 6)
HEADER = ";".join(COLUMNS)
NBSP = "\u00a0"

# One defect per file in tests/data/figures/nok/, and the exact line the user reads.
EXPECTED = {
    "bad_header": [
        "bad_header.csv, ligne 1, champ « colonne 1 » : "
        f"«{NBSP}code{NBSP}» au lieu de «{NBSP}territoire{NBSP}»"
    ],
    "comma_separated": [
        "comma_separated.csv, ligne 1 : les colonnes doivent être séparées par des "
        f"points-virgules{NBSP}: {HEADER}"
    ],
    "duplicate": [
        "duplicate.csv, ligne 3 : même territoire, indicateur, famille et année qu’à la ligne 2"
    ],
    "empty": ["empty.csv : le fichier est vide"],
    "extra_column": [
        f"extra_column.csv, ligne 2 : 7 colonnes au lieu de 6 (un «{NBSP};{NBSP}» de trop{NBSP}?)"
    ],
    "fractional_count": [
        "fractional_count.csv, ligne 2, champ « valeur » : un nombre entier est attendu (12,5)"
    ],
    "future_year": [
        f"future_year.csv, ligne 2, champ « annee » : année «{NBSP}2031{NBSP}» invalide "
        "(de 1990 à 2026)"
    ],
    "header_only": ["header_only.csv : aucune ligne de chiffres"],
    "latin1": [
        f"latin1.csv, ligne 2 : le fichier n’est pas en UTF-8{NBSP}: dans Excel, "
        f"enregistrez-le au format «{NBSP}CSV UTF-8{NBSP}»"
    ],
    "leading_zero_lost": [
        f"leading_zero_lost.csv, ligne 2, champ « territoire » : code «{NBSP}1004{NBSP}» "
        f"inconnu{NBSP}: Excel a-t-il retiré le zéro du début (01004){NBSP}?"
    ],
    "missing_source": ["missing_source.csv, ligne 2, champ « source » : source manquante"],
    "missing_year": ["missing_year.csv, ligne 2, champ « annee » : année manquante"],
    "negative": ["negative.csv, ligne 2, champ « valeur » : valeur négative (-10)"],
    "not_a_number": [
        f"not_a_number.csv, ligne 2, champ « valeur » : «{NBSP}beaucoup{NBSP}» n’est pas un nombre"
    ],
    "share_over_100": [
        f"share_over_100.csv, ligne 2, champ « valeur » : une part ne dépasse pas 100{NBSP}% "
        "(100,5)"
    ],
    "unknown_code": [
        f"unknown_code.csv, ligne 2, champ « territoire » : «{NBSP}35999{NBSP}» n’est ni le "
        "code INSEE d’une commune ni le SIREN d’un EPCI"
    ],
    "unknown_family": [
        f"unknown_family.csv, ligne 2, champ « famille » : famille «{NBSP}scop{NBSP}» inconnue "
        f"(attendu{NBSP}: vide pour toute l’ESS, ou associations, cooperatives, mutuelles, "
        "fondations, societes_commerciales)"
    ],
    "unknown_indicator": [
        f"unknown_indicator.csv, ligne 2, champ « indicateur » : indicateur «{NBSP}emplois{NBSP}» "
        f"inconnu (attendu{NBSP}: etablissements, salaries, part_emploi_prive)"
    ],
}


def read(data: bytes, name: str = "chiffres.csv") -> tuple[Figure, ...]:
    return read_figures(data, name, official_territories(), shipped_catalogue(), TODAY)


def problems_of(data: bytes, name: str = "chiffres.csv") -> list[str]:
    with pytest.raises(FiguresError) as caught:
        read(data, name)
    return [problem.message("fr") for problem in caught.value.problems]


def test_every_defect_has_its_own_file() -> None:
    assert sorted(path.stem for path in (DATA / "nok").glob("*.csv")) == sorted(EXPECTED)


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_each_defect_is_said_in_one_plain_line(case: str) -> None:
    path = DATA / "nok" / f"{case}.csv"
    assert problems_of(path.read_bytes(), path.name) == EXPECTED[case]


def test_a_good_french_excel_file_is_read_whole() -> None:
    figures = read((DATA / "ok.csv").read_bytes())
    assert figures[0] == Figure(
        "35238", "salaries", "", 2023, 12_345, "Observatoire régional de l’ESS, CRESS Bretagne"
    )
    assert [f.value for f in figures] == [12_345, 1_234, 12.3, 9_876, 1_502, 2.5]
    assert figures[4].territory == "243500667"
    assert figures[3].family == "associations"


def test_a_commune_given_by_its_siren_is_kept_under_its_insee_code() -> None:
    rennes_siren = official_territories().search("35238")[0].siren
    figures = read(f"{HEADER}\n{rennes_siren};salaries;;10;2023;CRESS\n".encode())
    assert figures[0].territory == "35238"


def test_every_problem_of_a_file_is_listed_with_its_line_and_the_english_too() -> None:
    data = (
        f"{HEADER}\n35238;salaries;;-1;;\n;;;;;\n35238;inconnu;;10;2023;CRESS\n"
        "35238;salaries;;10;2023;CRESS\n"
    ).encode()
    with pytest.raises(FiguresError) as caught:
        read(data)
    error = caught.value
    assert [(p.row, p.field) for p in error.problems] == [
        (2, "valeur"),
        (2, "annee"),
        (2, "source"),
        (4, "indicateur"),
    ]
    assert error.message("fr").startswith(
        f"Le fichier de chiffres contient 4 problèmes, rien n’a été importé{NBSP}:\n"
    )
    assert error.message("en").splitlines()[1] == (
        "chiffres.csv, row 2, field 'valeur': negative value (-1)"
    )


def test_a_long_list_of_problems_is_cut_in_the_message_but_kept_whole() -> None:
    rows = "".join("99999;salaries;;1;2023;CRESS\n" for _ in range(60))
    with pytest.raises(FiguresError) as caught:
        read(f"{HEADER}\n{rows}".encode())
    assert len(caught.value.problems) == 60
    assert caught.value.message("fr").endswith("… et 10 autres")


def test_the_shipped_template_is_the_one_the_code_writes_and_invents_no_figure() -> None:
    shipped = (PROJECT_DATA / "observatoire" / "modele.csv").read_bytes()
    assert shipped == template_csv(shipped_catalogue())
    messages = problems_of(shipped, "modele.csv")
    assert messages[0] == "modele.csv, ligne 2, champ « territoire » : code manquant"


def test_the_catalogue_says_every_problem_of_its_files(tmp_path: Path) -> None:
    (tmp_path / "indicateurs.csv").write_text(
        "id;kind;label_fr;label_en;unit_one_fr;unit_fr;unit_one_en;unit_en\n"
        "a;ratio;A;A;a;a;a;a\nb;count;;B;b;b;b;b\n",
        encoding="utf-8",
    )
    with pytest.raises(ReferentielError) as caught:
        load_catalogue(tmp_path)
    assert [p.message("fr") for p in caught.value.problems] == [
        "familles.csv : fichier introuvable",
        f"indicateurs.csv, ligne 2, champ « kind » : «{NBSP}ratio{NBSP}»{NBSP}: attendu count "
        "ou share",
        "indicateurs.csv, ligne 3, champ « label_fr » : texte français manquant",
    ]


@given(value=st.integers(min_value=0, max_value=10**9), year=st.integers(1990, 2026))
def test_any_count_written_the_french_way_reads_back(value: int, year: int) -> None:
    written = f"{value:,}".replace(",", "\u202f")
    figures = read(f"{HEADER}\n35238;salaries;;{written};{year};CRESS\n".encode())
    assert figures[0].value == value and figures[0].year == year


@given(share=st.decimals(min_value=0, max_value=100, places=1))
def test_any_share_up_to_100_reads_back_with_a_decimal_comma(share: object) -> None:
    written = str(share).replace(".", ",")
    figures = read(f"{HEADER}\n35238;part_emploi_prive;;{written} %;2023;CRESS\n".encode())
    assert figures[0].value == pytest.approx(float(str(share)))


CODES = ("35238", "243500667", "2A004", "75056", "200046977")
FIGURES = st.builds(
    Figure,
    territory=st.sampled_from(CODES),
    indicator=st.sampled_from(("etablissements", "salaries")),
    family=st.sampled_from(("", "associations", "cooperatives", "fondations")),
    year=st.integers(1990, 2026),
    value=st.integers(0, 10**7).map(float),
    source=st.text(
        st.characters(blacklist_categories=("Cs",), blacklist_characters=';"\r\n'),
        min_size=1,
        max_size=40,
    ).map(lambda text: " ".join(text.split()) or "CRESS"),
)


@given(st.lists(FIGURES, max_size=30, unique_by=lambda figure: figure.key))
def test_any_file_of_distinct_figures_reads_back_exactly(figures: list[Figure]) -> None:
    rows = [HEADER]
    for figure in figures:
        value = f"{figure.value:,.0f}".replace(",", NBSP)
        fields = (figure.territory, figure.indicator, figure.family, value, str(figure.year))
        rows.append(";".join((*fields, figure.source)))
    data = "\r\n".join(rows).encode("utf-8-sig")
    if not figures:
        assert problems_of(data) == ["chiffres.csv : aucune ligne de chiffres"]
        return
    assert read(data) == tuple(figures)
