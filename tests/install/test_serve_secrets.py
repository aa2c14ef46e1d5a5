"""``diagnostic-ess serve --secrets FILE``: the file is checked before the server starts,
then handed to Streamlit instead of ``.streamlit/secrets.toml``."""

from __future__ import annotations

from pathlib import Path

import pytest

from diagnostic.cli import main
from diagnostic.errors import DiagnosticError
from diagnostic.ui.secrets_file import auth_problems, check_secrets
from diagnostic.ui.serve import Launch, command_line, launch_options

AUTH = """
[auth]
redirect_uri = "https://diagnostic.exemple.fr/oauth2callback"
cookie_secret = "a-long-random-secret"

[auth.proconnect]
display_name = "ProConnect"
client_id = "diagnostic"
client_secret = "secret"
server_metadata_url = "https://connexion.exemple.fr/.well-known/openid-configuration"
"""


def written(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "secrets.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_complete_file_is_handed_to_streamlit(tmp_path: Path) -> None:
    path = check_secrets(written(tmp_path, AUTH))
    assert path.is_absolute()
    assert launch_options(Launch(secrets=path))["secrets.files"] == str(path)
    assert f"--secrets.files={path}" in command_line(Launch(secrets=path))


def test_without_secrets_streamlit_looks_where_it_always_does() -> None:
    assert "secrets.files" not in launch_options(Launch())
    assert not [flag for flag in command_line(Launch()) if flag.startswith("--secrets")]


def test_a_file_without_auth_is_fine(tmp_path: Path) -> None:
    assert check_secrets(written(tmp_path, 'other = "value"\n'))


@pytest.mark.parametrize(
    ("auth", "missing"),
    [
        (
            {"redirect_uri": "x", "cookie_secret": "y"},
            ["client_id", "client_secret", "server_metadata_url"],
        ),
        (
            {"client_id": "a", "client_secret": "b", "server_metadata_url": "c"},
            ["redirect_uri", "cookie_secret"],
        ),
        (
            {
                "redirect_uri": "x",
                "cookie_secret": "y",
                "google": {"client_id": "a", "client_secret": " "},
            },
            ["auth.google.client_secret", "auth.google.server_metadata_url"],
        ),
        ("text", ["[auth]"]),
    ],
)
def test_what_sign_in_lacks_is_named(auth: object, missing: list[str]) -> None:
    assert auth_problems(auth) == missing


@pytest.mark.parametrize(
    ("text", "start"),
    [
        (None, "Le fichier de secrets"),
        ("[auth\nbroken", "Le fichier de secrets"),
        ("[auth]\nredirect_uri = 'x'\n", "Section [auth] du fichier"),
    ],
)
def test_a_bad_secrets_file_is_one_plain_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str | None, start: str
) -> None:
    path = tmp_path / "secrets.toml" if text is None else written(tmp_path, text)
    with pytest.raises(DiagnosticError):
        check_secrets(path)
    assert main(["serve", "--secrets", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"Erreur\u00a0: {start}") and err.count("\n") == 1
