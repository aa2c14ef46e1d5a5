"""A territory over a year through AppTest, by widget keys: the browser journey's seams, fast.

Created by the picker; answered with levels, « je ne sais pas », « non pertinent », comments
and the officials' ranking; a plan of three actions edited in English and in French;
exports; a pre-filled re-diagnosis; answers moved every way; the comparison, its downloads
and the earlier diagnostic's link; the territory's space with this year's feuille de route,
and a signed-in member attaching the diagnostic to it. Each step's failures are recorded and
the journey goes on, so one run names every step that breaks; the test fails if any did.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Iterator
from contextlib import contextmanager

import openpyxl
import pandas as pd
import pytest
from app_support import go, new_app, start, visit
from space_roles_support import MEMBER
from space_support import AUTH
from streamlit.testing.v1 import AppTest

from diagnostic.accounts import CommandLine, Identity, member
from diagnostic.advice.scoring import score_sheet
from diagnostic.export.jsonio import to_json
from diagnostic.export.tabular import to_xlsx
from diagnostic.i18n import t
from diagnostic.model import (
    DECLINED,
    STATUSES,
    UNKNOWN,
    Answer,
    AnswerSheet,
    Referentiel,
    TerritoryProfile,
)
from diagnostic.plan.codec import status_label
from diagnostic.plan.model import Quarter
from diagnostic.storage import Repository
from diagnostic.ui.portfolio import page as portfolio_page
from diagnostic.ui.space import access
from diagnostic.ui.state import TOKEN_KEY
from diagnostic.ui.wording import score_text

SIREN = "243500667"
NAME = "CC Val d’Ille-Aubigné"
CHOICE = "Choix assumé : la régie de quartier couvre déjà ce besoin"
FIRST_COMMENT = "Chiffres à demander à l’observatoire de la CRESS"
OWN = "Réunir les acteurs de l’ESS du territoire"
DECLINABLE = ("emploi_tzcld", "projet_ptce", "ressources_monnaie_locale", "projet_scic_capital")


class Steps:
    """The journey's steps and the failures recorded in them."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    @contextmanager
    def step(self, name: str) -> Iterator[None]:
        try:
            yield
        except (AssertionError, KeyError, ValueError, IndexError) as error:
            self.problems.append(f"{name}: {type(error).__name__} {str(error)[:300]}")

    def done(self) -> None:
        assert not self.problems, "steps that failed:\n" + "\n".join(self.problems)


def no_exception(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]


def first_year(referentiel: Referentiel) -> dict[str, Answer]:
    """A fixed, varied year: levels, « je ne sais pas », « non pertinent » where allowed."""
    answers: dict[str, Answer] = {}
    for index, question in enumerate(referentiel.questions):
        values = referentiel.scale(question.scale).values()
        answers[question.id] = UNKNOWN if index % 4 == 3 else values[(index * 3) % len(values)]
    answers.update(
        emploi_tzcld=DECLINED,
        projet_ptce=referentiel.scale(referentiel.question("projet_ptce").scale).values()[1],
        ressources_monnaie_locale=UNKNOWN,
        projet_scic_capital=DECLINED,
    )
    return answers


def second_year(referentiel: Referentiel, before: dict[str, Answer]) -> dict[str, Answer]:
    """Up, down, level ↔ « je ne sais pas » ↔ « non pertinent », each way."""
    plain = [q for q in referentiel.questions if q.id not in DECLINABLE]
    top = {q.id: referentiel.scale(q.scale).max for q in plain}
    bottom = {q.id: referentiel.scale(q.scale).min for q in plain}
    levels = [q.id for q in plain if isinstance(before[q.id], int)]
    up = next(q for q in levels if before[q] < top[q])
    down = next(q for q in levels if before[q] > bottom[q] and q != up)
    to_unknown = next(q for q in levels if q not in (up, down))
    from_unknown = next(q.id for q in plain if before[q.id] == UNKNOWN)
    tzcld = referentiel.scale(referentiel.question("emploi_tzcld").scale).values()[2]
    return {
        up: top[up],
        down: bottom[down],
        to_unknown: UNKNOWN,
        from_unknown: bottom[from_unknown],
        "emploi_tzcld": tzcld,
        "projet_ptce": DECLINED,
        "ressources_monnaie_locale": DECLINED,
        "projet_scic_capital": UNKNOWN,
    }


def needs(referentiel: Referentiel, sheet: AnswerSheet) -> dict[str, str]:
    """What a results page must show for ``sheet``: its own scoring, ranking included."""
    return {
        referentiel.lever(lever.id).label.fr: score_text(lever.score, "fr")
        for lever in score_sheet(referentiel, sheet).levers
    }


def shown_needs(at: AppTest) -> dict[str, str]:
    """The results page's lever table: lever -> need as shown."""
    lever, need = t("charts.lever", "fr"), t("charts.need", "fr")
    for table in at.table:
        value = table.value
        if lever in value.columns and need in value.columns:
            return dict(zip(value[lever], value[need], strict=True))
    raise AssertionError("no lever table on the results page")


def compared_needs(at: AppTest) -> dict[str, tuple[str, str]]:
    """The comparison's lever table: lever -> (before, after) as shown."""
    before, after = t("compare.col.need_before", "fr"), t("compare.col.need_after", "fr")
    for frame in at.dataframe:
        value: pd.DataFrame = frame.value
        if before in value.columns and after in value.columns:
            lever = value.columns[0]
            return {row[lever]: (row[before], row[after]) for _, row in value.iterrows()}
    raise AssertionError("no comparison table on the page")


def widget_keys(at: AppTest, kind: str) -> list[str]:
    return [str(widget.key) for widget in getattr(at, kind)]


def results(token: str, lang: str | None = None) -> AppTest:
    return go(new_app(lang=lang, token=token).run(), "resultats")


def test_a_territory_over_a_year_by_widget_keys(
    repository: Repository, referentiel: Referentiel, monkeypatch: pytest.MonkeyPatch
) -> None:
    steps = Steps()
    year1 = first_year(referentiel)
    ranking = [referentiel.motivations[2].id, referentiel.motivations[0].id]
    first = referentiel.questions[0].id
    quarter = Quarter.of(dt.date.today()).next(2)

    # Created by the picker, answered step by step, ranked on the summary.
    at = new_app()
    token = start(at)
    at.text_input(key="profile-search").set_value("val d ille").run()
    at.selectbox(key="profile-pick").set_value(SIREN).run()
    at.button(key="nav-next").click().run()
    for motivation in referentiel.motivations:
        for question in referentiel.questions_of(motivation.id):
            at.radio(key=f"answer-{question.id}").set_value(year1[question.id]).run()
        at.button(key="nav-next").click().run()
    no_exception(at)
    step = next(i for i, m in enumerate(referentiel.motivations) if m.id == "emploi") + 1
    again = new_app(token=token, step=step).run()
    go(again, "diagnostic")
    again.text_area(key="comment-emploi_tzcld").input(CHOICE).run()
    back = new_app(token=token, step=1).run()
    go(back, "diagnostic")
    back.text_area(key=f"comment-{first}").input(FIRST_COMMENT).run()
    summary = go(new_app(token=token, step=len(referentiel.motivations) + 1).run(), "diagnostic")
    summary.multiselect(key="ranking-motivations").set_value(ranking).run()
    no_exception(summary)
    sheet1 = repository.load_sheet(token)
    assert sheet1.territory.name == NAME and sheet1.territory.siren == SIREN
    assert dict(sheet1.answers) == year1
    assert dict(sheet1.comments) == {first: FIRST_COMMENT, "emploi_tzcld": CHOICE}
    assert list(sheet1.priorities) == ranking

    # Results scored with the ranking; a plan of three actions.
    page = results(token)
    no_exception(page)
    levers1 = shown_needs(page)
    with steps.step("results show the territory's own scoring, ranking included"):
        assert levers1 == needs(referentiel, sheet1)
    page.button(key="plan-add").click().run()
    page.button(key="plan-add").click().run()
    page.text_input(key="plan-own").input(OWN).run()
    page.button(key="plan-add-own").click().run()
    no_exception(page)
    lines = repository.load_plan(token)
    assert len(lines) == 3 and lines[2].label == OWN
    ids = [line.id for line in lines]
    with steps.step("the own-action field is cleared, a second click adds nothing"):
        assert page.text_input(key="plan-own").value == ""
        page.button(key="plan-add-own").click().run()
        assert len(repository.load_plan(token)) == 3
    page.selectbox(key=f"plan-{ids[0]}-quarter").set_value(str(quarter)).run()
    page.selectbox(key=f"plan-{ids[0]}-status").set_value("en_cours").run()
    page.selectbox(key=f"plan-{ids[1]}-status").set_value("fait").run()
    assert repository.load_plan(token)[0].quarter == quarter

    # English, then French, editing on each side: the target quarter stays.
    page.radio(key="lang").set_value("en").run()
    no_exception(page)
    with steps.step("in English, the plan's drop-downs speak English"):
        status = page.selectbox(key=f"plan-{ids[0]}-status")
        assert status_label("en_cours", "en") in status.options, status.options
        assert quarter.label("en") in page.selectbox(key=f"plan-{ids[0]}-quarter").options
    page.text_input(key=f"plan-{ids[1]}-owner").input("Economic development officer").run()
    with steps.step("an edit in English keeps every target quarter"):
        assert repository.load_plan(token)[0].quarter == quarter
        assert page.selectbox(key=f"plan-{ids[0]}-quarter").value == str(quarter)
    page.radio(key="lang").set_value("fr").run()
    page.text_input(key=f"plan-{ids[2]}-partners").input("CRESS, RTES").run()
    no_exception(page)
    with steps.step("back in French, an edit keeps every target quarter"):
        assert repository.load_plan(token)[0].quarter == quarter
        assert page.selectbox(key=f"plan-{ids[0]}-quarter").value == str(quarter)

    # Exports (the functions behind the page's buttons) hold what the page shows.
    sheet1 = repository.load_sheet(token)
    with steps.step("the answers file holds answers, comments, ranking and plan"):
        saved = json.loads(to_json(sheet1, referentiel))
        assert saved["answers"] == year1 and saved["priorities"] == ranking
        assert saved["comments"] == {first: FIRST_COMMENT, "emploi_tzcld": CHOICE}
        assert [line["label"] for line in saved["plan"]][2] == OWN
    with steps.step("the workbook writes the target quarter as the screen does"):
        book = openpyxl.load_workbook(io.BytesIO(to_xlsx(referentiel, sheet1, "fr")))
        written = [str(v) for s in book for row in s.iter_rows(values_only=True) for v in row]
        assert any(quarter.label("fr") in value for value in written)
        assert not any(str(quarter) in value for value in written)

    # A pre-filled re-diagnosis carries everything and opens on the questions.
    page.radio(key="redo-answers").set_value("prefill").run()
    page.button(key="redo-start").click().run()
    no_exception(page)
    later = str(page.session_state[TOKEN_KEY])
    assert later != token
    sheet2 = repository.load_sheet(later)
    with steps.step("the re-diagnosis carries answers, comments, ranking and plan"):
        assert dict(sheet2.answers) == year1
        assert dict(sheet2.comments) == {first: FIRST_COMMENT, "emploi_tzcld": CHOICE}
        assert list(sheet2.priorities) == ranking
        assert [(a.label, a.status, a.quarter) for a in sheet2.plan] == [
            (a.label, a.status, a.quarter) for a in repository.load_plan(token)
        ]
    with steps.step("the re-diagnosis opens on the questions, not the summary"):
        assert page.selectbox(key="nav-step").value in (0, 1)

    # A year later, answers move every way.
    changes = second_year(referentiel, year1)
    for position, motivation in enumerate(referentiel.motivations):
        moved = [q.id for q in referentiel.questions_of(motivation.id) if q.id in changes]
        if moved:
            step_page = go(new_app(token=later, step=position + 1).run(), "diagnostic")
            for question_id in moved:
                step_page.radio(key=f"answer-{question_id}").set_value(changes[question_id]).run()
            no_exception(step_page)
    year2 = {**year1, **changes}
    assert dict(repository.load_sheet(later).answers) == year2

    # The comparison: no crash, each side as its own results page, its downloads there.
    compared = results(later)
    with steps.step("the re-diagnosis' results and comparison draw without error"):
        no_exception(compared)
        assert t("compare.app.title", "fr") in [h.value for h in compared.header]
    with steps.step("the comparison shows each side's own needs"):
        levers2 = shown_needs(compared)
        assert levers2 == needs(referentiel, repository.load_sheet(later))
        assert compared_needs(compared) == {
            name: (levers1[name], levers2[name]) for name in levers1
        }
    with steps.step("the comparison has its PDF and workbook downloads"):
        keys = widget_keys(compared, "download_button")
        assert {"download-compare-pdf", "download-compare-xlsx"} <= set(keys), keys

    # The earlier link: last year unchanged, its plan read-only, pointing to the current one.
    earlier = results(token)
    no_exception(earlier)
    with steps.step("last year's results are unchanged"):
        assert shown_needs(earlier) == levers1
    with steps.step("last year's plan is read-only and links to the current one"):
        assert any(t("plan.app.superseded", "fr") in note.value for note in earlier.info)
        assert not [w for w in earlier.text_input if str(w.key).startswith(f"plan-{ids[0]}")]
        opened = earlier.button(key="plan-open-latest").click().run()
        assert opened.session_state[TOKEN_KEY] == later

    # Another territory's answers file does not silently replace the open diagnostic.
    other = AnswerSheet(
        TerritoryProfile("Melesse", "commune", departement="35"),
        {first: 1},
        {},
        referentiel.version,
    )
    before = repository.load_sheet(later)
    upload = go(new_app(token=later, step=len(referentiel.motivations) + 1).run(), "diagnostic")
    upload.file_uploader(key="import-replace").upload(
        "melesse.json", to_json(other, referentiel), "application/json"
    ).run()
    with steps.step("another territory's file does not replace the open diagnostic"):
        no_exception(upload)
        assert repository.load_sheet(later) == before

    # The same year from the machine's lists, the territory's space and the portfolio.
    monkeypatch.setattr(access, "is_local_request", lambda: True)
    monkeypatch.setattr(portfolio_page, "is_local_request", lambda: True)
    siren = repository.load_sheet(later).territory.siren
    assert siren is not None
    mine = go(new_app().run(), "mes-diagnostics")
    with steps.step("« Mes diagnostics » lists both years, each leading to the other"):
        no_exception(mine)
        keys = widget_keys(mine, "button")
        assert len([k for k in keys if k.startswith("space-open-")]) == 2, keys
        assert [k for k in keys if k.startswith("space-later-")], keys
        assert [k for k in keys if k.startswith("space-earlier-")], keys
    space = visit("territoire", t=siren)
    with steps.step("the territory's space compares the two years as the results page does"):
        no_exception(space)
        assert compared_needs(space) == compared_needs(compared)
    with steps.step("the space's current feuille de route is this year's, by status"):
        plan = repository.load_plan(later)
        assert plan
        [counts] = [
            d.value for d in space.dataframe if t("space.roadmap.count", "fr") in d.value.index
        ]
        assert {str(k): int(v) for k, v in counts.iloc[0].items()} == {
            status_label(s, "fr"): sum(a.status == s for a in plan) for s in STATUSES
        }
    # A member signs in and attaches this year's diagnostic to the territory's space.
    repository.sign_in(Identity(str(MEMBER["email"])))
    repository.grant_role(CommandLine(), str(MEMBER["email"]), member(siren))
    signed = new_app(token=later)
    signed.secrets["auth"] = AUTH
    signed.user = dict(MEMBER)
    go(signed.run(), "resultats")
    with steps.step("a signed-in member attaches the diagnostic from its results"):
        no_exception(signed)
        signed.button(key="space-attach-here").click().run()
        no_exception(signed)
        assert repository.attachment_of(later) == siren
    portfolio = go(new_app().run(), "portefeuille")
    with steps.step("the portfolio reads this year's diagnosis with the results page's levers"):
        no_exception(portfolio)
        frame = portfolio.dataframe[0].value
        row = frame[frame[t("portfolio.col.space", "fr")] == f"territoire?t={siren}"]
        assert len(row) == 1
        shown = [str(row[t("portfolio.col.lever", "fr", n=n)].iloc[0]) for n in (1, 2, 3)]
        assert [name.rsplit(" (", 1)[0] for name in shown] == list(levers2)[:3], shown
    steps.done()
