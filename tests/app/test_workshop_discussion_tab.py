"""The dashboard's discussion tab: project a question, hide a comment, mark « à creuser »,
record and change the group's retained answer; refusals write nothing."""

from __future__ import annotations

import html

import pytest
from app_support import screen
from atelier_support import dashboard, fill_group, new_workshop
from streamlit.testing.v1 import AppTest

from diagnostic.i18n import t
from diagnostic.model import DECLINED, Referentiel
from diagnostic.storage import Repository
from diagnostic.ui import resources, state
from diagnostic.ui.literal import escape_markdown
from diagnostic.ui.plan.workshop import _group_offers as group_offers
from diagnostic.ui.workshop.shared import group_now
from diagnostic.workshop.discussion import comment_ref

RETAIN = "animation-discuss-retain"
WRONG_KEY = "La clé d’animation ne correspond pas à cet atelier."


def workshop_with_comments(
    repository: Repository, referentiel: Referentiel
) -> tuple[str, str, str, list[str]]:
    """A workshop on the first motivation, seven people, three comments on its first question."""
    motivation = referentiel.questions[0].motivation
    workshop, key = new_workshop(repository, [motivation])
    tokens = fill_group(repository, referentiel, workshop.code, questions=12)
    question = referentiel.questions[0].id
    for token, text in zip(
        tokens, ("Trop tôt pour le dire", "Marie a tort", "Déjà fait"), strict=False
    ):
        repository.save_comment(token, question, text)
    return workshop.code, key, question, tokens


def projected(
    repository: Repository, referentiel: Referentiel
) -> tuple[AppTest, str, str, str, list[str]]:
    code, key, question, tokens = workshop_with_comments(repository, referentiel)
    at = dashboard(code, key)
    assert not at.exception, at.exception
    at.button(key=f"animation-discuss-pick-{question}").click().run()
    assert not at.exception, at.exception
    return at, code, key, question, tokens


def wording_shown(at: AppTest) -> str:
    return "\n".join(
        str(block.value) for block in at.get("html") if "discussion-wording" in str(block.value)
    )


def test_a_click_projects_the_question_with_its_comments(
    repository: Repository, referentiel: Referentiel
) -> None:
    at, _, _, question, _ = projected(repository, referentiel)
    label = referentiel.question(question).label.fr
    assert html.escape(label) in wording_shown(at)
    text = screen(at)
    for comment in ("Trop tôt pour le dire", "Marie a tort", "Déjà fait"):
        assert f"« {comment} »" in text
    assert "« Je ne sais pas »" in text.replace("\u00a0", " ")


def test_next_and_previous_move_through_the_questions_by_divergence(
    repository: Repository, referentiel: Referentiel
) -> None:
    at, _, _, question, _ = projected(repository, referentiel)
    listing = [b.label for b in at.button if b.key and b.key.startswith("animation-discuss-pick-")]
    keys = [b.key for b in at.button if b.key and b.key.startswith("animation-discuss-pick-")]
    assert listing[0].startswith("1. ") and len(keys) >= 3
    start = keys.index(f"animation-discuss-pick-{question}")
    at.button(key="animation-discuss-next").click().run()
    assert at.session_state["animation-discuss-projected"] == keys[start + 1].rsplit("-", 1)[-1]
    at.button(key="animation-discuss-previous").click().run()
    assert at.session_state["animation-discuss-projected"] == question
    assert at.button(key="animation-discuss-next").proto.shortcut


def test_hiding_a_comment_takes_it_off_the_projection_and_showing_brings_it_back(
    repository: Repository, referentiel: Referentiel
) -> None:
    at, code, _, question, tokens = projected(repository, referentiel)
    ref = comment_ref(tokens[1], question)
    at.button(key=f"animation-discuss-hide-{ref}").click().run()
    assert not at.exception, at.exception
    assert repository.discussion(code).hidden == {ref}
    assert f"animation-discuss-hide-{ref}" not in [b.key for b in at.button]
    assert tn_hidden(1) in [e.label for e in at.expander]
    at.button(key=f"animation-discuss-show-{ref}").click().run()
    assert repository.discussion(code).hidden == frozenset()
    assert f"animation-discuss-hide-{ref}" in [b.key for b in at.button]


def tn_hidden(count: int) -> str:
    return t("discussion.hidden_comments.one", "fr", count=count)


def test_the_retained_answer_is_recorded_then_changed(
    repository: Repository, referentiel: Referentiel
) -> None:
    at, code, _, question, _ = projected(repository, referentiel)
    levels = referentiel.scale(referentiel.question(question).scale).values()
    at.radio(key=f"animation-discuss-answer-{question}").set_value(levels[-1])
    at.text_area(key=f"animation-discuss-note-{question}").set_value("retenu après discussion")
    at.button(key=RETAIN).click().run()
    assert not at.exception, at.exception
    kept = repository.discussion(code).retained[question]
    assert (kept.answer, kept.note, kept.recorded_by) == (
        levels[-1],
        "retenu après discussion",
        "adviser",
    )
    assert t("discussion.saved", "fr") in [s.value for s in at.success]
    assert at.button(key=RETAIN).label == t("discussion.change", "fr")
    at.radio(key=f"animation-discuss-answer-{question}").set_value(levels[0])
    at.button(key=RETAIN).click().run()
    assert repository.discussion(code).retained[question].answer == levels[0]
    downloads = [str(button.key) for button in at.download_button]
    assert "animation-discuss-group-file" in downloads  # the group diagnostic as a file
    group_tab = "\n".join(str(i.value) for i in at.tabs[1].info)
    assert "réponse retenue par le groupe" in group_tab
    assert "retenu après discussion" in group_tab
    at.button(key="animation-discuss-forget").click().run()
    assert repository.discussion(code).retained == {}


def test_no_answer_chosen_writes_nothing(repository: Repository, referentiel: Referentiel) -> None:
    question = referentiel.questions[0]
    workshop, key = new_workshop(repository, [question.motivation])
    at = dashboard(workshop.code, key)
    at.button(key=f"animation-discuss-pick-{question.id}").click().run()
    assert t("discussion.hidden_question", "fr") in [i.value for i in at.info]
    assert t("discussion.file_hidden", "fr") in [c.value for c in at.caption]
    assert "animation-discuss-group-file" not in [str(b.key) for b in at.download_button]
    assert at.radio(key=f"animation-discuss-answer-{question.id}").value is None
    at.button(key=RETAIN).click().run()
    assert escape_markdown(t("discussion.no_answer_chosen", "fr")) in [e.value for e in at.error]
    assert repository.discussion(workshop.code).retained == {}


def test_a_closed_workshop_still_takes_the_retained_answer(
    repository: Repository, referentiel: Referentiel
) -> None:
    code, key, question, _ = workshop_with_comments(repository, referentiel)
    repository.set_workshop_status(code, key, "closed")
    at = dashboard(code, key)
    at.button(key=f"animation-discuss-pick-{question}").click().run()
    assert t("discussion.closed_note", "fr") in [c.value for c in at.caption]
    at.radio(key=f"animation-discuss-answer-{question}").set_value("unknown")
    at.button(key=RETAIN).click().run()
    assert repository.discussion(code).retained[question].answer == "unknown"


def test_a_question_the_participants_declined_takes_a_retained_level(
    repository: Repository, referentiel: Referentiel
) -> None:
    declinable = next(q for q in referentiel.questions if q.declinable)
    workshop, key = new_workshop(repository, [declinable.motivation])
    for role in ("elu", "elu", "agent", "agent"):
        token = repository.join_workshop(workshop.code, role).token
        repository.save_answer(token, declinable.id, DECLINED)
    at = dashboard(workshop.code, key)
    at.button(key=f"animation-discuss-pick-{declinable.id}").click().run()
    assert not at.exception, at.exception
    radio = at.radio(key=f"animation-discuss-answer-{declinable.id}")
    assert radio.value == DECLINED  # the computed group answer, offered first
    level = referentiel.scale(declinable.scale).values()[1]
    radio.set_value(level)
    at.button(key=RETAIN).click().run()
    assert repository.discussion(workshop.code).retained[declinable.id].answer == level
    plain = next(
        q
        for q in referentiel.questions
        if q.motivation == declinable.motivation and not q.declinable
    )
    at.button(key=f"animation-discuss-pick-{plain.id}").click().run()
    declined = t("answer.declined", "fr")
    assert declined not in at.radio(key=f"animation-discuss-answer-{plain.id}").options


def test_without_the_adviser_key_there_is_no_control_and_nothing_is_written(
    repository: Repository, referentiel: Referentiel
) -> None:
    code, key, _, _ = workshop_with_comments(repository, referentiel)
    at = dashboard(code, "not-the-key-" + key[12:])
    assert [e.value for e in at.error] == [escape_markdown(WRONG_KEY)]
    assert RETAIN not in [b.key for b in at.button]
    assert not [b for b in at.button if b.key and b.key.startswith("animation-discuss-")]
    assert repository.discussion(code).retained == {}


def test_a_key_refused_during_the_discussion_says_so_and_writes_nothing(
    repository: Repository, referentiel: Referentiel, monkeypatch: pytest.MonkeyPatch
) -> None:
    at, code, _, question, _ = projected(repository, referentiel)
    original = Repository.retain_answer

    def another_key(
        self: Repository, code: str, admin_key: str, *args: object, **kw: object
    ) -> object:
        return original(self, code, "a-key-that-is-not-this-one", *args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(Repository, "retain_answer", another_key)
    levels = referentiel.scale(referentiel.question(question).scale).values()
    at.radio(key=f"animation-discuss-answer-{question}").set_value(levels[0])
    at.button(key=RETAIN).click().run()
    assert escape_markdown(WRONG_KEY) in [e.value for e in at.error]
    assert repository.discussion(code).retained == {}


def test_a_creuser_marks_a_question_and_a_comment_and_lists_them_at_the_end(
    repository: Repository, referentiel: Referentiel
) -> None:
    at, code, _, question, tokens = projected(repository, referentiel)
    at.text_input(key=f"animation-discuss-dig-note-{question}").set_value("voir avec la DDETS")
    at.button(key="animation-discuss-dig-question").click().run()
    ref = comment_ref(tokens[0], question)
    at.button(key=f"animation-discuss-dig-{ref}").click().run()
    marks = repository.discussion(code).marks
    assert [(m.question, m.comment, m.note) for m in marks] == [
        (question, None, "voir avec la DDETS"),
        (question, ref, ""),
    ]
    listed = [m.value for m in at.markdown if " — " in m.value and m.value[:3] in ("1. ", "2. ")]
    assert len(listed) == 2 and "voir avec la DDETS" in listed[0]
    assert "Trop tôt pour le dire" in listed[1]
    assert at.button(key=f"animation-discuss-dig-{ref}").disabled
    at.button(key="animation-discuss-undig-2").click().run()
    assert [m.comment for m in repository.discussion(code).marks] == [None]


def context_of(at: AppTest) -> state.Context:
    """The context the app's pages build, for calling their functions directly."""
    assert not at.exception
    return state.Context(
        lang="fr",
        settings=state.settings(),
        referentiel=state.referentiel_at(str(state.settings().referentiel_dir)),
        repository=resources.repository_at(state.settings().database_url),
    )


def test_the_participants_result_and_the_plan_offers_follow_the_retained_answers(
    repository: Repository, referentiel: Referentiel
) -> None:
    code, key, question, _ = workshop_with_comments(repository, referentiel)
    at = dashboard(code, key)
    ctx = context_of(at)
    workshop = repository.check_admin(code, key)
    before = group_offers(ctx, workshop, key)
    motivation = referentiel.question(question).motivation
    for own in referentiel.questions:
        if own.motivation == motivation:
            top = referentiel.scale(own.scale).values()[-1]
            repository.retain_answer(code, key, referentiel, own.id, top)
    summary = group_now(ctx, code, workshop.motivations)  # what the phones draw
    assert summary.group.answers is not None
    for own in referentiel.questions:
        if own.motivation == motivation:
            assert summary.group.answers[own.id] == referentiel.scale(own.scale).values()[-1]
    after = group_offers(ctx, workshop, key)
    assert [o.id for o in after.recommended] != [o.id for o in before.recommended]
