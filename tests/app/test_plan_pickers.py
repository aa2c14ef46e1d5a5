"""The feuille de route's pickers: every recommended action, and the référentiel's full list."""

from __future__ import annotations

from app_support import go, new_app
from atelier_support import dashboard, fill_group, new_workshop
from streamlit.testing.v1 import AppTest
from test_plan import PROFILE, answered

from diagnostic.advice.recommend import action_state, explain_all
from diagnostic.model import DECLINED, Action, AnswerSheet, Referentiel
from diagnostic.storage import Repository

MARKS = {"done": " (déjà faite d’après vos réponses)", "declined": " (sujet jugé non pertinent)"}


def marked(referentiel: Referentiel) -> AnswerSheet:
    """Every question at its scale's middle, but one action's questions at the top (done)
    and another's declined."""
    answers = {q.id: referentiel.scale(q.scale).values()[1] for q in referentiel.questions}
    fitting = [a for a in referentiel.actions if a.applies_to(PROFILE.type) and a.questions]
    done = next(a for a in fitting if a.done_from is not None)
    for question in done.questions:
        answers[question] = referentiel.scale(referentiel.question(question).scale).max
    declined = next(a for a in fitting if not set(a.questions) & set(done.questions))
    answers[declined.questions[0]] = DECLINED
    return AnswerSheet(PROFILE, answers, {}, referentiel.version)


def option(referentiel: Referentiel, lever: str, label: str) -> str:
    """An option as the pickers word it in French: « Levier — action »."""
    return f"{referentiel.lever(lever).label.fr} — {label}"


def full_list(referentiel: Referentiel, sheet: AnswerSheet) -> list[str]:
    """Every action that suits the territory, lever by lever, with its mark."""
    fitting = [
        a
        for a in referentiel.actions
        if a.applies_to(sheet.territory.type, sheet.territory.population)
    ]
    options = []
    for action in sorted(fitting, key=lambda a: referentiel.lever(a.lever).order):
        state = action_state(action, sheet)
        label = action.next if state == "under_way" and action.next else action.label
        options.append(option(referentiel, action.lever, label.fr) + MARKS.get(state, ""))
    return options


def results_of(repository: Repository, sheet: AnswerSheet) -> tuple[AppTest, str]:
    token = repository.create_diagnostic(PROFILE).token
    repository.replace_sheet(token, sheet)
    at = go(new_app(token=token).run(), "resultats")
    assert not at.exception, at.exception
    return at, token


def test_every_recommended_action_is_offered_lever_by_lever_from_the_strongest_need(
    repository: Repository, referentiel: Referentiel
) -> None:
    token = answered(repository, referentiel)
    sheet = repository.load_sheet(token)
    at = go(new_app(token=token).run(), "resultats")
    explained = explain_all(referentiel, sheet)
    assert [r.rank for r in explained] == sorted(r.rank for r in explained)
    assert len([r for r in explained if r.actions]) > 3  # more than the first three levers
    box = at.selectbox(key="plan-pick")
    assert box.label == "Action recommandée, du levier le plus utile au moins utile"
    assert box.options == [
        option(referentiel, r.lever.id, a.label.fr) for r in explained for a in r.actions
    ]


def test_the_full_list_offers_every_action_for_the_territory_with_done_ones_marked(
    repository: Repository, referentiel: Referentiel
) -> None:
    sheet = marked(referentiel)
    at, _ = results_of(repository, sheet)
    [expander] = [e for e in at.expander if e.label.startswith("Toutes les actions")]
    assert expander.label == "Toutes les actions du référentiel pour ce territoire"
    options = at.selectbox(key="plan-pick-all").options
    assert options == full_list(referentiel, sheet)
    assert any(o.endswith(MARKS["done"]) for o in options)
    assert any(o.endswith(MARKS["declined"]) for o in options)
    assert len(options) < len(referentiel.actions)  # some do not suit a communauté de communes


def test_an_action_from_the_full_list_is_added_and_leaves_both_lists(
    repository: Repository, referentiel: Referentiel
) -> None:
    sheet = marked(referentiel)
    at, token = results_of(repository, sheet)
    done = next(o for o in at.selectbox(key="plan-pick-all").options if o.endswith(MARKS["done"]))
    box = at.selectbox(key="plan-pick-all")
    picked = box.options.index(done)
    box.select_index(picked).run()
    chosen = at.selectbox(key="plan-pick-all").value
    at.button(key="plan-add-all").click().run()
    assert not at.exception, at.exception
    [line] = repository.load_plan(token)
    action: Action = next(a for a in referentiel.actions if a.id == chosen)
    assert (line.action, line.lever, line.label) == (action.id, action.lever, action.label.fr)
    providers = referentiel.lever(action.lever).providers
    assert (
        line.partners.split(", ")[0] == referentiel.provider(providers[0]).name.fr.split(" — ")[0]
    )
    assert done not in at.selectbox(key="plan-pick-all").options
    assert all(chosen != value for value in [at.selectbox(key="plan-pick").value])
    assert (
        option(referentiel, action.lever, action.label.fr)
        not in at.selectbox(key="plan-pick").options
    )


def test_a_workshop_without_a_group_result_offers_the_full_list_only(
    repository: Repository, referentiel: Referentiel
) -> None:
    workshop, key = new_workshop(repository)
    at = dashboard(workshop.code, key)
    assert not at.exception, at.exception
    assert not [s for s in at.selectbox if s.key == "animation-plan-pick"]
    empty = AnswerSheet(workshop.profile, {}, {}, referentiel.version)
    assert at.selectbox(key="animation-plan-pick-all").options == full_list(referentiel, empty)


def test_the_workshop_offers_the_group_s_recommended_actions_of_every_lever(
    repository: Repository, referentiel: Referentiel
) -> None:
    workshop, key = new_workshop(repository)
    fill_group(repository, referentiel, workshop.code, questions=len(referentiel.questions))
    at = dashboard(workshop.code, key)
    options = at.selectbox(key="animation-plan-pick").options
    levers = {o.split(" — ")[0] for o in options}
    assert len(levers) > 3
