"""The fields saved as typed are the ones the pages draw, and no others."""

from __future__ import annotations

import re

from diagnostic.ui.as_typed import SAVED_AS_TYPED
from diagnostic.ui.components import comment_key
from diagnostic.ui.plan.editor import FIELDS, TEXT_FIELDS, key
from diagnostic.ui.plan.section import PREFIX as DIAGNOSTIC_PLAN
from diagnostic.ui.plan.workshop import PREFIX as WORKSHOP_PLAN
from diagnostic.ui.profile import field_key
from diagnostic.ui.workshop.join import CODE, PSEUDONYM
from diagnostic.ui.workshop.session import PARTICIPANT_PREFIX


def saved_as_typed(widget: str) -> bool:
    return any(re.search(pattern, widget) for pattern in SAVED_AS_TYPED)


def test_comments_the_name_and_plan_texts_are_saved_as_typed() -> None:
    assert saved_as_typed(comment_key("m1-q2"))
    assert saved_as_typed(comment_key("m1-q2", PARTICIPANT_PREFIX))
    assert saved_as_typed(field_key("name"))
    for prefix in (DIAGNOSTIC_PLAN, WORKSHOP_PLAN):
        for field in TEXT_FIELDS:
            assert saved_as_typed(key(prefix, "0a1b2c3d4e5f", field))


def test_choices_and_fields_that_act_on_a_button_are_not() -> None:
    others = [f for f in FIELDS if f not in TEXT_FIELDS]
    assert others == ["quarter", "status"]
    for prefix in (DIAGNOSTIC_PLAN, WORKSHOP_PLAN):
        for field in others:
            assert not saved_as_typed(key(prefix, "0a1b2c3d4e5f", field))
        assert not saved_as_typed(f"{prefix}-own")  # added by its button
    assert not saved_as_typed(field_key("siren"))  # checked when left, not mid-number
    assert not saved_as_typed(CODE)  # a half-typed workshop code would be refused
    assert not saved_as_typed(PSEUDONYM)
