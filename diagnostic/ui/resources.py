"""Process-wide resources shared by every session: the référentiel and the repository.

Both are cached per data folder and per database URL, so tests (or a process serving
several configurations) never mix them up.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ..model import Referentiel
from ..referentiel.load import load_referentiel
from ..settings import Settings
from ..storage import Repository, open_repository


@lru_cache(maxsize=8)
def referentiel_at(directory: str) -> Referentiel:
    """The validated référentiel of a folder, loaded once per process and folder."""
    return load_referentiel(Path(directory))


@lru_cache(maxsize=64)
def repository_at(database_url: str) -> Repository:
    """The repository behind a database URL, opened (and its schema upgraded) once per URL."""
    return open_repository(database_url)


def settings() -> Settings:
    """The settings, read from the environment on every run (cheap, and test-friendly)."""
    return Settings.from_env()


@lru_cache(maxsize=64)
def repository_for(database_url: str, directory: str) -> Repository:
    """The repository, its diagnostics saved with earlier référentiels carried over once."""
    repository = repository_at(database_url)
    repository.upgrade_saved(referentiel_at(directory))
    return repository
