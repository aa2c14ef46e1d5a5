"""Progress, bad input with the exact messages, empty workshops and the package's purity."""

from __future__ import annotations

import ast
import types
from pathlib import Path

import pytest
from workshop_support import MINI, member

import diagnostic.workshop
import diagnostic.workshop.aggregation
import diagnostic.workshop.divergence
import diagnostic.workshop.groups
from diagnostic.errors import AnswersError
from diagnostic.model import UNKNOWN
from diagnostic.workshop import (
    GroupResult,
    Participant,
    Progress,
    aggregate,
    check_participants,
    compare_roles,
)

U = UNKNOWN
NB = "\u00a0"  # French typography: no-break space before « : » and inside « »


def test_progress_over_the_workshop_motivations() -> None:
    people = [member("a", "elu", 2, None, U, 1, None), member("b", "agent", *[None] * 5)]
    assert aggregate(MINI, people).progress == (Progress("a", 3, 5), Progress("b", 0, 5))
    chosen = aggregate(MINI, people, motivations=["emploi"]).progress
    assert chosen == (Progress("a", 2, 3), Progress("b", 0, 3))
    assert aggregate(MINI, people).progress[0].share == 0.6
    assert Progress("c", 0, 0).share == 0.0


def test_an_empty_workshop_hides_everything() -> None:
    summary = aggregate(MINI, [])
    assert (summary.joined, summary.respondents, summary.progress) == (0, 0, ())
    assert summary.group == GroupResult(None, 0, True, None, None)
    assert all(q.hidden and q.respondents == 0 for q in summary.questions)
    assert (summary.to_discuss, summary.role_gaps) == ((), ())


def test_participants_who_answered_nothing_are_not_respondents() -> None:
    idle = [member(f"i{n}", "elu", *[None] * 5) for n in range(3)]
    summary = aggregate(MINI, [*idle, member("a", "elu", 1, 1, 1, 1, 1)])
    assert (summary.joined, summary.respondents) == (4, 1)
    assert summary.roles[0] == GroupResult("elu", 1, True, None, None)


def test_unknown_role_message() -> None:
    with pytest.raises(AnswersError) as caught:
        check_participants([Participant("a", "maire", {})])  # type: ignore[arg-type]
    assert caught.value.message("fr") == (
        f"Rôle «{NB}maire{NB}» inconnu (attendu{NB}: elu, agent, acteur_ess, partenaire, "
        "habitant, autre)."
    )
    assert caught.value.message("en") == (
        "Unknown role 'maire' (expected: elu, agent, acteur_ess, partenaire, habitant, autre)."
    )


def test_duplicate_participant_message() -> None:
    with pytest.raises(AnswersError) as caught:
        aggregate(MINI, [member("a", "elu", *[1] * 5), member("a", "agent", *[1] * 5)])
    assert caught.value.message("fr") == "Le même participant figure deux fois dans l’atelier."
    assert caught.value.message("en") == "The same participant appears twice in the workshop."


def test_unknown_motivation_message() -> None:
    with pytest.raises(AnswersError) as caught:
        aggregate(MINI, [], motivations=["climat"])
    assert caught.value.message("fr") == f"Motivation inconnue{NB}: «{NB}climat{NB}»."
    assert caught.value.message("en") == "Unknown motivation: 'climat'."


def test_answers_are_checked_against_the_referentiel() -> None:
    with pytest.raises(AnswersError) as caught:
        aggregate(MINI, [Participant("a", "elu", {"emploi_priorite": 7})])  # type: ignore[dict-item]
    assert (
        caught.value.message("en") == "Answer '7' is off the scale for 'emploi_priorite' (0 to 2)."
    )
    with pytest.raises(AnswersError) as caught:
        aggregate(MINI, [Participant("a", "elu", {"inconnue": 1})])  # type: ignore[dict-item]
    assert caught.value.message("fr") == f"Question inconnue{NB}: «{NB}inconnue{NB}»."


@pytest.mark.parametrize(
    "module",
    [
        diagnostic.workshop,
        diagnostic.workshop.aggregation,
        diagnostic.workshop.divergence,
        diagnostic.workshop.groups,
    ],
)
def test_the_aggregation_core_is_pure(module: object) -> None:
    source = Path(str(getattr(module, "__file__", ""))).read_text(encoding="utf-8")
    imported: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            imported.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            imported.add("." * node.level + (node.module or ""))
    assert imported <= {
        "__future__",
        "collections.abc",
        "dataclasses",
        "types",
        "typing",
        "numpy",
        "numpy.typing",
        ".aggregation",
        ".divergence",
        ".groups",
        "..errors",
        "..model",
        "..advice.matrix",
        "..advice.scoring",
    }


def test_the_package_exports_its_public_names() -> None:
    public = {
        name
        for name, value in vars(diagnostic.workshop).items()
        if not name.startswith("_") and not isinstance(value, types.ModuleType)
    }
    assert sorted(diagnostic.workshop.__all__) == sorted(public)


@pytest.mark.parametrize(
    ("elus_answer", "compared"),
    [
        # a priority alone weighs on nothing: its motivation's maturity is unknown
        ((2, None, None, None, 3), ["observation"]),
        ((2, None, U, None, None), ["observation"]),  # "je ne sais pas" calls for observation
        ((2, 1, None, None, None), ["commande_publique"]),
    ],
)
def test_a_lever_is_compared_only_when_both_roles_answers_weigh_on_it(
    elus_answer: tuple[int | str | None, ...], compared: list[str]
) -> None:
    elus = [member(f"e{n}", "elu", *elus_answer) for n in range(3)]  # type: ignore[arg-type]
    agents = [member(f"a{n}", "agent", 1, 2, 3, 1, 2) for n in range(3)]
    summary = aggregate(MINI, [*elus, *agents])
    gaps = compare_roles(MINI, summary.roles, "elu", "agent")
    assert [gap.item for gap in gaps if gap.subject == "lever"] == compared
    assert ("priority", "emploi") in [(gap.subject, gap.item) for gap in gaps]
