"""Usage errors and help pages in the command line's language, exit code 2 kept."""

from __future__ import annotations

import pytest

from diagnostic.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out.replace("\u00a0", " "), err.replace("\u00a0", " ")


USAGE = {
    "bad-choice": (
        ["referentiel", "--format", "pdf"],
        "Erreur : valeur incorrecte pour « --format » : « pdf » n’est pas l’un des choix "
        "possibles (« json », « csv »).",
        "Error: Invalid value for '--format': 'pdf' is not one of 'json', 'csv'.",
    ),
    "no-such-command": (
        ["nope"],
        "Erreur : commande inconnue : « nope ».",
        "Error: No such command 'nope'.",
    ),
    "missing-argument": (
        ["score"],
        "Erreur : argument manquant : « ANSWERS ».",
        "Error: Missing argument 'ANSWERS'.",
    ),
    "no-such-option": (
        ["score", "x.json", "--bad"],
        "Erreur : option inconnue : « --bad ».",
        "Error: No such option '--bad'.",
    ),
    "near-option": (
        ["score", "x.json", "--formt", "csv"],
        "Erreur : option inconnue : « --formt ». Vouliez-vous dire « --format » ?",
        "Error: No such option '--formt'. Did you mean '--format'?",
    ),
    "needs-a-value": (
        ["report", "x.json", "--pdf"],
        "Erreur : l’option « --pdf » attend une valeur.",
        "Error: Option '--pdf' requires an argument.",
    ),
    "out-of-range": (
        ["serve", "--port", "0"],
        "Erreur : valeur incorrecte pour « --port » : 0 n’est pas compris dans 1<=x<=65535.",
        "Error: Invalid value for '--port': 0 is not in the range 1<=x<=65535.",
    ),
    "not-a-number": (
        ["serve", "--port", "huit"],
        "Erreur : valeur incorrecte pour « --port » : « huit » n’est pas un nombre entier.",
        "Error: Invalid value for '--port': 'huit' is not a valid integer range.",
    ),
    "extra-argument": (
        ["score", "a.json", "b.json"],
        "Erreur : argument en trop : b.json",
        "Error: Got unexpected extra argument (b.json)",
    ),
    "folder-output": (
        ["report", "x.json", "--pdf", "/"],
        "Erreur : valeur incorrecte pour « --pdf » : « / » est un dossier, pas un fichier.",
        "Error: Invalid value for '--pdf': File '/' is a directory.",
    ),
}


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("name", USAGE)
def test_usage_errors_in_the_cli_language(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, name: str, lang: str
) -> None:
    monkeypatch.delenv("DIAGNOSTIC_LANG", raising=False)
    args, french, english = USAGE[name]
    chosen = ["--lang", "en", *args] if lang == "en" else args
    assert run(capsys, *chosen) == (2, "", (english if lang == "en" else french) + "\n")


def test_the_language_setting_gives_english(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DIAGNOSTIC_LANG", "en")
    assert run(capsys, "nope") == (2, "", "Error: No such command 'nope'.\n")
    assert run(capsys, "--lang=fr", "nope") == (2, "", "Erreur : commande inconnue : « nope ».\n")


def test_help_pages_in_french_then_english(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DIAGNOSTIC_LANG", raising=False)
    code, out, _ = run(capsys, "report", "--help")
    assert code == 0
    assert out.startswith("Utilisation : diagnostic-ess report [OPTIONS] ANSWERS\n")
    assert "\nOptions :\n" in out and "Affiche cette aide et s’arrête." in out
    code, out, _ = run(capsys, "--lang", "en", "report", "--help")
    assert out.startswith("Usage: diagnostic-ess report [OPTIONS] ANSWERS\n")
    assert "Show this message and exit." in out


def test_no_command_shows_the_help_page(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DIAGNOSTIC_LANG", raising=False)
    code, out, err = run(capsys)
    assert (code, out) == (2, "")
    assert err.startswith("Utilisation : diagnostic-ess [OPTIONS] COMMAND [ARGS]...\n")
    assert "\nCommandes :\n" in err and "Erreur" not in err
