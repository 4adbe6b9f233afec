"""`planner plan` through click's CliRunner on the real application object."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from fixtures.synthetic_inventory import JSON_PATH

from planner.cli import app
from planner.commands.plan import parse_region_map
from planner.core.errors import UsageError
from planner.core.model.plan import Plan


def _run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


def test_plan_writes_a_valid_plan_and_prints_the_summary(tmp_path: Path) -> None:
    out = tmp_path / "plan.json"
    code, stdout, _ = _run("plan", str(JSON_PATH), "--target", "aws", "--out", str(out))
    assert code == 0, stdout
    plan = Plan.load(out)
    assert plan.target.provider == "aws" and len(plan.items) == len(json.loads(JSON_PATH.read_text())["resources"])
    for expected in ("mapped", "skipped", "compute.vm", "monthly run cost", "catalogs:", "2026-07-20"):
        assert expected in stdout
    assert not list(tmp_path.glob(".plan.json.*"))  # no temp file left behind


def test_the_same_inventory_gives_byte_identical_files(tmp_path: Path) -> None:
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    assert _run("plan", str(JSON_PATH), "-t", "gcp", "-o", str(first))[0] == 0
    assert _run("plan", str(JSON_PATH), "-t", "gcp", "-o", str(second))[0] == 0
    assert first.read_bytes() == second.read_bytes()


def test_target_from_environment_and_region_map(tmp_path: Path) -> None:
    out = tmp_path / "plan.json"
    code, stdout, _ = _run("plan", str(JSON_PATH), "--region-map", "us-east-1=us-central1,eu-west-1=europe-west4",
                           "--out", str(out), env={"PLANNER_TARGET": "gcp"})
    assert code == 0, stdout
    plan = Plan.load(out)
    assert plan.target.provider == "gcp"
    assert plan.target.region_map["us-east-1"] == "us-central1" and plan.target.region_map["eu-west-1"] == "europe-west4"


@pytest.mark.parametrize(
    ("content", "fragment"),
    [("{", "not valid JSON"), ('{"schema": "planner.plan/1"}', "expected a 'planner.inventory/1' file"),
     ('{"schema": "planner.inventory/1", "resources": 3}', "Field required")],
)
def test_bad_input_is_a_one_line_error(tmp_path: Path, content: str, fragment: str) -> None:
    bad = tmp_path / "inventory.json"
    bad.write_text(content)
    code, _, stderr = _run("plan", str(bad), "-t", "gcp", "-o", str(tmp_path / "plan.json"))
    assert code == 3
    assert fragment in stderr and len(stderr.strip().splitlines()) == 1 and "Traceback" not in stderr
    assert not (tmp_path / "plan.json").exists()


def test_missing_file_and_bad_region_map(tmp_path: Path) -> None:
    code, _, stderr = _run("plan", str(tmp_path / "none.json"), "-t", "gcp")
    assert code == 3 and "no such file" in stderr
    code, _, stderr = _run("plan", str(JSON_PATH), "-t", "gcp", "--region-map", "us-east-1", "-o", str(tmp_path / "p.json"))
    assert code == 2 and "expected SOURCE=TARGET" in stderr
    code, _, stderr = _run("plan", str(JSON_PATH), "-t", "gcp", "--region-map", "us-east-1=mars-1", "-o", str(tmp_path / "p.json"))
    assert code == 2 and "'mars-1' is not a gcp region" in stderr


def test_target_is_required_and_checked() -> None:
    code, _, stderr = _run("plan", str(JSON_PATH))
    assert code == 2 and "--target" in stderr
    code, _, stderr = _run("plan", str(JSON_PATH), "-t", "azure")
    assert code == 2


def test_help_teaches_the_options() -> None:
    code, stdout, _ = _run("plan", "--help")
    assert code == 0
    for expected in ("--region-map", "PLANNER_TARGET", "skipped", "manual"):
        assert expected in stdout


def test_parse_region_map() -> None:
    assert parse_region_map(("a=b", "c=d,e=f")) == {"a": "b", "c": "d", "e": "f"}
    with pytest.raises(UsageError):
        parse_region_map(("=b",))
