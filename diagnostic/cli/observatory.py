"""``diagnostic-ess observatoire``: load a CRESS observatory's ESS figures, write the template."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from ..errors import AnswersError, FiguresError, Problem
from ..portfolio.figures import MAX_BYTES, Figure, read_figures, template_csv
from ..portfolio.indicators import shipped_catalogue
from ..settings import Settings
from ..territory.official import official_territories
from ..typography import format_number
from .files import fail, read_file, say
from .outputs import write_outputs

OUTPUT = click.Path(dir_okay=False, allow_dash=True, path_type=Path)


@click.group("observatoire")
def observatoire() -> None:
    """Les chiffres de l'ESS des observatoires / the ESS figures of the observatories."""


@observatoire.command("import")
@click.argument("file", type=str)
@click.pass_obj
def import_figures(ctx: Any, file: str) -> None:
    """Vérifie puis importe un fichier de chiffres (CSV) / check then import a figures file."""
    from ..storage import open_repository  # loads SQLAlchemy: not at start-up for other commands

    lang = ctx.lang
    try:
        figures = _read(file, lang)
    except FiguresError as error:
        for problem in error.problems:
            click.echo(problem.message(lang), err=True)
        count = len(error.problems)
        plural = "s" if count > 1 else ""
        raise fail(
            f"{count} problème{plural} dans {file} : rien n’a été importé",
            f"{count} problem{plural} in {file}: nothing was imported",
            lang,
        ) from None
    repository = open_repository(Settings.from_env().database_url)
    done = repository.import_figures(figures)
    fr, en = _summary(figures, lang)
    replaced = format_number(done.replaced, lang)
    say(
        f"{fr} importés ; chiffres chargés avant et remplacés : {replaced}.",
        f"{en} imported; figures loaded before and replaced: {replaced}.",
        lang,
    )


@observatoire.command("modele")
@click.argument("file", type=OUTPUT, default=Path("-"), required=False)
@click.pass_obj
def template(ctx: Any, file: Path) -> None:
    """Écrit le modèle de fichier de chiffres (- : la sortie standard) / write the template."""
    write_outputs([(file, lambda: template_csv(shipped_catalogue()))], ctx.lang)


def _read(file: str, lang: str) -> tuple[Figure, ...]:
    """The file's figures, checked whole; FiguresError listing every problem."""
    name = Path(file).name
    try:
        data = read_file(file, lang, limit=MAX_BYTES)
    except AnswersError:  # over the limit
        size = MAX_BYTES // 1_000_000
        raise FiguresError(
            [Problem(name, None, None, f"fichier trop gros (plus de {size} Mo)", f"over {size} MB")]
        ) from None
    return read_figures(data, name, official_territories(), shipped_catalogue())


def _summary(figures: tuple[Figure, ...], lang: str) -> tuple[str, str]:
    """« 18 chiffres de 3 territoires (2022, 2023) » in French and English."""
    count = format_number(len(figures), lang)
    territories = format_number(len({figure.territory for figure in figures}), lang)
    years = ", ".join(str(year) for year in sorted({figure.year for figure in figures}))
    return (
        f"{count} chiffre{'s' if len(figures) > 1 else ''} de {territories} "
        f"territoire{'s' if territories != '1' else ''} ({years})",
        f"{count} figure{'s' if len(figures) != 1 else ''} of {territories} "
        f"territor{'ies' if territories != '1' else 'y'} ({years})",
    )
