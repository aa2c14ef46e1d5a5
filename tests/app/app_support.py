"""Drive the app with AppTest by widget keys, as documented in diagnostic/ui."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from streamlit.testing.v1 import AppTest

from diagnostic.model import UNKNOWN, Answer, Question, Referentiel
from diagnostic.referentiel.load import load_referentiel
from diagnostic.typography import french_spacing
from diagnostic.ui.state import TOKEN_KEY

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "app.py"
TIMEOUT = 60
PAGES = {
    "accueil": "diagnostic/ui/pages/accueil.py",
    "diagnostic": "diagnostic/ui/pages/diagnostic.py",
    "resultats": "diagnostic/ui/pages/resultats.py",
    "methode": "diagnostic/ui/pages/methode.py",
    "atelier": "diagnostic/ui/pages/atelier.py",
    "animation": "diagnostic/ui/pages/atelier_animation.py",
    "mes-diagnostics": "diagnostic/ui/pages/mes_diagnostics.py",
    "territoire": "diagnostic/ui/pages/territoire.py",
    "portefeuille": "diagnostic/ui/pages/portefeuille.py",
    "annuaire": "diagnostic/ui/pages/annuaire.py",
    "comptes": "diagnostic/ui/pages/comptes.py",
    "invitation": "diagnostic/ui/pages/invitation.py",
}
TEXT_ELEMENTS = (
    "title",
    "header",
    "subheader",
    "markdown",
    "caption",
    "text",
    "info",
    "warning",
    "error",
    "success",
)


@lru_cache(maxsize=1)
def shipped_referentiel() -> Referentiel:
    return load_referentiel(ROOT / "data")


def new_app(lang: str | None = None, token: str | None = None, step: int | None = None) -> AppTest:
    """A fresh browser session, optionally opened with ``?d=``, ``?lang=`` and ``?step=``."""
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    if lang is not None:
        at.query_params["lang"] = lang
    if token is not None:
        at.query_params["d"] = token
    if step is not None:
        at.query_params["step"] = str(step)
    return at


def go(at: AppTest, page: str) -> AppTest:
    """Open one of the pages."""
    return at.switch_page(PAGES[page]).run()


def visit(page: str, lang: str | None = None, **params: str) -> AppTest:
    """A fresh browser session opened on ``page`` with the URL parameters ``params``."""
    at = new_app(lang=lang).run()
    for name, value in params.items():
        at.query_params[name] = value
    return go(at, page)


def texts(at: AppTest) -> list[str]:
    """Every piece of text on screen (main area and sidebar), in order."""
    found: list[str] = []
    for kind in TEXT_ELEMENTS:
        found.extend(str(element.value) for element in getattr(at, kind))
    return found


def screen(at: AppTest) -> str:
    return "\n".join(texts(at))


def start(at: AppTest) -> str:
    """Click "Commencer un diagnostic" on the welcome page; returns the new token."""
    at.run()
    at.button(key="start").click().run()
    assert not at.exception, at.exception
    return str(at.session_state[TOKEN_KEY])


def fill_profile(at: AppTest, name: str = "Communauté de communes du Toulois") -> None:
    at.selectbox(key="profile-type").set_value("cc").run()
    at.text_input(key="profile-name").set_value(name).run()
    assert not at.exception, at.exception


def planned(referentiel: Referentiel) -> Callable[[Question], Answer]:
    """A fixed, varied answer per question: every fourth question is "je ne sais pas"."""

    def choose(question: Question) -> Answer:
        index = referentiel.questions.index(question)
        if index % 4 == 3:
            return UNKNOWN
        values = referentiel.scale(question.scale).values()
        return values[(index * 3) % len(values)]

    return choose


def answer_step(
    at: AppTest, referentiel: Referentiel, motivation: str, choose: Callable[[Question], Answer]
) -> dict[str, Answer]:
    """Answer the open step's questions one by one, each followed by a rerun."""
    given: dict[str, Answer] = {}
    for question in referentiel.questions_of(motivation):
        answer = choose(question)
        at.radio(key=f"answer-{question.id}").set_value(answer).run()
        given[question.id] = answer
    assert not at.exception, at.exception
    return given


def fill_everything(at: AppTest, referentiel: Referentiel) -> dict[str, Answer]:
    """From the profile step, answer every motivation with ``planned`` and reach the summary."""
    choose = planned(referentiel)
    given: dict[str, Answer] = {}
    at.button(key="nav-next").click().run()
    for motivation in referentiel.motivations:
        given.update(answer_step(at, referentiel, motivation.id, choose))
        at.button(key="nav-next").click().run()
    assert not at.exception, at.exception
    return given


def shipped_question() -> Question:
    """The shipped référentiel's first question (its id is never written in a test)."""
    return shipped_referentiel().questions[0]


def off_scale_message() -> str:
    """What an answers file giving level 9 to shipped_question() is told, in French."""
    question = shipped_question()
    scale = shipped_referentiel().scale(question.scale)
    # The question is named by its label, its id only in brackets (the file's key).
    return french_spacing(
        f"Réponse à la question « {question.label.fr} » ({question.id}) : le niveau 9 est hors "
        f"de l’échelle (de {scale.min} à {scale.max})."
    )
