"""Pacing on the pages: the adviser's controls, the phones following, the timer, a copy."""

from __future__ import annotations

from app_support import screen
from atelier_support import dashboard, everything, new_workshop, participant
from streamlit.testing.v1 import AppTest

from diagnostic.i18n import t
from diagnostic.model import Referentiel
from diagnostic.storage import Repository
from diagnostic.ui.literal import escape_markdown
from diagnostic.ui.wording import join_words
from diagnostic.ui.workshop import paced_phone
from diagnostic.ui.workshop.session import ADMIN_KEY
from diagnostic.workshop.pacing import FREE, Pacing

INCLUDED = ["emploi", "innovation", "projet_ess"]


def label(referentiel: Referentiel, motivation: str) -> str:
    return referentiel.motivation(motivation).label.get("fr")


def adviser_did(repository: Repository, change: str, code: str, key: str, *args: object) -> None:
    """A change the adviser made on another server: this one sees it at its next read."""
    getattr(repository, change)(code, key, *args)
    paced_phone._pacings.clear()


def answer_radios(at: AppTest) -> list[str]:
    return [str(radio.key) for radio in at.main.radio if str(radio.key).startswith("atelier-a")]


def test_the_adviser_paces_the_room_from_the_sidebar(
    database_url: str, repository: Repository, referentiel: Referentiel
) -> None:
    workshop, key = new_workshop(repository, INCLUDED)
    at = dashboard(workshop.code, key)
    assert at.radio(key="animation-pacing-mode").value == "free"
    assert not [b for b in at.button if b.key == "animation-pacing-next"]
    at.radio(key="animation-pacing-mode").set_value("paced").run()
    assert not at.exception
    assert repository.get_pacing(workshop.code) == Pacing(mode="paced")
    assert t("pacing.dash.none_open", "fr") in screen(at)
    assert at.button(key="animation-pacing-next").label == t(
        "pacing.side.next", "fr", label=label(referentiel, "emploi")
    )
    at.button(key="animation-pacing-next").click().run()
    assert repository.get_pacing(workshop.code).open == "emploi"
    shown = everything(at)
    assert t("pacing.dash.open", "fr", label=label(referentiel, "emploi")) in shown
    coming = join_words([label(referentiel, m) for m in INCLUDED[1:]], "fr")
    assert t("pacing.dash.coming", "fr", labels=coming) in shown
    at.selectbox(key="animation-pacing-pick").set_value("projet_ess").run()
    at.button(key="animation-pacing-open").click().run()
    pacing = repository.get_pacing(workshop.code)
    assert (pacing.open, pacing.opened) == ("projet_ess", ("emploi", "projet_ess"))
    assert at.button(key="animation-pacing-next").label == t(
        "pacing.side.next", "fr", label=label(referentiel, "innovation")
    )  # the one skipped, not opened yet
    at.button(key="animation-pacing-next").click().run()
    assert not [b for b in at.button if b.key == "animation-pacing-next"]
    assert t("pacing.side.all_open", "fr") in screen(at)
    at.radio(key="animation-pacing-mode").set_value("free").run()
    assert repository.get_pacing(workshop.code).mode == "free"
    assert t("pacing.dash.open", "fr", label=label(referentiel, "innovation")) not in everything(at)


def test_the_timer_is_started_shown_and_removed(database_url: str, repository: Repository) -> None:
    workshop, key = new_workshop(repository, INCLUDED)
    at = dashboard(workshop.code, key)
    assert "pacing-timer" not in everything(at)
    assert at.number_input(key="animation-timer-minutes").value == 10
    at.number_input(key="animation-timer-minutes").set_value(5).run()
    at.button(key="animation-timer-start").click().run()
    assert not at.exception
    timer = repository.get_pacing(workshop.code).timer
    assert timer is not None and timer.seconds == 300
    (box,) = [h.value for h in at.get("html") if "pacing-timer" in str(h.value)]
    assert t("pacing.timer.label", "fr") in str(box)
    assert any(f"4:{s:02d}</span>" in str(box) or "5:00</span>" in str(box) for s in range(50, 60))
    at.button(key="animation-timer-stop").click().run()
    pacing = repository.get_pacing(workshop.code)
    assert pacing.timer is None and pacing.timer_seconds == 300
    assert "pacing-timer" not in everything(at)
    assert dashboard(workshop.code, key).number_input(key="animation-timer-minutes").value == 5


def test_a_workshop_on_the_same_model_opens_with_its_own_codes(
    database_url: str, repository: Repository, referentiel: Referentiel
) -> None:
    workshop, key = new_workshop(repository, ["emploi", "innovation"])
    repository.set_pacing_mode(workshop.code, key, "paced")
    repository.start_timer(workshop.code, key, 15 * 60)
    repository.join_workshop(workshop.code, "elu", "Zoé")
    at = dashboard(workshop.code, key)
    at.button(key="animation-copy").click().run()
    assert not at.exception
    code, new_key = at.session_state[ADMIN_KEY]
    assert code != workshop.code and at.query_params["code"] == code
    done = t("pacing.copy.done", "fr", code=code, model=workshop.code)
    assert escape_markdown(done) in [message.value for message in at.success]
    assert new_key in [c.value for c in at.code][-1]  # the private link, in the sidebar
    copy = repository.check_admin(code, new_key)
    assert copy.motivations == ("emploi", "innovation")
    assert copy.profile.name == workshop.profile.name
    assert repository.participants(code, new_key) == []
    assert repository.get_pacing(code) == Pacing(mode="paced", timer_seconds=15 * 60)
    assert t("pacing.dash.none_open", "fr") in screen(at)


def test_phones_follow_the_open_motivation_and_announce_the_rest(
    database_url: str, repository: Repository, referentiel: Referentiel
) -> None:
    workshop, key = new_workshop(repository, INCLUDED)
    token = repository.join_workshop(workshop.code, "agent", "Anouk").token
    adviser_did(repository, "set_pacing_mode", workshop.code, key, "paced")
    phone = participant(token)
    assert not phone.exception
    assert t("pacing.phone.waiting", "fr") in screen(phone)
    assert answer_radios(phone) == []
    everyone = join_words([label(referentiel, m) for m in INCLUDED], "fr")
    assert t("pacing.phone.announced", "fr", labels=everyone) in screen(phone)

    adviser_did(repository, "open_motivation", workshop.code, key, "innovation")
    phone.run()
    first = referentiel.questions_of("innovation")
    assert answer_radios(phone) == [f"atelier-answer-{q.id}" for q in first]
    assert phone.subheader[0].value == label(referentiel, "innovation")
    rest = join_words([label(referentiel, m) for m in ("emploi", "projet_ess")], "fr")
    assert t("pacing.phone.announced", "fr", labels=rest) in screen(phone)
    phone.radio(key=f"atelier-answer-{first[0].id}").set_value(
        phone.radio(key=f"atelier-answer-{first[0].id}").options[1]
    ).run()
    assert repository.load_sheet(token).answers[first[0].id] is not None

    adviser_did(repository, "open_motivation", workshop.code, key, "emploi")
    adviser_did(repository, "start_timer", workshop.code, key, 600)
    phone.run()
    assert phone.subheader[0].value == label(referentiel, "emploi")
    assert [str(o) for o in phone.selectbox(key="atelier-nav-step").options][:2] == [
        t("app.nav.step_option", "fr", n=1, label=label(referentiel, "emploi")),
        t("app.nav.step_option", "fr", n=2, label=label(referentiel, "innovation")),
    ]
    assert "pacing-timer" in everything(phone)
    # the answer given on the earlier motivation is kept
    assert first[0].id in repository.load_sheet(token).answers

    reloaded = participant(token)
    assert reloaded.subheader[0].value == label(referentiel, "emploi")
    assert "pacing-timer" in everything(reloaded)
    rest = label(referentiel, "projet_ess")
    assert t("pacing.phone.announced", "fr", labels=rest) in screen(reloaded)


def test_a_phone_may_go_back_and_stays_there_until_the_next_opening(
    database_url: str, repository: Repository, referentiel: Referentiel
) -> None:
    workshop, key = new_workshop(repository, INCLUDED)
    token = repository.join_workshop(workshop.code, "elu").token
    adviser_did(repository, "set_pacing_mode", workshop.code, key, "paced")
    adviser_did(repository, "open_motivation", workshop.code, key, "emploi")
    adviser_did(repository, "open_motivation", workshop.code, key, "innovation")
    phone = participant(token)
    assert phone.subheader[0].value == label(referentiel, "innovation")
    phone.button(key="atelier-nav-back").click().run()
    assert phone.subheader[0].value == label(referentiel, "emploi")
    adviser_did(repository, "start_timer", workshop.code, key, 300)
    phone.run()  # a timer is no new opening: the phone stays where it is
    assert phone.subheader[0].value == label(referentiel, "emploi")
    adviser_did(repository, "open_motivation", workshop.code, key, "projet_ess")
    phone.run()
    assert phone.subheader[0].value == label(referentiel, "projet_ess")
    adviser_did(repository, "set_pacing_mode", workshop.code, key, "free")
    phone.run()
    assert phone.subheader[0].value == label(referentiel, "projet_ess")
    assert t("pacing.phone.announced", "fr", labels="x").split("x")[0] not in screen(phone)


def test_free_workshops_look_as_before(database_url: str, repository: Repository) -> None:
    workshop, _ = new_workshop(repository, INCLUDED)
    token = repository.join_workshop(workshop.code, "elu").token
    phone = participant(token)
    assert repository.get_pacing(workshop.code) == FREE
    assert len(phone.selectbox(key="atelier-nav-step").options) == len(INCLUDED) + 1
    assert "pacing-timer" not in everything(phone)
    assert t("pacing.phone.waiting", "fr") not in screen(phone)


def test_without_the_adviser_key_there_is_no_control_and_nothing_is_written(
    database_url: str, repository: Repository
) -> None:
    workshop, key = new_workshop(repository, INCLUDED)
    other, other_key = new_workshop(repository, INCLUDED)
    at = dashboard(workshop.code, other_key)
    assert not at.exception
    keys = {str(widget.key) for widget in [*at.button, *at.radio, *at.number_input]}
    assert not {key for key in keys if "pacing" in key or "timer" in key or "copy" in key}
    assert repository.get_pacing(workshop.code) == FREE
    assert len(repository.participants(workshop.code, key)) == 0
    assert other.code != workshop.code


def test_the_copy_forgets_the_dashboard_s_header_state() -> None:
    from diagnostic.ui.workshop import dashboard as page
    from diagnostic.ui.workshop import pacing

    assert pacing.DASHBOARD_JOINED == page.JOINED_KEY


def test_an_answer_given_as_the_adviser_paces_the_room_is_kept(
    database_url: str, repository: Repository, referentiel: Referentiel
) -> None:
    workshop, key = new_workshop(repository, INCLUDED)
    token = repository.join_workshop(workshop.code, "elu").token
    phone = participant(token)
    first = referentiel.questions_of("emploi")[0].id
    assert phone.subheader[0].value == label(referentiel, "emploi")
    adviser_did(repository, "set_pacing_mode", workshop.code, key, "paced")
    adviser_did(repository, "open_motivation", workshop.code, key, "innovation")
    radio = phone.radio(key=f"atelier-answer-{first}")
    radio.set_value(radio.options[2]).run()  # reaches the server after the change
    assert not phone.exception
    assert phone.subheader[0].value == label(referentiel, "innovation")
    assert first in repository.load_sheet(token).answers


def test_pacing_speaks_english_too(
    database_url: str, repository: Repository, referentiel: Referentiel
) -> None:
    workshop, key = new_workshop(repository, INCLUDED)
    token = repository.join_workshop(workshop.code, "elu").token
    adviser_did(repository, "set_pacing_mode", workshop.code, key, "paced")
    adviser_did(repository, "open_motivation", workshop.code, key, "emploi")
    board = dashboard(workshop.code, key, lang="en")
    assert "Workshop pace" in [h.value for h in board.sidebar.subheader]
    english = referentiel.motivation("emploi").label.get("en")
    assert f"Open motivation: {english}" in [h.value for h in board.header]
    phone = participant(token, lang="en")
    rest = join_words([referentiel.motivation(m).label.get("en") for m in INCLUDED[1:]], "en")
    assert f"Coming next: {rest}. The facilitator will open the rest." in screen(phone)


def test_a_workshop_deleted_meanwhile_gets_a_plain_message(
    database_url: str, repository: Repository
) -> None:
    workshop, key = new_workshop(repository, INCLUDED)
    repository.set_pacing_mode(workshop.code, key, "paced")
    at = dashboard(workshop.code, key)
    repository.delete_workshop(workshop.code, key)
    at.button(key="animation-pacing-next").click().run()
    assert not at.exception
    assert any(workshop.code in str(error.value) for error in at.error)
    assert "Traceback" not in screen(at)
