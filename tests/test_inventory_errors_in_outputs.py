"""An inventory with errors: the plan carries their count and largest groups, and `plan` and `estimate` say which
figures may be low because of them, in every format."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from planner.cli import app
from planner.core.model.plan import Plan

SYNTHETIC = Path(__file__).parent / "fixtures" / "synthetic_inventory.json"
PHRASE = "inventory had 12 errors (ec2 us-east-1 AccessDenied ×10, s3 eu-west-1 ExpiredToken ×2)"


def _error(service: str, region: str, code: str) -> dict[str, str]:
    return {"region": region, "service": service, "operation": "List", "code": code, "message": "denied"}


@pytest.fixture(scope="module")
def planned(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    folder = tmp_path_factory.mktemp("errors")
    document = json.loads(SYNTHETIC.read_text(encoding="utf-8"))
    document["errors"] = [_error("ec2", "us-east-1", "AccessDenied")] * 10 + [_error("s3", "eu-west-1", "ExpiredToken")] * 2
    inventory = folder / "inventory.json"
    inventory.write_text(json.dumps(document), encoding="utf-8")
    plan = folder / "plan.json"
    result = CliRunner().invoke(app, ["plan", str(inventory), "--target", "gcp", "--out", str(plan)])
    assert result.exit_code == 0, result.output
    return plan, result.output


def test_the_plan_file_carries_the_errors_count_and_groups(planned: tuple[Path, str]) -> None:
    plan = Plan.load(planned[0])
    assert plan.inventory.errors.count == 12
    assert [(group.service, group.region, group.code, group.count) for group in plan.inventory.errors.groups] == [
        ("ec2", "us-east-1", "AccessDenied", 10), ("s3", "eu-west-1", "ExpiredToken", 2)]


def test_plan_says_what_may_be_low(planned: tuple[Path, str]) -> None:
    assert f"warning: {PHRASE}: the item count and the run cost may be low" in planned[1]


@pytest.mark.parametrize("fmt", ["markdown", "html", "json", "table"])
def test_every_estimate_format_names_the_errors_and_the_figures(planned: tuple[Path, str], fmt: str,
                                                                tmp_path: Path) -> None:
    out = tmp_path / f"estimate.{fmt}"
    result = CliRunner().invoke(app, ["estimate", str(planned[0]), "--format", fmt, "--out", str(out), "--no-ranges"])
    assert result.exit_code == 0, result.output
    expected = f"{PHRASE}: run cost, egress, downtime and effort may be low"  # no deadline: nothing at risk
    assert f"warning: {expected}" in result.output  # the stderr summary
    text = out.read_text(encoding="utf-8")
    if fmt == "json":
        errors = json.loads(text)["inventory_errors"]
        assert errors["count"] == 12 and errors["summary"] == expected
        assert errors["incomplete_figures"] == ["monthly-cost", "egress", "downtime", "calendar"]
    else:
        flat = " ".join(text.replace("│", " ").split())
        assert expected in flat
        assert flat.count("May be low: the inventory had 12 errors") == 4 or fmt == "table"  # table cells wrap


def test_errors_in_services_that_hold_no_data_leave_the_data_figures_alone(tmp_path: Path) -> None:
    document = json.loads(SYNTHETIC.read_text(encoding="utf-8"))
    document["errors"] = [_error("sns", "us-east-1", "Throttling")]
    inventory = tmp_path / "inventory.json"
    inventory.write_text(json.dumps(document), encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(app, ["plan", str(inventory), "-t", "aws", "--out", str(tmp_path / "plan.json")]).exit_code == 0
    result = runner.invoke(app, ["estimate", str(tmp_path / "plan.json"), "--format", "json", "--deadline", "30h",
                                 "--no-ranges"])
    assert result.exit_code == 0, result.output
    errors = json.loads(result.stdout)["inventory_errors"]
    assert errors["incomplete_figures"] == ["monthly-cost", "calendar"]
    assert errors["summary"].endswith("(sns us-east-1 Throttling ×1): run cost and effort may be low")


def test_an_inventory_without_errors_says_nothing_and_older_plans_read(tmp_path: Path) -> None:
    runner = CliRunner()
    plan = tmp_path / "plan.json"
    result = runner.invoke(app, ["plan", str(SYNTHETIC), "-t", "gcp", "--out", str(plan)])
    assert result.exit_code == 0 and "warning" not in result.output
    assert "errors" not in json.loads(plan.read_text())["inventory"]  # a plan as older versions wrote it
    estimate = runner.invoke(app, ["estimate", str(plan), "--format", "markdown", "--no-ranges"])
    assert estimate.exit_code == 0 and "Incomplete inventory" not in estimate.output and "May be low" not in estimate.output
