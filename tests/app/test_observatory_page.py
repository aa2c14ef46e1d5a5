"""« L’ESS sur votre territoire » on the results page, and the figures upload that asks first."""

from __future__ import annotations

from pathlib import Path

from app_support import go, new_app, screen
from streamlit.testing.v1 import AppTest

from diagnostic.model import AnswerSheet, Referentiel, TerritoryProfile
from diagnostic.portfolio.figures import Figure
from diagnostic.storage import Repository
from diagnostic.ui.literal import escape_markdown

DATA = Path(__file__).resolve().parents[1] / "data" / "figures"
VAL_D_ILLE = TerritoryProfile("CC Val d’Ille-Aubigné", "cc", siren="243500667", departement="35")
PAYS = TerritoryProfile("Pays de Brocéliande", "pays_petr", departement="35")
SOURCE = "Observatoire régional de l’ESS, CRESS Bretagne"
NBSP = "\u00a0"
MORE = ["35238;salaries;;5;2022;"]


def answered(repository: Repository, referentiel: Referentiel, profile: TerritoryProfile) -> str:
    """A diagnostic of ``profile`` with every question answered; its token."""
    answers = {}
    for question in referentiel.questions:
        values = referentiel.scale(question.scale).values()
        answers[question.id] = values[-1] if question.kind == "priority" else values[0]
    token = repository.create_diagnostic(profile).token
    repository.replace_sheet(token, AnswerSheet(profile, answers, {}, referentiel.version))
    return token


def results(token: str, lang: str = "fr") -> AppTest:
    at = go(new_app(token=token, lang=lang).run(), "resultats")
    assert not at.exception, at.exception
    return at


def section(at: AppTest) -> str:
    """The page's text once « L’ESS sur votre territoire » is on it (unescaped, plain spaces)."""
    shown = screen(at).replace(NBSP, " ").replace("\\", "")
    assert "L’ESS sur votre territoire" in shown
    return shown


def test_the_figures_are_shown_the_french_way_with_year_and_source(
    repository: Repository, referentiel: Referentiel
) -> None:
    token = answered(repository, referentiel, VAL_D_ILLE)
    repository.import_figures(
        [
            Figure("243500667", "salaries", "", 2022, 1_100, "CRESS 2022"),
            Figure("243500667", "salaries", "", 2023, 1_234, SOURCE),
            Figure("243500667", "part_emploi_prive", "", 2023, 12.3, SOURCE),
            Figure("243500667", "salaries", "cooperatives", 2023, 1, SOURCE),
            Figure("35238", "salaries", "", 2023, 99_999, "Rennes"),
        ]
    )
    shown = section(results(token))
    assert f"**Salariés de l’ESS** : 1 234 salariés (2023, source : {SOURCE})" in shown
    share = "**Part de l’ESS dans l’emploi privé** : 12,3 % de l’emploi privé"
    assert f"{share} (2023, source : {SOURCE})" in shown
    assert f"**Salariés de l’ESS — Coopératives** : 1 salarié (2023, source : {SOURCE})" in shown
    assert "Par famille de l’ESS" in shown
    assert "1 100" not in shown and "99 999" not in shown  # an older year, another territory
    english = section_en(results(token, "en"))
    assert f"**ESS employees**: 1,234 employees (2023, source: {SOURCE})" in english


def section_en(at: AppTest) -> str:
    shown = screen(at).replace("\\", "")
    assert "The ESS in your territory" in shown
    return shown


def test_without_figures_the_page_names_the_cress_and_gives_no_number(
    repository: Repository, referentiel: Referentiel
) -> None:
    token = answered(repository, referentiel, VAL_D_ILLE)
    at = results(token)
    section(at)
    said = [info.value.replace(NBSP, " ").replace("\\", "") for info in at.info]
    assert (
        "Les chiffres de l’ESS de ce territoire ne sont pas chargés dans l’outil. L’observatoire "
        "de la CRESS Bretagne les publie ([https://www.ess-bretagne.org](https://www.ess-bretagne"
        ".org)) ; la CRESS peut aussi les charger ici."
    ) in [text.replace("\u2060", "") for text in said]
    assert "Salariés de l’ESS" not in screen(at)  # no figure line, not even an empty one
    assert "Les chiffres sont chargés par commune ou par EPCI" not in screen(at)


def test_a_pays_is_told_figures_come_by_commune_or_epci(
    repository: Repository, referentiel: Referentiel
) -> None:
    token = answered(repository, referentiel, PAYS)
    shown = section(results(token))
    assert "L’observatoire de la CRESS Bretagne les publie" in shown
    assert "Les chiffres sont chargés par commune ou par EPCI" in shown


def upload_page() -> None:
    """The component alone, as the portfolio page places it."""
    import os

    import streamlit as st

    from diagnostic.storage import open_repository
    from diagnostic.ui.figures_upload import figures_upload

    if figures_upload(open_repository(os.environ["DIAGNOSTIC_DATABASE_URL"]), "fr"):
        st.rerun()


def uploader(data: bytes, name: str = "chiffres.csv") -> AppTest:
    at = AppTest.from_function(upload_page, default_timeout=30).run()
    at.file_uploader(key="figures-upload").upload(name, data, "text/csv").run()
    assert not at.exception, at.exception
    return at


def test_a_bad_file_shows_every_problem_and_writes_nothing(repository: Repository) -> None:
    lines = (DATA / "ok.csv").read_text(encoding="utf-8-sig").splitlines()
    bad = "\n".join(
        [*lines[:3], "35238;salaries;;-5;2023;CRESS", "35238;salaries;;5;2023;CRESS bis", *MORE]
    )
    at = uploader(bad.encode(), "bad.csv")
    assert [e.value for e in at.error] == [
        f"Ce fichier n’est pas importé{NBSP}: il contient 3{NBSP}problèmes, listés ci-dessous avec "
        "leur ligne et leur colonne. Rien n’a été écrit."
    ]
    shown = screen(at).replace("\\", "")
    assert "bad.csv, ligne 4, champ « valeur » : valeur négative (-5)" in shown
    assert (
        "bad.csv, ligne 5 : même territoire, indicateur, famille et année qu’à la ligne 2" in shown
    )
    assert "bad.csv, ligne 6, champ « source » : source manquante" in shown
    assert "figures-upload-confirm" not in {button.key for button in at.button}
    assert repository.count_territories_with_figures() == 0


def test_a_good_file_says_what_it_adds_and_replaces_and_waits(repository: Repository) -> None:
    repository.import_figures([Figure("35238", "salaries", "", 2023, 1, "ancienne")])
    at = uploader((DATA / "ok.csv").read_bytes())
    shown = screen(at).replace(NBSP, " ")
    assert "Ce fichier contient 6 chiffres pour 2 territoires, année(s) 2022 et 2023." in shown
    assert "L’importer remplace 1 chiffre déjà chargé pour ces territoires et ces années" in shown
    assert repository.territory_figures("35238")[0].source == "ancienne"  # nothing yet
    at.button(key="figures-upload-confirm").click().run()
    assert not at.exception, at.exception
    assert [s.value for s in at.success] == [
        escape_markdown(
            f"Import fait{NBSP}: 6 chiffres{NBSP}; chiffres chargés avant et remplacés{NBSP}: 1."
        )
    ]
    assert len(repository.territory_figures("35238")) == 4
    assert repository.count_territories_with_figures() == 2


def test_cancel_writes_nothing(repository: Repository) -> None:
    at = uploader((DATA / "ok.csv").read_bytes())
    assert "Aucun chiffre déjà chargé n’est remplacé." in screen(at)
    at.button(key="figures-upload-cancel").click().run()
    assert [i.value for i in at.info] == [escape_markdown(f"Import annulé{NBSP}: rien n’a changé.")]
    assert repository.count_territories_with_figures() == 0
