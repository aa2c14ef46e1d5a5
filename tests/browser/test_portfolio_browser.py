"""In Chromium, signed in through a real OpenID Connect provider, a CRESS adviser's portfolio:
only the territories that share with her région, a filter, a territory opened from the map's
list, a figures file refused then loaded, the synthesis downloaded and read."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from browser_support import Server
from browser_walk import fresh
from oidc_support import CLAIRE, DISPLAY_NAME, SUBJECT
from playwright.sync_api import expect
from workshop_walk import SCREEN, WorkshopWalker, new_page

from diagnostic.accounts import CommandLine, Identity, adviser, member
from diagnostic.i18n import t
from diagnostic.model import TerritoryProfile
from diagnostic.storage import open_repository

pytestmark = [pytest.mark.browser, pytest.mark.slow]

GRAND_EST = "44"
MOSELLE_MADON = TerritoryProfile("CC Moselle et Madon", "cc", siren="245400171", departement="54")
NANCY = TerritoryProfile("Métropole du Grand Nancy", "metropole", siren="245400676")
SAINTOIS = TerritoryProfile("CC du Pays du Saintois", "cc", siren="200035772", departement="54")
VAL_D_ILLE = TerritoryProfile("CC Val d’Ille-Aubigné", "cc", siren="243500667", departement="35")
UPLOAD = "portfolio-figures-upload"
GOOD_FILE = (
    "territoire;indicateur;famille;valeur;annee;source\n"
    "245400171;etablissements;;128;2023;Observatoire régional de l’ESS Grand Est\n"
    "245400171;salaries;;1 450;2023;Observatoire régional de l’ESS Grand Est\n"
)
BAD_FILE = (
    "territoire;indicateur;famille;valeur;annee;source\n"
    "245400171;etablissements;;douze;2023;Observatoire régional de l’ESS Grand Est\n"
    "5400171;salaries;;1450;2023;Observatoire régional de l’ESS Grand Est\n"
)


def test_an_adviser_works_through_her_regions_portfolio(
    browser: Any, signin_server: Server, tmp_path: Path
) -> None:
    server = signin_server
    repository = open_repository(server.database_url)
    for profile in (MOSELLE_MADON, NANCY, SAINTOIS, VAL_D_ILLE):
        repository.create_diagnostic(profile)
    for shared in (MOSELLE_MADON, NANCY, VAL_D_ILLE):  # Val d’Ille: with Bretagne's CRESS
        share(repository, str(shared.siren))
    repository.sign_in(Identity(CLAIRE["email"]))
    repository.grant_role(CommandLine(), CLAIRE["email"], adviser(GRAND_EST))
    walker = WorkshopWalker(new_page(browser, SCREEN), server.url)
    page = walker.page
    walker.open(f"{server.url}/portefeuille")
    page.get_by_role("button", name=f"Se connecter avec {DISPLAY_NAME}").click()
    page.get_by_role("button", name=SUBJECT, exact=True).click()
    walker.see(t("signin.who", "fr", who=CLAIRE["name"]))

    walker.open(f"{server.url}/portefeuille")
    walker.see(t("portfolio.count", "fr", shown=2, total=2))  # shared, of her région only
    for seen in (MOSELLE_MADON, NANCY):
        expect(page.locator(fresh(f"portfolio-map-open-{seen.siren}"))).to_have_count(1)
    for unseen in (SAINTOIS, VAL_D_ILLE):
        expect(page.locator(fresh(f"portfolio-map-open-{unseen.siren}"))).to_have_count(0)
        expect(page.get_by_text(str(unseen.name))).to_have_count(0)

    walker.type_text("portfolio-search", "Nancy")
    walker.see(t("portfolio.count", "fr", shown=1, total=2))
    expect(page.locator(fresh(f"portfolio-map-open-{MOSELLE_MADON.siren}"))).to_have_count(0)
    walker.type_text("portfolio-search", "")
    walker.see(t("portfolio.count", "fr", shown=2, total=2))

    page.get_by_text(t("portfolio.figures.upload", "fr")).click()
    upload(page, tmp_path / "chiffres-faux.csv", BAD_FILE)
    problems = page.locator(fresh(f"{UPLOAD}-problems"))
    expect(problems).to_contain_text("« douze » n’est pas un nombre")
    expect(problems).to_contain_text("ligne 3, champ « territoire » : « 5400171 »")
    assert repository.territory_figures("245400171") == ()
    upload(page, tmp_path / "chiffres.csv", GOOD_FILE)
    walker.see("Ce fichier contient 2 chiffres pour 1 territoire")
    walker.click_key(f"{UPLOAD}-confirm")
    walker.see("Import fait : 2 chiffres")
    assert {f.indicator for f in repository.territory_figures("245400171")} == {
        "etablissements",
        "salaries",
    }

    with page.expect_download() as event:
        page.locator(f"{fresh('portfolio-download-pdf')} button").click()
    pdf = Path(event.value.path()).read_bytes()
    assert pdf.startswith(b"%PDF")
    text = pdf_text(pdf, tmp_path / "synthese.pdf")
    assert t("synthesis.title", "fr") in text
    assert "Grand Est" in text

    walker.click_key(f"portfolio-map-open-{NANCY.siren}")
    expect(page).to_have_url(re.compile(rf"/territoire\?t={NANCY.siren}"))
    walker.see(str(NANCY.name))


def share(repository: Any, siren: str) -> None:
    """A member of the territory shares it with its région's advisers."""
    someone = Identity(f"elu-{siren}@example.fr")
    repository.sign_in(someone)
    repository.grant_role(CommandLine(), someone.email, member(siren))
    repository.share_with_region(someone, siren)


def upload(page: Any, path: Path, content: str) -> None:
    """Give the portfolio's figures uploader a file."""
    path.write_text(content, encoding="utf-8")
    page.locator(f"{fresh(UPLOAD)} input[type=file]").set_input_files(str(path))


def pdf_text(pdf: bytes, path: Path) -> str:
    """The PDF's text as pdftotext (poppler-utils) reads it."""
    path.write_bytes(pdf)
    done = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True)
    return " ".join(done.stdout.decode("utf-8").split())
