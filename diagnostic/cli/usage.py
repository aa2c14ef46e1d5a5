"""Click's own words — usage errors and help headings — in the command line's language.

Click writes them in English; in French each known message is matched and said again
in French, with French quotes, so a mistyped option reads like the rest of the tool.
An unknown message stays as Click wrote it rather than be guessed at.
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

import click

from ..typography import french_spacing

QUOTED = re.compile(r"'([^']*)'")
NESTED = re.compile(r"^Invalid value for (?P<param>.+?): (?P<rest>.+)$", re.DOTALL)
MESSAGES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern + "$", re.DOTALL), french)
    for pattern, french in (
        (r"No such command (?P<a>.+)\.", "commande inconnue : {a}."),
        (r"Missing argument (?P<a>.+)\.", "argument manquant : {a}."),
        (r"Missing option (?P<a>.+)\.", "option manquante : {a}."),
        (r"Missing parameter: (?P<a>.+)", "valeur manquante : {a}"),
        (r"No such option:? (?P<a>[^ ]+?)\.?", "option inconnue : {a}."),
        (r"Option (?P<a>.+) requires an argument\.", "l’option {a} attend une valeur."),
        (r"Option (?P<a>.+) requires (?P<b>\d+) arguments\.", "l’option {a} attend {b} valeurs."),
        (r"Option (?P<a>.+) does not take a value\.", "l’option {a} ne prend pas de valeur."),
        (r"Got unexpected extra argument \((?P<a>.+)\)", "argument en trop : {a}"),
        (r"Got unexpected extra arguments \((?P<a>.+)\)", "arguments en trop : {a}"),
        (r"(?P<a>.+) is not one of (?P<b>.+)\.", "{a} n’est pas l’un des choix possibles ({b})."),
        (r"(?P<a>.+) is not (?P<b>'[^']*')\.", "{a} n’est pas le choix possible ({b})."),
        (r"(?P<a>.+) is not in the range (?P<b>.+)\.", "{a} n’est pas compris dans {b}."),
        (r"(?P<a>.+) is not a valid integer( range)?\.", "{a} n’est pas un nombre entier."),
        (r"(?P<a>.+) is not a valid float\.", "{a} n’est pas un nombre."),
        (r"File (?P<a>.+) is a directory\.", "{a} est un dossier, pas un fichier."),
        (r"Directory (?P<a>.+) is a file\.", "{a} est un fichier, pas un dossier."),
    )
)
SUGGESTION = re.compile(r" ?\(?Did you mean (?:one of: )?(?P<a>.+?)\?\)?$")
HELP_WORDS = {
    "Options": "Options",
    "Commands": "Commandes",
    "Arguments": "Arguments",
    "Show this message and exit.": "Affiche cette aide et s’arrête.",
    "Show the version and exit.": "Affiche la version et s’arrête.",
}


def usage_message(error: click.UsageError, lang: str) -> str:
    """The error's message on one line, in French unless ``lang`` is English."""
    message = error.format_message().replace("\n", " ")
    return message if lang == "en" else french_usage(message)


def french_usage(message: str) -> str:
    """One of Click's English messages said in French; an unknown one as it is."""
    nested = NESTED.match(message)
    if nested:
        return french_spacing(
            f"valeur incorrecte pour {_quotes(nested['param'])} : "
            f"{_lower(french_usage(nested['rest']))}"
        )
    suggestion = SUGGESTION.search(message)
    core = message[: suggestion.start()] if suggestion else message
    for pattern, french in MESSAGES:
        found = pattern.match(core)
        if found:
            said = french.format(**{k: _quotes(v) for k, v in found.groupdict().items()})
            if suggestion:
                said += f" Vouliez-vous dire {_quotes(suggestion['a'])} ?"
            return french_spacing(said)
    return message


def _quotes(text: str) -> str:
    return QUOTED.sub(lambda found: f"« {found[1]} »", text)


def _lower(text: str) -> str:
    return text[:1].lower() + text[1:]


class LocalFormatter(click.HelpFormatter):
    """Click's help page with its headings in the command line's language."""

    lang: ClassVar[str] = "fr"

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        if prefix is None and self.lang != "en":
            prefix = "Utilisation\u00a0: "
        super().write_usage(prog, args, prefix)

    def write_heading(self, heading: str) -> None:
        colon = ":" if self.lang == "en" else "\u00a0:"
        self.write(f"{'':>{self.current_indent}}{self._say(heading)}{colon}\n")

    def write_dl(self, rows: Any, col_max: int = 30, col_spacing: int = 2) -> None:
        rows = [(term, self._say(text)) for term, text in rows]
        super().write_dl(rows, col_max, col_spacing)

    def _say(self, text: str) -> str:
        if self.lang == "en":
            return text
        for english, french in HELP_WORDS.items():
            text = text.replace(english, french)
        text = text.replace("[default: ", "[par défaut\u00a0: ").replace("[required]", "[requis]")
        return text


class LocalContext(click.Context):
    """A context whose help pages use ``LocalFormatter``."""

    formatter_class = LocalFormatter


def localise(command: click.Command, lang: str) -> None:
    """Give ``command`` and every subcommand help pages in ``lang``."""
    LocalFormatter.lang = lang
    command.context_class = LocalContext
    if isinstance(command, click.Group):
        for child in command.commands.values():
            localise(child, lang)
