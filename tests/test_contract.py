"""Guards on the project's promises: layering, public API, docs that match the code."""

from __future__ import annotations

import ast
import re
import tomllib
import types
from pathlib import Path

import diagnostic
from diagnostic.cli import cli
from diagnostic.i18n import catalogue
from diagnostic.referentiel.load import FILES

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "diagnostic"


def imports_of(path: Path) -> set[str]:
    """Top-level module names imported by a source file (relative imports resolved)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = path.relative_to(ROOT).with_suffix("").parts[: -node.level]
                base = ".".join(parts)
                names.add(f"{base}.{node.module}" if node.module else base)
            elif node.module:
                names.add(node.module)
    return names


def test_only_the_ui_imports_streamlit() -> None:
    for path in PACKAGE.rglob("*.py"):
        if "ui" in path.relative_to(PACKAGE).parts:
            continue
        assert not any(n.split(".")[0] == "streamlit" for n in imports_of(path)), path


def test_scoring_core_is_pure() -> None:
    core = [PACKAGE / "model.py", *sorted((PACKAGE / "advice").glob("*.py"))]
    for path in [*core, *sorted((PACKAGE / "referentiel").glob("*.py"))]:
        forbidden = {"streamlit", "sqlalchemy", "plotly", "reportlab", "openpyxl"}
        found = {n.split(".")[0] for n in imports_of(path)}
        assert not found & forbidden, path
        assert not any(".storage" in n or ".ui" in n for n in imports_of(path)), path


def test_all_lists_the_public_names() -> None:
    public = {
        name
        for name, value in vars(diagnostic).items()
        if not name.startswith("_") and not isinstance(value, types.ModuleType)
    }
    assert sorted(diagnostic.__all__) == sorted(public)


def test_ci_runs_the_readme_test_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"## Lancer les tests\n\n```bash\n(.+?)\n```", readme, re.S)
    assert block is not None
    command = block.group(1).strip()
    ci_lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert command in ci_lines
    assert f"`{command}`" in readme  # the English section gives the same command


def test_readme_run_command_starts_the_app() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"## Démarrer l’application\n\n.+?```bash\n(.+?)\n```", readme, re.S)
    assert block is not None
    command = block.group(1).strip()
    assert command.endswith(".venv/bin/diagnostic-ess serve")
    assert "pip install -e ." in command
    assert f"`{command}`" in readme  # the English section gives the same command


def test_every_package_folder_is_shipped() -> None:
    listed = set(
        tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    )
    folders = {
        ".".join(path.relative_to(ROOT).parts)
        for path in PACKAGE.rglob("*")
        if path.is_dir() and path.name != "__pycache__" and any(path.glob("*.*"))
    }
    assert folders - listed == set()


def test_every_cli_command_is_documented() -> None:
    pages = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    readme = "\n".join(page.read_text(encoding="utf-8") for page in pages)
    for name, command in cli.commands.items():
        assert f"diagnostic-ess {name}" in readme, name
        sub = getattr(command, "commands", {})
        for child in sub:
            assert f"diagnostic-ess {name} {child}" in readme, f"{name} {child}"


def test_every_data_column_is_documented() -> None:
    dictionary = (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    for file, columns in FILES.items():
        section = dictionary.split(f"## `{file}`", 1)
        assert len(section) == 2, file
        body = section[1].split("\n## ", 1)[0]
        for column in columns:
            assert f"`{column}`" in body, (file, column)


def test_every_string_exists_in_both_languages() -> None:
    for key, texts in catalogue().items():
        assert texts["fr"].strip() and texts["en"].strip(), key
