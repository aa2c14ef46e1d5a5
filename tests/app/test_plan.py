"""The feuille de route on the results page, and « Refaire le diagnostic », by widget keys."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json

import pytest
from app_support import go, new_app, screen
from atelier_support import dashboard, fill_group, new_workshop
from openpyxl import load_workbook

from diagnostic.export.jsonio import to_json
from diagnostic.export.plan.tabular import plan_csv
from diagnostic.export.tabular import to_xlsx
from diagnostic.model import AnswerSheet, Referentiel, TerritoryProfile
from diagnostic.plan.model import PlanAction, Quarter
from diagnostic.storage import Repository
from diagnostic.ui.literal import escape_markdown
from diagnostic.ui.state import TOKEN_KEY

PROFILE = TerritoryProfile("Communauté de communes du Saintois", "cc", departement="54")
HOSTILE = "=1+1 <script>alert(1)</script> **gras** [lien](http://x.example)"


def answered(repository: Repository, referentiel: Referentiel) -> str:
    """A diagnostic with a profile and every question answered at its scale's middle."""
    token = repository.create_diagnostic(PROFILE).token
    answers = {q.id: referentiel.scale(q.scale).values()[1] for q in referentiel.questions}
    repository.replace_sheet(token, AnswerSheet(PROFILE, answers, {}, referentiel.version))
    return token


def results(token: str):  # type: ignore[no-untyped-def]
    at = new_app(token=token).run()
    return go(at, "resultats")


def test_picking_an_action_and_editing_it_is_saved_as_typed(
    repository: Repository, referentiel: Referentiel
) -> None:
    token = answered(repository, referentiel)
    at = results(token)
    assert not at.exception, at.exception
    picked = at.selectbox(key="plan-pick").value
    at.button(key="plan-add").click().run()
    assert not at.exception, at.exception
    [line] = repository.load_plan(token)
    assert line.action == picked and line.status == "a_lancer" and line.partners

    quarter = str(Quarter.of(line.added).next(2))
    at.text_input(key=f"plan-{line.id}-owner").input("Vice-président à l’économie").run()
    at.selectbox(key=f"plan-{line.id}-status").set_value("en_cours").run()
    at.selectbox(key=f"plan-{line.id}-quarter").set_value(quarter).run()
    at.text_area(key=f"plan-{line.id}-note").input(HOSTILE).run()
    assert not at.exception, at.exception

    [saved] = repository.load_plan(token)
    assert saved.owner == "Vice-président à l’économie"
    assert saved.status == "en_cours"
    assert str(saved.quarter) == quarter
    assert saved.note == HOSTILE

    again = results(token)  # a reload: a new session on the same link
    assert again.text_input(key=f"plan-{line.id}-owner").value == "Vice-président à l’économie"
    assert again.text_area(key=f"plan-{line.id}-note").value == HOSTILE


def test_an_own_action_is_added_and_removed(
    repository: Repository, referentiel: Referentiel
) -> None:
    token = answered(repository, referentiel)
    at = results(token)
    at.button(key="plan-add-own").click().run()
    assert "Écrivez d’abord l’intitulé de l’action." in screen(at)
    assert repository.load_plan(token) == ()
    at.text_input(key="plan-own").input(HOSTILE).run()
    at.button(key="plan-add-own").click().run()
    [line] = repository.load_plan(token)
    assert line.label == HOSTILE and line.action is None
    assert at.text_input(key="plan-own").value == ""
    # Shown literally: markup and links escaped, not interpreted.
    assert f"**1.** {escape_markdown(HOSTILE)}" in [m.value for m in at.markdown]
    at.button(key=f"plan-{line.id}-delete").click().run()
    assert not at.exception, at.exception
    assert repository.load_plan(token) == ()


def test_an_added_own_action_empties_its_field_and_a_duplicate_is_refused(
    repository: Repository, referentiel: Referentiel
) -> None:
    token = answered(repository, referentiel)
    at = results(token)
    at.text_input(key="plan-own").input("Réunir les acteurs du territoire").run()
    at.button(key="plan-add-own").click().run()
    assert len(repository.load_plan(token)) == 1
    field = at.text_input(key="plan-own")
    # The browser keeps what it shows unless told: the field is emptied there too.
    assert (field.proto.set_value, field.proto.value) == (True, "")
    at.text_input(key="plan-own").input("  réunir LES acteurs du  territoire ").run()
    at.button(key="plan-add-own").click().run()
    assert not at.exception, at.exception
    assert len(repository.load_plan(token)) == 1
    assert [w.value for w in at.warning] == [
        "Cette action est déjà dans la feuille de route (n°\u00a01)\u00a0: modifiez-la plutôt "
        "que de l’ajouter une seconde fois."
    ]
    assert at.text_input(key="plan-own").value == "  réunir LES acteurs du  territoire "


def test_redoing_the_diagnostic_carries_profile_and_plan_and_shows_the_comparison(
    repository: Repository, referentiel: Referentiel
) -> None:
    token = answered(repository, referentiel)
    at = results(token)
    at.button(key="plan-add").click().run()
    [line] = repository.load_plan(token)
    at.selectbox(key=f"plan-{line.id}-status").set_value("fait").run()

    at.radio(key="redo-answers").set_value("prefill").run()
    at.button(key="redo-start").click().run()
    assert not at.exception, at.exception
    new_token = str(at.session_state[TOKEN_KEY])
    assert new_token != token
    sheet = repository.load_sheet(new_token)
    assert sheet.territory.name == PROFILE.name
    assert [(a.id, a.status) for a in sheet.plan] == [(line.id, "fait")]
    assert sheet.previous is not None
    assert dict(sheet.answers) == dict(repository.load_sheet(token).answers)

    first = referentiel.questions[0]
    top = referentiel.scale(first.scale).values()[-1]
    repository.save_answer(new_token, first.id, top)
    later = results(new_token)
    assert not later.exception, later.exception
    assert "Comparaison avec le diagnostic précédent" in [h.value for h in later.header]
    assert first.label.fr in screen(later)
    # The earlier diagnostic is untouched.
    assert repository.load_sheet(token).answers[first.id] != top


def test_redoing_with_empty_answers_starts_blank(
    repository: Repository, referentiel: Referentiel
) -> None:
    token = answered(repository, referentiel)
    at = results(token)
    at.radio(key="redo-answers").set_value("empty").run()
    at.button(key="redo-start").click().run()
    new_token = str(at.session_state[TOKEN_KEY])
    sheet = repository.load_sheet(new_token)
    assert sheet.answers == {}
    assert sheet.previous is not None
    assert (
        dataclasses.replace(sheet.previous, plan=()).answers == repository.load_sheet(token).answers
    )


def test_the_adviser_builds_the_workshop_plan_on_the_dashboard(
    repository: Repository, referentiel: Referentiel
) -> None:
    workshop, key = new_workshop(repository)
    fill_group(repository, referentiel, workshop.code, questions=30)
    at = dashboard(workshop.code, key)
    assert not at.exception, at.exception
    assert "Notre feuille de route" in [h.value for h in at.header]
    picked = at.selectbox(key="animation-plan-pick").value
    at.button(key="animation-plan-add").click().run()
    [line] = repository.load_workshop_plan(workshop.code)
    assert line.action == picked
    at.selectbox(key=f"animation-plan-{line.id}-status").set_value("fait").run()
    at.text_input(key=f"animation-plan-{line.id}-owner").input("Service économie").run()
    assert not at.exception, at.exception
    [saved] = repository.load_workshop_plan(workshop.code)
    assert (saved.status, saved.owner) == ("fait", "Service économie")


def test_a_small_workshop_offers_only_own_actions(
    repository: Repository, referentiel: Referentiel
) -> None:
    workshop, key = new_workshop(repository)
    at = dashboard(workshop.code, key)
    assert not at.exception, at.exception
    assert not [s for s in at.selectbox if s.key == "animation-plan-pick"]
    at.text_input(key="animation-plan-own").input("Réunir les acteurs du territoire").run()
    at.button(key="animation-plan-add-own").click().run()
    assert [a.label for a in repository.load_workshop_plan(workshop.code)] == [
        "Réunir les acteurs du territoire"
    ]


def file_with_plan(referentiel: Referentiel, **change: object) -> bytes:
    """A re-diagnosis file of PROFILE: one plan line, the earlier diagnostic carried."""
    token_sheet = AnswerSheet(
        PROFILE,
        {q.id: referentiel.scale(q.scale).values()[1] for q in referentiel.questions},
        {},
        referentiel.version,
    )
    line = PlanAction("a1", "Former les élus", dt.date(2026, 11, 27), status="en_cours")
    later = dataclasses.replace(token_sheet, plan=(line,), previous=token_sheet)
    raw = json.loads(to_json(later, referentiel))
    raw["plan"][0].update(change)
    return (json.dumps(raw, ensure_ascii=False, indent=2) + "\n").encode()


def test_an_imported_file_brings_its_plan_and_its_earlier_diagnostic(
    repository: Repository, referentiel: Referentiel
) -> None:
    token = answered(repository, referentiel)
    at = new_app(token=token, step=8).run()
    go(at, "diagnostic")
    data = file_with_plan(referentiel)
    at.file_uploader(key="import-replace").upload("r.json", data, "application/json").run()
    at.button(key="import-replace-confirm").click().run()
    assert not at.exception, at.exception
    saved = repository.load_sheet(token)
    assert [(a.id, a.status) for a in saved.plan] == [("a1", "en_cours")]
    assert saved.previous is not None
    assert to_json(saved, referentiel) == data  # the same bytes after the round trip
    shown = go(at, "resultats")
    assert "Comparaison avec le diagnostic précédent" in [h.value for h in shown.header]
    assert "Aucune différence entre les deux diagnostics." not in screen(shown)


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (
            {"quarter": "2020-Q1"},
            "l’échéance «\u00a02020-Q1\u00a0» (1er\u00a0trimestre 2020) est déjà passée",
        ),
        ({"status": "termine"}, "statut «\u00a0termine\u00a0» inconnu"),
    ],
)
def test_a_bad_plan_line_in_an_imported_file_says_why_and_changes_nothing(
    repository: Repository, referentiel: Referentiel, change: dict[str, object], reason: str
) -> None:
    token = answered(repository, referentiel)
    before = repository.load_sheet(token)
    at = new_app(token=token, step=8).run()
    go(at, "diagnostic")
    data = file_with_plan(referentiel, **change)
    at.file_uploader(key="import-replace").upload("r.json", data, "application/json").run()
    assert not at.exception, at.exception
    [error] = [e.value for e in at.error]
    assert escape_markdown(f"Feuille de route, action n°\u00a01\u00a0: {reason}") in error
    assert repository.load_sheet(token) == before


def test_a_change_made_elsewhere_is_shown_not_overwritten(
    repository: Repository, referentiel: Referentiel
) -> None:
    token = answered(repository, referentiel)
    at = results(token)
    at.button(key="plan-add").click().run()
    [line] = repository.load_plan(token)
    other = dataclasses.replace(line, owner="Saisi dans un autre onglet")
    repository.save_plan_action(token, other)  # another tab, meanwhile

    at.selectbox(key=f"plan-{line.id}-status").set_value("fait").run()
    assert not at.exception, at.exception
    [saved] = repository.load_plan(token)
    assert (saved.owner, saved.status) == ("Saisi dans un autre onglet", "fait")
    assert at.text_input(key=f"plan-{line.id}-owner").value == "Saisi dans un autre onglet"


def test_an_emptied_wording_is_not_saved_and_comes_back(
    repository: Repository, referentiel: Referentiel
) -> None:
    token = answered(repository, referentiel)
    at = results(token)
    at.text_input(key="plan-own").input("Créer un comité ESS").run()
    at.button(key="plan-add-own").click().run()
    [line] = repository.load_plan(token)
    at.text_input(key=f"plan-{line.id}-label").input("   ").run()
    assert repository.load_plan(token)[0].label == "Créer un comité ESS"
    assert at.text_input(key=f"plan-{line.id}-label").value == "Créer un comité ESS"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_exports_word_a_target_as_the_screen_shows_it(
    repository: Repository, referentiel: Referentiel, lang: str
) -> None:
    token = answered(repository, referentiel)
    at = go(new_app(lang=lang, token=token).run(), "resultats")
    at.button(key="plan-add").click().run()
    [line] = repository.load_plan(token)
    at.selectbox(key=f"plan-{line.id}-quarter").set_value(str(Quarter.of(line.added).next(4)))
    at.run()
    box = at.selectbox(key=f"plan-{line.id}-quarter")
    assert box.index is not None
    shown = box.options[box.index]
    assert shown == Quarter.of(line.added).next(4).label(lang)
    sheet = repository.load_sheet(token)
    rows = list(
        csv.reader(
            io.StringIO(plan_csv(referentiel, sheet, lang).decode("utf-8-sig")), delimiter=";"
        )
    )
    assert rows[1][5] == shown
    book = load_workbook(io.BytesIO(to_xlsx(referentiel, sheet, lang)))
    assert book["Feuille de route" if lang == "fr" else "Roadmap"]["F2"].value == shown


def test_a_line_past_its_target_says_so_until_it_is_done(
    repository: Repository, referentiel: Referentiel
) -> None:
    token = answered(repository, referentiel)
    late = PlanAction(
        "late1", "Former les élus", dt.date(2025, 1, 6), quarter=Quarter(2025, 2), status="en_cours"
    )
    repository.save_plan_action(token, late)
    at = results(token)
    captions = [c.value for c in at.caption]
    assert "Échéance dépassée" in captions
    assert "0 fait(s), 1 en cours, 0 à lancer, 0 abandonné(s)" in captions
    box = at.selectbox(key="plan-late1-quarter")
    assert box.index is not None and box.options[box.index] == "2e\u00a0trimestre 2025"
    at.selectbox(key="plan-late1-status").set_value("fait").run()
    captions = [c.value for c in at.caption]
    assert "Échéance dépassée" not in captions
    assert "1 fait(s), 0 en cours, 0 à lancer, 0 abandonné(s)" in captions
    assert repository.load_plan(token)[0].quarter == Quarter(2025, 2)
