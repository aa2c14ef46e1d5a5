"""Good and bad answers files for the shipped référentiel, each with the verdict it deserves.

``good``: the schema and the loader accept it. ``shape``: the schema refuses it, and so
does the loader, with the message given. ``content``: the schema accepts it (a schema cannot
know the référentiel, the calendar or a check digit) and the loader refuses it.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any, Literal

Verdict = Literal["good", "shape", "content"]

TERRITORY = {"name": "Communauté de communes du Val d’Essai", "type": "cc"}
ANSWERS = {
    "poids_priorite_prise_en_compte": 2,
    "poids_connaissance_chiffres": "unknown",
    "emploi_tzcld": "declined",
}
LINE = {"id": "a1", "label": "Former les élus à l’ESS", "added": "2026-11-27"}
BASE: dict[str, Any] = {
    "format": "diagnostic-ess-answers",
    "format_version": 1,
    "referentiel_version": "2026.3",
    "territory": TERRITORY,
    "answers": ANSWERS,
}
PREVIOUS = {"referentiel_version": "2026.3", "territory": TERRITORY, "answers": ANSWERS}


@dataclass(frozen=True)
class Case:
    name: str
    raw: Any
    verdict: Verdict
    expected: str = ""  # part of the French message, for a bad file


def at(path: str, value: Any, base: Any = None) -> Any:
    """A copy of ``base`` (BASE) with ``value`` at the dotted ``path`` (a number: a list index)."""
    raw = copy.deepcopy(BASE if base is None else base)
    *steps, last = [int(step) if step.isdigit() else step for step in path.split(".")]
    target = raw
    for step in steps:
        target = target[step]
    target[last] = value
    return raw


def without(path: str) -> Any:
    """A copy of BASE without the key at the dotted ``path``."""
    raw = copy.deepcopy(BASE)
    *steps, last = path.split(".")
    target = raw
    for step in steps:
        target = target[step]
    del target[last]
    return raw


def profile(**fields: Any) -> Any:
    return at("territory", {**TERRITORY, **fields})


def line(**fields: Any) -> Any:
    return at("plan", [{**LINE, **fields}])


def answer(value: Any, question: str = "poids_priorite_prise_en_compte") -> Any:
    return at(f"answers.{question}", value)


def previous(**fields: Any) -> Any:
    return at("previous", {**PREVIOUS, **fields})


NAME = "le nom du territoire est obligatoire"
SIREN_SHAPE = "doit compter 9 chiffres, groupés par trois ou non"
NOT_A_LEVEL = "n’est ni un niveau entier de 0 à 3 ni « unknown »"
NNBSP, NBSP = "\u202f", "\u00a0"
BLANKS = ("siren", "departement", "population", "respondent_role", "date")

GOOD = [
    Case("minimal", {"territory": {"name": "X", "type": "commune"}, "answers": {}}, "good"),
    Case("base", BASE, "good"),
    Case(
        "full-profile",
        profile(
            siren="200000008",
            departement="54",
            population=23150,
            respondent_role="agent",
            date="2026-11-27",
        ),
        "good",
    ),
    Case("siren-spaces", profile(siren="200 000 008"), "good"),
    Case("siren-nbsp", profile(siren=f"200{NBSP}000{NBSP}008"), "good"),
    Case("siren-narrow-nbsp", profile(siren=f"200{NNBSP}000{NNBSP}008"), "good"),
    Case("siren-one-space", profile(siren="200 000008"), "good"),
    Case("siren-spaces-around", profile(siren=f" 200 000 008{NBSP}"), "good"),
    *(Case(f"departement-{code}", profile(departement=code), "good") for code in "19"),
    Case("departement-2a", profile(departement="2a"), "good"),
    Case("departement-2B", profile(departement="2B"), "good"),
    Case("departement-976", profile(departement="976"), "good"),
    Case("departement-spaces-around", profile(departement=" 54 "), "good"),
    Case("blanks-null", profile(**dict.fromkeys(BLANKS)), "good"),
    Case("blanks-empty", profile(**dict.fromkeys(BLANKS, "")), "good"),
    Case("population-2.0-style", profile(population=80000.0), "good"),
    Case("level-2.0-style", answer(2.0), "good"),
    Case("null-answer", answer(None), "good"),
    Case(
        "comments",
        at("comments", {"emploi_tzcld": "À revoir.", "poids_connaissance_chiffres": ""}),
        "good",
    ),
    Case("priorities", at("priorities", ["emploi", "innovation"]), "good"),
    Case("no-priorities", at("priorities", []), "good"),
    Case(
        "plan-full",
        line(
            action="sens_formation_agents",
            lever="sensibilisation",
            owner="Maire",
            partners="CRESS",
            quarter="2027-Q2",
            status="en_cours",
            note="Au printemps.",
        ),
        "good",
    ),
    Case(
        "plan-blanks",
        line(action=None, lever="", owner=None, partners="", quarter=None, status="", note=None),
        "good",
    ),
    Case("plan-this-quarter", line(quarter="2026-Q4"), "good"),
    Case("previous", previous(plan=[{**LINE, "status": "fait"}]), "good"),
    Case("previous-null", at("previous", None), "good"),
    Case("previous-2026.1", previous(referentiel_version="2026.1"), "good"),
    Case(
        "previous-ranked-commented",
        previous(priorities=["emploi"], comments={"emploi_tzcld": "Choix assumé : pas de TZCLD"}),
        "good",
    ),
    Case("version-null", at("referentiel_version", None), "good"),
]

SHAPE = [
    Case("root-list", [1, 2], "shape", "Le fichier doit contenir un objet JSON"),
    Case("root-text", "réponses", "shape", "Le fichier doit contenir un objet JSON"),
    Case("no-territory", without("territory"), "shape", "« territory » doit décrire"),
    Case("no-answers", without("answers"), "shape", "« answers » doit associer"),
    Case("unknown-key", at("reponses", {}), "shape", "Clé inconnue « reponses »."),
    Case("unknown-keys", {**BASE, "a": 1, "b": 2}, "shape", "Clés inconnues « a », « b »."),
    Case("format", at("format", "autre"), "shape", "pas un fichier de réponses (format « autre »"),
    Case("format-version", at("format_version", 2), "shape", "Version de format 2 non prise"),
    Case("format-version-bool", at("format_version", True), "shape", "Version de format true"),
    Case(
        "version-number",
        at("referentiel_version", 2026.1),
        "shape",
        "« referentiel_version » doit être du texte",
    ),
    Case("territory-list", at("territory", []), "shape", "« territory » doit décrire"),
    Case("no-name", without("territory.name"), "shape", NAME),
    Case("no-type", without("territory.type"), "shape", "le type de territoire est obligatoire"),
    Case(
        "profile-unknown-field",
        at("territory", {"nom": "X", "type": "cc"}),
        "shape",
        "champ inconnu « nom » dans « territory »",
    ),
    Case("name-number", profile(name=3), "shape", NAME),
    Case("name-empty", profile(name=""), "shape", NAME),
    Case("name-spaces", profile(name="   "), "shape", NAME),
    Case("name-long", profile(name="n" * 301), "shape", "le nom dépasse 300 caractères (301)"),
    Case("type-unknown", profile(type="epci"), "shape", "type de territoire « epci » inconnu"),
    Case("type-number", profile(type=3), "shape", "type de territoire « 3 » inconnu"),
    Case("siren-groups", profile(siren="200 00 0008"), "shape", "« 200 00 0008 » " + SIREN_SHAPE),
    Case("siren-8-digits", profile(siren="20000000"), "shape", SIREN_SHAPE),
    Case("siren-10-digits", profile(siren="2000000080"), "shape", SIREN_SHAPE),
    Case("siren-dashes", profile(siren="200-000-008"), "shape", SIREN_SHAPE),
    Case("siren-tabs", profile(siren="200\t000\t008"), "shape", "« 200\\t000\\t008 » doit"),
    Case("siren-two-spaces", profile(siren="200  000 008"), "shape", SIREN_SHAPE),
    Case("siren-inner-letter", profile(siren="200 000 OO8"), "shape", SIREN_SHAPE),
    Case("siren-arabic-digits", profile(siren="٢٠٠٠٠٠٠٠٨"), "shape", SIREN_SHAPE),
    Case("siren-number", profile(siren=200000008), "shape", "le SIREN s’écrit entre guillemets"),
    *(
        Case(f"departement-{code!r}", profile(departement=code), "shape", f"« {code} » n’existe")
        for code in ("0", "00", "20", "96", "975", "2C", "001")
    ),
    Case("departement-inner-space", profile(departement="5 4"), "shape", "« 5 4 » n’existe"),
    Case("departement-tab", profile(departement="54\t"), "shape", "« 54\\t » n’existe"),
    Case("departement-number", profile(departement=54), "shape", "s’écrit entre guillemets"),
    *(
        Case(f"population-{value!r}", profile(population=value), "shape", "doit être un nombre")
        for value in ("23150", "23 150", 1.5, True, -1, 15_000_001)
    ),
    Case("role", profile(respondent_role="maire"), "shape", "rôle « maire » inconnu"),
    Case("date-slashes", profile(date="27/11/2026"), "shape", "la date « 27/11/2026 » n’est pas"),
    Case("date-number", profile(date=20261127), "shape", "la date « 20261127 » n’est pas"),
    Case("date-short", profile(date="2026-1-1"), "shape", "la date « 2026-1-1 » n’est pas"),
    Case("priorities-text", at("priorities", "emploi"), "shape", "« priorities » doit être"),
    Case("priorities-null", at("priorities", None), "shape", "« priorities » doit être"),
    Case("priorities-numbers", at("priorities", [1]), "shape", "« priorities » doit être"),
    Case("priorities-twice", at("priorities", ["emploi"] * 2), "shape", "au plus 3 motivations"),
    Case("priorities-case", at("priorities", ["Emploi"]), "shape", "Motivation inconnue"),
    Case("answers-list", at("answers", []), "shape", "« answers » doit associer"),
    Case("answers-null", at("answers", None), "shape", "« answers » doit associer"),
    Case("answer-key", at("answers", {"Poids": 1}), "shape", "Question inconnue : « Poids »."),
    Case("answer-text", answer("2"), "shape", "« 2 » " + NOT_A_LEVEL),
    Case("answer-bool", answer(True), "shape", "« true » " + NOT_A_LEVEL),
    Case("answer-list", answer([1]), "shape", "« [1] » " + NOT_A_LEVEL),
    Case("answer-object", answer({}), "shape", "« {} » " + NOT_A_LEVEL),
    Case("answer-half", answer(1.5), "shape", "« 1.5 » " + NOT_A_LEVEL),
    Case("answer-Unknown", answer("Unknown"), "shape", "« Unknown » " + NOT_A_LEVEL),
    Case("answer-negative", answer(-1), "shape", "le niveau -1 est hors de l’échelle (de 0 à 3)"),
    Case("comments-list", at("comments", []), "shape", "« comments » doit associer"),
    Case(
        "comment-key",
        at("comments", {"X": "?"}),
        "shape",
        "Commentaire sur une question inconnue : « X »",
    ),
    Case("comment-number", at("comments", {"emploi_tzcld": 3}), "shape", "doit être du texte"),
    Case("comment-null", at("comments", {"emploi_tzcld": None}), "shape", "doit être du texte"),
    Case(
        "comment-long",
        at("comments", {"emploi_tzcld": "x" * 10_001}),
        "shape",
        "Le commentaire de « emploi_tzcld » dépasse 10000 caractères",
    ),
    Case("plan-object", at("plan", {}), "shape", "« plan » doit être une liste d’actions"),
    Case("plan-null", at("plan", None), "shape", "« plan » doit être une liste d’actions"),
    Case("plan-text-line", at("plan", ["x"]), "shape", "action n° 1 : ce n’est pas un objet JSON"),
    Case(
        "plan-101",
        at("plan", [{**LINE, "id": f"a{n}"} for n in range(101)]),
        "shape",
        "La feuille de route compte plus de 100 actions",
    ),
    Case("plan-no-id", at("plan", [{"label": "x", "added": "2026-11-27"}]), "shape", "« id »"),
    Case("plan-id-case", line(id="A1"), "shape", "« id » doit être fait de 1 à 32"),
    Case("plan-id-number", line(id=1), "shape", "« id » doit être fait de 1 à 32"),
    Case("plan-no-label", at("plan", [{"id": "a1", "added": "2026-11-27"}]), "shape", "« label »"),
    Case("plan-label-empty", line(label=""), "shape", "l’intitulé (« label ») est obligatoire"),
    Case("plan-label-spaces", line(label="  "), "shape", "l’intitulé (« label ») est obligatoire"),
    Case("plan-label-number", line(label=3), "shape", "« label » doit être du texte"),
    Case("plan-label-long", line(label="x" * 10_001), "shape", "« label » dépasse 10 000"),
    Case("plan-no-added", at("plan", [{"id": "a1", "label": "x"}]), "shape", "est obligatoire"),
    Case("plan-added-null", line(added=None), "shape", "la date d’ajout (« added ») est"),
    Case("plan-added-slashes", line(added="27/11/2026"), "shape", "la date d’ajout « 27/11/2026 »"),
    Case("plan-action", line(action="Une action"), "shape", "« action » doit être un identifiant"),
    Case("plan-lever", line(lever=3), "shape", "« lever » doit être un identifiant"),
    Case("plan-owner", line(owner=3), "shape", "« owner » doit être du texte"),
    Case("plan-note-long", line(note="x" * 10_001), "shape", "« note » dépasse 10 000"),
    Case("plan-quarter-q5", line(quarter="2027-Q5"), "shape", "l’échéance « 2027-Q5 » n’est pas"),
    Case("plan-quarter-1999", line(quarter="1999-Q1"), "shape", "l’échéance « 1999-Q1 » n’est"),
    Case("plan-quarter-word", line(quarter="printemps"), "shape", "n’est pas un trimestre"),
    Case("plan-status", line(status="termine"), "shape", "statut « termine » inconnu"),
    Case("plan-unknown-field", line(colour="red"), "shape", "champ inconnu « colour »"),
    Case(
        "plan-second-line",
        at("plan", [LINE, {**LINE, "id": "b2", "status": "?"}]),
        "shape",
        "Feuille de route, action n° 2 : statut « ? » inconnu",
    ),
    Case("previous-list", at("previous", []), "shape", "« previous » doit décrire"),
    Case("previous-key", previous(colour="red"), "shape", "« previous » doit décrire"),
    Case(
        "previous-no-answers",
        at("previous", {"territory": TERRITORY}),
        "shape",
        "« previous » doit décrire",
    ),
    Case(
        "previous-siren",
        previous(territory={**TERRITORY, "siren": "12"}),
        "shape",
        "Diagnostic précédent : Profil du territoire : le SIREN « 12 » " + SIREN_SHAPE,
    ),
    Case(
        "previous-answer",
        previous(answers={"emploi_tzcld": "x"}),
        "shape",
        "Diagnostic précédent : Réponse à la question",
    ),
    Case(
        "previous-plan",
        previous(plan=[{**LINE, "status": "?"}]),
        "shape",
        "Diagnostic précédent : Feuille de route, action n° 1 : statut « ? »",
    ),
    Case(
        "previous-version",
        previous(referentiel_version=1),
        "shape",
        "Diagnostic précédent : « referentiel_version » doit être du texte",
    ),
]

CONTENT = [
    Case(
        "siren-check-digit",
        profile(siren="200 000 009"),
        "content",
        "le SIREN « 200 000 009 » n’est pas valide (9 chiffres, clé de contrôle fausse ?)",
    ),
    Case("date-30-february", profile(date="2026-02-30"), "content", "« 2026-02-30 » n’est pas"),
    Case("name-invisible", profile(name="\u200b"), "content", NAME),
    Case("question-unknown", answer(1, "poids_inconnue"), "content", "Question inconnue"),
    Case("off-scale", answer(4), "content", "le niveau 4 est hors de l’échelle (de 0 à 3)"),
    Case("declined", answer("declined"), "content", "« non pertinent » n’est pas proposé"),
    Case(
        "comment-unknown-question",
        at("comments", {"nulle_part": "?"}),
        "content",
        "Commentaire sur une question inconnue : « nulle_part »",
    ),
    Case("motivation-unknown", at("priorities", ["culture"]), "content", "Motivation inconnue"),
    Case(
        "four-priorities",
        at("priorities", ["emploi", "innovation", "poids_ess", "projet_ess"]),
        "content",
        "au plus 3 motivations différentes",
    ),
    Case("quarter-passed", line(quarter="2026-Q3"), "content", "est déjà passée"),
    Case("plan-id-twice", at("plan", [LINE, LINE]), "content", "identifiant « a1 » en double"),
    Case("added-30-february", line(added="2026-02-30"), "content", "« 2026-02-30 » n’est pas"),
    Case("label-invisible", line(label="\u200b"), "content", "l’intitulé (« label »)"),
    Case(
        "previous-unmapped",
        previous(referentiel_version="1999.1"),
        "content",
        "ne peut pas être mise en correspondance",
    ),
    Case(
        "previous-check-digit",
        previous(territory={**TERRITORY, "siren": "200000009"}),
        "content",
        "Diagnostic précédent : Profil du territoire : le SIREN « 200000009 » n’est pas valide",
    ),
    Case(
        "previous-off-scale",
        previous(answers={"poids_priorite_prise_en_compte": 9}),
        "content",
        "Diagnostic précédent : Réponse à la question",
    ),
]

CASES = [*GOOD, *SHAPE, *CONTENT]
BAD = [*SHAPE, *CONTENT]
