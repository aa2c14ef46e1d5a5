"""The ``diagnostic-ess`` command line: a thin edge over the same API as the app.

Errors print one line on stderr and exit with a non-zero code: 1 for a problem in
the data or the files given, 2 for a command used the wrong way.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from ..advice.scoring import score_sheet
from ..errors import DiagnosticError, ReferentielError
from ..export.csvfmt import to_french_csv
from ..export.jsonio import from_json, to_json
from ..export.pdf import to_pdf
from ..export.plan.pdf import comparison_pdf
from ..export.plan.results import comparison_to_dict
from ..export.plan.tabular import comparison_xlsx
from ..export.plan.text import comparison_text
from ..export.results import referentiel_to_dict, scores_to_dict
from ..export.tabular import levers_csv, to_csv, to_xlsx
from ..export.workshop.pdf import workshop_pdf
from ..export.workshop.tabular import workshop_csv, workshop_xlsx
from ..model import AnswerSheet, Referentiel
from ..plan.compare import compare as compare_sheets
from ..referentiel.load import load_referentiel, validate_referentiel
from ..settings import Settings
from ..territory.contacts import DIRECTORY_FOLDER, load_directory
from ..territory.official import official_territories
from ..territory.siren import safe_profile_warnings
from .db import backup, db, restore
from .files import check_outputs, fail, naming, output_format, read_file, say
from .observatory import observatoire
from .outputs import Builders, write_outputs
from .territory import territory
from .usage import localise, usage_message
from .users import access_log, users


class Context:
    """What every command shares: the language and where the référentiel is."""

    def __init__(self, lang: str, data: Path) -> None:
        self.lang = lang
        self.data = data

    def referentiel(self) -> Referentiel:
        return load_referentiel(self.data)


def load_sheet(ctx: Context, path: str) -> tuple[Referentiel, AnswerSheet]:
    """The référentiel and the answers file read against it."""
    referentiel = ctx.referentiel()
    sheet = from_json(read_file(path, ctx.lang), referentiel)
    if sheet.upgrade_note is not None:  # answers carried over from an earlier version
        click.echo(sheet.upgrade_note.get(ctx.lang), err=True)
    for fr, en in safe_profile_warnings(sheet.territory):
        say(f"Attention : {fr}.", f"Warning: {en}.", ctx.lang, err=True)
    return referentiel, sheet


def _print_json(value: Any) -> None:
    click.echo(json.dumps(value, ensure_ascii=False, indent=2))


FORMAT = output_format("json", "csv")
# Click 8.2 raises it for a group called without a command; older ones print the help.
NO_ARGS_IS_HELP: Any = getattr(click.exceptions, "NoArgsIsHelpError", ())


@click.group()
@click.option("--lang", type=click.Choice(["fr", "en"]), default=None, help="Langue / language.")
@click.option(
    "--data",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Dossier du référentiel (par défaut data/) / référentiel folder.",
)
@click.version_option(package_name="diagnostic-ess")
@click.pass_context
def cli(ctx: click.Context, lang: str | None, data: Path | None) -> None:
    """Diagnostic ESS territorial — auto-diagnostic d'un territoire sur l'ESS."""
    settings = Settings.from_env()
    ctx.obj = Context(lang or settings.lang, data or settings.referentiel_dir)


@cli.command()
@click.argument("directory", required=False, type=click.Path(path_type=Path))
@click.pass_obj
def validate(ctx: Context, directory: Path | None) -> None:
    """Vérifie le référentiel et liste tous ses problèmes / check the référentiel."""
    target = directory or ctx.data
    problems = validate_referentiel(target)
    try:
        load_directory([target / DIRECTORY_FOLDER])
    except ReferentielError as error:
        problems = [*problems, *error.problems]
    if problems:
        for problem in problems:
            click.echo(problem.message(ctx.lang), err=True)
        count = len(problems)
        raise fail(
            f"{count} problème{'s' if count > 1 else ''} dans {target}",
            f"{count} problem{'s' if count > 1 else ''} in {target}",
            ctx.lang,
        )
    referentiel = load_referentiel(target)
    counts = (len(referentiel.motivations), len(referentiel.levers), len(referentiel.questions))
    say(
        f"Référentiel {referentiel.version} valide : {counts[0]} motivations, "
        f"{counts[1]} leviers, {counts[2]} questions.",
        f"Référentiel {referentiel.version} is valid: {counts[0]} motivations, "
        f"{counts[1]} levers, {counts[2]} questions.",
        ctx.lang,
    )


@cli.command()
@FORMAT
@click.pass_obj
def referentiel(ctx: Context, output_format: str) -> None:
    """Affiche le référentiel / print the référentiel."""
    ref = ctx.referentiel()
    if output_format == "json":
        _print_json(referentiel_to_dict(ref))
        return
    levers = [lever.id for lever in ref.levers]
    header = ["id", "motivation", "kind", "scale", "min", "max", "label_fr", "label_en"]
    header += ["help_fr", "help_en", *(f"weight_{lever}" for lever in levers)]
    rows = []
    for q in ref.questions:
        scale = ref.scale(q.scale)
        row: list[object] = [q.id, q.motivation, q.kind, scale.id, scale.min, scale.max]
        row += [q.label.fr, q.label.en, q.help.fr, q.help.en]
        rows.append(row + [q.levers.get(lever) for lever in levers])
    click.echo(to_french_csv(header, rows), nl=False)


@cli.command()
@click.argument("answers", type=str)
@FORMAT
@click.pass_obj
def score(ctx: Context, answers: str, output_format: str) -> None:
    """Calcule les scores d'un fichier de réponses / score an answers file."""
    ref, sheet = load_sheet(ctx, answers)
    result = scores_to_dict(ref, sheet, score_sheet(ref, sheet), ctx.lang)
    if output_format == "json":
        _print_json(result)
        return
    header = ["section", "id", "label", "score", "rank", "priority", "maturity", "questions"]
    rows: list[list[object]] = []
    for lever in result["levers"]:
        questions = " ".join(lever["questions"])
        rows.append(
            [
                "lever",
                lever["id"],
                lever["label"],
                lever["score"],
                lever["rank"],
                None,
                None,
                questions,
            ]
        )
    for m in result["motivations"]:
        rows.append(
            ["motivation", m["id"], m["label"], None, None, m["priority"], m["maturity"], ""]
        )
    for gap in result["knowledge_gaps"]:
        rows.append(["knowledge_gap", gap["question"], gap["label"], None, None, None, None, ""])
    for question in result.get("declined", []):
        rows.append(["declined", question["question"], question["label"], *[None] * 4, ""])
    for note in result["confidence"]["notes"]:
        rows.append(["confidence", "", note, None, None, None, None, ""])
    click.echo(to_french_csv(header, rows), nl=False)


OUTPUT = click.Path(dir_okay=False, allow_dash=True, path_type=Path)
REPORT_LANG = click.option(
    "--lang",
    "report_lang",
    type=click.Choice(["fr", "en"]),
    default=None,
    help="Langue / language.",
)


@cli.command()
@click.argument("answers", type=str)
@click.option("--pdf", "pdf_path", type=OUTPUT, help="Rapport PDF / PDF report.")
@click.option("--csv", "csv_path", type=OUTPUT, help="Réponses en CSV / answers as CSV.")
@click.option(
    "--levers-csv", "levers_path", type=OUTPUT, help="Besoins des leviers en CSV / lever scores."
)
@click.option("--xlsx", "xlsx_path", type=OUTPUT, help="Classeur XLSX / XLSX workbook.")
@click.option("--json", "json_path", type=OUTPUT, help="Fichier de réponses / answers file.")
@REPORT_LANG
@click.pass_obj
def report(
    ctx: Context,
    answers: str,
    pdf_path: Path | None,
    csv_path: Path | None,
    levers_path: Path | None,
    xlsx_path: Path | None,
    json_path: Path | None,
    report_lang: str | None,
) -> None:
    """Produit le rapport PDF et les tableurs d'un fichier de réponses / build report and sheets."""
    lang = ctx.lang = report_lang or ctx.lang
    paths = (pdf_path, csv_path, levers_path, xlsx_path, json_path)
    check_outputs(paths, ("--pdf", "--csv", "--levers-csv", "--xlsx", "--json"), lang)
    ref, sheet = load_sheet(ctx, answers)
    scores = score_sheet(ref, sheet)
    builders: Builders = [
        (pdf_path, lambda: to_pdf(ref, sheet, lang, scores)),
        (csv_path, lambda: to_csv(ref, sheet, lang, scores)),
        (levers_path, lambda: levers_csv(ref, sheet, lang, scores)),
        (xlsx_path, lambda: to_xlsx(ref, sheet, lang, scores)),
        (json_path, lambda: to_json(sheet, ref)),
    ]
    write_outputs(builders, lang)


cli.add_command(territory)
for _command in (backup, restore, db, users, access_log, observatoire):
    cli.add_command(_command)


@cli.command()
@click.argument("earlier", type=str)
@click.argument("later", type=str)
@output_format("text", "json")
@click.option("--pdf", "pdf_path", type=OUTPUT, help="Comparaison en PDF / comparison as PDF.")
@click.option("--xlsx", "xlsx_path", type=OUTPUT, help="Comparaison en XLSX / as XLSX.")
@REPORT_LANG
@click.pass_obj
def compare(
    ctx: Context,
    earlier: str,
    later: str,
    output_format: str,
    pdf_path: Path | None,
    xlsx_path: Path | None,
    report_lang: str | None,
) -> None:
    """Compare deux diagnostics d'un même territoire / compare two diagnostics of one territory."""
    lang = ctx.lang = report_lang or ctx.lang
    check_outputs(
        (pdf_path, xlsx_path), ("--pdf", "--xlsx"), lang, required=False, stdout_busy=True
    )
    with naming(earlier):
        ref, before = load_sheet(ctx, earlier)
    with naming(later):
        after = from_json(read_file(later, lang), ref)
    comparison = compare_sheets(ref, before, after)
    if output_format == "json":
        _print_json(comparison_to_dict(ref, comparison, lang))
    else:
        click.echo(comparison_text(ref, comparison, lang), nl=False)
    builders: Builders = [
        (pdf_path, lambda: comparison_pdf(ref, after, comparison, lang)),
        (xlsx_path, lambda: comparison_xlsx(ref, after, comparison, lang)),
    ]
    write_outputs(builders, lang)


@cli.group()
def workshop() -> None:
    """Les ateliers : exporter les résultats d'un groupe / workshops: export a group's results."""


@workshop.command("export")
@click.argument("code", type=str)
@click.option("--pdf", "pdf_path", type=OUTPUT, help="Rapport d'atelier PDF / workshop report.")
@click.option("--xlsx", "xlsx_path", type=OUTPUT, help="Classeur XLSX / XLSX workbook.")
@click.option("--csv", "csv_path", type=OUTPUT, help="Réponses anonymisées / anonymised answers.")
@REPORT_LANG
@click.pass_obj
def workshop_export(
    ctx: Context,
    code: str,
    pdf_path: Path | None,
    xlsx_path: Path | None,
    csv_path: Path | None,
    report_lang: str | None,
) -> None:
    """Exporte le rapport et les tableurs d'un atelier / export a workshop's report and sheets."""
    from ..storage import open_repository  # loads SQLAlchemy: not at start-up for other commands

    lang = ctx.lang = report_lang or ctx.lang
    check_outputs((pdf_path, xlsx_path, csv_path), ("--pdf", "--xlsx", "--csv"), lang)
    ref = ctx.referentiel()
    repository = open_repository(Settings.from_env().database_url)
    record = repository.get_workshop(code)
    sheets = repository.group_sheets(record.code)
    plan = repository.load_workshop_plan(record.code)
    kept = repository.discussion(record.code)  # the answers the group retained
    region = official_territories().region_of(record.profile.departement)
    edits = [e.contact for e in repository.directory_edits(region)] if region else []
    builders: Builders = [
        (
            pdf_path,
            lambda: workshop_pdf(
                ref, record, sheets, lang, plan=plan, discussion=kept, directory_edits=edits
            ),
        ),
        (xlsx_path, lambda: workshop_xlsx(ref, record, sheets, lang, plan=plan, discussion=kept)),
        (csv_path, lambda: workshop_csv(ref, record, sheets, lang)),
    ]
    write_outputs(builders, lang)


@cli.command()
@click.option("--port", type=click.IntRange(1, 65535), default=8501, show_default=True)
@click.option(
    "--address",
    default=None,
    help="Adresse d'écoute : 127.0.0.1 (ce poste seul) par défaut, 0.0.0.0 pour tout le "
    "réseau / address to listen on: this machine only by default, 0.0.0.0 for the network.",
)
@click.option(
    "--public-url",
    default=None,
    help="Adresse vue par les utilisateurs, pour les liens / address users see, for links.",
)
@click.option(
    "--secrets",
    type=click.Path(path_type=Path),
    default=None,
    help="Fichier de secrets (connexion [auth]) au lieu de .streamlit/secrets.toml / "
    "secrets file (sign-in [auth]) instead of .streamlit/secrets.toml.",
)
@click.pass_obj
def serve(
    ctx: Context, port: int, address: str | None, public_url: str | None, secrets: Path | None
) -> None:
    """Lance l'application avec les réglages du projet / start the app with its settings."""
    from ..ui.secrets_file import check_secrets
    from ..ui.serve import Launch, check_public_url
    from ..ui.serve import serve as run_server

    public = public_url or Settings.from_env().public_url or None
    checked = check_secrets(secrets) if secrets is not None else None
    run_server(Launch(port, address, check_public_url(public) if public else None, checked))


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; every error is one line on stderr and a non-zero exit code."""
    args = sys.argv[1:] if argv is None else argv
    lang = _language(args)
    localise(cli, lang)
    prefix = "Error: " if lang == "en" else "Erreur\u00a0: "
    try:
        cli.main(args=args, prog_name="diagnostic-ess", standalone_mode=False)
    except DiagnosticError as error:
        click.echo(prefix + error.message(lang).replace("\n", " ; "), err=True)
        return 1
    except click.exceptions.Abort:
        click.echo(prefix + ("interrupted" if lang == "en" else "interrompu"), err=True)
        return 130
    except NO_ARGS_IS_HELP as error:
        click.echo(error.format_message(), err=True)  # the help page, as Click shows it
        return 2
    except click.UsageError as error:
        click.echo(prefix + usage_message(error, lang), err=True)
        return 2
    except click.ClickException as error:
        click.echo(prefix + error.format_message().replace("\n", " "), err=True)
        return error.exit_code
    except BrokenPipeError:
        return 0
    return 0


def _language(args: list[str]) -> str:
    """The messages' language: ``--lang`` wherever it is given, else ``DIAGNOSTIC_LANG``."""
    lang = "en" if Settings.from_env().lang == "en" else "fr"
    for index, arg in enumerate(args):
        if arg == "--lang" and index + 1 < len(args):
            lang = args[index + 1]
        elif arg.startswith("--lang="):
            lang = arg.removeprefix("--lang=")
    return "en" if lang == "en" else "fr"


if __name__ == "__main__":
    sys.exit(main())
