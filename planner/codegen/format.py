"""Lint-fix and format the generated modules with ruff (a dependency of planner): the same tree gives the same
bytes, and the code passes `ruff check` with the settings the project ships (`ruff.toml`, RUFF_SETTINGS)."""

from __future__ import annotations

import subprocess
from collections.abc import Iterable

from planner.core.errors import PlannerError

LINE_LENGTH = 120  # planner's own (pyproject.toml [tool.ruff])
LINT_RULES = ("F", "I")  # pyflakes and import order, as planner's own code
RUFF_TIMEOUT_S = 120
RUFF_SETTINGS_FILE = "ruff.toml"


def ruff_binary() -> str:
    try:
        from ruff.__main__ import find_ruff_bin
    except ImportError:  # pragma: no cover - ruff is a dependency of planner
        raise PlannerError("ruff is not installed: reinstall planner (it formats the generated code)") from None
    return str(find_ruff_bin())


def ruff_settings(modules: list[str]) -> str:
    """The generated project's ruff.toml: planner's settings, its own modules first-party for import order."""
    return "\n".join([
        "# Lint settings of the generated code: the ones planner's own code uses.",
        f"line-length = {LINE_LENGTH}", "", "[lint]", f"select = {_toml_list(LINT_RULES)}", "",
        "[lint.isort]", f"known-first-party = {_toml_list(sorted(modules))}", "",
    ])


def _toml_list(names: Iterable[str]) -> str:
    return "[" + ", ".join(f'"{name}"' for name in names) + "]"


def format_modules(files: dict[str, str], *, first_party: list[str]) -> dict[str, str]:
    """Each module's text (other files as they are) with ruff's fixes for LINT_RULES applied (import order, unused imports), then as
    `ruff format` prints it; a lint error ruff cannot fix is a planner bug, raised."""
    return {name: _format_one(name, text, first_party) if name.endswith(".py") else text
            for name, text in files.items()}


def _format_one(name: str, text: str, first_party: list[str]) -> str:
    isort = f"lint.isort.known-first-party = {_toml_list(sorted(first_party))}"
    fixed = _ruff(name, text, ["check", "--isolated", "--fix", f"--select={','.join(LINT_RULES)}",
                               f"--line-length={LINE_LENGTH}", "--config", isort, "--quiet"])
    return _ruff(name, fixed, ["format", "--isolated", f"--line-length={LINE_LENGTH}"])


def _ruff(name: str, text: str, arguments: list[str]) -> str:
    command = [ruff_binary(), *arguments, "--stdin-filename", name, "-"]
    completed = subprocess.run(command, input=text, capture_output=True, text=True, timeout=RUFF_TIMEOUT_S,
                               check=False)
    if completed.returncode != 0:
        first = ((completed.stderr or completed.stdout).strip().splitlines() or ["no message"])[0]
        raise PlannerError(f"generated module {name} fails `ruff {arguments[0]}` ({first}): this is a planner bug")
    return completed.stdout
