"""A participant in the middle of the questionnaire is told, at the top, that the result is
shown below, with a link that jumps there."""

from __future__ import annotations

import pytest
from atelier_support import fill_group, new_workshop, participant

from diagnostic.i18n import t
from diagnostic.model import Referentiel
from diagnostic.storage import Repository
from diagnostic.ui.workshop.watch import GROUP_ANCHOR


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_participant_is_told_at_the_top_when_the_result_is_shown(
    database_url: str, repository: Repository, referentiel: Referentiel, lang: str
) -> None:
    workshop, key = new_workshop(repository)
    tokens = fill_group(repository, referentiel, workshop.code)
    at = participant(tokens[0], lang=lang)
    at.button(key="atelier-nav-next").click().run()  # in the middle of the questionnaire
    step = at.selectbox(key="atelier-nav-step").value
    notice = t("atelier.group.shown", lang, anchor=GROUP_ANCHOR)
    assert notice not in [info.value for info in at.info]
    repository.set_results_visible(workshop.code, key, True)
    at.run()
    assert not at.exception, at.exception
    infos = [info.value for info in at.info]
    assert infos[0] == notice  # before anything else the page says
    assert f"](#{GROUP_ANCHOR})" in notice
    titles = [header for header in at.header if header.value == t("atelier.group.title", lang)]
    assert titles and titles[0].proto.anchor == GROUP_ANCHOR
    assert at.selectbox(key="atelier-nav-step").value == step  # still where they were
    repository.set_results_visible(workshop.code, key, False)
    at.run()
    assert notice not in [info.value for info in at.info]
