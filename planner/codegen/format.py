"""Format the generated modules with ruff (a dependency of planner), so the same tree gives the same bytes."""

from __future__ import annotations

import subprocess

from planner.core.errors import PlannerError

LINE_LENGTH = 120
FORMAT_TIMEOUT_S = 120


def ruff_binary() -> str:
    try:
        from ruff.__main__ import find_ruff_bin
    except ImportError:  # pragma: no cover - ruff is a dependency of planner
        raise PlannerError("ruff is not installed: reinstall planner (it formats the generated code)") from None
    return str(find_ruff_bin())


def format_modules(files: dict[str, str]) -> dict[str, str]:
    """Each module's text as `ruff format` prints it (line length 120, the project's settings)."""
    return {name: _format_one(name, text) for name, text in files.items()}


def _format_one(name: str, text: str) -> str:
    command = [ruff_binary(), "format", "--isolated", f"--line-length={LINE_LENGTH}", "--stdin-filename", name, "-"]
    completed = subprocess.run(command, input=text, capture_output=True, text=True, timeout=FORMAT_TIMEOUT_S,
                               check=False)
    if completed.returncode != 0:
        first = (completed.stderr.strip().splitlines() or ["no message"])[0]
        raise PlannerError(f"generated module {name} is not valid Python ({first}): this is a planner bug")
    return completed.stdout


