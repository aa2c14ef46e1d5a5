"""What every phone of a room asks the server, read once for all of them.

A participant's page looks every ``status_seconds()`` (less often in a big room) whether
the adviser closed the workshop or showed the result, and, once shown, redraws the group's
result: with 150 phones that is dozens of status reads a second and the whole room's
answers aggregated 17 times a second. Both are shared by the server's sessions for a
moment (``diagnostic.ui.recent``): a status at most ``STATUS_SHARED`` seconds old, a group
result at most ``GROUP_SHARED``, the room's size at most ``SIZE_SHARED``. An adviser's
change made on this server is seen by its phones at their next look.
"""

from __future__ import annotations

from collections.abc import Sequence

from ...storage import WorkshopRecord
from ...workshop import WorkshopSummary
from ..recent import Recent
from ..state import Context
from .group import summarise
from .retained import discussed

STATUS_SHARED = 0.5  # seconds
GROUP_SHARED = 2.0  # seconds
SIZE_SHARED = 10.0  # seconds

_status: Recent[WorkshopRecord] = Recent(STATUS_SHARED)
_groups: Recent[WorkshopSummary] = Recent(GROUP_SHARED)
_sizes: Recent[int] = Recent(SIZE_SHARED)


def workshop_now(ctx: Context, code: str, fresh: bool = False) -> WorkshopRecord:
    """The workshop's record, as read by this server at most STATUS_SHARED seconds ago
    (``fresh``: read now, and shared from now on)."""
    key = (ctx.settings.database_url, code)
    if fresh:
        _status.forget(key)
    return _status.get(key, lambda: ctx.repository.get_workshop(code))


def room_size_now(ctx: Context, code: str) -> int:
    """How many joined the workshop, as counted by this server at most SIZE_SHARED seconds
    ago (it sets how often the phones look at the status: session.status_seconds)."""
    key = (ctx.settings.database_url, code)
    return _sizes.get(key, lambda: ctx.repository.participant_count(code))


def group_now(ctx: Context, code: str, motivations: Sequence[str]) -> WorkshopSummary:
    """The group's aggregation, its result following the retained answers, computed by this
    server at most GROUP_SHARED seconds ago."""
    key = (ctx.settings.database_url, str(ctx.settings.referentiel_dir), code, tuple(motivations))
    return _groups.get(
        key,
        lambda: discussed(
            ctx, code, summarise(ctx, ctx.repository.group_sheets(code), motivations)
        )[0],
    )


def workshop_changed(ctx: Context, code: str) -> None:
    """The adviser changed the workshop here: its phones read it afresh at their next look."""
    _status.forget((ctx.settings.database_url, code))
