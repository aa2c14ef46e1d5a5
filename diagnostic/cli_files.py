"""The command line's files: answers read within the size limit, outputs written all or none."""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import click

from .errors import AnswersError
from .export.jsonio import MAX_BYTES, too_large
from .typography import french_spacing


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


def write_file(path: Path, data: bytes, lang: str) -> Path:
    """Write ``data`` to a temporary file beside ``path``; its name, or a plain error."""
    if path.is_dir():
        raise fail(f"{path} est un dossier, pas un fichier", f"{path} is a folder", lang)
    try:
        with tempfile.NamedTemporaryFile(
            dir=path.parent, prefix=f".{path.name}.", suffix=".tmp", delete=False
        ) as file:
            temporary = Path(file.name)
            try:
                file.write(data)
            except OSError:
                temporary.unlink()
                raise
    except OSError as error:
        raise fail(
            f"écriture impossible dans {path} ({error.strerror})",
            f"cannot write {path} ({error.strerror})",
            lang,
        ) from None
    return temporary


Builders = list[tuple[Path | None, Callable[[], bytes]]]


def check_outputs(paths: tuple[Path | None, ...], options: tuple[str, ...], lang: str) -> None:
    """A usage error unless at least one output file is asked for, each path once."""
    given = [(option, path) for option, path in zip(options, paths, strict=True) if path]
    seen: dict[Path, str] = {}
    for option, path in given:
        resolved = path.resolve()
        if resolved in seen:
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
    if given:
        return
    raise click.UsageError(
        f"no output: give at least one of {', '.join(options)}"
        if lang == "en"
        else french_spacing(
            f"aucun fichier demandé : indiquez au moins {', '.join(options[:-1])} ou {options[-1]}"
        )
    )


def write_outputs(builders: Builders, lang: str) -> None:
    """Build every file asked for, write each beside its place, then move them all there:
    a failed build or write leaves every output as it was."""
    files = [(path, build()) for path, build in builders if path is not None]
    written: list[tuple[Path, Path, int]] = []
    try:
        for path, data in files:
            written.append((write_file(path, data, lang), path, len(data)))
    except click.ClickException:
        for temporary, _, _ in written:
            temporary.unlink(missing_ok=True)
        raise
    for temporary, path, size in written:
        temporary.replace(path)
        shown = max(1, round(size / 1000))
        say(f"{path} ({shown}\u00a0ko)", f"{path} ({shown} kB)", lang)
