"""`planner inventory` through click, against moto's server."""

from __future__ import annotations

import json
from pathlib import Path

import boto3
import pytest
import requests
from click.testing import CliRunner

from planner.cli import app
from planner.core.model.inventory import Inventory


def test_help_teaches_examples_read_only_and_exit_codes() -> None:
    result = CliRunner().invoke(app, ["inventory", "--help"])
    assert result.exit_code == 0
    for expected in ("--regions all", "Read-only", "GetSecretValue", "Exit codes", "errors[]", "PLANNER_REGIONS", "--concurrency"):
        assert expected in result.output, expected


def test_writes_the_inventory_and_prints_a_summary(moto_server: str, tmp_path: Path) -> None:
    boto3.client("sqs", region_name="us-west-2", endpoint_url=moto_server).create_queue(QueueName="jobs")
    boto3.client("dynamodb", region_name="eu-west-1", endpoint_url=moto_server).create_table(
        TableName="t", BillingMode="PAY_PER_REQUEST",
        AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}], KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
    )
    out = tmp_path / "inventory.json"
    result = CliRunner().invoke(
        app,
        ["inventory", "--endpoint-url", moto_server, "--regions", "us-west-2,eu-west-1", "--services", "sqs,dynamodb", "--concurrency", "4", "--out", str(out)],
    )
    assert result.exit_code == 0, result.output
    inventory = Inventory.load(out)
    assert sorted((resource.key, resource.region) for resource in inventory.resources) == [
        ("aws.dynamodb.table", "eu-west-1"),
        ("aws.sqs.queue", "us-west-2"),
    ]
    assert "aws.sqs.queue" in result.output and "SQS queue" in result.output
    assert f"wrote {out}" in result.output
    assert not list(tmp_path.glob(".*.tmp"))


def test_options_come_from_planner_environment_variables(moto_server: str, tmp_path: Path) -> None:
    boto3.client("sqs", region_name="eu-west-1", endpoint_url=moto_server).create_queue(QueueName="env-queue")
    out = tmp_path / "inventory.json"
    environment = {
        "PLANNER_ENDPOINT_URL": moto_server,
        "PLANNER_REGIONS": "eu-west-1",
        "PLANNER_SERVICES": "sqs",
        "PLANNER_CONCURRENCY": "2",
    }
    result = CliRunner().invoke(app, ["inventory", "--out", str(out)], env=environment)
    assert result.exit_code == 0, result.output
    assert [resource.name for resource in Inventory.load(out).resources] == ["env-queue"]


def test_errors_give_exit_code_1_and_are_listed(moto_server: str, tmp_path: Path) -> None:
    out = tmp_path / "inventory.json"
    result = CliRunner().invoke(
        app, ["inventory", "--endpoint-url", moto_server, "--regions", "us-east-1,ap-east-1", "--services", "sqs", "--out", str(out)]
    )
    assert result.exit_code == 1
    assert "RegionNotEnabled" in result.output
    assert json.loads(out.read_text())["errors"][0]["region"] == "ap-east-1"


def test_unknown_region_is_one_line_with_exit_code_2(moto_server: str, tmp_path: Path) -> None:
    out = tmp_path / "inventory.json"
    result = CliRunner().invoke(app, ["inventory", "--endpoint-url", moto_server, "--regions", "us-east-1,eu-middle-7", "--out", str(out)])
    assert result.exit_code == 2
    assert result.output.strip() == "Error: unknown region eu-middle-7 (expected names like us-east-1, or 'all')"
    assert not out.exists()


def test_missing_credentials_exit_4(moto_server: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"):
        monkeypatch.delenv(name)
    result = CliRunner().invoke(app, ["inventory", "--endpoint-url", moto_server, "--out", str(tmp_path / "i.json")])
    assert result.exit_code == 4
    assert len(result.output.strip().splitlines()) == 1 and "no AWS credentials" in result.output


def test_unknown_profile_exit_4(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["inventory", "--profile", "ghost", "--out", str(tmp_path / "i.json")], env={"PLANNER_PROFILE": None})
    assert result.exit_code == 4
    assert "profile 'ghost' not found" in result.output


def test_an_existing_inventory_survives_a_failed_run(moto_server: str, tmp_path: Path) -> None:
    out = tmp_path / "inventory.json"
    out.write_text("previous run\n")
    requests.post(f"{moto_server}/moto-api/reset", timeout=30)
    result = CliRunner().invoke(app, ["inventory", "--endpoint-url", moto_server, "--regions", "nowhere-1", "--out", str(out)])
    assert result.exit_code == 2
    assert out.read_text() == "previous run\n"


def test_progress_display_runs_on_a_terminal_console(moto_server: str) -> None:
    import io

    from rich.console import Console

    from providers.aws.inventory import ScanOptions, scan_account

    boto3.client("sqs", region_name="us-east-1", endpoint_url=moto_server).create_queue(QueueName="q")
    screen = io.StringIO()
    console = Console(file=screen, force_terminal=True, width=100)
    inventory = scan_account(
        ScanOptions(regions=["us-east-1", "us-west-2"], services=["sqs", "iam"], endpoint_url=moto_server, progress=True),
        progress_console=console,
    )
    assert [resource.name for resource in inventory.resources] == ["q"]
    assert "all pairs" in screen.getvalue()
