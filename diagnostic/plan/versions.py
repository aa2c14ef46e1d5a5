"""Answers given with one version of the référentiel, expressed in the loaded one.

A comparison over time only makes sense question by question in one référentiel. When
an earlier diagnostic was made with another version, its answers go through the
mapping between the two versions; without a known mapping the comparison is refused.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..errors import AnswersError
from ..model import Referentiel
from ..upgrade import carry_over


class MappingError(AnswersError):
    """Answers from a référentiel version that cannot be mapped to the loaded one."""


def same_version(version: str | None, referentiel: Referentiel) -> bool:
    """Whether answers given with ``version`` (None: unknown, taken as current) need no mapping."""
    return version is None or version == referentiel.version


def mappable(version: str | None, referentiel: Referentiel) -> bool:
    """Whether answers of ``version`` are, or can be, expressed in the loaded référentiel."""
    return same_version(version, referentiel) or str(version) in referentiel.upgrades


def map_answers(
    version: str | None, answers: Mapping[str, Any], referentiel: Referentiel
) -> Mapping[str, Any]:
    """Raw answers of référentiel ``version`` keyed by the loaded référentiel's question ids."""
    if same_version(version, referentiel):
        return answers
    upgrade = referentiel.upgrades.get(str(version))
    if upgrade is not None:  # the explicit mapping of data/correspondances/
        return carry_over(upgrade, answers, {}).answers
    raise MappingError(
        f"Le diagnostic précédent a été fait avec la version « {version} » du référentiel, "
        f"qui ne peut pas être mise en correspondance avec la version « {referentiel.version} » "
        "utilisée ici : la comparaison est impossible.",
        f"The earlier diagnostic was made with référentiel version '{version}', which cannot "
        f"be mapped to the version '{referentiel.version}' used here: no comparison is possible.",
    )
