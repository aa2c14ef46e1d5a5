"""The command line's outputs, written all or none where a file can be.

A regular file (or a new one) is written beside its place, synced, then moved there, so
a failure leaves every output as it was; a symbolic link is followed and its target
written the same way. A character device or a named pipe is written directly (a rename
would replace the device node), and ``-`` is standard output.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import click

from .files import fail, is_stdout, say

Builders = list[tuple[Path | None, Callable[[], bytes]]]
Kind = Literal["file", "stream", "stdout"]
FULL = (errno.ENOSPC, errno.EDQUOT)


@dataclass(frozen=True)
class Output:
    """One output asked for: where it was asked, where it goes, how, and its bytes."""

    asked: Path
    target: Path
    kind: Kind
    data: bytes


def write_outputs(builders: Builders, lang: str) -> None:
    """Build every output asked for, then write them: files last, all moved into place at
    once, so a failed build or write leaves every file as it was."""
    outputs = [_output(path, build(), lang) for path, build in builders if path is not None]
    temporaries: list[Path] = []
    try:
        for output in outputs:
            if output.kind == "file":
                temporaries.append(_write_temporary(output.target, output.data, lang))
        for output in outputs:
            if output.kind != "file":
                _write_direct(output, lang)
    except click.ClickException:
        for temporary in temporaries:
            temporary.unlink(missing_ok=True)
        raise
    files = [output for output in outputs if output.kind == "file"]
    for temporary, output in zip(temporaries, files, strict=True):
        temporary.replace(output.target)
    to_stderr = any(output.kind == "stdout" for output in outputs)
    for output in outputs:
        shown = max(1, round(len(output.data) / 1000))
        fr_name = "sortie standard" if output.kind == "stdout" else str(output.asked)
        en_name = "standard output" if output.kind == "stdout" else str(output.asked)
        say(f"{fr_name} ({shown}\u00a0ko)", f"{en_name} ({shown} kB)", lang, err=to_stderr)


def _output(path: Path, data: bytes, lang: str) -> Output:
    """Where and how ``path`` is written: refused plainly if it is a folder or a device
    that is neither a character device nor a named pipe."""
    if is_stdout(path):
        return Output(path, path, "stdout", data)
    try:
        mode = path.stat().st_mode  # follows a symbolic link
    except FileNotFoundError:
        return Output(path, path.resolve() if path.is_symlink() else path, "file", data)
    except OSError as error:
        raise _cannot_write(path, error, lang) from None
    if stat.S_ISDIR(mode):
        raise fail(f"{path} est un dossier, pas un fichier", f"{path} is a folder", lang)
    if stat.S_ISCHR(mode) or stat.S_ISFIFO(mode):
        return Output(path, path, "stream", data)
    if not stat.S_ISREG(mode):
        raise fail(
            f"{path} n’est pas un fichier ordinaire : rien n’y est écrit",
            f"{path} is not a regular file: nothing written there",
            lang,
        )
    return Output(path, path.resolve() if path.is_symlink() else path, "file", data)


def _write_temporary(target: Path, data: bytes, lang: str) -> Path:
    """``data`` written and synced in a new file beside ``target``; no file left on error."""
    try:
        handle, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as error:
        raise _cannot_write(target, error, lang) from None
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise _cannot_write(target, error, lang) from None
    return temporary


def _write_direct(output: Output, lang: str) -> None:
    """``data`` written straight to a device, a named pipe or standard output."""
    try:
        if output.kind == "stdout":
            sys.stdout.flush()
            sys.stdout.buffer.write(output.data)
            sys.stdout.buffer.flush()
            return
        with output.target.open("wb") as file:
            file.write(output.data)
    except BrokenPipeError:
        if output.kind != "stdout":
            raise _broken_pipe(output.target, lang) from None
        # The reader stopped early (``| head``): what it read was what it wanted.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except OSError as error:
        raise _cannot_write(output.target, error, lang) from None


def _broken_pipe(path: Path, lang: str) -> click.ClickException:
    return fail(
        f"écriture impossible dans {path} (le lecteur a fermé le tube)",
        f"cannot write {path} (the reader closed the pipe)",
        lang,
    )


def _cannot_write(path: Path, error: OSError, lang: str) -> click.ClickException:
    """One plain line: which output could not be written, and why (a full disk said so)."""
    full = error.errno in FULL
    where_fr = "sur la sortie standard" if is_stdout(path) else f"dans {path}"
    where_en = "standard output" if is_stdout(path) else str(path)
    reason_fr = "disque plein" if full else str(error.strerror)
    reason_en = "disk full" if full else str(error.strerror)
    return fail(
        f"écriture impossible {where_fr} ({reason_fr})",
        f"cannot write {where_en} ({reason_en})",
        lang,
    )
