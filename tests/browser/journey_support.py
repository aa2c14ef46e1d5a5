"""What a journey over a year reads back: figures on the page and in the downloaded files.

A journey records each failed expectation with the step it belongs to and goes on, so one
run names every step that breaks; the test fails at the end if any did.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import openpyxl
from browser_walk import TIMEOUT, Walker, answer_label, fresh, planned_answer
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from diagnostic.i18n import t
from diagnostic.model import DECLINED, UNKNOWN, Answer, Referentiel

DECLINABLE = ("emploi_tzcld", "projet_ptce", "ressources_monnaie_locale", "projet_scic_capital")
SAVE_DEADLINE = 60.0  # s: a debounced save lands about a second after the last key
LANGUAGE = {"fr": "Français", "en": "English"}
# Every table shown (not in a hidden tab), as rows of cell texts (the header row first).
TABLES = """() => [...document.querySelectorAll('[data-testid="stTable"] table')]
  .filter((table) => table.offsetParent !== null).map(
  (table) => [...table.querySelectorAll('tr')].map(
    (row) => [...row.querySelectorAll('th, td')].map((cell) => cell.innerText.trim())))"""
# The traces of the plotly chart drawn under a widget key: name, labels and shown texts.
TRACES = """(selector) => {
  const chart = document.querySelector(selector + ' .js-plotly-plot');
  return chart ? chart.data.map((trace) => ({name: trace.name, y: trace.y, text: trace.text}))
               : null;
}"""


class Journey:
    """The steps of one journey and the expectations that failed in them."""

    def __init__(self, walker: Walker, output: Path) -> None:
        self.walker = walker
        self.output = output
        self.problems: list[str] = []
        self.step = ""

    @contextmanager
    def stage(self, name: str, walker: Walker | None = None) -> Iterator[None]:
        """A step of the journey: what fails inside is recorded, with a screenshot of the
        page of ``walker`` (the journey's own by default)."""
        self.step = name
        try:
            yield
        except (AssertionError, LookupError, PlaywrightError) as error:
            problem = f"{name}: {str(error).splitlines()[0][:400]}"
            self.problems.append(problem)
            print(problem, file=sys.stderr)  # shown with the failure, as it happened
            shot = self.output / f"journey-{len(self.problems)}.png"
            with suppress(PlaywrightError):
                (walker or self.walker).page.screenshot(path=str(shot), full_page=True)

    def done(self) -> None:
        assert not self.problems, "steps that failed:\n" + "\n".join(self.problems)


def wait_until(read: Callable[[], Any], expected: Any, what: str) -> None:
    """Poll ``read()`` (the database) until it gives ``expected``, up to a deadline."""
    deadline = time.monotonic() + SAVE_DEADLINE
    seen = read()
    while seen != expected:
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} not saved within {SAVE_DEADLINE} s: {seen!r}")
        time.sleep(0.2)
        seen = read()


def switch_language(walker: Walker, lang: str, marker: str) -> None:
    """Pick the interface's language in the sidebar; waits for ``marker``, drawn in it."""
    sidebar = walker.page.locator('[data-testid="stSidebar"]')
    sidebar.get_by_text(LANGUAGE[lang], exact=True).click()
    walker.page.wait_for_url(re.compile("lang=en" if lang == "en" else "^(?!.*lang=en)"))
    walker.see(marker)


def spaced(text: str) -> re.Pattern[str]:
    """``text`` exactly, a non-breaking space matching any space."""
    return re.compile("^" + r"\s".join(re.escape(part) for part in re.split(r"\s", text)) + "$")


def pick_territory(walker: Walker, query: str, name: str) -> None:
    """Type part of a name in the territory search and take the one option named ``name``."""
    walker.type_text("profile-search", query)
    pick = walker.page.locator(f"{fresh('profile-pick')} input")
    pick.wait_for()
    walker.settle()
    pick.click()
    option = walker.page.get_by_role("option", name=re.compile(f"^{re.escape(name)} — "))
    expect(option).to_have_count(1)
    option.click()
    expect(walker.page.locator(f"{fresh('profile-name')} input")).to_have_value(name)
    walker.settle()


def pick_first(walker: Walker, key: str) -> str:
    """Open the selectbox ``key`` and take its first option; returns the option's text."""
    return pick_option(walker, key, 0)


def pick_option(walker: Walker, key: str, index: int) -> str:
    """Open the selectbox ``key`` (again if a rerun closed it) and take its ``index``-th
    option; returns the option's text."""
    option = walker.page.get_by_role("option").nth(index)
    for _attempt in range(3):
        walker.settle()
        walker.page.locator(f"{fresh(key)} input").click()
        try:
            option.wait_for(timeout=10_000)
            break
        except PlaywrightTimeout:
            walker.page.keyboard.press("Escape")
    text = option.inner_text()
    option.click()
    walker.settle()
    return text


def rank(walker: Walker, key: str, labels: list[str]) -> None:
    """Choose ``labels`` in order in the multiselect ``key``; waits for each chip."""
    for count, label in enumerate(labels, start=1):
        walker.settle()
        walker.page.locator(f"{fresh(key)} input").click()
        walker.page.get_by_role("option", name=label, exact=True).click()
        expect(walker.page.locator(f"{fresh(key)} [data-tag]")).to_have_count(count)
        walker.page.keyboard.press("Escape")
    walker.settle()


def chips(walker: Walker, key: str) -> list[str]:
    """The options chosen in the multiselect ``key``, in order."""
    return walker.page.locator(f"{fresh(key)} [data-tag]").all_inner_texts()


def download(walker: Walker, key: str) -> bytes:
    """Click the download button ``key`` and return the file's bytes."""
    button = walker.page.locator(f"{fresh(key)} button")
    expect(button).to_be_visible()
    with walker.page.expect_download(timeout=TIMEOUT) as info:
        button.click()
    return Path(info.value.path()).read_bytes()


def at_results(walker: Walker, marker: str) -> None:
    """Wait for a results page drawn whole: ``marker``, then its three figure tables."""
    walker.page.wait_for_url(re.compile("/resultats"))
    walker.see(marker)
    expect(walker.page.locator('[data-testid="stTable"] table').first).to_be_visible()
    walker.settle()


def page_tables(walker: Walker) -> list[list[list[str]]]:
    walker.settle()
    return list(walker.page.evaluate(TABLES))


def results_levers(walker: Walker, lang: str = "fr") -> dict[str, str]:
    """The results page's lever table: lever -> need as shown (« 45 »)."""
    lever, need = t("charts.lever", lang), t("charts.need", lang)
    for table in page_tables(walker):
        header = table[0]
        if lever in header and need in header:
            at, score = header.index(lever), header.index(need)
            return {row[at]: row[score] for row in table[1:]}
    raise AssertionError(f"no lever table on the results page: {page_tables(walker)}")


def results_maturity(walker: Walker, lang: str = "fr") -> dict[str, str]:
    """The results page's motivation table: motivation -> maturity as shown."""
    motivation, maturity = t("charts.motivation", lang), t("charts.maturity", lang)
    for table in page_tables(walker):
        header = table[0]
        if motivation in header and maturity in header:
            at, score = header.index(motivation), header.index(maturity)
            return {row[at]: row[score] for row in table[1:]}
    raise AssertionError("no motivation table on the results page")


def chart_pairs(walker: Walker, key: str) -> dict[str, tuple[str, str]]:
    """A before/after chart drawn under ``key``: label -> (before, after) as shown."""
    selector = fresh(key)
    walker.page.wait_for_selector(f"{selector} .js-plotly-plot .main-svg")
    traces = walker.page.evaluate(TRACES, selector)
    assert traces is not None and len(traces) == 2, f"no before/after chart under {key}"
    before, after = traces
    return {
        label: (str(before["text"][i]), str(after["text"][i]))
        for i, label in enumerate(before["y"])
    }


def pdf_text(data: bytes) -> str:
    """The PDF's text, laid out as on the page (poppler's pdftotext)."""
    assert data.startswith(b"%PDF"), "not a PDF"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "file.pdf"
        path.write_bytes(data)
        done = subprocess.run(
            ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
        )
    return done.stdout


def pdf_levers(data: bytes, labels: list[str]) -> dict[str, str]:
    """The report's « at a glance » table: lever -> need (« moyen (45/100) » gives « 45 »)."""
    text = pdf_text(data)
    found = {}
    for label in labels:
        match = re.search(rf"\d[ \t]+{re.escape(label)}[ \t]+\S+ \((\d+)/100\)", text)
        assert match is not None, f"{label} has no need in the PDF"
        found[label] = match[1]
    return found


def pdf_pairs(data: bytes, labels: list[str]) -> dict[str, tuple[str, str]]:
    """The comparison's lever table in a PDF: lever -> (before, after) as printed."""
    text = pdf_text(data)
    found = {}
    for label in labels:
        row = rf"^[ \t]*{re.escape(label)}[ \t]+(\d+|—)[ \t]+(\d+|—)[ \t]+\S+[ \t]*$"
        match = re.search(row, text, re.MULTILINE)
        assert match is not None, f"{label} has no before/after in the comparison PDF"
        found[label] = (match[1], match[2])
    return found


def workbook(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data), read_only=True)


def cells(data: bytes) -> list[Any]:
    """Every non-empty cell value of a workbook, sheet after sheet."""
    book = workbook(data)
    return [
        value
        for sheet in book
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    ]


def xlsx_rows(data: bytes, labels: list[str]) -> dict[str, tuple[Any, ...]]:
    """The first row of any sheet whose first cell holding text is one of ``labels``."""
    found: dict[str, tuple[Any, ...]] = {}
    for sheet in workbook(data):
        for row in sheet.iter_rows(values_only=True):
            texts = [value for value in row if isinstance(value, str)]
            first = next((value for value in row if value is not None), None)
            for label in labels:
                if label not in found and label in texts and (first == label or texts[0] == label):
                    found[label] = tuple(row)
    return found


def xlsx_levers(data: bytes, labels: list[str]) -> dict[str, float | None]:
    """The workbook's lever table: lever -> need, the cell right after the lever's name.

    « — » there (no answer bears on the lever) reads as None; a row where the name is
    followed by anything else (a text, an empty cell) is not the lever table's.
    """
    found: dict[str, float | None] = {}
    for sheet in workbook(data):
        for row in sheet.iter_rows(values_only=True):
            values = list(row)
            for label in labels:
                if label in values and label not in found:
                    after = values[values.index(label) + 1 : values.index(label) + 2]
                    if after and isinstance(after[0], int | float):
                        found[label] = float(after[0])
                    elif after == ["—"]:
                        found[label] = None
    return found


def xlsx_pairs(data: bytes, labels: list[str]) -> dict[str, tuple[Any, Any]]:
    """The comparison sheet's lever rows: lever -> (before, after)."""
    rows = xlsx_rows(data, labels)
    return {label: (row[1], row[2]) for label, row in rows.items()}


def near(shown: str, value: Any) -> bool:
    """A figure written to one decimal agrees with the whole number shown on screen."""
    if shown == "—":
        return value is None
    return value is not None and abs(float(value) - int(shown)) <= 0.5


def answers_file(data: bytes) -> dict[str, Any]:
    return dict(json.loads(data.decode("utf-8")))


def lever_labels(referentiel: Referentiel, lang: str = "fr") -> list[str]:
    return [lever.label.get(lang) for lever in referentiel.levers]


def level(referentiel: Referentiel, question_id: str, position: int) -> Answer:
    return referentiel.scale(referentiel.question(question_id).scale).values()[position]


def first_year(referentiel: Referentiel) -> dict[str, Answer]:
    """Levels, « je ne sais pas » and « non pertinent » on the declinable questions."""
    answers = {q.id: planned_answer(referentiel, i) for i, q in enumerate(referentiel.questions)}
    answers.update(
        emploi_tzcld=DECLINED,
        projet_ptce=level(referentiel, "projet_ptce", 1),
        ressources_monnaie_locale=UNKNOWN,
        projet_scic_capital=DECLINED,
    )
    return answers


def second_year(referentiel: Referentiel, before: dict[str, Answer]) -> dict[str, Answer]:
    """What moves a year later: up, down, level ↔ je ne sais pas ↔ non pertinent."""
    plain = [q for q in referentiel.questions if q.id not in DECLINABLE]
    top = {q.id: referentiel.scale(q.scale).max for q in plain}
    bottom = {q.id: referentiel.scale(q.scale).min for q in plain}
    levels = [q.id for q in plain if isinstance(before[q.id], int)]
    up = next(q for q in levels if before[q] < top[q])
    down = next(q for q in levels if before[q] > bottom[q] and q != up)
    to_unknown = next(q for q in levels if q not in (up, down))
    from_unknown = next(q.id for q in plain if before[q.id] == UNKNOWN)
    return {
        up: top[up],
        down: bottom[down],
        to_unknown: UNKNOWN,
        from_unknown: level(referentiel, from_unknown, 2),
        "emploi_tzcld": level(referentiel, "emploi_tzcld", 2),  # declined -> level
        "projet_ptce": DECLINED,  # level -> declined
        "ressources_monnaie_locale": DECLINED,  # unknown -> declined
        "projet_scic_capital": UNKNOWN,  # declined -> unknown
    }


def label_of(referentiel: Referentiel, question_id: str, answer: Answer) -> str:
    if answer == DECLINED:
        return t("answer.declined", "fr")
    return answer_label(referentiel, question_id, answer)
