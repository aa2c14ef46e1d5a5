"""``diagnostic-ess territory find``: the official communes and EPCI matching a query."""

from __future__ import annotations

import json
from typing import Any

import click

from ..territory.official import MIN_LETTERS, Territories, Territory, official_territories
from ..typography import format_number, french_spacing
from .files import output_format

KIND_LABELS = {
    "commune": ("commune", "commune"),
    "cc": ("communauté de communes", "communauté de communes (CC)"),
    "ca": ("communauté d’agglomération", "communauté d’agglomération (CA)"),
    "cu": ("communauté urbaine", "communauté urbaine (CU)"),
    "metropole": ("métropole", "métropole"),
}


def territory_to_dict(territory: Territory, territories: Territories) -> dict[str, Any]:
    """A match as JSON-ready values."""
    values: dict[str, Any] = {
        "name": territory.name,
        "kind": territory.kind,
        "siren": territory.siren,
        "code": territory.code,
        "population": territory.population,
        "departement": territory.departement,
        "departement_name": territories.departement_name(territory.departement),
        "region": territory.region,
        "region_name": territories.region_name(territory.region),
    }
    if territory.is_epci:
        values["members"] = len(territory.members)
    else:
        values["postcodes"] = list(territory.postcodes)
    if territory.former_name:
        values["former_name"] = territory.former_name
    return values


def describe(territory: Territory, territories: Territories, lang: str) -> str:
    """One line telling homonyms apart: kind, département, région, population, SIREN."""
    french, english = KIND_LABELS[territory.kind]
    departement = territories.departement_name(territory.departement)
    region = territories.region_name(territory.region)
    population = format_number(territory.population, lang)
    if lang == "en":
        line = (
            f"{territory.name} — {english}, {departement} ({territory.departement}), {region}, "
            f"population {population}, SIREN {territory.siren}"
        )
        if territory.former_name:
            line += f" (formerly {territory.former_name})"
        return line
    line = (
        f"{territory.name} — {french}, {departement} ({territory.departement}), {region}, "
        f"{population} habitants, SIREN {territory.siren}"
    )
    if territory.former_name:
        line += f" (dont l’ancienne commune {territory.former_name})"
    return french_spacing(line)


@click.group()
def territory() -> None:
    """Les communes et EPCI officiels / the official communes and EPCI."""


@territory.command("find")
@click.argument("query", type=str)
@output_format("text", "json")
@click.option("--limit", type=click.IntRange(1, 200), default=20, show_default=True)
@click.pass_obj
def find(ctx: Any, query: str, output_format: str, limit: int) -> None:
    """Cherche une commune ou un EPCI par nom, code postal ou SIREN / find a territory."""
    lang = ctx.lang
    territories = official_territories()
    matches = territories.search(query, limit)
    if output_format == "json":
        payload = [territory_to_dict(match, territories) for match in matches]
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    for match in matches:
        click.echo(describe(match, territories, lang))
    if matches:
        return
    if len("".join(query.split())) < MIN_LETTERS:
        click.echo(
            f"Type at least {MIN_LETTERS} letters or digits."
            if lang == "en"
            else french_spacing(f"Tapez au moins {MIN_LETTERS} lettres ou chiffres."),
            err=True,
        )
        return
    shown = query.strip()[:60]
    click.echo(
        f"No commune or EPCI matches '{shown}'."
        if lang == "en"
        else french_spacing(f"Aucune commune ni aucun EPCI ne correspond à « {shown} »."),
        err=True,
    )
