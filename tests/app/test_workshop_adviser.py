"""The adviser: create a workshop, close, reopen, show the result, delete; wrong links."""

from __future__ import annotations

import datetime as dt

import pytest
from app_support import go, new_app, visit
from atelier_support import dashboard, everything, fill_group, new_workshop, participant
from sqlalchemy import create_engine, func, select
from streamlit.testing.v1 import AppTest

from diagnostic.i18n import t
from diagnostic.model import Referentiel
from diagnostic.storage import Repository
from diagnostic.storage.tables import answers, diagnostics, workshops
from diagnostic.ui.literal import escape_markdown
from diagnostic.ui.workshop.session import ADMIN_KEY

WRONG_KEY = "La clé d’animation ne correspond pas à cet atelier."
NO_KEY = (
    "Ce lien d’animation est incomplet\u00a0: il lui manque la clé. Ouvrez le lien "
    "d’animation complet (…/animation?code=…&key=…), donné à la création de l’atelier "
    "et gardé dans la barre latérale du tableau de bord."
)
PARTICIPANT_LINK = (
    "Ce lien est celui d’un participant\u00a0: il n’ouvre pas le tableau de bord. Le tableau "
    "de bord s’ouvre avec le lien d’animation, que seul l’animateur possède."
)


def not_found(code: str) -> str:
    return (
        f"Aucun atelier ne correspond au code «\u00a0{code}\u00a0». "
        "Vérifiez le code donné par l’animateur."
    )


def row_counts(database_url: str) -> dict[str, int]:
    engine = create_engine(database_url)
    with engine.connect() as connection:
        counts = {
            table.name: int(
                connection.execute(select(func.count()).select_from(table)).scalar_one()
            )
            for table in (workshops, diagnostics, answers)
        }
    engine.dispose()
    return counts


def create_through_the_form(motivations: list[str] | None = None) -> AppTest:
    at = visit("animation")
    at.selectbox(key="animation-type").set_value("pays_petr").run()
    at.text_input(key="animation-name").set_value("Pays du *Lunévillois*").run()
    at.date_input(key="animation-date").set_value(dt.date(2026, 11, 27)).run()
    if motivations:
        at.multiselect(key="animation-motivations").set_value(motivations).run()
    at.button(key="animation-create").click().run()
    assert not at.exception
    return at


def test_creating_a_workshop_opens_its_dashboard_with_code_links_and_qr(
    database_url: str, repository: Repository
) -> None:
    at = create_through_the_form(["innovation", "emploi"])
    code, key = at.session_state[ADMIN_KEY]
    assert at.query_params["code"] == code
    assert "key" not in at.query_params  # a projected address bar never shows the key
    record = repository.check_admin(code, key)
    assert record.profile.name == "Pays du *Lunévillois*"
    assert record.profile.type == "pays_petr"
    assert record.profile.date == dt.date(2026, 11, 27)
    assert record.motivations == ("emploi", "innovation")  # the référentiel's order
    assert record.status == "open" and not record.results_visible
    assert at.session_state[ADMIN_KEY] == (code, key)
    assert at.success[0].value == escape_markdown(t("atelier.create.done", "fr", code=code))
    assert "**Pays du \\*Lunévillois\\***" in at.markdown[0].value
    chosen = (
        "Motivations travaillées\u00a0: Soutien à la création d’emplois et Favoriser l’innovation"
    )
    assert chosen in [c.value for c in at.caption]
    assert f"http://localhost:8501/atelier?code={code}" in [c.value for c in at.code]
    assert f"http://localhost:8501/animation?code={code}&key={key}" in [
        c.value for c in at.sidebar.code
    ]
    pictures = [block.value for block in at.get("html")]
    assert any("workshop-qr" in body for body in pictures)
    assert any(f"{code[:3]}<span" in body and f"{code[3:]}</span>" in body for body in pictures)
    assert t("atelier.dash.nobody", "fr") in [h.value for h in at.header]


def test_the_form_says_what_is_missing_and_creates_nothing(database_url: str) -> None:
    at = visit("animation")
    at.button(key="animation-create").click().run()
    assert [e.value for e in at.error] == [
        "Choisissez le type de territoire pour continuer.\n\n"
        "Indiquez le nom du territoire pour continuer."
    ]
    assert row_counts(database_url)["workshops"] == 0


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("code only", NO_KEY),
        ("key only", NO_KEY),
        ("participant link", PARTICIPANT_LINK),
        ("participant token as key", escape_markdown(WRONG_KEY)),
        ("wrong key", escape_markdown(WRONG_KEY)),
    ],
)
def test_a_wrong_or_participant_link_shows_no_dashboard_data(
    case: str, message: str, database_url: str, repository: Repository, referentiel: Referentiel
) -> None:
    workshop, key = new_workshop(repository)
    tokens = fill_group(repository, referentiel, workshop.code)
    repository.save_comment(tokens[0], referentiel.questions[0].id, "Avis de Zoé")
    params = {
        "code only": {"code": workshop.code},
        "key only": {"key": key},
        "participant link": {"p": tokens[0]},
        "participant token as key": {"code": workshop.code, "key": tokens[0]},
        "wrong key": {"code": workshop.code, "key": key[:-1] + ("A" if key[-1] != "A" else "B")},
    }[case]
    at = visit("animation", **params)
    assert not at.exception
    assert [e.value for e in at.error] == [message]
    shown = everything(at)
    for secret in ("Zoé", "Marcel", "Avis de Zoé", "Participant 2", "Élu ou élue", key):
        assert secret not in shown
    assert not at.tabs
    assert ADMIN_KEY not in at.session_state


def test_closing_reopening_and_showing_the_result(
    database_url: str, repository: Repository
) -> None:
    workshop, key = new_workshop(repository)
    at = dashboard(workshop.code, key)
    at.button(key="animation-close").click().run()
    assert repository.get_workshop(workshop.code).status == "closed"
    assert any(t("atelier.dash.closed", "fr") in w.value for w in at.warning)
    at.button(key="animation-reopen").click().run()
    assert repository.get_workshop(workshop.code).status == "open"
    at.button(key="animation-show-results").click().run()
    assert repository.get_workshop(workshop.code).results_visible
    assert any(t("atelier.dash.visible", "fr") in s.value for s in at.success)
    at.button(key="animation-hide-results").click().run()
    assert not repository.get_workshop(workshop.code).results_visible
    assert not at.exception


def test_deleting_needs_the_code_then_removes_every_row_and_every_link(
    database_url: str, repository: Repository, referentiel: Referentiel
) -> None:
    workshop, key = new_workshop(repository)
    tokens = fill_group(
        repository, referentiel, workshop.code, people=[("elu", "Zoé"), ("agent", None)]
    )
    single = repository.create_diagnostic()
    repository.save_answer(single.token, referentiel.questions[0].id, 1)
    before = row_counts(database_url)
    at = dashboard(workshop.code, key)
    at.text_input(key="animation-delete-code").set_value("AAAAAA").run()
    at.button(key="animation-delete").click().run()
    mismatch = t("atelier.delete.mismatch", "fr", code=workshop.code)
    assert [e.value for e in at.error] == [mismatch]
    assert row_counts(database_url) == before

    at.text_input(key="animation-delete-code").set_value(
        workshop.code.lower()[:3] + " " + workshop.code[3:].lower()
    ).run()
    at.button(key="animation-delete").click().run()
    assert not at.exception
    assert [s.value for s in at.success] == [
        escape_markdown(t("atelier.delete.done", "fr", code=workshop.code))
    ]
    assert at.title[0].value == t("atelier.create.title", "fr")
    assert "code" not in at.query_params and "key" not in at.query_params
    assert row_counts(database_url) == {"workshops": 0, "diagnostics": 1, "answers": 1}

    again = dashboard(workshop.code, key)
    assert [e.value for e in again.error] == [escape_markdown(not_found(workshop.code))]
    joining = visit("atelier", code=workshop.code)
    assert [e.value for e in joining.error] == [escape_markdown(not_found(workshop.code))]
    gone = participant(tokens[0])
    assert [e.value for e in gone.error] == [t("atelier.me.not_found", "fr")]
    assert gone.title[0].value == t("atelier.join.title", "fr")


def test_the_session_keeps_its_dashboard_and_can_start_another(
    database_url: str, repository: Repository
) -> None:
    workshop, key = new_workshop(repository)
    at = dashboard(workshop.code, key)
    go(at, "accueil")
    at.query_params.clear()
    go(at, "animation")
    assert at.title[0].value == t("atelier.dash.title", "fr")
    assert at.query_params["code"] == workshop.code
    at.button(key="animation-new").click().run()
    assert at.title[0].value == t("atelier.create.title", "fr")
    assert ADMIN_KEY not in at.session_state


def test_the_dashboard_in_english(database_url: str, repository: Repository) -> None:
    workshop, key = new_workshop(repository)
    at = new_app(lang="en").run()
    at.query_params["code"] = workshop.code
    at.query_params["key"] = key
    go(at, "animation")
    assert at.title[0].value == "Workshop dashboard"
    assert "No participant yet" in [h.value for h in at.header]
    assert at.button(key="animation-close").label == "Close the workshop"
