"""The project's exception tree, caught at the edges (app pages and CLI).

    DiagnosticError                 base: a problem the user can fix, with a plain message
     ├── ReferentielError           the data files are invalid (carries every Problem)
     ├── AnswersError               an answers file or an answer does not fit the référentiel
     ├── FiguresError               an observatory figures file holds problems (all listed)
     ├── StorageError               the database cannot be reached or holds no such record
     │    ├── NotFoundError         no diagnostic / workshop behind a token or code
     │    └── DiskFullError         the database's disk is full: the last change is not saved
     ├── AccessError                a link or key does not open what it was used for
 ├── AccountError               an e-mail, territory, région or invitation is not usable
     └── ExportError                a report or spreadsheet cannot be built

Every error carries its message in French and English; ``str(error)`` is French.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .typography import french_spacing


@dataclass(frozen=True)
class Problem:
    """One defect in a data file, located by file, row and field."""

    file: str
    row: int | None
    field: str | None
    message_fr: str
    message_en: str

    def message(self, lang: str = "fr") -> str:
        """The problem as one line: ``file, ligne N, champ « f » : message``."""
        text = self.message_en if lang == "en" else french_spacing(self.message_fr)
        return f"{self.where(lang)}: {text}" if lang == "en" else f"{self.where(lang)} : {text}"

    def where(self, lang: str = "fr") -> str:
        """Where the problem is, in words."""
        parts = [self.file]
        if self.row is not None:
            parts.append(f"row {self.row}" if lang == "en" else f"ligne {self.row}")
        if self.field is not None:
            parts.append(f"field '{self.field}'" if lang == "en" else f"champ « {self.field} »")
        return ", ".join(parts)


class DiagnosticError(Exception):
    """Base of every error the user can act on."""

    def __init__(self, message_fr: str, message_en: str | None = None) -> None:
        message_fr = french_spacing(message_fr)
        super().__init__(message_fr)
        self.message_fr = message_fr
        self.message_en = message_en or message_fr

    def message(self, lang: str = "fr") -> str:
        """The message in the requested language."""
        return self.message_en if lang == "en" else self.message_fr


class ReferentielError(DiagnosticError):
    """The référentiel files hold one or more problems, all listed."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        count = len(self.problems)
        head_fr = f"Le référentiel contient {count} problème{'s' if count > 1 else ''}"
        head_en = f"The référentiel has {count} problem{'s' if count > 1 else ''}"
        super().__init__(
            head_fr + " :\n" + "\n".join(p.message("fr") for p in self.problems),
            head_en + ":\n" + "\n".join(p.message("en") for p in self.problems),
        )


class AnswersError(DiagnosticError):
    """An answers file or a single answer does not fit the référentiel."""


class FiguresError(DiagnosticError):
    """An observatory figures file holds one or more problems, all listed; nothing is saved."""

    SHOWN = 50  # lines in the message; ``problems`` holds them all

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        count, shown = len(self.problems), self.problems[: self.SHOWN]
        more = count - len(shown)
        lines_fr = [p.message("fr") for p in shown] + ([f"… et {more} autres"] if more else [])
        lines_en = [p.message("en") for p in shown] + ([f"… and {more} more"] if more else [])
        plural = "s" if count > 1 else ""
        super().__init__(
            f"Le fichier de chiffres contient {count} problème{plural}, rien n’a été importé :\n"
            + "\n".join(lines_fr),
            f"The figures file has {count} problem{plural}, nothing was imported:\n"
            + "\n".join(lines_en),
        )


class StorageError(DiagnosticError):
    """The database cannot be reached or refuses an operation."""


class NotFoundError(StorageError):
    """No record behind a token, a code or an id."""


class DiskFullError(StorageError):
    """The database's disk is full: the change at hand is not saved, nothing else is lost."""


class AccessError(DiagnosticError):
    """A link, code or key does not give access to what was asked."""


class AccountError(DiagnosticError):
    """An e-mail address, a territory key, a région or an invitation cannot be used."""


class ExportError(DiagnosticError):
    """A report or a spreadsheet cannot be built."""
