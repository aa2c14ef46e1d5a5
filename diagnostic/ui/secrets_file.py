"""The secrets file ``diagnostic-ess serve --secrets`` is given, checked before the server
starts: readable TOML and, when it has an ``[auth]`` section, everything sign-in needs."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..errors import DiagnosticError

SHARED = ("redirect_uri", "cookie_secret")
PER_PROVIDER = ("client_id", "client_secret", "server_metadata_url")
NOT_PROVIDERS = ("client_kwargs",)


def check_secrets(path: Path) -> Path:
    """The file's absolute path once it reads and its ``[auth]`` is complete."""
    resolved = path.expanduser().resolve()
    try:
        values = tomllib.loads(resolved.read_text(encoding="utf-8"))
    except OSError as error:
        raise DiagnosticError(
            f"Le fichier de secrets « {path} » est absent ou illisible.",
            f"The secrets file '{path}' cannot be read ({error.strerror}).",
        ) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise DiagnosticError(
            f"Le fichier de secrets « {path} » n’est pas un fichier TOML valide : {error}.",
            f"The secrets file '{path}' is not valid TOML: {error}.",
        ) from None
    missing = auth_problems(values.get("auth"))
    if missing:
        raise DiagnosticError(
            f"Section [auth] du fichier « {path} » incomplète, il manque : {', '.join(missing)}.",
            f"The [auth] section of '{path}' is incomplete, missing: {', '.join(missing)}.",
        )
    return resolved


def auth_problems(auth: Any) -> list[str]:
    """The settings sign-in needs that ``[auth]`` lacks (none without ``[auth]``)."""
    if auth is None:
        return []
    if not isinstance(auth, Mapping):
        return ["[auth]"]
    missing = [name for name in SHARED if not _given(auth.get(name))]
    named = {
        key: section
        for key, section in auth.items()
        if isinstance(section, Mapping) and key not in NOT_PROVIDERS
    }
    if not named:
        return missing + [name for name in PER_PROVIDER if not _given(auth.get(name))]
    for key, section in named.items():
        missing += [f"auth.{key}.{name}" for name in PER_PROVIDER if not _given(section.get(name))]
    return missing


def _given(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())
