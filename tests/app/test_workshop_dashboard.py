"""The dashboard shows the aggregation, hides small groups, exports, shows names as typed."""

from __future__ import annotations

from app_support import screen
from atelier_support import dashboard, fill_group, new_workshop, participant
from streamlit.testing.v1 import AppTest

from diagnostic.export.workshop.answers import answer_line
from diagnostic.export.workshop.pdf_sections import divergence_text, gap_sentence
from diagnostic.export.workshop.tabular import workshop_csv
from diagnostic.i18n import t
from diagnostic.model import ROLES, Referentiel
from diagnostic.storage import Repository
from diagnostic.ui import resources, state
from diagnostic.ui.literal import escape_markdown
from diagnostic.ui.workshop import controls
from diagnostic.workshop import Participant, aggregate
from diagnostic.workshop.groups import group_sheet


def state_of(at: AppTest) -> state.Context:
    """The context the app's pages build, for calling their functions directly."""
    assert not at.exception
    return state.Context(
        lang="fr",
        settings=state.settings(),
        referentiel=state.referentiel_at(str(state.settings().referentiel_dir)),
        repository=resources.repository_at(state.settings().database_url),
    )


def test_the_dashboard_numbers_are_the_aggregation(
    database_url: str, repository: Repository, referentiel: Referentiel
) -> None:
    workshop, key = new_workshop(repository)
    fill_group(repository, referentiel, workshop.code, questions=30)
    sheets = repository.participants(workshop.code, key)
    people = [Participant(str(n), own.role, own.sheet.answers) for n, own in enumerate(sheets)]
    summary = aggregate(referentiel, people)
    at = dashboard(workshop.code, key)
    assert not at.exception
    assert t("atelier.dash.joined.many", "fr", count=summary.joined) in [h.value for h in at.header]
    started = t("atelier.dash.started.many", "fr", count=summary.respondents)
    assert started in [c.value for c in at.caption]

    listing = at.tabs[0].table[0].value
    assert list(listing.iloc[:, 0]) == [
        "Zoé",
        "Participant 2",
        "Marcel",
        "Anouk",
        "Participant 5",
        "Lucien",
        "Inès",
    ]
    assert list(listing.iloc[:, 1]) == [t(f"role.{own.role}", "fr") for own in sheets]
    assert list(listing.iloc[:, 2]) == [f"{p.answered} sur {p.total}" for p in summary.progress]

    bold = [m.value for m in at.tabs[2].markdown if m.value.startswith("**")]
    expected = [
        text
        for n, q in enumerate(summary.to_discuss[:10], start=1)
        for text in (
            f"**{n}. {referentiel.question(q.question).label.fr}**",
            f"**{answer_line(referentiel, q, 'fr')}**",
        )
    ]
    assert bold == expected
    assert any(q.split for q in summary.to_discuss[:10])  # shown as « Avis partagés : … »
    assert any(text.startswith("**Avis partagés\u00a0: ") for text in bold)
    spreads = [m.value for m in at.tabs[2].markdown if m.value.startswith("Divergence")]
    assert spreads == [
        t(
            "workshop.report.spread",
            "fr",
            divergence=divergence_text(q.spread.divergence, "fr"),
            given=q.spread.given,
            unknown=q.unknown,
        )
        for q in summary.to_discuss[:10]
        if q.spread is not None
    ]
    gaps = [g for g in summary.role_gaps if round(abs(g.gap)) >= 1][:8]
    lines = "\n".join(f"- {gap_sentence(referentiel, gap, 'fr')}" for gap in gaps)
    assert lines in [m.value for m in at.tabs[3].markdown]
    hidden_role = t(
        "workshop.report.hidden_role",
        "fr",
        role=t("role.habitant", "fr"),
        hidden=t("workshop.hidden", "fr"),
    )
    assert hidden_role in [c.value for c in at.tabs[3].caption]
    group = group_sheet(summary.group, workshop.profile)
    assert group is not None
    priorities = at.tabs[3].table[0].value
    visible = [role for role, result in zip(ROLES, summary.roles, strict=True) if not result.hidden]
    assert list(priorities.columns[2:]) == [t(f"workshop.role_short.{r}", "fr") for r in visible]


def test_a_group_of_two_is_hidden_everywhere(
    database_url: str, repository: Repository, referentiel: Referentiel
) -> None:
    workshop, key = new_workshop(repository)
    tokens = fill_group(repository, referentiel, workshop.code, people=[("elu", "A"), ("elu", "B")])
    repository.set_results_visible(workshop.code, key, True)
    at = dashboard(workshop.code, key)
    hidden = t("workshop.hidden", "fr")
    for tab in at.tabs[1:3]:
        assert [info.value for info in tab.info] == [hidden]
    assert [info.value for info in at.tabs[3].info] == [t("workshop.report.roles_none", "fr")]
    assert not at.tabs[3].table
    assert t("app.results.first_title", "fr") not in screen(at)
    page = participant(tokens[0])
    assert hidden in [info.value for info in page.info]
    assert t("app.results.first_title", "fr") not in screen(page)


def test_the_exports_are_built_on_click_from_the_workshop_of_the_moment(
    database_url: str, repository: Repository, referentiel: Referentiel
) -> None:
    workshop, key = new_workshop(repository)
    at = dashboard(workshop.code, key)
    buttons = {button.proto.label: button.proto for button in at.get("download_button")}
    assert list(buttons) == [
        "Le rapport de l’atelier (PDF)",
        "Le classeur (XLSX)",
        "Les réponses anonymisées (CSV)",
    ]
    fill_group(repository, referentiel, workshop.code)  # after the page was drawn
    sheets = repository.participants(workshop.code, key)
    context = state_of(at)
    csv = controls.builder(context, workshop.code, key, "csv")()
    assert csv == workshop_csv(referentiel, repository.get_workshop(workshop.code), sheets, "fr")
    assert controls.builder(context, workshop.code, key, "pdf")().startswith(b"%PDF")
    assert controls.builder(context, workshop.code, key, "xlsx")().startswith(b"PK")
    for name in ("Zoé", "Marcel", "Anouk"):
        assert name.encode() not in csv


def test_pseudonyms_show_as_typed_on_the_dashboard(
    database_url: str, repository: Repository, referentiel: Referentiel
) -> None:
    workshop, key = new_workshop(repository)
    typed = "**Zoé** <b>x</b> :material/home: $x$"
    fill_group(repository, referentiel, workshop.code, people=[("elu", typed)])
    at = dashboard(workshop.code, key)
    assert at.tabs[0].table[0].value.iloc[0, 0] == escape_markdown(typed)
