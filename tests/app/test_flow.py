"""Fill a whole diagnostic by widget keys: every answer is saved as given, results explain."""

from __future__ import annotations

from app_support import (
    answer_step,
    fill_everything,
    fill_profile,
    go,
    new_app,
    planned,
    screen,
    start,
    texts,
)

from diagnostic.advice.recommend import recommend
from diagnostic.advice.scoring import score_answers
from diagnostic.export import charts
from diagnostic.i18n import t
from diagnostic.model import UNKNOWN, Referentiel
from diagnostic.storage import Repository
from diagnostic.typography import format_number
from diagnostic.ui.literal import escape_markdown
from diagnostic.ui.results import need_text, reason_text, short_name


def test_each_answer_and_comment_is_in_the_database_once_given(
    database_url: str, repository: Repository, referentiel: Referentiel
) -> None:
    at = new_app()
    token = start(at)
    fill_profile(at)
    at.button(key="nav-next").click().run()
    motivation = referentiel.motivations[0].id
    choose = planned(referentiel)
    for question in referentiel.questions_of(motivation):
        at.radio(key=f"answer-{question.id}").set_value(choose(question)).run()
        assert repository.load_sheet(token).answer(question.id) == choose(question)
    first = referentiel.questions_of(motivation)[0].id
    at.text_area(key=f"comment-{first}").input("À voir avec la CRESS").run()
    assert repository.load_sheet(token).comments[first] == "À voir avec la CRESS"
    at.text_area(key=f"comment-{first}").input("").run()
    assert first not in repository.load_sheet(token).comments
    at.radio(key=f"answer-{first}").set_value(UNKNOWN).run()
    assert repository.load_sheet(token).answer(first) == UNKNOWN
    asked = referentiel.questions_of(motivation)
    unknown = 1 + sum(choose(q) == UNKNOWN for q in asked if q.id != first)
    assert at.progress[0].proto.text == t(
        "app.progress", "fr", answered=len(asked), total=len(referentiel.questions), unknown=unknown
    )


def test_a_whole_diagnostic_gives_results_that_say_what_to_do_who_to_call_and_why(
    database_url: str, repository: Repository, referentiel: Referentiel
) -> None:
    at = new_app()
    token = start(at)
    fill_profile(at)
    given = fill_everything(at, referentiel)
    assert t("app.summary.all_done", "fr") in screen(at)
    sheet = repository.load_sheet(token)
    assert dict(sheet.answers) == given
    at.button(key="to-results").click().run()
    assert not at.exception
    shown = screen(at)

    expected = recommend(referentiel, sheet)
    assert len(expected) == 3
    subheaders = [element.value for element in at.subheader]
    headers = [element.value for element in at.header]
    assert headers.count(t("app.results.first_title", "fr")) == 1  # said once, no repetition
    for rec in expected:
        assert f"{rec.rank}. {rec.lever.label.fr}" in subheaders
        card = next(text for text in texts(at) if text.startswith(need_text(rec, "fr")))
        who = ", ".join(short_name(p.name.fr) for p in rec.providers)
        assert card.split("  \n") == [
            need_text(rec, "fr"),
            f"**Qui appeler**\u00a0: {who}",
            f"**Pour commencer**\u00a0: {rec.actions[0].label.fr}",
        ]
        for provider in rec.providers:
            assert f"- **{provider.name.fr}**\u00a0: {provider.description.fr}" in shown
        for reason in rec.reasons:
            assert f"- {reason_text(referentiel, reason, 'fr')}" in shown
    assert at.expander  # reasons and details are folded

    gaps = [q for q, answer in given.items() if answer == UNKNOWN]
    assert t("app.gaps.title", "fr") in headers
    for question_id in gaps:
        assert f"- {referentiel.question(question_id).label.fr}" in shown

    assert escape_markdown("Communauté de communes du Toulois") in shown


def test_the_tables_hold_the_same_figures_as_the_scores(
    database_url: str, repository: Repository, referentiel: Referentiel
) -> None:
    at = new_app()
    token = start(at)
    fill_profile(at)
    fill_everything(at, referentiel)
    go(at, "resultats")
    scores = score_answers(referentiel, repository.load_sheet(token).answers)
    motivations, levers, sources = (table.value for table in at.table)
    assert list(levers.iloc[:, 1]) == [referentiel.lever(r.id).label.fr for r in scores.levers]
    assert list(levers.iloc[:, 2]) == [format_number(r.score, "fr") for r in scores.levers]
    assert list(motivations.iloc[:, 1]) == [
        "—" if m.priority is None else format_number(m.priority, "fr") for m in scores.motivations
    ]
    expected = charts.source_table(referentiel, scores, "fr").map(
        lambda value: format_number(value, "fr")
    )
    assert sources.equals(expected)


def test_leaving_the_profile_needs_a_type_and_a_name(database_url: str) -> None:
    at = new_app()
    start(at)
    at.button(key="nav-next").click().run()
    assert at.selectbox(key="nav-step").label == t("app.nav.step_title", "fr", n=1, total=9)
    assert [error.value for error in at.error] == [
        "Choisissez le type de territoire pour continuer.",
        "Indiquez le nom du territoire pour continuer.",
    ]
    fill_profile(at)
    assert not at.error
    at.button(key="nav-next").click().run()
    assert at.selectbox(key="nav-step").label == t("app.nav.step_title", "fr", n=2, total=9)


def test_a_wrong_field_keeps_its_text_shows_why_and_is_not_saved(
    database_url: str, repository: Repository
) -> None:
    at = new_app()
    token = start(at)
    fill_profile(at)
    at.text_input(key="profile-siren").set_value("552 100 554").run()
    at.text_input(key="profile-departement").set_value("2a").run()
    at.text_input(key="profile-population").set_value("12 500").run()
    saved = repository.get_diagnostic(token).profile
    assert saved is not None
    assert (saved.siren, saved.departement, saved.population) == ("552100554", "2A", 12500)
    assert not at.error

    at.text_input(key="profile-siren").set_value("123456789").run()
    at.text_input(key="profile-departement").set_value("99").run()
    at.text_input(key="profile-population").set_value("douze mille").run()
    assert [error.value for error in at.error] == [
        "Ce SIREN n’est pas valide\u00a0: il faut 9 chiffres et une clé de contrôle juste. "
        "Vérifiez-le, ou laissez le champ vide.",
        "Ce département n’existe pas\u00a0: tapez son numéro, par exemple 54, 2A ou 974.",
        "Tapez un nombre entier d’habitants, de 0 à 15\u00a0000\u00a0000 "
        "(par exemple 12\u00a0500).",
    ]
    assert at.text_input(key="profile-siren").value == "123456789"
    assert at.text_input(key="profile-population").value == "douze mille"
    kept = repository.get_diagnostic(token).profile
    assert kept == saved

    at.text_input(key="profile-name").set_value("Pays du Lunévillois").run()
    renamed = repository.get_diagnostic(token).profile
    assert renamed is not None and renamed.name == "Pays du Lunévillois"
    assert renamed.siren == "552100554"
    at.button(key="nav-next").click().run()
    assert at.selectbox(key="nav-step").label == t("app.nav.step_title", "fr", n=1, total=9)


def test_back_next_and_the_step_selector_move_through_the_wizard(
    database_url: str, referentiel: Referentiel
) -> None:
    at = new_app()
    start(at)
    fill_profile(at)
    assert at.button(key="nav-back").disabled
    at.selectbox(key="nav-step").set_value(4).run()
    assert at.title[0].value == referentiel.motivations[3].label.fr
    assert at.query_params["step"] == "4"
    at.button(key="nav-back").click().run()
    assert at.title[0].value == referentiel.motivations[2].label.fr
    at.selectbox(key="nav-step").set_value(8).run()
    assert at.title[0].value == t("app.step.summary", "fr")
    assert not at.button(key="nav-back").disabled
    assert "nav-next" not in [button.key for button in at.button]


def test_the_summary_lists_what_is_left_and_leads_back_to_it(
    database_url: str, referentiel: Referentiel
) -> None:
    at = new_app()
    start(at)
    fill_profile(at)
    at.button(key="nav-next").click().run()
    first = referentiel.motivations[0]
    answer_step(at, referentiel, first.id, planned(referentiel))
    at.selectbox(key="nav-step").set_value(8).run()
    shown = screen(at)
    assert f"**{first.label.fr}**" not in shown
    second = referentiel.motivations[1]
    assert f"**{second.label.fr}**\u00a0: 6\u00a0questions sans réponse" in shown
    assert t("app.summary.can_continue", "fr") in shown
    at.button(key=f"goto-{second.id}").click().run()
    assert at.title[0].value == second.label.fr


def test_results_wait_for_a_first_answer(database_url: str) -> None:
    at = new_app()
    start(at)
    go(at, "resultats")
    assert not at.exception
    assert t("app.results.nothing_yet", "fr") in [info.value for info in at.info]
    assert t("app.results.no_profile", "fr") in [warning.value for warning in at.warning]
    at.button(key="to-questions").click().run()
    assert at.title[0].value == t("app.step.profile", "fr")


def test_a_change_made_just_before_leaving_the_step_is_saved(
    database_url: str, repository: Repository, referentiel: Referentiel
) -> None:
    at = new_app()
    token = start(at)
    at.selectbox(key="profile-type").set_value("ca")
    at.text_input(key="profile-name").set_value("Agglomération de Nancy")
    at.button(key="nav-next").click().run()  # one run: the fields and the click together
    saved = repository.get_diagnostic(token).profile
    assert saved is not None and saved.name == "Agglomération de Nancy"
    first, second = referentiel.questions_of(referentiel.motivations[0].id)[:2]
    at.radio(key=f"answer-{first.id}").set_value(2)
    at.text_area(key=f"comment-{second.id}").input("Vu en commission")
    at.button(key="nav-next").click().run()
    assert at.title[0].value == referentiel.motivations[1].label.fr
    sheet = repository.load_sheet(token)
    assert sheet.answer(first.id) == 2
    assert sheet.comments[second.id] == "Vu en commission"


def test_a_change_made_just_before_leaving_the_page_is_saved(
    database_url: str, repository: Repository, referentiel: Referentiel
) -> None:
    at = new_app()
    token = start(at)
    fill_profile(at)
    at.button(key="nav-next").click().run()
    first = referentiel.questions[0].id
    at.radio(key=f"answer-{first}").set_value(UNKNOWN)
    at.text_area(key=f"comment-{first}").input("À vérifier")
    go(at, "methode")
    sheet = repository.load_sheet(token)
    assert sheet.answer(first) == UNKNOWN
    assert sheet.comments[first] == "À vérifier"
