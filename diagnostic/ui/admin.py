"""« Comptes et rôles » (``…/comptes``): the administrator's page over the accounts.

The accounts (e-mail, name, roles in words, last sign-in), a form to grant or revoke a role,
and the access log with its CSV. Every check is the storage's (``storage.accounts``): a
refusal or a bad input shows its plain message and writes nothing.

Widget keys: ``admin-email``, ``admin-kind``, ``admin-siren``, ``admin-region``,
``admin-grant``, ``admin-revoke``, ``admin-log-download``.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from ..accounts import ACTIONS, AccessEntry, Grant, GrantKind, Identity, UserRecord
from ..errors import DiagnosticError
from ..export.access_log import access_log_csv
from ..i18n import t
from ..territory.official import official_territories
from ..typography import format_date
from . import account, signin, state
from .literal import escape_markdown

LOG_SHOWN = 200  # the latest lines of the access log on the page; the CSV holds them all
KINDS: tuple[GrantKind, ...] = ("member", "adviser", "admin")
CSV = "text/csv"


def render() -> None:
    """Draw the page for the administrator; a plain message and nothing else for anyone else."""
    ctx = state.context()
    lang = ctx.lang
    st.title(t("admin.title", lang))
    if not signin.configured():
        st.info(t("admin.no_signin", lang))
        st.stop()
    actor = account.actor(ctx)
    if actor is None:
        st.info(t("admin.sign_in", lang))
        st.stop()
    try:
        decision = ctx.repository.may(actor, "list_users")
    except DiagnosticError as error:
        st.error(escape_markdown(error.message(lang)))
        st.stop()
    if not decision.allowed:
        st.error(t(decision.reason_key, lang))
        st.stop()
    table = st.container()  # drawn after the form, so that it shows a change made there
    st.divider()
    role_form(ctx, actor)
    st.divider()
    log_section(ctx, actor)
    with table:
        users_table(ctx, actor)


def territory_namer(ctx: state.Context) -> Callable[[str], str]:
    """A function giving a territory's name from its SIREN ("" if unknown), each looked up once."""
    known: dict[str, str] = {}

    def name(key: str) -> str:
        if key not in known:
            try:
                known[key] = ctx.repository.territory(key).name
            except DiagnosticError:
                known[key] = ""
        return known[key]

    return name


def role_words(grant: Grant, territory_name: Callable[[str], str], lang: str) -> str:
    """A role in words: « membre de Toul (200070563) », « conseiller régional Grand Est »…"""
    if grant.kind == "admin":
        return t("admin.role.admin", lang)
    if grant.kind == "member":
        name = territory_name(grant.scope)
        shown = f"{name} ({grant.scope})" if name else grant.scope
        return t("admin.role.member", lang, territory=shown)
    region = official_territories().region_name(grant.scope) or grant.scope
    return t("admin.role.adviser", lang, region=region)


def users_rows(
    users: list[UserRecord], territory_name: Callable[[str], str], lang: str
) -> pd.DataFrame:
    """The accounts as the table shows them, one row per account."""
    rows = [
        (
            user.email,
            user.display_name,
            " ; ".join(role_words(g, territory_name, lang) for g in user.grants)
            or t("admin.role.none", lang),
            format_date(user.last_seen_at.date(), lang),
        )
        for user in users
    ]
    columns = [t(f"admin.users.col.{c}", lang) for c in ("email", "name", "roles", "seen")]
    return pd.DataFrame(rows, columns=columns)


def users_table(ctx: state.Context, actor: Identity) -> None:
    """The accounts: e-mail, name, roles in words, last sign-in."""
    lang = ctx.lang
    st.subheader(t("admin.users.title", lang))
    try:
        users = ctx.repository.list_users(actor)
    except DiagnosticError as error:
        st.error(escape_markdown(error.message(lang)))
        return
    st.caption(t("admin.users.help", lang))
    rows = users_rows(users, territory_namer(ctx), lang)
    st.dataframe(rows, hide_index=True, width="stretch")


def role_form(ctx: state.Context, actor: Identity) -> None:
    """Grant or revoke one role: an e-mail, a kind, and the SIREN or the région it is for."""
    lang = ctx.lang
    st.subheader(t("admin.form.title", lang))
    st.caption(t("admin.form.help", lang))
    email = st.text_input(t("admin.form.email", lang), key="admin-email", max_chars=254)
    kind = st.selectbox(
        t("admin.form.kind", lang),
        KINDS,
        format_func=lambda k: t(f"admin.kind.{k}", lang),
        key="admin-kind",
    )
    scope = scope_input(kind, lang)
    grant, revoke = st.columns(2)
    if grant.button(t("admin.form.grant", lang), key="admin-grant", type="primary"):
        change_role(ctx, actor, email, Grant(kind, scope), give=True)
    if revoke.button(t("admin.form.revoke", lang), key="admin-revoke"):
        change_role(ctx, actor, email, Grant(kind, scope), give=False)


def scope_input(kind: GrantKind, lang: str) -> str:
    """The SIREN typed for a member, the région chosen for an adviser, nothing for admin."""
    if kind == "member":
        return st.text_input(t("admin.form.siren", lang), key="admin-siren", max_chars=40)
    if kind == "adviser":
        regions = official_territories().regions
        codes = sorted(regions, key=lambda code: regions[code])
        chosen = st.selectbox(
            t("admin.form.region", lang),
            codes,
            format_func=lambda code: f"{regions[code]} ({code})",
            key="admin-region",
        )
        return chosen or ""
    return ""


def change_role(ctx: state.Context, actor: Identity, email: str, grant: Grant, give: bool) -> None:
    """Give or take back the role, then say what happened; the storage's message if refused."""
    lang = ctx.lang
    try:
        if give:
            changed = ctx.repository.grant_role(actor, email, grant)
        else:
            changed = ctx.repository.revoke_role(actor, email, grant)
    except DiagnosticError as error:
        st.error(escape_markdown(error.message(lang)))
        return
    verb = "granted" if give else "revoked"
    outcome = verb if changed else f"{verb}_already"
    role = escape_markdown(role_words(grant, territory_namer(ctx), lang))
    shown = escape_markdown(email.strip())
    if changed:
        st.success(t(f"admin.form.{outcome}", lang, email=shown, role=role))
    else:
        st.info(t(f"admin.form.{outcome}", lang, email=shown, role=role))


def log_rows(entries: list[AccessEntry], lang: str) -> pd.DataFrame:
    """The access-log lines as the page shows them, in the order given."""
    shape = "%Y-%m-%d %H:%M" if lang == "en" else "%d/%m/%Y %H:%M"
    rows = [
        (
            entry.at.strftime(shape),
            entry.actor,
            t(f"accounts.action.{entry.action}", lang) if entry.action in ACTIONS else entry.action,
            entry.territory or "",
            entry.detail,
        )
        for entry in entries
    ]
    columns = [t(f"accounts.log.col.{c}", lang) for c in ("at", "actor", "action", "territory")]
    return pd.DataFrame(rows, columns=[*columns, t("accounts.log.col.detail", lang)])


def log_section(ctx: state.Context, actor: Identity) -> None:
    """The latest lines of the access log, newest first, and the whole log as a CSV file."""
    lang = ctx.lang
    st.subheader(t("admin.log.title", lang))
    try:
        entries = ctx.repository.access_log(actor)
    except DiagnosticError as error:
        st.error(escape_markdown(error.message(lang)))
        return
    st.caption(t("admin.log.help", lang, count=LOG_SHOWN))
    if not entries:
        st.info(t("admin.log.empty", lang))
        return
    st.dataframe(log_rows(entries[:LOG_SHOWN], lang), hide_index=True, width="stretch")
    st.download_button(
        t("admin.log.download", lang),
        data=lambda: access_log_csv(ctx.repository.export_access_log(actor), lang),
        file_name="journal-des-acces.csv" if lang != "en" else "access-log.csv",
        mime=CSV,
        key="admin-log-download",
        on_click="ignore",
        icon=":material/download:",
    )
