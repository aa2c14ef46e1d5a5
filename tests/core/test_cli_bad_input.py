"""Bad input on the command line: one plain line, a non-zero exit, nothing half-written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from diagnostic.cli import main
from diagnostic.referentiel.load import load_referentiel

ROOT = Path(__file__).resolve().parent.parent.parent
MINI = ROOT / "tests" / "data" / "ok"
QUESTION = load_referentiel(MINI).questions[0].id
GOOD = {"territory": {"name": "Commune d’essai", "type": "commune"}, "answers": {}}


def text(value: object) -> bytes:
    return json.dumps(value).encode()


def with_territory(**fields: object) -> bytes:
    return text({**GOOD, "territory": {**GOOD["territory"], **fields}})  # type: ignore[dict-item]


BAD_FILES: dict[str, tuple[bytes, str]] = {
    "too-large": (b" " * 2_100_000, "Le fichier dépasse 2 Mo"),
    "deep-valid": (b"[" * 50 + b"]" * 50, "imbrique des objets ou des listes sur plus de 8"),
    "deep-unclosed": (b"[" * 100_000, "imbrique des objets ou des listes"),
    "deep-objects": (b'{"a":' * 3000 + b"1" + b"}" * 3000, "imbrique des objets"),
    "huge-integer": (
        b'{"territory": {"name": "X", "type": "cc", "population": ' + b"9" * 5000 + b"}}",
        "un nombre de 5000 chiffres",
    ),
    "long-integer": (with_territory(population=10**20), "un nombre de 21 chiffres"),
    "negative-huge": (b'{"answers": {"x": -' + b"1" * 4400 + b"}}", "un nombre de 4400 chiffres"),
    "nan": (b'{"territory": {"name": "X", "type": "cc", "population": NaN}}', "« NaN »"),
    "infinity": (b'{"answers": {"x": Infinity}}', "« Infinity »"),
    "minus-infinity": (b'{"answers": {"x": -Infinity}}', "« -Infinity »"),
    "overflowing-float": (b'{"answers": {"x": 1e999}}', "« 1e999 »"),
    "duplicate-top": (b'{"answers": {}, "answers": {}}', "La clé « answers » apparaît deux fois"),
    "duplicate-name": (
        b'{"territory": {"name": "A", "name": "B", "type": "cc"}, "answers": {}}',
        "La clé « name » apparaît deux fois",
    ),
    "duplicate-answer": (
        f'{{"territory": {{"name": "A", "type": "cc"}}, "answers": {{"{QUESTION}": 1, '
        f'"{QUESTION}": 2}}}}'.encode(),
        f"La clé « {QUESTION} » apparaît deux fois",
    ),
    "not-utf8": (b'{"territory": {"name": "\xe9"}}', "n’est pas encodé en UTF-8"),
    "long-comment": (
        text({**GOOD, "comments": {QUESTION: "x" * 20_000}}),
        "dépasse 10000 caractères",
    ),
    "long-name": (with_territory(name="n" * 301), "le nom dépasse 300 caractères"),
    "not-an-object": (b"[1, 2]", "Le fichier doit contenir un objet JSON"),
}


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["--data", str(MINI), *args])
    out, err = capsys.readouterr()
    return code, out, err.replace("\u00a0", " ")


def one_line(err: str) -> None:
    assert err.count("\n") == 1 and "Traceback" not in err, err


@pytest.mark.parametrize("name", BAD_FILES)
def test_a_bad_answers_file_is_one_plain_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str
) -> None:
    content, expected = BAD_FILES[name]
    answers = tmp_path / "in.json"
    answers.write_bytes(content)
    code, out, err = run(capsys, "report", str(answers), "--pdf", str(tmp_path / "r.pdf"))
    assert (code, out) == (1, "")
    one_line(err)
    assert expected in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.json"]


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_an_endless_file_is_read_no_further_than_the_limit(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _, err = run(capsys, "score", "/dev/zero")
    assert code == 1
    one_line(err)
    assert "Le fichier dépasse 2 Mo" in err


def test_a_folder_or_a_missing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    for target, expected in ((tmp_path, "est un dossier"), (tmp_path / "x", "introuvable")):
        code, _, err = run(capsys, "score", str(target))
        assert code == 1 and expected in err
        one_line(err)


def test_invisible_controls_never_reach_the_outputs(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    hidden = "\u202e\u2066\u200b\u2069"
    answers = tmp_path / "in.json"
    answers.write_bytes(
        text(
            {
                "territory": {"name": f"Val{hidden} d’Essai", "type": "cc"},
                "answers": {},
                "comments": {QUESTION: f"avis{hidden} partagé"},
            }
        )
    )
    out_json, out_csv = tmp_path / "out.json", tmp_path / "out.csv"
    code, _, err = run(
        capsys, "report", str(answers), "--json", str(out_json), "--csv", str(out_csv)
    )
    assert (code, err) == (0, "")
    for path in (out_json, out_csv):
        written = path.read_bytes().decode("utf-8-sig")
        assert not any(char in written for char in hidden), path
    assert json.loads(out_json.read_bytes())["comments"][QUESTION] == "avis partagé"


@pytest.fixture
def answers_file(tmp_path: Path) -> Path:
    path = tmp_path / "in.json"
    path.write_bytes(text(GOOD))
    return path


@pytest.mark.parametrize("second", ["same.pdf", "./same.pdf", "sub/../same.pdf"])
def test_the_same_file_for_two_outputs_is_refused(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    answers_file: Path,
    second: str,
) -> None:
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "report", str(answers_file), "--pdf", "same.pdf", "--csv", second)
    assert (code, out) == (2, "")
    one_line(err)
    assert "--pdf et --csv désignent le même fichier" in err
    assert not (tmp_path / "same.pdf").exists()


def test_a_failing_output_leaves_every_output_as_it_was(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, answers_file: Path
) -> None:
    first = tmp_path / "rapport.pdf"
    first.write_bytes(b"the previous report")
    code, out, err = run(
        capsys,
        "report",
        str(answers_file),
        *("--pdf", str(first), "--csv", str(tmp_path / "missing" / "r.csv")),
    )
    assert (code, out) == (1, "")
    one_line(err)
    assert "écriture impossible dans" in err
    assert first.read_bytes() == b"the previous report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.json", "rapport.pdf"]


def test_an_output_that_is_a_folder(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, answers_file: Path
) -> None:
    (tmp_path / "dossier.pdf").mkdir()
    code, _, err = run(capsys, "report", str(answers_file), "--pdf", str(tmp_path / "dossier.pdf"))
    assert code in (1, 2)
    one_line(err)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"Un texte, pas une base.\n" * 100, "n’est pas une base de données de l’outil"),
        (None, "Impossible d’ouvrir la base de données"),
    ],
    ids=["text-file", "folder"],
)
def test_a_database_setting_that_is_not_a_database(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    content: bytes | None,
    expected: str,
) -> None:
    target = tmp_path / "base"
    if content is None:
        target.mkdir()
    else:
        target.write_bytes(content)
    monkeypatch.setenv("DIAGNOSTIC_DATABASE_URL", f"sqlite:///{target}")
    code, out, err = run(capsys, "workshop", "export", "ABCDEF", "--pdf", str(tmp_path / "a.pdf"))
    assert (code, out) == (1, "")
    one_line(err)
    assert expected in err
    if content is not None:
        assert target.read_bytes() == content
