"""The application object: help, version, errors."""

from __future__ import annotations

import subprocess
import sys

from click.testing import CliRunner

from planner import __version__
from planner.cli import COMMANDS, app


def test_help_explains_the_pipeline() -> None:
    result = CliRunner().invoke(app, ["--help"])
    assert result.exit_code == 0
    assert "inventory.json" in result.output and "plan.json" in result.output
    for name in COMMANDS:
        assert name in result.output


def test_version() -> None:
    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0
    assert __version__ in result.output


def test_unknown_command_is_a_usage_error() -> None:
    result = CliRunner().invoke(app, ["frobnicate"])
    assert result.exit_code == 2
    assert "No such command" in result.output


def test_installed_console_script_runs() -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "planner", "--help"], capture_output=True, text=True, timeout=60
    )
    assert completed.returncode == 0
    assert "Usage: planner" in completed.stdout
