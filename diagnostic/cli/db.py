"""``diagnostic-ess backup``, ``restore`` and ``db check``: the database kept safe."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from ..settings import Settings
from ..typography import NBSP, format_number
from .files import say

FILE = click.Path(dir_okay=False, path_type=Path)


def _lang(ctx: Any) -> str:
    return str(getattr(ctx, "lang", "fr"))


def _contents(summary: Any, lang: str) -> tuple[str, str]:
    """What a base holds, in words: diagnostics, answers, workshops; revision and size."""
    size = "" if summary.size is None else f", {max(1, round(summary.size / 1000))}"
    return (
        f"{_count(summary.diagnostics, 'diagnostic', 'fr')}, "
        f"{_count(summary.answers, 'réponse', 'fr')}, {_count(summary.workshops, 'atelier', 'fr')} "
        f"(révision {summary.revision}{size + NBSP + 'ko' if size else ''})",
        f"{_count(summary.diagnostics, 'diagnostic', 'en')}, "
        f"{_count(summary.answers, 'answer', 'en')}, {_count(summary.workshops, 'workshop', 'en')} "
        f"(revision {summary.revision}{size + ' kB' if size else ''})",
    )


def _count(number: int, noun: str, lang: str) -> str:
    plural = number != 1 if lang == "en" else number >= 2
    return f"{format_number(number, lang)} {noun}{'s' if plural else ''}"


def _done(ctx: Any, summary: Any, fr: str, en: str) -> None:
    """One line: what was done, then what the base holds."""
    lang = _lang(ctx)
    fr_contents, en_contents = _contents(summary, lang)
    say(f"{fr} : {fr_contents}.", f"{en}: {en_contents}.", lang)


@click.command()
@click.argument("file", type=FILE)
@click.pass_obj
def backup(ctx: Any, file: Path) -> None:
    """Sauvegarde la base SQLite, même en service / back up the SQLite database, even live."""
    from ..storage.backup import backup as back_up

    summary = back_up(Settings.from_env().database_url, file)
    _done(ctx, summary, f"Sauvegarde écrite dans {file}", f"Backup written to {file}")


@click.command()
@click.argument("file", type=FILE)
@click.pass_obj
def restore(ctx: Any, file: Path) -> None:
    """Remet en place une sauvegarde de la base SQLite / put an SQLite backup back."""
    from ..storage.backup import restore as put_back

    summary = put_back(Settings.from_env().database_url, file)
    _done(ctx, summary, f"Base restaurée depuis {file}", f"Database restored from {file}")


@click.group()
def db() -> None:
    """La base de données / the database."""


@db.command("check")
@click.pass_obj
def db_check(ctx: Any) -> None:
    """Vérifie la base (après un pg_restore) et la met à jour / check and upgrade the database."""
    from ..storage.backup import check

    _done(ctx, check(Settings.from_env().database_url), "Base de données prête", "Database ready")
