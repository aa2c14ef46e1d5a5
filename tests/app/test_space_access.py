"""The one rule deciding who sees the pages that show more than one diagnostic."""

from __future__ import annotations

import pytest

from diagnostic.i18n import t
from diagnostic.ui.signin import Identity
from diagnostic.ui.space.access import decide

CLAIRE = Identity(email="claire.martin@example.fr")


@pytest.mark.parametrize("local", [True, False])
def test_with_sign_in_configured_only_a_signed_in_visitor_sees(local: bool) -> None:
    assert decide(True, CLAIRE, local).allowed
    assert decide(True, CLAIRE, local).identity == CLAIRE
    refused = decide(True, None, local)
    assert not refused.allowed and refused.refusal == "space.access.not_signed_in"


def test_without_sign_in_only_the_person_at_the_machine_sees() -> None:
    assert decide(False, None, True).allowed
    refused = decide(False, None, False)
    assert not refused.allowed and refused.refusal == "space.access.not_local"
    assert t(refused.refusal, "en").startswith("This page is shown only on the computer")
