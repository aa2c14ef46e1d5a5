"""The built wheel, installed in a fresh venv, works from any folder (référentiel shipped)."""

from __future__ import annotations

import os
import site
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from diagnostic.export.jsonio import to_json
from diagnostic.model import AnswerSheet, TerritoryProfile
from diagnostic.referentiel.load import load_referentiel
from diagnostic.settings import PROJECT_DATA

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "data" / "ok"

pytestmark = pytest.mark.slow


def run(command: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith("DIAGNOSTIC_")}
    return subprocess.run(
        command, cwd=cwd, env={**base, **env}, capture_output=True, text=True, timeout=600
    )


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv holding the wheel; its dependencies are borrowed from this venv."""
    work = tmp_path_factory.mktemp("wheel")
    built = run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(work), str(ROOT)],
        cwd=work,
    )
    assert built.returncode == 0, built.stderr
    wheel = next(work.glob("diagnostic_ess-*.whl"))
    venv = work / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    purelib = Path(sysconfig.get_path("purelib", vars={"base": str(venv), "platbase": str(venv)}))
    # Dependencies from this venv, after the fresh venv's own folder: the wheel wins.
    (purelib / "borrowed.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    installed = run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(venv / "bin" / "python"),
            "install",
            "--no-deps",
            "-q",
            str(wheel),
        ],
        cwd=work,
    )
    assert installed.returncode == 0, installed.stderr
    return venv


def test_the_wheel_ships_the_referentiel(installed: Path, tmp_path: Path) -> None:
    located = run(
        [
            str(installed / "bin" / "python"),
            "-c",
            "from diagnostic.settings import PROJECT_DATA; print(PROJECT_DATA)",
        ],
        cwd=tmp_path,
    )
    assert located.returncode == 0, located.stderr
    assert Path(located.stdout.strip()).is_relative_to(installed)
    done = run([str(installed / "bin" / "diagnostic-ess"), "validate"], cwd=tmp_path)
    version = load_referentiel(PROJECT_DATA).version
    assert (done.returncode, done.stderr) == (0, ""), done.stderr
    assert f"Référentiel {version} valide" in done.stdout


def test_the_wheel_ships_the_maps_contours(installed: Path, tmp_path: Path) -> None:
    drawn = run(
        [
            str(installed / "bin" / "python"),
            "-c",
            "from diagnostic.export.maps import locator_map; import diagnostic.territory.contours"
            " as c; print(len(locator_map('35238', 'fr').data), c.contours_folder())",
        ],
        cwd=tmp_path,
    )
    assert drawn.returncode == 0, drawn.stderr
    count, folder = drawn.stdout.split()
    assert count == "4" and Path(folder).is_relative_to(installed)


def test_the_wheel_writes_a_report_from_another_folder(installed: Path, tmp_path: Path) -> None:
    referentiel = load_referentiel(PROJECT_DATA)
    first = referentiel.questions[0]
    sheet = AnswerSheet(
        TerritoryProfile(name="Commune d’essai", type="commune"),
        {first.id: referentiel.scale(first.scale).max},
        {first.id: "Un commentaire."},
    )
    (tmp_path / "reponses.json").write_bytes(to_json(sheet, referentiel))
    done = run(
        [
            str(installed / "bin" / "diagnostic-ess"),
            "report",
            "reponses.json",
            "--pdf",
            "rapport.pdf",
            "--xlsx",
            "rapport.xlsx",
        ],
        cwd=tmp_path,
    )
    assert (done.returncode, done.stderr) == (0, ""), done.stderr
    assert (tmp_path / "rapport.pdf").read_bytes().startswith(b"%PDF")
    assert (tmp_path / "rapport.xlsx").stat().st_size > 0


def test_the_setting_still_overrides_the_shipped_referentiel(
    installed: Path, tmp_path: Path
) -> None:
    done = run(
        [str(installed / "bin" / "diagnostic-ess"), "validate"],
        cwd=tmp_path,
        DIAGNOSTIC_REFERENTIEL_DIR=str(MINI),
    )
    assert done.returncode == 0, done.stderr
    assert f"Référentiel {load_referentiel(MINI).version} valide" in done.stdout


def test_the_wheel_ships_what_serve_starts(installed: Path, tmp_path: Path) -> None:
    probe = (
        "from pathlib import Path\n"
        "from diagnostic.ui.serve import Launch, command_line, project_options\n"
        "script = Path(command_line(Launch())[4])\n"
        "print(script.is_file(), project_options()['browser.gatherUsageStats'])\n"
    )
    done = run([str(installed / "bin" / "python"), "-c", probe], cwd=tmp_path)
    assert (done.returncode, done.stdout.strip()) == (0, "True False"), done.stderr


def test_the_wheel_checks_answers_files_against_its_shipped_schema(
    installed: Path, tmp_path: Path
) -> None:
    (tmp_path / "reponses.json").write_text(
        '{"territory": {"name": "Commune d’essai", "type": "commune", "siren": "200 00 0008"},'
        ' "answers": {}}',
        encoding="utf-8",
    )
    done = run([str(installed / "bin" / "diagnostic-ess"), "score", "reponses.json"], cwd=tmp_path)
    assert (done.returncode, done.stdout) == (1, ""), done.stderr
    assert done.stderr.replace("\u00a0", " ") == (
        "Erreur : Profil du territoire : le SIREN « 200 00 0008 » doit compter 9 chiffres, "
        "groupés par trois ou non (ex. 200 000 008 ou 200000008).\n"
    )
    probe = "import diagnostic; print(diagnostic.__file__)"
    located = run([str(installed / "bin" / "python"), "-c", probe], cwd=tmp_path)
    schema = Path(located.stdout.strip()).parent / "schema" / "answers.schema.json"
    assert schema.is_relative_to(installed) and schema.is_file(), located.stderr


def test_the_wheel_ships_the_observatory_lists_and_template(
    installed: Path, tmp_path: Path
) -> None:
    done = run([str(installed / "bin" / "diagnostic-ess"), "observatoire", "modele"], cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout == (PROJECT_DATA / "observatoire" / "modele.csv").read_text("utf-8")
