"""The participant's page: join a workshop, then answer, read one's answers and the group's.

``…/atelier?code=K7M2QX`` (the join link) or ``…/atelier`` (the code is typed) shows the
join form; ``…/atelier?p=<token>`` (the participant's own link) their questionnaire.
"""

from __future__ import annotations

from ...errors import NotFoundError
from ...storage import normalise_code
from .. import pending, state
from . import join, questionnaire
from .session import (
    CODE_PARAM,
    PARTICIPANT_PARAM,
    forget_participant,
    open_participant,
    query,
    session_participant,
)


def render() -> None:
    """Draw the join form or the open participation."""
    ctx = state.context()
    pending.flush_left_behind(ctx)
    token = participation_to_open(ctx)
    if token is not None and questionnaire.render(ctx, token):
        return
    join.render(ctx, query(CODE_PARAM))


def participation_to_open(ctx: state.Context) -> str | None:
    """The participant link in the URL, else this session's participation.

    A join link for another workshop than the session's participation opens its join form.
    """
    asked = query(PARTICIPANT_PARAM)
    if asked is not None:
        open_participant(asked)
        return asked
    current = session_participant()
    if current is None:
        return None
    code = query(CODE_PARAM)
    if code is not None:
        try:
            record = ctx.repository.get_diagnostic(current)
        except NotFoundError:
            forget_participant()
            return None
        if record.workshop_code != normalise_code(code):
            return None
    open_participant(current)
    return current
