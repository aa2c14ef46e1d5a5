"""``diagnostic-ess users`` and ``access-log export``: accounts managed from the server.

Whoever runs these commands has the database in hand: they act as the administrator,
named « ligne de commande » in the access log.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from ..accounts import CommandLine, Grant, admin, adviser, member
from ..settings import Settings
from ..typography import format_date
from .files import say
from .outputs import Builders, write_outputs

OUTPUT = click.Path(dir_okay=False, allow_dash=True, path_type=Path)
ACTOR = CommandLine()


def _lang(ctx: Any) -> str:
    return str(getattr(ctx, "lang", "fr"))


def _repository() -> Any:
    from ..storage import open_repository  # loads SQLAlchemy: not at start-up for other commands

    return open_repository(Settings.from_env().database_url)


def _role(is_admin: bool, territory: str | None, region: str | None, lang: str) -> Grant:
    """The one role the options name; a usage error for none or several."""
    given = [
        grant
        for grant in (
            admin() if is_admin else None,
            member(territory) if territory is not None else None,
            adviser(region) if region is not None else None,
        )
        if grant is not None
    ]
    if len(given) != 1:
        raise click.UsageError(
            "give exactly one of --admin, --member TERRITORY_KEY, --adviser REGION_CODE"
            if lang == "en"
            else "indiquez une seule option parmi --admin, --member SIREN, --adviser CODE_RÉGION"
        )
    return given[0]


def role_options(command: Any) -> Any:
    """The three ways to name a role."""
    command = click.option(
        "--adviser",
        "region",
        metavar="REGION_CODE",
        help="Conseil régional (CRESS) d'une "
        "région, par son code INSEE / regional adviser of a région, by its code.",
    )(command)
    command = click.option(
        "--member",
        "territory",
        metavar="TERRITORY_KEY",
        help="Membre d'un territoire, par son SIREN / member of a territory, by its SIREN.",
    )(command)
    return click.option(
        "--admin", "is_admin", is_flag=True, help="Administration de l'outil / administrator."
    )(command)


@click.group()
def users() -> None:
    """Les comptes et leurs rôles / accounts and their roles."""


@users.command("list")
@click.pass_obj
def users_list(ctx: Any) -> None:
    """Liste les comptes et leurs rôles / list the accounts and their roles."""
    lang = _lang(ctx)
    found = _repository().list_users(ACTOR)
    if not found:
        say(
            "Aucun compte : personne ne s’est encore connecté.",
            "No account: nobody has signed in yet.",
            lang,
        )
    for user in found:
        roles = ", ".join(grant.describe(lang) for grant in user.grants) or (
            "no role" if lang == "en" else "aucun rôle"
        )
        seen = format_date(user.last_seen_at.date(), lang)
        click.echo(f"{user.email}\t{user.display_name}\t{roles}\t{seen}")


@users.command("grant")
@click.argument("email")
@role_options
@click.pass_obj
def users_grant(
    ctx: Any, email: str, is_admin: bool, territory: str | None, region: str | None
) -> None:
    """Donne un rôle à un compte / give an account a role."""
    lang = _lang(ctx)
    grant = _role(is_admin, territory, region, lang)
    done = _repository().grant_role(ACTOR, email, grant)
    role = grant.describe(lang)
    if done:
        say(f"Rôle donné à {email} : {role}.", f"Role given to {email}: {role}.", lang)
    else:
        say(f"{email} a déjà ce rôle : {role}.", f"{email} already has this role: {role}.", lang)


@users.command("revoke")
@click.argument("email")
@role_options
@click.pass_obj
def users_revoke(
    ctx: Any, email: str, is_admin: bool, territory: str | None, region: str | None
) -> None:
    """Retire un rôle à un compte, immédiatement / take a role back, at once."""
    lang = _lang(ctx)
    grant = _role(is_admin, territory, region, lang)
    done = _repository().revoke_role(ACTOR, email, grant)
    role = grant.describe(lang)
    if done:
        say(f"Rôle retiré à {email} : {role}.", f"Role taken from {email}: {role}.", lang)
    else:
        say(
            f"{email} n’avait pas ce rôle : {role}.",
            f"{email} did not have this role: {role}.",
            lang,
        )


@users.command("forget")
@click.argument("email")
@click.pass_obj
def users_forget(ctx: Any, email: str) -> None:
    """Supprime un compte et efface son adresse du journal / delete an account, erase its
    address from the log."""
    lang = _lang(ctx)
    _repository().forget_user(ACTOR, email)
    say(
        "Compte supprimé ; son adresse est effacée du journal des accès.",
        "Account deleted; its address is erased from the access log.",
        lang,
    )


@click.group("access-log")
def access_log() -> None:
    """Le journal des accès / the access log."""


@access_log.command("export")
@click.argument("file", type=OUTPUT)
@click.option(
    "--territory",
    metavar="TERRITORY_KEY",
    help="Un territoire seulement, par son SIREN / one territory only, by its SIREN.",
)
@click.pass_obj
def access_log_export(ctx: Any, file: Path, territory: str | None) -> None:
    """Exporte le journal des accès en CSV / export the access log as CSV."""
    from ..export.access_log import access_log_csv

    lang = _lang(ctx)
    entries = _repository().export_access_log(ACTOR, territory)
    builders: Builders = [(file, lambda: access_log_csv(entries, lang))]
    write_outputs(builders, lang)
