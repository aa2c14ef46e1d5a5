"""A participant joins by code or link, answers, comes back, never sees anyone else's answers."""

from __future__ import annotations

import pytest
from app_support import screen, visit
from atelier_support import everything, fill_group, new_workshop, participant
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import AppTestError

from diagnostic.i18n import t
from diagnostic.model import UNKNOWN, Referentiel
from diagnostic.storage import Repository
from diagnostic.ui.literal import escape_markdown
from diagnostic.ui.workshop.session import PARTICIPANT_KEY

CLOSED = "Cet atelier est clos\u00a0: il ne reçoit plus de réponses."
TYPE_THE_CODE = "Saisissez le code de l’atelier donné par l’animateur."
NO_ROLE = "Choisissez votre rôle pour rejoindre l’atelier."


def join_with(at: AppTest, role: str, pseudonym: str = "", code: str | None = None) -> AppTest:
    if code is not None:
        at.text_input(key="atelier-code").set_value(code).run()
    if pseudonym:
        at.text_input(key="atelier-pseudonym").set_value(pseudonym).run()
    at.radio(key="atelier-role").set_value(role).run()
    at.button(key="atelier-join").click().run()
    assert not at.exception
    return at


def test_joining_by_typing_the_code_in_any_case(database_url: str, repository: Repository) -> None:
    workshop, key = new_workshop(repository)
    typed = f" {workshop.code[:3].lower()}-{workshop.code[3:].lower()} "
    at = join_with(visit("atelier"), "agent", "Zoé **gras**", code=typed)
    token = at.query_params["p"]
    assert at.session_state[PARTICIPANT_KEY] == token
    assert "code" not in at.query_params
    (sheet,) = repository.participants(workshop.code, key)
    assert (sheet.token, sheet.role, sheet.pseudonym) == (token, "agent", "Zoé **gras**")
    assert sheet.sheet.territory.respondent_role == "agent"
    assert at.title[0].value == t("atelier.me.title", "fr")
    assert "sous le pseudonyme Zoé \\*\\*gras\\*\\*." in screen(at)
    assert f"http://localhost:8501/atelier?p={token}" in [c.value for c in at.code]


def test_joining_by_the_link_shows_the_workshop_and_needs_no_code(
    database_url: str, repository: Repository, referentiel: Referentiel
) -> None:
    workshop, key = new_workshop(repository, ["emploi", "innovation"])
    at = visit("atelier", code=workshop.code.lower())
    assert "Communauté de communes du Toulois" in at.markdown[0].value
    assert not [w for w in at.text_input if w.key == "atelier-code"]
    at = join_with(at, "elu")
    (sheet,) = repository.participants(workshop.code, key)
    assert sheet.pseudonym is None
    # Only the workshop's motivations are asked, in the référentiel's order.
    first = referentiel.questions_of("emploi")
    assert [r.key for r in at.main.radio] == [f"atelier-answer-{q.id}" for q in first]
    assert at.selectbox(key="atelier-nav-step").label == "Étape 1 sur 3"
    assert at.progress[0].value == 0


@pytest.mark.parametrize(
    ("code", "role", "message"),
    [
        (
            "ZZZZ99",
            "elu",
            "Aucun atelier ne correspond au code «\u00a0ZZZZ99\u00a0». "
            "Vérifiez le code donné par l’animateur.",
        ),
        ("", "elu", TYPE_THE_CODE),
        (None, None, NO_ROLE),
    ],
)
def test_a_wrong_code_or_no_role_says_so_and_joins_nothing(
    code: str | None, role: str | None, message: str, database_url: str, repository: Repository
) -> None:
    workshop, key = new_workshop(repository)
    at = visit("atelier")
    at.text_input(key="atelier-code").set_value(code if code is not None else workshop.code)
    if role is not None:
        at.radio(key="atelier-role").set_value(role)
    at.button(key="atelier-join").click().run()
    assert not at.exception
    expected = message if message == NO_ROLE else escape_markdown(message)
    assert [e.value for e in at.error] == [expected]
    assert repository.participants(workshop.code, key) == []
    assert "p" not in at.query_params


def test_an_unknown_join_link_says_so_and_offers_the_code_field(database_url: str) -> None:
    at = visit("atelier", code="ZZZZ99")
    assert [e.value for e in at.error] == [
        escape_markdown(
            "Aucun atelier ne correspond au code «\u00a0ZZZZ99\u00a0». "
            "Vérifiez le code donné par l’animateur."
        )
    ]
    assert at.text_input(key="atelier-code").value == ""


def test_a_closed_workshop_cannot_be_joined(database_url: str, repository: Repository) -> None:
    workshop, key = new_workshop(repository)
    repository.set_workshop_status(workshop.code, key, "closed")
    at = visit("atelier", code=workshop.code)
    assert [w.value for w in at.warning] == [escape_markdown(CLOSED)]
    assert not at.main.radio
    at = visit("atelier")
    join_with(at, "elu", code=workshop.code)
    assert [e.value for e in at.error] == [escape_markdown(CLOSED)]
    assert repository.participants(workshop.code, key) == []


def test_answers_are_saved_and_come_back_with_the_participant_link(
    database_url: str, repository: Repository, referentiel: Referentiel
) -> None:
    workshop, _ = new_workshop(repository)
    at = join_with(visit("atelier", code=workshop.code), "habitant", "Théo")
    token = at.query_params["p"]
    first, second = referentiel.questions_of(referentiel.motivations[0].id)[:2]
    at.radio(key=f"atelier-answer-{first.id}").set_value(2).run()
    at.radio(key=f"atelier-answer-{second.id}").set_value(UNKNOWN).run()
    at.text_area(key=f"atelier-comment-{first.id}").input("À voir avec la *CRESS*").run()
    saved = repository.load_sheet(token)
    assert dict(saved.answers) == {first.id: 2, second.id: UNKNOWN}
    assert dict(saved.comments) == {first.id: "À voir avec la *CRESS*"}
    at.button(key="atelier-nav-next").click().run()
    assert at.subheader[0].value == referentiel.motivations[1].label.fr

    again = participant(token)  # a reload: a new session opened with the link
    assert not again.exception
    assert again.session_state[PARTICIPANT_KEY] == token
    assert again.radio(key=f"atelier-answer-{first.id}").value == 2
    assert again.radio(key=f"atelier-answer-{second.id}").value == UNKNOWN
    assert again.text_area(key=f"atelier-comment-{first.id}").value == "À voir avec la *CRESS*"
    again.selectbox(key="atelier-nav-step").set_value(len(referentiel.motivations)).run()
    assert again.subheader[0].value == t("atelier.me.mine", "fr")
    mine = again.table[0].value
    assert list(mine.iloc[:, 1]) == ["Un enjeu important", "Je ne sais pas"]
    assert list(mine.iloc[:, 2]) == [escape_markdown("À voir avec la *CRESS*"), ""]
    again.button(key=f"atelier-goto-{referentiel.motivations[1].id}").click().run()
    assert again.subheader[0].value == referentiel.motivations[1].label.fr


def test_a_participant_never_sees_another_participants_answers(
    database_url: str, repository: Repository, referentiel: Referentiel
) -> None:
    workshop, key = new_workshop(repository)
    tokens = fill_group(repository, referentiel, workshop.code)
    repository.save_comment(tokens[1], referentiel.questions[0].id, "Commentaire secret")
    repository.set_results_visible(workshop.code, key, True)
    at = participant(tokens[0])
    assert not at.exception
    shown = everything(at)
    assert t("app.results.first_title", "fr") in shown  # the group result, aggregated
    for other in ("Marcel", "Anouk", "Lucien", "Inès", "Participant 2", "Commentaire secret"):
        assert other not in shown
    for token in tokens[1:]:
        assert token not in shown
    assert key not in shown


def test_the_group_result_shows_only_once_the_adviser_allows_it(
    database_url: str, repository: Repository, referentiel: Referentiel
) -> None:
    workshop, key = new_workshop(repository)
    tokens = fill_group(repository, referentiel, workshop.code)
    at = participant(tokens[3])
    assert t("atelier.group.waiting", "fr") in [c.value for c in at.caption]
    assert t("app.results.first_title", "fr") not in screen(at)
    repository.set_results_visible(workshop.code, key, True)
    at.run()
    assert t("app.results.first_title", "fr") in [s.value for s in at.header]
    intro = t("atelier.group.intro", "fr", respondents=7)
    assert intro in [c.value for c in at.caption]


def test_a_closed_workshop_shows_the_answers_read_only_and_saves_nothing(
    database_url: str, repository: Repository, referentiel: Referentiel
) -> None:
    workshop, key = new_workshop(repository)
    at = join_with(visit("atelier", code=workshop.code), "partenaire")
    token = at.query_params["p"]
    first, second = referentiel.questions_of(referentiel.motivations[0].id)[:2]
    at.radio(key=f"atelier-answer-{first.id}").set_value(1).run()
    repository.set_workshop_status(workshop.code, key, "closed")
    before = repository.load_sheet(token)

    # The page was drawn while open: the next answer is refused, with the message.
    at.radio(key=f"atelier-answer-{second.id}").set_value(3).run()
    assert not at.exception
    assert escape_markdown(CLOSED) in [w.value for w in at.warning]
    assert repository.load_sheet(token) == before
    assert at.radio(key=f"atelier-answer-{second.id}").value is None
    assert at.radio(key=f"atelier-answer-{first.id}").value == 1
    assert at.radio(key=f"atelier-answer-{first.id}").disabled
    with pytest.raises(AppTestError):
        at.radio(key=f"atelier-answer-{second.id}").set_value(2)
    assert not [e for e in at.expander if "diagnostic seul" in e.label]

    again = participant(token)
    assert escape_markdown(CLOSED) in [w.value for w in again.warning]
    assert again.text_area(key=f"atelier-comment-{first.id}").disabled
    assert repository.load_sheet(token) == before


def test_a_single_diagnostic_link_or_a_deleted_participation_says_so(
    database_url: str, repository: Repository
) -> None:
    single = repository.create_diagnostic()
    at = participant(single.token)
    assert [e.value for e in at.error] == [t("atelier.me.single_link", "fr")]
    assert at.title[0].value == t("atelier.join.title", "fr")
    at = participant("x" * 32)
    assert [e.value for e in at.error] == [t("atelier.me.not_found", "fr")]
    assert PARTICIPANT_KEY not in at.session_state


def test_the_participant_page_in_english(database_url: str, repository: Repository) -> None:
    workshop, _ = new_workshop(repository)
    at = join_with(visit("atelier", lang="en", code=workshop.code), "elu", "Zoé")
    assert at.title[0].value == "The workshop"
    assert "You take part as **Elected official**, under the pseudonym Zoé." in screen(at)
    assert at.button(key="atelier-nav-next").label == "Next"


def test_a_workshop_closed_while_the_page_runs_refuses_plainly(
    database_url: str,
    repository: Repository,
    referentiel: Referentiel,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    workshop, key = new_workshop(repository)
    at = join_with(visit("atelier", code=workshop.code), "elu")
    token = at.query_params["p"]
    question = referentiel.questions[0]
    stale = repository.get_workshop(workshop.code)  # open, as the next run first reads it
    repository.set_workshop_status(workshop.code, key, "closed")
    reads: list[str] = []
    real_open, real_get = Repository.open_participation, Repository.get_workshop

    def page_read_is_stale(self: Repository, token: str, version: str | None = None) -> object:
        reads.append("page")
        record, _, sheet = real_open(self, token, version)
        return record, stale, sheet

    def counted(self: Repository, code: str) -> object:
        reads.append("workshop")
        return real_get(self, code)

    monkeypatch.setattr(Repository, "open_participation", page_read_is_stale)
    monkeypatch.setattr(Repository, "get_workshop", counted)
    at.radio(key=f"atelier-answer-{question.id}").set_value(2).run()
    assert not at.exception
    # The page's one read, the refused save's, then the status watch's one small read;
    # no second run of the page.
    assert reads == ["page", "workshop", "workshop"], reads
    assert not at.error
    assert escape_markdown(CLOSED) in [w.value for w in at.warning]
    assert at.radio(key=f"atelier-answer-{question.id}").value is None
    assert at.radio(key=f"atelier-answer-{question.id}").disabled
    assert question.id not in repository.load_sheet(token).answers


def test_someone_else_can_join_on_the_same_device(
    database_url: str, repository: Repository, referentiel: Referentiel
) -> None:
    workshop, key = new_workshop(repository)
    at = join_with(visit("atelier", code=workshop.code), "elu", "Zoé")
    first = at.query_params["p"]
    at.radio(key=f"atelier-answer-{referentiel.questions[0].id}").set_value(1).run()
    at.button(key="atelier-leave").click().run()
    assert at.title[0].value == t("atelier.join.title", "fr")
    assert at.query_params["code"] == workshop.code and "p" not in at.query_params
    join_with(at, "agent", "Anouk")
    second = at.query_params["p"]
    assert second != first
    assert at.radio(key=f"atelier-answer-{referentiel.questions[0].id}").value is None
    pseudonyms = [own.pseudonym for own in repository.participants(workshop.code, key)]
    assert pseudonyms == ["Zoé", "Anouk"]
    assert repository.load_sheet(first).answers == {referentiel.questions[0].id: 1}
