"""A user's moves on the app's pages, each waiting for a marker unique to its outcome."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from diagnostic.i18n import t
from diagnostic.model import UNKNOWN, Answer, Referentiel
from diagnostic.referentiel.load import load_referentiel

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 90_000  # ms: generous, for a loaded 2-core machine; every wait ends as soon as it can
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
CURRENT = '[data-testid="stElementContainer"]:not([data-stale="true"]):not([data-retained="true"])'


def shipped_referentiel() -> Referentiel:
    return load_referentiel(ROOT / "data")


def planned_answer(referentiel: Referentiel, index: int) -> Answer:
    """A varied but fixed answer for the ``index``-th question: every fourth is "don't know"."""
    question = referentiel.questions[index]
    if index % 4 == 3:
        return UNKNOWN
    values = referentiel.scale(question.scale).values()
    return values[(index * 3) % len(values)]


def answer_label(referentiel: Referentiel, question_id: str, answer: Answer) -> str:
    if answer == UNKNOWN:
        return t("answer.unknown", "fr")
    return referentiel.scale(referentiel.question(question_id).scale).label(answer, "fr")


def fresh(key: str) -> str:
    """The element with widget key ``key`` from the latest run: not a stale leftover of the
    run under way, nor one Streamlit retains, hidden, where a later run drew another element
    (a button of the step left, a comment's button once hidden)."""
    return f'.st-key-{key}:not([data-stale="true"]):not([data-retained="true"])'


def current(css: str) -> str:
    """The elements matching ``css`` inside an element of the latest run (as fresh, for
    elements without a widget key: a wording, a clock drawn with st.html)."""
    return f"{CURRENT} {css}"


class Walker:
    """Drives one browser page through the app like a new user."""

    def __init__(self, page: Page, base_url: str) -> None:
        self.page = page
        self.base_url = base_url
        self.requests: list[str] = []
        page.set_default_timeout(TIMEOUT)
        page.on("request", lambda request: self.requests.append(request.url))

    def settle(self) -> None:
        """Wait until the current script run is over."""
        self.page.wait_for_selector(IDLE, timeout=TIMEOUT)

    def see(self, text: str) -> None:
        """Wait for a text to be on screen, then for the run that drew it to end."""
        self.page.get_by_text(text, exact=False).first.wait_for(timeout=TIMEOUT)
        self.settle()

    def open(self, url: str) -> None:
        self.page.goto(url)
        self.settle()

    def click_key(self, key: str) -> None:
        """Click the button whose widget key is ``key``."""
        self.page.locator(f"{fresh(key)} button").first.click()

    def at_step(self, number: int) -> None:
        self.see(f"Étape {number} sur 9")

    def progress(self, answered: int, unknown: int) -> None:
        """Wait for the progress line to count ``answered`` answers (so they are saved)."""
        try:
            total = len(shipped_referentiel().questions)
            self.see(f"Réponses\u00a0: {answered} sur {total}, dont {unknown} ")
        except PlaywrightTimeout:
            shown = self.page.locator('[data-testid="stProgress"]').all_inner_texts()
            alerts = self.page.locator(
                '[data-testid="stAlert"], [data-testid="stException"]'
            ).all_inner_texts()
            message = f"expected {answered} answers ({unknown} unknown), see {shown} {alerts}"
            raise AssertionError(message) from None

    def choose(self, key: str, option: str) -> None:
        """Pick an option of the selectbox ``key`` (reopening it if a rerun closed it)."""
        choice = self.page.get_by_role("option", name=option, exact=True)
        for _attempt in range(3):
            self.settle()
            self.page.locator(f"{fresh(key)} input").click()
            try:
                choice.wait_for(timeout=5_000)
                break
            except PlaywrightTimeout:
                self.page.keyboard.press("Escape")
        choice.click()
        expect(self.page.locator(f"{fresh(key)} input")).to_have_value(option)
        self.settle()

    def type_text(self, key: str, text: str) -> None:
        """Type into the text input ``key`` and leave the field (which commits it)."""
        field = self.page.locator(f"{fresh(key)} input")
        field.fill(text)
        field.press("Tab")

    def answer(self, question_id: str, label: str) -> None:
        group = self.page.locator(fresh(f"answer-{question_id}"))
        group.get_by_text(label, exact=True).click()
        expect(group.get_by_role("radio", name=label, exact=True)).to_be_checked()

    def expect_checked(self, question_id: str, label: str) -> None:
        """Wait (up to the timeout) for the option ``label`` of a question to show as chosen."""
        group = self.page.locator(fresh(f"answer-{question_id}"))
        expect(group.get_by_role("radio", name=label, exact=True)).to_be_checked()

    def open_comment(self, question_id: str) -> Any:
        """Unfold the comment box of a question without one yet; returns its text area."""
        area = self.page.locator(f"{fresh(f'comment-{question_id}')} textarea")
        holder = self.page.locator(fresh(f"comment-{question_id}"))
        box = self.page.locator("details", has=holder)
        expect(area).to_be_hidden()  # folded until wanted
        box.locator("summary").click()
        expect(area).to_be_visible()
        return area

    def comment(self, question_id: str, text: str) -> None:
        """Write the first comment of a question; Ctrl+Enter commits it."""
        area = self.open_comment(question_id)
        area.fill(text)
        area.press("Control+Enter")
        self.settle()

    def expect_comment(self, question_id: str, text: str) -> None:
        """Wait (up to the timeout) for a question's comment box to hold ``text``."""
        area = self.page.locator(f"{fresh(f'comment-{question_id}')} textarea")
        expect(area).to_have_value(text)
        expect(area).to_be_visible()  # a question with a comment shows it unfolded

    def external_requests(self) -> list[str]:
        """Requests that left the machine (anything not to 127.0.0.1 or localhost)."""
        outside = []
        for url in self.requests:
            parts = urlsplit(url)
            if parts.scheme in ("data", "blob"):
                continue
            if parts.hostname not in ("127.0.0.1", "localhost"):
                outside.append(url)
        return outside

    def screenshot(self, path: Path) -> None:
        """The whole page: the viewport is stretched to the main area's full height."""
        height = self.page.evaluate(
            "() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight"
        )
        size: Any = self.page.viewport_size or {"width": 1280, "height": 900}
        self.page.set_viewport_size({"width": size["width"], "height": int(height) + 40})
        self.settle()
        self.page.screenshot(path=str(path), full_page=True)
        self.page.set_viewport_size(size)
