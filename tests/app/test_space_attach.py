"""« Rattacher un diagnostic » on a territory's space, by its resume link or its answers file,
for a member and the administrator only; every bad input says why and writes nothing; and
« Rattacher à l’espace de … » on the results of a diagnostic opened by its link."""

from __future__ import annotations

import dataclasses

import pytest
from app_support import go, new_app, screen, shipped_referentiel
from space_roles_support import (
    ADMIN,
    ADVISER,
    AUTH,
    MEMBER,
    NOBODY,
    OTHER_MEMBER,
    TOUL_KEY,
    email,
    roles,
    row_counts,
    signed_in,
)
from space_support import NANCY, TOUL, answered, from_the_network
from streamlit.testing.v1 import AppTest

from diagnostic.accounts import CommandLine, Identity
from diagnostic.export.jsonio import to_json
from diagnostic.i18n import t
from diagnostic.model import AnswerSheet, Referentiel
from diagnostic.storage import Repository
from diagnostic.typography import french_spacing
from diagnostic.ui.literal import escape_markdown
from diagnostic.ui.space.attach import token_in
from diagnostic.ui.wording import tn

LINK = "https://diagnostic.example.org/diagnostic?d={token}"
NOT_LOADED = "Le fichier n’a pas été chargé et rien n’a changé. "


@pytest.fixture(autouse=True)
def _network(monkeypatch: pytest.MonkeyPatch) -> None:
    from_the_network(monkeypatch)


def attach(at: AppTest, text: str) -> AppTest:
    at.text_input(key="space-attach-link").set_value(text).run()
    return at.button(key="space-attach-go").click().run()


def errors(at: AppTest) -> list[str]:
    return [e.value for e in at.error]


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("shape", ["link", "token"])
def test_a_member_attaches_a_diagnostic_by_its_link(
    shape: str, lang: str, repository: Repository, referentiel: Referentiel
) -> None:
    roles(repository)
    token = answered(repository, TOUL, list(referentiel.questions[:2]))
    at = signed_in(MEMBER, "territoire", lang, t=TOUL_KEY)
    assert not at.exception
    assert t("space.attach.title", lang) in [h.value for h in at.header]
    assert t("space.attach.none", lang) in [c.value for c in at.caption]
    attach(at, f"  {LINK.format(token=token)} " if shape == "link" else token)
    assert not at.exception and not at.error
    assert [s.value for s in at.success] == [t("space.attach.done", lang)]
    assert repository.attachment_of(token) == TOUL_KEY
    [attached] = [d.value for d in at.dataframe if t("space.attach.col.by", lang) in d.value]
    assert list(attached[t("space.attach.col.by", lang)]) == [email(MEMBER)]
    attach(at, token)  # a second time: nothing more
    assert [s.value for s in at.success] == [t("space.attach.already", lang)]
    assert len(repository.territory_items(CommandLine(), TOUL_KEY)) == 1


BAD_LINKS = ["", "bonjour", "https://diagnostic.example.org/diagnostic?step=3", "abc?d=court"]


@pytest.mark.parametrize("text", BAD_LINKS)
def test_what_is_not_a_link_is_refused_plainly(
    text: str, repository: Repository, database_url: str
) -> None:
    roles(repository)
    repository.create_diagnostic(TOUL)
    at = signed_in(MEMBER, "territoire", t=TOUL_KEY)
    before = row_counts(database_url)
    attach(at, text)
    assert not at.exception
    key = "space.attach.not_link" if text else "space.attach.no_link"
    assert errors(at) == [t(key, "fr", text=escape_markdown(text))]
    assert row_counts(database_url) == before


@pytest.mark.parametrize("case", ["unknown", "other", "elsewhere", "unnamed", "participant"])
def test_a_diagnostic_that_cannot_join_says_why_and_writes_nothing(
    case: str, repository: Repository, database_url: str
) -> None:
    roles(repository)
    repository.create_diagnostic(TOUL)
    if case == "unknown":
        token = "A" * 32
        expected = "Aucun diagnostic ne correspond à ce lien"
    elif case == "other":
        token = repository.create_diagnostic(NANCY).token
        expected = "Ce diagnostic porte sur « Métropole du Grand Nancy » (SIREN 245400676)"
    elif case == "elsewhere":
        token = repository.create_diagnostic(NANCY).token
        repository.attach_diagnostic(Identity(email(OTHER_MEMBER)), token, str(NANCY.siren))
        repository.save_profile(token, TOUL)  # its profile changed to Toul since
        expected = "déjà rattaché à un autre territoire"
    elif case == "unnamed":
        token = repository.create_diagnostic().token
        expected = "ne nomme pas encore son territoire"
    else:
        workshop, _ = repository.create_workshop(TOUL)
        token = repository.join_workshop(workshop.code, "elu").token
        expected = "participation à un atelier"
    at = signed_in(MEMBER, "territoire", t=TOUL_KEY)
    before = row_counts(database_url)
    attach(at, LINK.format(token=token))
    assert not at.exception and not at.success
    [message] = errors(at)
    assert escape_markdown(french_spacing(expected)) in message
    assert row_counts(database_url) == before


def test_the_administrator_attaches_too(repository: Repository) -> None:
    roles(repository)
    token = repository.create_diagnostic(TOUL).token
    at = signed_in(ADMIN, "territoire", t=TOUL_KEY)
    attach(at, token)
    assert not at.exception and at.success
    assert repository.attachment_of(token) == TOUL_KEY


@pytest.mark.parametrize("user", [ADVISER, OTHER_MEMBER, NOBODY])
def test_who_may_not_attach_gets_no_form(user: dict[str, object], repository: Repository) -> None:
    roles(repository)
    repository.create_diagnostic(TOUL)
    at = signed_in(user, "territoire", t=TOUL_KEY)
    assert not at.exception
    assert not [i for i in at.text_input if i.key == "space-attach-link"]
    assert not at.get("file_uploader")
    assert t("space.attach.title", "fr") not in [h.value for h in at.header]
    if user is ADVISER:  # the adviser does see the space, since it shares
        assert TOUL.name in screen(at)


def answers_file(territory: object = TOUL) -> tuple[AnswerSheet, bytes]:
    referentiel = shipped_referentiel()
    answers = {q.id: 2 for q in referentiel.questions[:3]}
    sheet = AnswerSheet(territory, answers, referentiel_version=referentiel.version)  # type: ignore[arg-type]
    return sheet, to_json(sheet, referentiel)


def test_a_file_of_the_territory_becomes_a_diagnostic_of_its_space(
    repository: Repository,
) -> None:
    roles(repository)
    repository.create_diagnostic(TOUL)
    at = signed_in(MEMBER, "territoire", t=TOUL_KEY)
    _, data = answers_file()
    at.file_uploader(key="space-attach-file").upload("reponses.json", data, "application/json")
    at.run()
    assert not at.exception and not at.error
    said = tn("app.files.imported", 3, "fr") + " " + t("space.attach.filed", "fr")
    assert [s.value for s in at.success] == [escape_markdown(said)]
    listed = repository.list_diagnostics(siren=TOUL_KEY)
    assert len(listed) == 2
    items = repository.territory_items(CommandLine(), TOUL_KEY)
    assert [i.kind for i in items] == ["diagnostic"]
    assert sorted(e.answered for e in listed) == [0, 3]
    at.run()  # rerunning does not import the file again
    assert len(repository.list_diagnostics(siren=TOUL_KEY)) == 2


@pytest.mark.parametrize("case", ["not_json", "broken", "other", "unnamed"])
def test_a_bad_file_says_why_and_writes_nothing(
    case: str, repository: Repository, database_url: str
) -> None:
    roles(repository)
    repository.create_diagnostic(TOUL)
    at = signed_in(MEMBER, "territoire", t=TOUL_KEY)
    name, data = "reponses.json", answers_file()[1]
    if case == "not_json":
        name = "notes.txt"
        expected = "n’est pas un fichier de réponses"
    elif case == "broken":
        data = b"{pas du json"
        expected = "Le fichier n’est pas un JSON valide"
    elif case == "other":
        data = answers_file(NANCY)[1]
        expected = "Ce fichier porte sur « Métropole du Grand Nancy » (SIREN 245400676)"
    else:
        data = answers_file(dataclasses.replace(TOUL, siren=None))[1]
        expected = "Ce fichier ne nomme pas de territoire"
    before = row_counts(database_url)
    at.file_uploader(key="space-attach-file").upload(name, data, "application/json").run()
    assert not at.exception and not at.success
    [message] = errors(at)
    assert message.startswith(escape_markdown(NOT_LOADED))
    assert escape_markdown(french_spacing(expected)) in message
    assert row_counts(database_url) == before


def test_the_results_offer_to_attach_to_the_member_s_territory(
    repository: Repository, referentiel: Referentiel
) -> None:
    roles(repository)
    token = answered(repository, TOUL, list(referentiel.questions[:3]))
    at = new_app(token=token)
    at.secrets["auth"] = AUTH
    at.user = dict(MEMBER)
    at.run()
    go(at, "resultats")
    assert not at.exception
    label = t("space.attach.here", "fr", name=TOUL.name)
    assert at.button(key="space-attach-here").label == label
    at.button(key="space-attach-here").click().run()
    assert not at.exception
    assert [s.value for s in at.success] == [t("space.attach.here_done", "fr", name=TOUL.name)]
    assert repository.attachment_of(token) == TOUL_KEY
    at.run()
    assert not [b for b in at.button if b.key == "space-attach-here"]
    assert t("space.attach.in_space", "fr", name=TOUL.name) in [c.value for c in at.caption]


@pytest.mark.parametrize("user", [ADVISER, OTHER_MEMBER, NOBODY])
def test_the_results_offer_nothing_to_others(
    user: dict[str, object], repository: Repository, referentiel: Referentiel
) -> None:
    roles(repository)
    token = answered(repository, TOUL, list(referentiel.questions[:3]))
    at = new_app(token=token)
    at.secrets["auth"] = AUTH
    at.user = dict(user)
    at.run()
    go(at, "resultats")
    assert not at.exception
    assert not [b for b in at.button if b.key == "space-attach-here"]
    assert repository.attachment_of(token) is None


TOKEN = "AbC_dEf-0123456789xyzXYZ"


@pytest.mark.parametrize(
    ("text", "found"),
    [
        (TOKEN, TOKEN),
        (f"  {TOKEN}\n", TOKEN),
        (f"https://diagnostic.example.org/diagnostic?d={TOKEN}", TOKEN),
        (f"http://localhost:8501/resultats?lang=en&d={TOKEN}&step=4", TOKEN),
        (f"diagnostic?d={TOKEN}&d={TOKEN}", None),  # two codes: which one?
        ("https://diagnostic.example.org/diagnostic", None),
        (f"https://diagnostic.example.org/{TOKEN}", None),
        ("court", None),
        (TOKEN + "!", None),
        ("", None),
    ],
)
def test_the_token_is_read_from_a_link_or_alone(text: str, found: str | None) -> None:
    assert token_in(text) == found


def test_an_empty_space_takes_its_first_diagnostic_from_a_file(repository: Repository) -> None:
    roles(repository)
    at = signed_in(MEMBER, "territoire", t=TOUL_KEY)
    assert not at.exception
    assert t("space.territory.empty", "fr", key=TOUL_KEY) in [i.value for i in at.info]
    at.file_uploader(key="space-attach-file").upload("reponses.json", answers_file()[1]).run()
    assert not at.exception and not at.error
    assert t("space.territory.history", "fr") in [h.value for h in at.header]
    [entry] = repository.list_diagnostics(siren=TOUL_KEY)
    assert repository.attachment_of(entry.token) == TOUL_KEY
