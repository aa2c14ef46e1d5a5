"""The territories file and the regional directory: checked at load, bad rows refused."""

from __future__ import annotations

import datetime as dt
import gzip
import json
from pathlib import Path

import pytest

from diagnostic.errors import ReferentielError
from diagnostic.settings import PROJECT_DATA
from diagnostic.territory.contacts import (
    COLUMNS,
    OPTIONAL_COLUMNS,
    SECONDARY_SOURCES,
    SOURCE_KINDS,
    Directory,
    load_directory,
)
from diagnostic.territory.official import TERRITORIES_FILE, load_territories

SHIPPED = PROJECT_DATA / TERRITORIES_FILE
HEADER = ";".join(COLUMNS)


def shipped_data() -> dict:
    return json.loads(gzip.decompress(SHIPPED.read_bytes()))


def write(path: Path, data: object) -> Path:
    path.write_bytes(gzip.compress(json.dumps(data).encode()))
    return path


def test_shipped_file_records_source_and_licence() -> None:
    territories = load_territories(SHIPPED)
    assert territories.millesime == 2026
    assert "@etalab/decoupage-administratif 6.0.0" in territories.source["package"]
    assert "Licence Ouverte" in territories.source["licence"]
    assert "INSEE" in territories.source["producers"]
    assert SHIPPED.stat().st_size < 2_000_000


def test_missing_file_names_it(tmp_path: Path) -> None:
    with pytest.raises(ReferentielError) as caught:
        load_territories(tmp_path / TERRITORIES_FILE)
    assert caught.value.message("fr").endswith(f"{TERRITORIES_FILE}\u00a0: fichier introuvable")


@pytest.mark.parametrize("content", [b"", b"not gzip", gzip.compress(b"{not json")])
def test_unreadable_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / TERRITORIES_FILE
    path.write_bytes(content)
    with pytest.raises(ReferentielError) as caught:
        load_territories(path)
    assert "fichier illisible" in caught.value.message("fr")


def test_wrong_format(tmp_path: Path) -> None:
    data = shipped_data() | {"format": 99}
    with pytest.raises(ReferentielError, match="format inconnu"):
        load_territories(write(tmp_path / "t.json.gz", data))


def test_malformed_value_located(tmp_path: Path) -> None:
    data = shipped_data()
    data["communes"]["population"][41] = "beaucoup"
    with pytest.raises(ReferentielError) as caught:
        load_territories(write(tmp_path / "t.json.gz", data))
    [problem] = caught.value.problems
    assert (problem.row, problem.field) == (42, "communes.population")


def test_uneven_columns(tmp_path: Path) -> None:
    data = shipped_data()
    data["epci"]["name"].pop()
    with pytest.raises(ReferentielError, match="longueurs différentes"):
        load_territories(write(tmp_path / "t.json.gz", data))


def test_unknown_epci_kind(tmp_path: Path) -> None:
    data = shipped_data()
    data["epci"]["kind"][0] = "syndicat"
    with pytest.raises(ReferentielError, match="type d’EPCI inconnu"):
        load_territories(write(tmp_path / "t.json.gz", data))


def test_missing_source(tmp_path: Path) -> None:
    data = shipped_data()
    del data["source"]["licence"]
    with pytest.raises(ReferentielError, match="source"):
        load_territories(write(tmp_path / "t.json.gz", data))


def directory_file(folder: Path, *rows: str, name: str = "contacts.csv") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return folder


def test_shipped_directory_rows_all_have_a_source_and_a_date() -> None:
    directory = load_directory([PROJECT_DATA / "annuaire"])
    assert directory.contacts
    regions = load_territories(SHIPPED).regions
    for contact in directory.contacts:
        assert contact.source.startswith(("https://", "http://")), contact
        if contact.source_kind in SECONDARY_SOURCES and not contact.website:
            pass  # a press article or a network's list that names the body, not its site
        else:
            assert contact.website.startswith(("https://", "http://")), contact
        assert contact.checked <= dt.date.today()
        assert contact.region in regions, contact
        assert contact.source_kind in SOURCE_KINDS, contact
    assert len({contact.key for contact in directory.contacts}) == len(directory.contacts)


def test_a_source_kind_is_one_of_the_documented_kinds(tmp_path: Path) -> None:
    folder = tmp_path / "annuaire"
    folder.mkdir()
    header = ";".join(COLUMNS + OPTIONAL_COLUMNS)
    (folder / "contacts.csv").write_text(
        f"{header}\n{ROW};presse\n{ROW.replace('53;', '11;', 1)};blog\n", encoding="utf-8"
    )
    with pytest.raises(ReferentielError) as caught:
        load_directory([folder])
    [problem] = caught.value.problems
    assert (problem.row, problem.field) == (3, "source_kind")
    assert "officiel, reseau, presse" in problem.message("fr")


ROW = "53;;cress;CRESS Bretagne;https://www.ess-bretagne.org;https://www.ess-bretagne.org/x;2026-01-05"


def mayotte_without_website(tmp_path: Path, kind: str) -> Path:
    """A folder with one chamber row of the given source kind and no website."""
    folder = tmp_path / "annuaire"
    folder.mkdir()
    header = ";".join(COLUMNS + OPTIONAL_COLUMNS)
    row = "06;;cress;CRESS de Mayotte;;https://press.example.org/cress-mayotte;2026-12-06"
    (folder / "contacts.csv").write_text(f"{header}\n{row};{kind}\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize("kind", ["presse", "reseau"])
def test_a_row_named_by_a_secondary_source_may_leave_its_website_empty(
    tmp_path: Path, kind: str
) -> None:
    [contact] = load_directory([mayotte_without_website(tmp_path, kind)]).contacts
    assert (contact.name, contact.website, contact.source_kind) == ("CRESS de Mayotte", "", kind)


@pytest.mark.parametrize("kind", ["officiel", ""])
def test_a_row_on_the_bodys_own_page_or_of_no_kind_needs_its_website(
    tmp_path: Path, kind: str
) -> None:
    with pytest.raises(ReferentielError) as caught:
        load_directory([mayotte_without_website(tmp_path, kind)])
    [problem] = caught.value.problems
    assert (problem.row, problem.field) == (2, "website")
    assert "sans source" in problem.message("fr")


@pytest.mark.parametrize(
    ("row", "field", "words"),
    [
        (
            "53;;cress;CRESS Bretagne;https://www.ess-bretagne.org;;2026-01-05",
            "source",
            "sans source",
        ),
        (
            "53;;cress;CRESS Bretagne;https://www.ess-bretagne.org;https://e.org/a;",
            "checked",
            "manquante",
        ),
        (
            "53;;cress;CRESS Bretagne;https://www.ess-bretagne.org;voir le site;2026-01-05",
            "source",
            "invalide",
        ),
        (
            "53;;cress;CRESS Bretagne;https://www.ess-bretagne.org;https://e.org/a;05/01/2026",
            "checked",
            "invalide",
        ),
        (
            "53;;cress;CRESS Bretagne;https://www.ess-bretagne.org;https://e.org/a;2999-01-01",
            "checked",
            "futur",
        ),
        ("Bretagne;;cress;CRESS;https://e.org;https://e.org/a;2026-01-05", "region", "INSEE"),
        ("53;;mairie;CRESS;https://e.org;https://e.org/a;2026-01-05", "provider", "attendu"),
    ],
)
def test_a_row_without_source_or_date_is_refused(
    tmp_path: Path, row: str, field: str, words: str
) -> None:
    folder = directory_file(tmp_path / "annuaire", ROW.replace("53;", "11;", 1), row)
    with pytest.raises(ReferentielError) as caught:
        load_directory([folder])
    [problem] = caught.value.problems
    assert (problem.file, problem.row, problem.field) == ("contacts.csv", 3, field)
    assert words in problem.message("fr")


def test_every_problem_reported_at_once(tmp_path: Path) -> None:
    folder = directory_file(tmp_path / "a", "53;;cress;;;;", "11;;cress;X;https://e.org;;")
    with pytest.raises(ReferentielError) as caught:
        load_directory([folder])
    fields = [(p.row, p.field) for p in caught.value.problems]
    assert fields == [
        (2, "name"),
        (2, "website"),
        (2, "source"),
        (2, "checked"),
        (3, "source"),
        (3, "checked"),
    ]


def test_duplicate_row_in_one_folder_is_refused(tmp_path: Path) -> None:
    folder = directory_file(tmp_path / "a", ROW)
    directory_file(folder, ROW, name="other.csv")
    with pytest.raises(ReferentielError, match=r"figure déjà dans contacts\.csv"):
        load_directory([folder])


def test_deployment_folder_adds_and_replaces_rows(tmp_path: Path) -> None:
    shipped = directory_file(tmp_path / "shipped", ROW)
    own = directory_file(
        tmp_path / "own",
        "53;;cress;CRESS de Bretagne (antenne);https://a.org;https://a.org/p;2026-02-01",
        "53;35;dla;DLA d’Ille-et-Vilaine;https://d.org;https://d.org/p;2026-02-01",
    )
    directory = load_directory([shipped, own, tmp_path / "absent"])
    contacts = directory.for_territory("53", "35")
    assert [(c.provider, c.name) for c in contacts] == [
        ("cress", "CRESS de Bretagne (antenne)"),
        ("dla", "DLA d’Ille-et-Vilaine"),
    ]
    assert [c.provider for c in directory.for_territory("53", "29")] == ["cress"]
    assert directory.for_territory(None, "35") == ()
    assert Directory().for_territory("53", "35") == ()


def test_every_directory_column_is_documented() -> None:
    dictionary = (PROJECT_DATA / "README.md").read_text(encoding="utf-8")
    section = dictionary.split("## `annuaire/*.csv`", 1)[1].split("\n## ", 1)[0]
    for column in COLUMNS + OPTIONAL_COLUMNS:
        assert f"`{column}`" in section, column
