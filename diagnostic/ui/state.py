"""Session keys, wizard steps, and the tie between the URL and the open diagnostic.

The URL carries the diagnostic (``?d=<token>``), the language (``?lang=en``) and the
wizard step (``?step=3``), so a reload or a restarted server brings the user back
where they were. The session state mirrors them; the database holds the answers.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal, cast
from urllib.parse import urlsplit

import streamlit as st

from ..errors import NotFoundError
from ..i18n import t
from ..model import LANGS, AnswerSheet, Lang, MotivationId, Referentiel, TerritoryProfile
from ..referentiel.scope import for_territory
from ..settings import Settings
from ..storage import EMPTY_PROFILE, DiagnosticRecord, Repository
from .literal import escape_markdown
from .resources import referentiel_at, repository_for, settings

TOKEN_PARAM = "d"
STEP_PARAM = "step"
LANG_PARAM = "lang"
LANG_KEY = "lang"  # the language selector's widget key
TOKEN_KEY = "diagnostic-token"
STEP_KEY = "wizard-step"
BAD_LINK_KEY = "bad-link"
FLASH_KEY = "flash"
PAGE_PATHS = (
    "accueil",
    "diagnostic",
    "resultats",
    "methode",
    "atelier",
    "animation",
    "mes-diagnostics",
    "territoire",
)
DEFAULT_URL = "http://localhost:8501"

StepKind = Literal["profile", "motivation", "summary"]
FlashKind = Literal["success", "error", "info"]


@dataclass(frozen=True)
class Step:
    """One screen of the wizard: the profile, one motivation's questions, or the summary."""

    kind: StepKind
    motivation: MotivationId | None = None


def steps(referentiel: Referentiel) -> tuple[Step, ...]:
    """The profile, one step per motivation in the référentiel's order, then the summary."""
    middle = tuple(Step("motivation", m.id) for m in referentiel.motivations)
    return (Step("profile"), *middle, Step("summary"))


@dataclass(frozen=True)
class Context:
    """What a page needs on every run."""

    lang: Lang
    settings: Settings
    referentiel: Referentiel
    repository: Repository

    @property
    def token(self) -> str | None:
        """The token of the diagnostic open in this session, if any."""
        return cast(str | None, st.session_state.get(TOKEN_KEY))

    def sheet(self) -> AnswerSheet:
        """The open diagnostic's answers, read from the database."""
        assert self.token is not None
        return self.repository.load_sheet(self.token, self.referentiel.version)


def saved_profile(sheet: AnswerSheet) -> TerritoryProfile | None:
    """The sheet's profile, or None while the profile step has never been saved."""
    return None if sheet.territory == EMPTY_PROFILE else sheet.territory


def current_lang(default: str = "fr") -> Lang:
    """The language chosen in the sidebar, else the configured one."""
    chosen = st.session_state.get(LANG_KEY, default)
    return cast(Lang, chosen if chosen in LANGS else "fr")


def seed_lang(default: str) -> None:
    """On a fresh session, take the language from ``?lang=``, else the configured one."""
    if LANG_KEY not in st.session_state:
        asked = st.query_params.get(LANG_PARAM, default)
        st.session_state[LANG_KEY] = asked if asked in LANGS else "fr"


def keep_lang_in_url(default: str) -> None:
    """``?lang=`` names the language when it is not the default, so a reload keeps it."""
    wanted = None if current_lang(default) == default else current_lang(default)
    if st.query_params.get(LANG_PARAM) == wanted:
        return
    if wanted is None:
        del st.query_params[LANG_PARAM]
    else:
        st.query_params[LANG_PARAM] = wanted


def context() -> Context:
    """The current run's context; resources are cached per data folder and database URL."""
    config = settings()
    return Context(
        lang=current_lang(config.lang),
        settings=config,
        referentiel=referentiel_at(str(config.referentiel_dir)),
        repository=repository_for(config.database_url, str(config.referentiel_dir)),
    )


def sync_with_url(ctx: Context) -> None:
    """Open the diagnostic named in the URL on a fresh session; keep the URL naming it after."""
    token = ctx.token
    if token is None and TOKEN_PARAM in st.query_params and BAD_LINK_KEY not in st.session_state:
        asked = st.query_params[TOKEN_PARAM]
        try:
            record = ctx.repository.get_diagnostic(asked)
        except NotFoundError:
            st.session_state[BAD_LINK_KEY] = True
            return
        if record.workshop_code is not None:  # a workshop participation opens on /atelier
            st.session_state[BAD_LINK_KEY] = True
            return
        open_diagnostic(record.token, resume_step(ctx, record))
        token = record.token
    if token is not None and st.query_params.get(TOKEN_PARAM) != token:
        st.query_params[TOKEN_PARAM] = token


def resume_step(ctx: Context, record: DiagnosticRecord) -> int:
    """The step a returning user lands on: the one in the URL, else the first with blanks."""
    asked = st.query_params.get(STEP_PARAM, "")
    if asked.isdigit() and int(asked) < len(steps(ctx.referentiel)):
        return int(asked)
    sheet = ctx.repository.load_sheet(record.token)
    return first_blank_step(ctx.referentiel, sheet, record.profile is not None)


def first_blank_step(referentiel: Referentiel, sheet: AnswerSheet, has_profile: bool) -> int:
    """The profile if it is missing, else the first step with a blank question, else the end."""
    if not has_profile:
        return 0
    referentiel = for_territory(referentiel, sheet.territory.type)
    all_steps = steps(referentiel)
    for index, step in enumerate(all_steps):
        questions = referentiel.questions_of(step.motivation) if step.motivation else ()
        if any(q.id not in sheet.answers for q in questions):
            return index
    return len(all_steps) - 1


def open_diagnostic(token: str, step: int = 0) -> None:
    """Make ``token`` the session's diagnostic, at ``step``, and put it in the URL."""
    forget_widgets(("profile-", "answer-", "comment-", "ranking-"))
    st.session_state[TOKEN_KEY] = token
    st.session_state[STEP_KEY] = step
    st.session_state.pop(BAD_LINK_KEY, None)
    st.query_params[TOKEN_PARAM] = token


def close_diagnostic() -> None:
    """Forget the session's diagnostic (once deleted) and take it out of the URL."""
    forget_widgets(("profile-", "answer-", "comment-"))
    st.session_state.pop(TOKEN_KEY, None)
    st.session_state.pop(STEP_KEY, None)
    if TOKEN_PARAM in st.query_params:
        del st.query_params[TOKEN_PARAM]


def start_diagnostic(ctx: Context) -> str:
    """Create a new diagnostic and open it at the profile step."""
    record = ctx.repository.create_diagnostic(referentiel_version=ctx.referentiel.version)
    open_diagnostic(record.token, 0)
    return record.token


def has_bad_link() -> bool:
    """Whether this session was opened with a link that matches no diagnostic."""
    return bool(st.session_state.get(BAD_LINK_KEY))


def current_step(ctx: Context) -> int:
    """The wizard step of this session, within bounds."""
    count = len(steps(ctx.referentiel))
    return min(max(int(st.session_state.get(STEP_KEY, 0)), 0), count - 1)


def go_to_step(step: int) -> None:
    """Move the wizard (safe inside widget callbacks)."""
    st.session_state[STEP_KEY] = step


def forget_widgets(prefixes: Iterable[str]) -> None:
    """Drop widget values so the next run shows what the database holds."""
    prefixes = tuple(prefixes)
    for key in [k for k in st.session_state if str(k).startswith(prefixes)]:
        del st.session_state[key]


def resume_link(ctx: Context, token: str) -> str:
    """The address that reopens a diagnostic: the public URL if set, else the browser's."""
    return f"{app_address(ctx)}/diagnostic?{TOKEN_PARAM}={token}"


def app_address(ctx: Context) -> str:
    """The app's root address, without a final slash: the public URL if set, else the browser's."""
    base = ctx.settings.public_url or _app_root(st.context.url or DEFAULT_URL)
    return base.rstrip("/")


def _app_root(url: str) -> str:
    parts = urlsplit(url)
    segments = [s for s in parts.path.split("/") if s]
    if segments and segments[-1] in PAGE_PATHS:
        segments.pop()
    path = "/" + "/".join(segments) if segments else ""
    return f"{parts.scheme}://{parts.netloc}{path}"


def flash(kind: FlashKind, text: str) -> None:
    """Queue a message for the next run (callbacks cannot draw)."""
    st.session_state.setdefault(FLASH_KEY, []).append((kind, text))


def show_flashes() -> None:
    """Draw and forget the queued messages; their text is shown literally."""
    for kind, text in st.session_state.pop(FLASH_KEY, []):
        {"success": st.success, "error": st.error, "info": st.info}[kind](escape_markdown(text))


def step_label(ctx: Context, index: int) -> str:
    """A step's name for the step selector and headings."""
    step = steps(ctx.referentiel)[index]
    if step.kind == "profile":
        return t("app.step.profile", ctx.lang)
    if step.kind == "summary":
        return t("app.step.summary", ctx.lang)
    assert step.motivation is not None
    return ctx.referentiel.motivation(step.motivation).label.get(ctx.lang)
