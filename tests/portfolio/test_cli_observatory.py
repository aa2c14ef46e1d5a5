"""``diagnostic-ess observatoire``: a good file imported, a bad one listed line by line, nothing
written; the template written where asked."""

from __future__ import annotations

from pathlib import Path

import pytest

from diagnostic.cli import main
from diagnostic.portfolio.figures import template_csv
from diagnostic.portfolio.indicators import shipped_catalogue
from diagnostic.storage import close_repositories, open_repository

DATA = Path(__file__).resolve().parents[1] / "data" / "figures"
NBSP = "\u00a0"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """The URL of the database the command writes (DIAGNOSTIC_DATABASE_URL)."""
    url = f"sqlite:///{tmp_path}/diagnostic.sqlite3"
    monkeypatch.setenv("DIAGNOSTIC_DATABASE_URL", url)
    monkeypatch.delenv("DIAGNOSTIC_LANG", raising=False)
    yield url
    close_repositories()


def test_a_good_file_is_imported_then_replaced_year_by_year(
    capsys: pytest.CaptureFixture[str], database: str
) -> None:
    code, out, err = run(capsys, "observatoire", "import", str(DATA / "ok.csv"))
    assert (code, err) == (0, "")
    assert out == (
        f"6 chiffres de 2 territoires (2022, 2023) importés{NBSP}; chiffres chargés avant et "
        f"remplacés{NBSP}: 0.\n"
    )
    assert len(open_repository(database).territory_figures("35238")) == 4
    code, out, _ = run(capsys, "--lang", "en", "observatoire", "import", str(DATA / "ok.csv"))
    assert code == 0
    assert out == (
        "6 figures of 2 territories (2022, 2023) imported; figures loaded before and replaced: 6.\n"
    )


def test_a_bad_file_lists_every_problem_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], database: str, tmp_path: Path
) -> None:
    run(capsys, "observatoire", "import", str(DATA / "ok.csv"))
    bad = tmp_path / "chiffres.csv"
    good_lines = (DATA / "ok.csv").read_text(encoding="utf-8-sig").splitlines()
    bad.write_text(
        "\n".join([*good_lines[:3], "35238;salaries;;-5;2023;CRESS", "99999;salaries;;5;;x"]),
        encoding="utf-8",
    )
    before = open_repository(database).territory_figures("35238")
    code, out, err = run(capsys, "observatoire", "import", str(bad))
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        "chiffres.csv, ligne 4, champ « valeur » : valeur négative (-5)",
        f"chiffres.csv, ligne 5, champ « territoire » : «{NBSP}99999{NBSP}» n’est ni le code "
        "INSEE d’une commune ni le SIREN d’un EPCI",
        "chiffres.csv, ligne 5, champ « annee » : année manquante",
        f"Erreur{NBSP}: 3 problèmes dans {bad}{NBSP}: rien n’a été importé",
    ]
    assert open_repository(database).territory_figures("35238") == before


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("absent.csv", f"Erreur{NBSP}: fichier introuvable{NBSP}: absent.csv"),
        (str(DATA), f"Erreur{NBSP}: {DATA} est un dossier, pas un fichier"),
    ],
)
def test_a_file_that_cannot_be_read_is_said_plainly(
    capsys: pytest.CaptureFixture[str], database: str, path: str, message: str
) -> None:
    code, out, err = run(capsys, "observatoire", "import", path)
    assert (code, out, err) == (1, "", message + "\n")


def test_a_file_too_large_is_refused_before_it_is_read_whole(
    capsys: pytest.CaptureFixture[str], database: str, tmp_path: Path
) -> None:
    huge = tmp_path / "enorme.csv"
    with huge.open("wb") as file:
        file.truncate(21_000_000)
    code, _, err = run(capsys, "observatoire", "import", str(huge))
    assert code == 1
    assert err.splitlines()[0] == "enorme.csv : fichier trop gros (plus de 20 Mo)"


def test_the_template_goes_to_a_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "modele.csv"
    code, out, err = run(capsys, "observatoire", "modele", str(target))
    assert (code, err) == (0, "")
    assert out == f"{target} (1{NBSP}ko)\n"
    assert target.read_bytes() == template_csv(shipped_catalogue())


def test_the_template_goes_to_standard_output_by_default(
    capfdbinary: pytest.CaptureFixture[bytes],
) -> None:
    assert main(["observatoire", "modele"]) == 0
    captured = capfdbinary.readouterr()
    assert captured.out == template_csv(shipped_catalogue())
    assert captured.err == "sortie standard (1\u00a0ko)\n".encode()


def test_a_usage_mistake_is_said_in_french(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "observatoire", "import")
    assert code == 2
    assert err == f"Erreur{NBSP}: argument manquant{NBSP}: «{NBSP}FILE{NBSP}».\n"
