"""One place for configuration, read from the environment."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def shipped_referentiel() -> Path:
    """The référentiel shipped with the package, else the checkout's ``data/`` folder."""
    packaged = _PACKAGE / "_data"  # an installed wheel ships data/ under this name
    return packaged if (packaged / "referentiel.yaml").is_file() else _PACKAGE.parent / "data"


PROJECT_DATA = shipped_referentiel()
_ADDRESS_SEPARATORS = re.compile(r"[\s,;]+")
# The claim each DIAGNOSTIC_CLAIM_* setting renames (accounts.ClaimNames' fields).
CLAIM_VARIABLES = {
    "email": "DIAGNOSTIC_CLAIM_EMAIL",
    "given_name": "DIAGNOSTIC_CLAIM_GIVEN_NAME",
    "family_name": "DIAGNOSTIC_CLAIM_FAMILY_NAME",
    "siret": "DIAGNOSTIC_CLAIM_SIRET",
    "organisational_unit": "DIAGNOSTIC_CLAIM_UNIT",
}


def default_database_url(environ: Mapping[str, str]) -> str:
    """An SQLite file in the user's data folder (``$XDG_DATA_HOME/diagnostic-ess``)."""
    base = environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return f"sqlite:///{Path(base) / 'diagnostic-ess' / 'diagnostic-ess.sqlite3'}"


@dataclass(frozen=True)
class Settings:
    """The settings of one process.

    - ``DIAGNOSTIC_DATABASE_URL``: SQLAlchemy URL; SQLite file by default,
      ``postgresql+psycopg://user:password@host/base`` for PostgreSQL;
    - ``DIAGNOSTIC_REFERENTIEL_DIR``: the référentiel folder (by default the one shipped
      with the package: ``data/`` in a checkout);
    - ``DIAGNOSTIC_LANG``: ``fr`` (default) or ``en``;
    - ``DIAGNOSTIC_PUBLIC_URL``: the address participants use to reach the app
      (e.g. ``http://192.168.1.20:8501``), used in resume and join links;
    - ``DIAGNOSTIC_ANNUAIRE_DIR``: a folder of regional contacts (CSV) that add to or
      replace the shipped ``data/annuaire/`` (none by default);
    - ``DIAGNOSTIC_ADMINS``: the e-mail addresses of the instance administrators, separated
      by commas or spaces (none by default; others are named with ``users grant --admin``);
    - ``DIAGNOSTIC_CLAIM_EMAIL``, ``DIAGNOSTIC_CLAIM_GIVEN_NAME``,
      ``DIAGNOSTIC_CLAIM_FAMILY_NAME``, ``DIAGNOSTIC_CLAIM_SIRET``,
      ``DIAGNOSTIC_CLAIM_UNIT``: which sign-in claims hold the e-mail, given name, family
      name, SIRET and organisational unit (ProConnect's ``email``, ``given_name``,
      ``usual_name``, ``siret``, ``organizational_unit`` by default).
    """

    database_url: str
    referentiel_dir: Path
    lang: str
    public_url: str
    annuaire_dir: Path | None = None
    admins: frozenset[str] = frozenset()
    claim_names: tuple[tuple[str, str], ...] = ()  # (ClaimNames field, claim name)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        lang = env.get("DIAGNOSTIC_LANG", "fr").strip().lower()
        return cls(
            database_url=env.get("DIAGNOSTIC_DATABASE_URL") or default_database_url(env),
            referentiel_dir=Path(env.get("DIAGNOSTIC_REFERENTIEL_DIR") or PROJECT_DATA),
            lang=lang if lang in ("fr", "en") else "fr",
            public_url=env.get("DIAGNOSTIC_PUBLIC_URL", "").rstrip("/"),
            annuaire_dir=Path(env["DIAGNOSTIC_ANNUAIRE_DIR"])
            if env.get("DIAGNOSTIC_ANNUAIRE_DIR")
            else None,
            admins=frozenset(
                address.lower()
                for address in _ADDRESS_SEPARATORS.split(env.get("DIAGNOSTIC_ADMINS", ""))
                if address
            ),
            claim_names=tuple(
                (name, env[variable].strip())
                for name, variable in CLAIM_VARIABLES.items()
                if env.get(variable, "").strip()
            ),
        )
