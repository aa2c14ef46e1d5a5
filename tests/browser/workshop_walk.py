"""An adviser and participants driving the workshop pages, each waiting for unique markers."""

from __future__ import annotations

import base64
import io
import re
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from browser_walk import Walker, fresh
from PIL import Image
from playwright.sync_api import expect

from diagnostic.model import UNKNOWN, Answer, Referentiel
from diagnostic.ui.workshop.qr import QR_BORDER, QR_SCALE

PREFIX = "atelier-"
PHONE = {"width": 390, "height": 844}
SCREEN = {"width": 1280, "height": 900}


def new_page(browser: Any, viewport: dict[str, int]) -> Any:
    """A page in a browser context of its own: another person, another session."""
    context = browser.new_context(viewport=viewport, locale="fr-FR")
    return context.new_page()


def person_answer(referentiel: Referentiel, person: int, index: int) -> Answer:
    """Each person answers differently, so that the group diverges on some questions."""
    question = referentiel.questions[index]
    if index == 3:
        return UNKNOWN
    values = referentiel.scale(question.scale).values()
    return values[(index + 2 * person) % len(values)]


class WorkshopWalker(Walker):
    """A walker that knows the participant page's widget keys."""

    def answer_as_participant(self, question_id: str, label: str) -> None:
        group = self.page.locator(fresh(f"{PREFIX}answer-{question_id}"))
        group.get_by_text(label, exact=True).click()
        expect(group.get_by_role("radio", name=label, exact=True)).to_be_checked()

    def expect_participant_answer(self, question_id: str, label: str, checked: bool = True) -> None:
        radio = self.page.locator(fresh(f"{PREFIX}answer-{question_id}")).get_by_role(
            "radio", name=label, exact=True
        )
        if checked:
            expect(radio).to_be_checked()
        else:
            expect(radio).not_to_be_checked()

    def join(self, role: str, pseudonym: str = "", code: str | None = None) -> str:
        """Fill the join form and join; returns the participant token from the URL."""
        self.see("Rejoindre un atelier")
        if code is not None:
            self.type_text(f"{PREFIX}code", code)
            self.settle()
        if pseudonym:
            self.type_text(f"{PREFIX}pseudonym", pseudonym)
            self.settle()
        self.page.locator(fresh(f"{PREFIX}role")).get_by_text(role, exact=True).click()
        self.settle()
        self.click_key(f"{PREFIX}join")
        self.see("Votre lien personnel")
        return parse_qs(urlsplit(self.page.url).query)["p"][0]

    def expect_main_code_block(self, text: str) -> None:
        """Wait for a code block of the main area (a link) to show exactly ``text``."""
        blocks = self.page.locator('[data-testid="stMain"] [data-testid="stCode"] code')
        expect(blocks.get_by_text(text, exact=True)).to_have_count(1)

    def qr_modules(self) -> list[list[bool]]:
        """The dark modules of the QR code drawn on the dashboard."""
        image = self.page.locator("img.workshop-qr")
        expect(image).to_have_attribute("src", re.compile("^data:image/png;base64,"))
        source = image.get_attribute("src") or ""
        data = base64.b64decode(source.split("base64,", 1)[1])
        image = Image.open(io.BytesIO(data)).convert("L")
        size = image.width // QR_SCALE - 2 * QR_BORDER
        half = QR_SCALE // 2
        return [
            [
                image.getpixel(
                    ((QR_BORDER + x) * QR_SCALE + half, (QR_BORDER + y) * QR_SCALE + half)
                )
                == 0
                for x in range(size)
            ]
            for y in range(size)
        ]

    def mark_page(self) -> None:
        """Tag the loaded page, to tell later that it was never reloaded."""
        self.page.evaluate("() => { window.notReloaded = true; }")

    def never_reloaded(self) -> bool:
        return bool(self.page.evaluate("() => window.notReloaded === true"))

    def screenshot(self, path: Path) -> None:
        """The whole page, once animations (a tab's underline sliding) have ended.

        A live page reruns every few seconds: it is never waited on for an idle app.
        """
        self.page.wait_for_function(
            "() => document.getAnimations().every(a => a.playState !== 'running')"
        )
        height = self.page.evaluate(
            "() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight"
        )
        size: Any = self.page.viewport_size or SCREEN
        self.page.set_viewport_size({"width": size["width"], "height": int(height) + 40})
        self.page.screenshot(path=str(path), full_page=True)
        self.page.set_viewport_size(size)

    def fold_sidebar(self, folded: bool) -> None:
        """Fold the sidebar away, as for projecting, or unfold it again."""
        if folded:
            self.page.locator('[data-testid="stSidebar"]').hover()  # the button shows on hover
            self.page.locator('[data-testid="stSidebarCollapseButton"] button').click()
            expect(self.page.locator('[data-testid="stSidebar"]')).to_have_attribute(
                "data-collapsed", "true"
            )
        else:
            self.page.locator('[data-testid="stExpandSidebarButton"]').click()
            expect(self.page.locator('[data-testid="stSidebar"]')).to_have_attribute(
                "data-collapsed", "false"
            )

    def open_tab(self, name: str) -> None:
        self.page.get_by_role("tab", name=name, exact=True).click()
        expect(self.page.get_by_role("tab", name=name, exact=True)).to_have_attribute(
            "aria-selected", "true"
        )
