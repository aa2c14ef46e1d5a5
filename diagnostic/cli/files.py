"""The command line's files: answers read within the size limit, outputs checked before any work."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path

import click

from ..errors import AnswersError
from ..export.jsonio import MAX_BYTES, too_large
from ..typography import french_spacing


def output_format(*choices: str) -> Callable[[Callable[..., object]], Callable[..., object]]:
    """The ``--format`` option of a command, as ``output_format``; the first choice by default."""
    return click.option(
        "--format",
        "output_format",
        type=click.Choice(list(choices)),
        default=choices[0],
        show_default=True,
        help="Format de sortie / output format.",
    )


def fail(fr: str, en: str, lang: str) -> click.ClickException:
    return click.ClickException(en if lang == "en" else french_spacing(fr))


@contextlib.contextmanager
def naming(path: str) -> Iterator[None]:
    """Name the file a problem was found in, when a command reads more than one."""
    try:
        yield
    except AnswersError as error:
        raise AnswersError(
            f"Fichier « {path} » : {error.message('fr')}",
            f"File '{path}': {error.message('en')}",
        ) from error


def say(fr: str, en: str, lang: str, err: bool = False) -> None:
    click.echo(en if lang == "en" else french_spacing(fr), err=err)


def read_file(path: str, lang: str, limit: int = MAX_BYTES) -> bytes:
    """A file's bytes, read no further than ``limit``; or a plain one-line error."""
    try:
        with Path(path).open("rb") as file:
            data = file.read(limit + 1)  # /dev/zero or a huge file: stop past the limit
    except FileNotFoundError:
        raise fail(f"fichier introuvable : {path}", f"file not found: {path}", lang) from None
    except IsADirectoryError:
        raise fail(f"{path} est un dossier, pas un fichier", f"{path} is a folder", lang) from None
    except OSError as error:
        raise fail(
            f"lecture impossible de {path} ({error.strerror})",
            f"cannot read {path} ({error.strerror})",
            lang,
        ) from None
    if len(data) > limit:
        raise too_large()
    return data


Builders = list[tuple[Path | None, Callable[[], bytes]]]


def check_outputs(
    paths: tuple[Path | None, ...],
    options: tuple[str, ...],
    lang: str,
    required: bool = True,
    stdout_busy: bool = False,
) -> None:
    """A usage error unless an output is asked for (when ``required``), each path once, and
    standard output (``-``) for one output at most, none if the command prints there."""
    given = [(option, path) for option, path in zip(options, paths, strict=True) if path]
    _check_standard_output([option for option, path in given if is_stdout(path)], stdout_busy, lang)
    seen: dict[Path, str] = {}
    for option, path in given:
        resolved = path.resolve()
        if resolved in seen and not is_stdout(path):
            raise click.UsageError(
                f"{seen[resolved]} and {option} name the same file ({path}): "
                "give each output its own file"
                if lang == "en"
                else french_spacing(
                    f"{seen[resolved]} et {option} désignent le même fichier ({path}) : "
                    "donnez un fichier à chaque sortie"
                )
            )
        seen[resolved] = option
    if given or not required:
        return
    raise click.UsageError(
        f"no output: give at least one of {', '.join(options)}"
        if lang == "en"
        else french_spacing(
            f"aucun fichier demandé : indiquez au moins {', '.join(options[:-1])} ou {options[-1]}"
        )
    )


def is_stdout(path: Path) -> bool:
    """Whether an output path is ``-``, standard output."""
    return str(path) == "-"


def _check_standard_output(options: list[str], busy: bool, lang: str) -> None:
    if len(options) > 1:
        raise click.UsageError(
            f"{' and '.join(options)} all ask for standard output (-): only one output can go "
            "there, give the others a file"
            if lang == "en"
            else french_spacing(
                f"{' et '.join(options)} demandent tous la sortie standard (-) : une seule "
                "sortie peut y aller, donnez un fichier aux autres"
            )
        )
    if options and busy:
        raise click.UsageError(
            f"{options[0]} -: this command already prints its result on standard output, "
            "give a file"
            if lang == "en"
            else french_spacing(
                f"{options[0]} - : cette commande affiche déjà son résultat sur la sortie "
                "standard, donnez un fichier"
            )
        )
