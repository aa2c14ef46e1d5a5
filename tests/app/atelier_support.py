"""Workshops for the app tests: set up through the repository, read back from the screen."""

from __future__ import annotations

import base64
import io
import re
from collections.abc import Sequence

from app_support import screen, visit
from PIL import Image
from streamlit.testing.v1 import AppTest

from diagnostic.model import UNKNOWN, Answer, Referentiel, Role, TerritoryProfile
from diagnostic.storage import Repository, WorkshopRecord
from diagnostic.ui.workshop.qr import QR_BORDER, QR_SCALE

TERRITORY = TerritoryProfile("Communauté de communes du Toulois", "cc")
GROUP: tuple[tuple[Role, str | None], ...] = (
    ("elu", "Zoé"),
    ("elu", None),
    ("elu", "Marcel"),
    ("agent", "Anouk"),
    ("agent", None),
    ("agent", "Lucien"),
    ("habitant", "Inès"),
)
_DATA_PNG = re.compile(r'src="data:image/png;base64,([A-Za-z0-9+/=]+)"')


def new_workshop(
    repository: Repository, motivations: Sequence[str] = ()
) -> tuple[WorkshopRecord, str]:
    return repository.create_workshop(TERRITORY, motivations)


def answer_of(referentiel: Referentiel, person: int, index: int) -> Answer:
    """A fixed answer that differs between people, so that some questions diverge."""
    question = referentiel.questions[index]
    if (person + index) % 7 == 6:
        return UNKNOWN
    values = referentiel.scale(question.scale).values()
    return values[(index + 2 * person) % len(values)]


def fill_group(
    repository: Repository,
    referentiel: Referentiel,
    code: str,
    people: Sequence[tuple[Role, str | None]] = GROUP,
    questions: int = 20,
) -> list[str]:
    """Join ``people`` and give each the first ``questions`` (minus one per person) answers."""
    tokens = []
    for person, (role, pseudonym) in enumerate(people):
        token = repository.join_workshop(code, role, pseudonym).token
        for index in range(max(questions - person, 0)):
            question = referentiel.questions[index]
            repository.save_answer(token, question.id, answer_of(referentiel, person, index))
        tokens.append(token)
    return tokens


def dashboard(code: str, admin_key: str, lang: str | None = None) -> AppTest:
    return visit("animation", lang=lang, code=code, key=admin_key)


def participant(token: str, lang: str | None = None) -> AppTest:
    return visit("atelier", lang=lang, p=token)


def everything(at: AppTest) -> str:
    """Every text the page holds: text elements, tables, code, HTML and widget labels."""
    parts = [screen(at)]
    parts += [table.value.to_string() for table in at.table]
    parts += [str(code.value) for code in at.code]
    parts += [str(block.value) for block in at.get("html")]
    for kind in ("radio", "selectbox", "text_input", "text_area", "button", "multiselect"):
        parts += [str(getattr(widget, "label", "")) for widget in getattr(at, kind)]
    return "\n".join(parts)


def modules_of_png(data: bytes) -> list[list[bool]]:
    """The dark modules of a QR code PNG drawn with the app's scale and border."""
    image = Image.open(io.BytesIO(data)).convert("L")
    size = image.width // QR_SCALE - 2 * QR_BORDER
    assert image.width == image.height == (size + 2 * QR_BORDER) * QR_SCALE
    half = QR_SCALE // 2
    return [
        [
            image.getpixel(((QR_BORDER + x) * QR_SCALE + half, (QR_BORDER + y) * QR_SCALE + half))
            == 0
            for x in range(size)
        ]
        for y in range(size)
    ]


def png_in_html(body: str) -> bytes:
    """The PNG of the first ``data:`` image in an HTML snippet."""
    found = _DATA_PNG.search(body)
    assert found is not None, body[:200]
    return base64.b64decode(found.group(1))
