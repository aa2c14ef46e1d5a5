"""What every page shares: the page list, the sidebar, and the guard of pages needing a diagnostic.

To add a page: put a file in ``pages/``, its path below, and an entry in ``pages()``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import streamlit as st

from ..errors import DiagnosticError, NotFoundError, StorageError
from ..i18n import t
from ..model import LANGS, AnswerSheet
from . import memo, signin, state
from .literal import escape_markdown
from .page_assets import page_assets
from .space.pin import pin_control
from .workshop.session import CODE_PARAM, session_admin

PAGES_DIR = Path(__file__).resolve().parent / "pages"
HOME = PAGES_DIR / "accueil.py"
DIAGNOSTIC = PAGES_DIR / "diagnostic.py"
RESULTS = PAGES_DIR / "resultats.py"
METHOD = PAGES_DIR / "methode.py"
WORKSHOP = PAGES_DIR / "atelier.py"
ANIMATION = PAGES_DIR / "atelier_animation.py"
PORTFOLIO = PAGES_DIR / "portefeuille.py"
MINE = PAGES_DIR / "mes_diagnostics.py"
TERRITORY = PAGES_DIR / "territoire.py"
DIRECTORY = PAGES_DIR / "annuaire.py"
ACCOUNTS = PAGES_DIR / "comptes.py"
INVITATION = PAGES_DIR / "invitation.py"
LANGUAGE_NAMES = {"fr": "Français", "en": "English"}


def prepare() -> state.Context:
    """Language selector, context, URL sync and resume link; stops with a message on errors."""
    default = state.settings().lang
    state.seed_lang(default)
    st.sidebar.radio(
        "Langue · Language",
        LANGS,
        format_func=LANGUAGE_NAMES.__getitem__,
        horizontal=True,
        key=state.LANG_KEY,
        persist_state="session",
    )
    state.keep_lang_in_url(default)
    page_assets(state.current_lang(default))
    signin.sidebar(state.current_lang(default))
    try:
        ctx = state.context()
        state.sync_with_url(ctx)
    except DiagnosticError as error:
        st.error(escape_markdown(error.message(state.current_lang(default))))
        st.stop()
    if ctx.token is not None:
        resume_box(ctx, ctx.token)  # may delete the diagnostic: the page then has none
    return ctx


def pages(lang: str) -> list[st.Page]:
    """The app's pages, titled in ``lang``, built afresh for every run.

    Streamlit marks the page it runs on the Page object itself, and with fast reruns a
    new run of a session starts while the run it interrupts is still winding down: had
    they shared the objects, the newer run could fail with "This page cannot be called
    directly".
    """
    return _pages(lang)


def _pages(lang: str) -> list[st.Page]:
    return [
        st.Page(HOME, title=t("app.nav.home", lang), default=True),
        st.Page(
            DIAGNOSTIC,
            title=t("app.nav.diagnostic", lang),
            url_path="diagnostic",
        ),
        st.Page(
            RESULTS,
            title=t("app.nav.results", lang),
            url_path="resultats",
        ),
        st.Page(METHOD, title=t("app.nav.method", lang), url_path="methode"),
        st.Page(WORKSHOP, title=t("atelier.nav.join", lang), url_path="atelier"),
        st.Page(ANIMATION, title=t("atelier.nav.animate", lang), url_path="animation"),
        st.Page(PORTFOLIO, title=t("portfolio.nav", lang), url_path="portefeuille"),
        st.Page(MINE, title=t("space.nav.mine", lang), url_path="mes-diagnostics"),
        st.Page(TERRITORY, title=t("space.nav.territory", lang), url_path="territoire"),
        st.Page(DIRECTORY, title=t("directory.nav", lang), url_path="annuaire"),
        st.Page(ACCOUNTS, title=t("admin.nav", lang), url_path="comptes"),
        st.Page(
            INVITATION,
            title=t("join.invitation.nav", lang),
            url_path="invitation",
            visibility="hidden",  # reached by its link only
        ),
    ]


def layout(page: st.Page) -> Literal["wide", "centered"]:
    """Wide for the portfolio and the workshop dashboard (projected), centered elsewhere."""
    if page.url_path == "portefeuille":
        return "wide"
    if page.url_path != "animation":
        return "centered"
    dashboard = session_admin() is not None or st.query_params.get(CODE_PARAM)
    return "wide" if dashboard else "centered"


def resume_box(ctx: state.Context, token: str) -> None:
    """The resume link in the sidebar, with a sentence saying to keep it."""
    with st.sidebar:
        st.caption(t("app.resume.keep", ctx.lang))
        st.code(state.resume_link(ctx, token), language=None, wrap_lines=True)
        pin_control(ctx, token)
        with st.expander(t("app.delete.title", ctx.lang)):
            delete_control(ctx, token)


def resume_popover(ctx: state.Context) -> None:
    """The resume link in the page itself, behind a button: on a phone the sidebar is folded."""
    if ctx.token is None:
        return
    with st.popover(t("app.resume.button", ctx.lang), icon=":material/link:"):
        st.markdown(t("app.resume.keep", ctx.lang))
        st.code(state.resume_link(ctx, ctx.token), language=None, wrap_lines=True)
        st.caption(t("app.resume.copy", ctx.lang))


def delete_control(ctx: state.Context, token: str) -> None:
    """Erase the diagnostic for good, once the user has ticked the confirmation."""
    st.caption(t("app.delete.help", ctx.lang))
    sure = st.checkbox(t("app.delete.confirm", ctx.lang), key="delete-confirm")
    if not st.button(t("app.delete.button", ctx.lang), key="delete-diagnostic", disabled=not sure):
        return
    try:
        ctx.repository.delete_diagnostic(token)
    except NotFoundError:
        pass  # already gone: the outcome the user asked for
    except StorageError as error:
        st.error(escape_markdown(error.message(ctx.lang)))
        return
    state.close_diagnostic()
    st.success(t("app.delete.done", ctx.lang))


def start_button(ctx: state.Context, key: str, primary: bool = True) -> None:
    """A button that creates a diagnostic and opens its first step."""
    label = t("app.start", ctx.lang)
    if st.button(label, key=key, type="primary" if primary else "secondary"):
        try:
            token = state.start_diagnostic(ctx)
        except DiagnosticError as error:
            st.error(escape_markdown(error.message(ctx.lang)))
            return
        st.switch_page(DIAGNOSTIC, query_params={state.TOKEN_PARAM: token})


def bad_link_notice(ctx: state.Context) -> None:
    """The message for a link that opens no diagnostic, with an offer to start a new one."""
    st.error(t("app.resume.bad_link", ctx.lang))
    start_button(ctx, "new-diagnostic")


def require_sheet(ctx: state.Context, screen: str | None = None) -> AnswerSheet:
    """The open diagnostic's answers, or a message and an offer to start one, then stop.

    With ``screen``, a rerun of the same screen reuses what this session saved (see memo).
    """
    if state.has_bad_link():
        bad_link_notice(ctx)
        st.stop()
    if ctx.token is None:
        st.info(t("app.no_diagnostic", ctx.lang))
        start_button(ctx, "start")
        st.stop()
    try:
        return ctx.sheet() if screen is None else memo.sheet_for(ctx, screen)
    except NotFoundError:
        st.session_state.pop(state.TOKEN_KEY, None)
        bad_link_notice(ctx)
    except StorageError as error:
        st.error(escape_markdown(error.message(ctx.lang)))
    st.stop()
