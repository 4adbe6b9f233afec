"""plan -> generate -> preview on the shared synthetic inventory, with the real target packages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from planner.cli import app

REPO_ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("target", ["gcp", "aws"])
def test_planned_synthetic_inventory_generates_and_previews(tmp_path: Path, target: str) -> None:
    """The whole chain; the real stacks.<target> package (no hand-made target here)."""
    runner = CliRunner()
    inventory = REPO_ROOT / "tests" / "fixtures" / "synthetic_inventory.json"
    plan, out = tmp_path / "plan.json", tmp_path / "stack"
    planned = runner.invoke(app, ["plan", str(inventory), "--target", target, "--out", str(plan)])
    assert planned.exit_code == 0, planned.output
    assert runner.invoke(app, ["generate", str(plan), "--out", str(out)]).exit_code == 0
    result = runner.invoke(app, ["preview", str(out), "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert summary["resource_count"] > 50 and "manual_items" in summary["outputs"]
