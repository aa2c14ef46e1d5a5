"""A participant brings a single diagnostic in: by its resume link, its token or its file."""

from __future__ import annotations

import json

import pytest
from app_support import off_scale_message, shipped_question, visit
from atelier_support import new_workshop
from streamlit.testing.v1 import AppTest

from diagnostic.export.jsonio import to_json
from diagnostic.model import UNKNOWN, AnswerSheet, QuestionId, Referentiel, TerritoryProfile
from diagnostic.storage import Repository
from diagnostic.ui.literal import escape_markdown

OFF_SCALE = off_scale_message()
NOTHING = "Les réponses n’ont pas été reprises et rien n’a changé. "
BAD_LINK = (
    "Aucun diagnostic ne correspond à ce lien\u00a0: vérifiez que l’adresse est complète. "
    "Rien n’a changé."
)
PARTICIPANT_LINK = (
    "Ce lien est celui d’une participation à un atelier, pas d’un diagnostic seul\u00a0: "
    "rien n’a changé."
)
EMPTY = "Collez d’abord le lien de reprise de votre diagnostic\u00a0: rien n’a changé."


def single_sheet(referentiel: Referentiel) -> AnswerSheet:
    """A single diagnostic of another territory: every third question, a comment on the first."""
    answers = {
        QuestionId(q.id): (UNKNOWN if i % 5 == 0 else referentiel.scale(q.scale).max)
        for i, q in enumerate(referentiel.questions)
        if i % 3 == 0
    }
    first = QuestionId(referentiel.questions[0].id)
    profile = TerritoryProfile("Pays du Lunévillois", "pays_petr", respondent_role="autre")
    return AnswerSheet(profile, answers, {first: "Repris du diagnostic seul"}, referentiel.version)


def joined(
    repository: Repository, referentiel: Referentiel, motivations: tuple[str, ...] = ()
) -> tuple[AppTest, str]:
    """A participant (an officer) with one answer of their own, on their page."""
    workshop, _ = new_workshop(repository, motivations)
    record = repository.join_workshop(workshop.code, "agent", "Anouk")
    shown = motivations[0] if motivations else referentiel.motivations[0].id
    repository.save_answer(record.token, referentiel.questions_of(shown)[1].id, 1)
    at = visit("atelier", p=record.token)
    assert not at.exception
    return at, record.token


def test_the_resume_link_brings_every_answer_and_keeps_the_role(
    database_url: str, repository: Repository, referentiel: Referentiel
) -> None:
    source = single_sheet(referentiel)
    single = repository.create_diagnostic()
    repository.replace_sheet(single.token, source)
    at, token = joined(repository, referentiel)
    link = f"http://192.168.1.20:8501/diagnostic?d={single.token}&step=4"
    at.text_input(key="atelier-bring-link").set_value(link).run()
    at.button(key="atelier-bring-go").click().run()
    assert not at.exception
    assert [s.value for s in at.success] == [
        escape_markdown(f"Réponses reprises\u00a0: {len(source.answers)} réponses enregistrées.")
    ]
    saved = repository.load_sheet(token)
    assert dict(saved.answers) == dict(source.answers)
    assert dict(saved.comments) == dict(source.comments)
    assert saved.territory.name == "Communauté de communes du Toulois"
    assert saved.territory.respondent_role == "agent"
    assert repository.get_diagnostic(token).role == "agent"
    assert repository.load_sheet(single.token).answers == source.answers  # left as it was
    first = referentiel.questions[0].id
    assert at.radio(key=f"atelier-answer-{first}").value == UNKNOWN
    assert at.text_area(key=f"atelier-comment-{first}").value == "Repris du diagnostic seul"


def test_a_bare_token_works_and_a_workshop_on_some_motivations_keeps_only_theirs(
    database_url: str, repository: Repository, referentiel: Referentiel
) -> None:
    source = single_sheet(referentiel)
    single = repository.create_diagnostic()
    repository.replace_sheet(single.token, source)
    at, token = joined(repository, referentiel, ("emploi",))
    at.text_input(key="atelier-bring-link").set_value(f"  {single.token} ").run()
    at.button(key="atelier-bring-go").click().run()
    kept = {
        q: a for q, a in source.answers.items() if referentiel.question(q).motivation == "emploi"
    }
    assert dict(repository.load_sheet(token).answers) == kept
    assert [s.value for s in at.success] == [
        escape_markdown(f"Réponses reprises\u00a0: {len(kept)} réponses enregistrées.")
    ]


def test_the_answers_file_brings_the_answers(
    database_url: str, repository: Repository, referentiel: Referentiel
) -> None:
    source = single_sheet(referentiel)
    at, token = joined(repository, referentiel)
    data = to_json(source, referentiel)
    at.file_uploader(key="atelier-bring-file").upload("reponses.json", data, "application/json")
    at.run()
    assert not at.exception
    assert dict(repository.load_sheet(token).answers) == dict(source.answers)
    assert repository.load_sheet(token).territory.respondent_role == "agent"
    assert [s.value for s in at.success] == [
        escape_markdown(f"Réponses reprises\u00a0: {len(source.answers)} réponses enregistrées.")
    ]
    at.run()  # the same file, still in the uploader, is not brought in twice
    assert not at.success


@pytest.mark.parametrize(
    ("pasted", "message"),
    [
        ("", EMPTY),
        ("http://localhost:8501/diagnostic?d=" + "x" * 32, BAD_LINK),
        ("pas un lien", BAD_LINK),
        ("participant", PARTICIPANT_LINK),
        ("participant token", PARTICIPANT_LINK),
    ],
)
def test_a_bad_link_says_why_and_changes_nothing(
    pasted: str,
    message: str,
    database_url: str,
    repository: Repository,
    referentiel: Referentiel,
) -> None:
    at, token = joined(repository, referentiel)
    other = repository.join_workshop(repository.get_diagnostic(token).workshop_code or "", "elu")
    repository.save_answer(other.token, referentiel.questions[0].id, 2)
    if pasted == "participant":
        pasted = f"http://localhost:8501/atelier?p={other.token}"
    elif pasted == "participant token":
        pasted = other.token
    before = repository.load_sheet(token)
    at.text_input(key="atelier-bring-link").set_value(pasted).run()
    at.button(key="atelier-bring-go").click().run()
    assert not at.exception
    assert [e.value for e in at.error] == [message]
    assert repository.load_sheet(token) == before


BAD_FILES = [
    (b"{pas du json", "Le fichier n’est pas un JSON valide (ligne 1, colonne 2)."),
    (
        json.dumps(
            {
                "format": "diagnostic-ess-answers",
                "format_version": 1,
                "territory": {"name": "X", "type": "cc"},
                "answers": {shipped_question().id: 9},
            }
        ).encode(),
        OFF_SCALE,
    ),
    (
        json.dumps(
            {"territory": {"name": "X", "type": "cc", "departement": 54}, "answers": {}}
        ).encode(),
        "Profil du territoire\u00a0: le département s’écrit entre guillemets, comme un texte "
        "(ex. «\u00a054\u00a0», «\u00a02A\u00a0»).",
    ),
]


@pytest.mark.parametrize(("data", "reason"), BAD_FILES)
def test_a_bad_file_says_why_and_changes_nothing(
    data: bytes, reason: str, database_url: str, repository: Repository, referentiel: Referentiel
) -> None:
    at, token = joined(repository, referentiel)
    before = repository.load_sheet(token)
    at.file_uploader(key="atelier-bring-file").upload("reponses.json", data, "application/json")
    at.run()
    assert not at.exception
    assert [e.value for e in at.error] == [escape_markdown(NOTHING + reason)]
    assert repository.load_sheet(token) == before
