"""`planner estimate`: its --help states exit codes and env vars; --out is checked before any work."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from planner.cli import app

PLAN = Path(__file__).parent / "golden" / "estimate-small-plan.json"


def _help() -> str:
    result = CliRunner().invoke(app, ["estimate", "--help"], terminal_width=200)
    assert result.exit_code == 0, result.output
    return " ".join(result.output.split())


def test_help_has_an_exit_code_section() -> None:
    text = _help()
    assert re.search(r"Exit codes: 0 .*; 2 usage error .*; 3 PLAN or --assumptions missing.*; 4 --out", text)


@pytest.mark.parametrize(
    "envvar",
    ["PLANNER_ESTIMATE_BANDWIDTH", "PLANNER_BANDWIDTH", "PLANNER_ESTIMATE_TEAM", "PLANNER_TEAM",
     "PLANNER_ESTIMATE_DEADLINE", "PLANNER_ESTIMATE_ASSUMPTIONS", "PLANNER_ESTIMATE_FORMAT", "PLANNER_FORMAT",
     "PLANNER_ESTIMATE_OUT"],
)
def test_help_shows_each_env_var(envvar: str) -> None:
    assert re.search(rf"\[env var: [A-Z_, ]*\b{envvar}\b", _help())


def test_out_env_var_writes_the_file(tmp_path: Path) -> None:
    out = tmp_path / "estimate.json"
    result = CliRunner().invoke(app, ["estimate", str(PLAN), "--format", "json"], env={"PLANNER_ESTIMATE_OUT": str(out)})
    assert result.exit_code == 0, result.output
    assert out.read_text().startswith("{")


def test_out_under_a_file_is_refused_before_the_plan_is_read(tmp_path: Path) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("a file")
    # The plan does not exist: the --out check must come first and be the error reported.
    result = CliRunner().invoke(app, ["estimate", str(tmp_path / "missing-plan.json"), "--out", str(blocker / "e.json")])
    assert result.exit_code == 2, result.output
    assert f"--out {blocker / 'e.json'}: {blocker} is a file, not a directory" in result.output
    assert "missing-plan.json" not in result.output


def test_out_in_a_missing_folder_is_fine(tmp_path: Path) -> None:
    out = tmp_path / "new" / "folder" / "summary.md"
    result = CliRunner().invoke(app, ["estimate", str(PLAN), "--format", "markdown", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.is_file()
