"""`planner inventory --organization`: three accounts of an AWS Organization in moto, in one command."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from organization_setup import REGION, create_organization

from planner.cli import app
from planner.core.model.inventory import Inventory


def _scan(endpoint: str, out: Path, *extra: str, env: dict[str, str | None] | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["inventory", "--organization", "--endpoint-url", endpoint, "--regions", REGION,
                                      "--services", "ec2,s3", *extra, "--out", str(out)], env=env)
    return result.exit_code, result.output


def test_every_account_in_one_inventory(moto_server: str, tmp_path: Path) -> None:
    organization = create_organization(moto_server)
    code, output = _scan(moto_server, tmp_path / "org.json")
    assert code == 0, output
    inventory = Inventory.load(tmp_path / "org.json")
    accounts = {organization.management, *organization.members.values()}
    assert set(inventory.source.accounts) == accounts and inventory.source.account_id == organization.management
    web = [resource for resource in inventory.resources if resource.key == "aws.ec2.instance" and resource.name == "web"]
    assert {resource.account_id for resource in web} == accounts  # one per account, each carrying its account
    buckets = {resource.name: resource.account_id for resource in inventory.resources if resource.key == "aws.s3.bucket"}
    assert buckets["prod-assets"] == organization.members["prod"]
    assert buckets["management-assets"] == organization.management
    assert all(resource.account_id for resource in inventory.resources)


def test_only_the_accounts_asked_for(moto_server: str, tmp_path: Path) -> None:
    organization = create_organization(moto_server)
    code, output = _scan(moto_server, tmp_path / "org.json", "--accounts", organization.members["staging"])
    assert code == 0, output
    inventory = Inventory.load(tmp_path / "org.json")
    assert {resource.account_id for resource in inventory.resources} == {organization.members["staging"]}
    code, output = _scan(moto_server, tmp_path / "none.json", "--accounts", "999999999999")
    assert code == 2 and "not active in the organization" in output


def test_an_account_that_cannot_be_entered_is_an_error_and_the_scan_goes_on(moto_server: str, tmp_path: Path) -> None:
    organization = create_organization(moto_server, deny_member="staging")
    env = {"AWS_ACCESS_KEY_ID": organization.access_key, "AWS_SECRET_ACCESS_KEY": organization.secret_key,
           "AWS_SESSION_TOKEN": None, "AWS_SECURITY_TOKEN": None}
    code, output = _scan(moto_server, tmp_path / "org.json", env=env)
    assert code == 1, output  # written, with errors
    inventory = Inventory.load(tmp_path / "org.json")
    denied = organization.members["staging"]
    assert [(error.operation, error.code, error.account_id) for error in inventory.errors] == [("AssumeRole", "AccessDenied", denied)]
    scanned = Counter(resource.account_id for resource in inventory.resources if resource.key == "aws.ec2.instance")
    assert scanned == {organization.management: 1, organization.members["prod"]: 1}


def test_a_multi_account_inventory_plans_generates_and_estimates(moto_server: str, tmp_path: Path) -> None:
    create_organization(moto_server)
    assert _scan(moto_server, tmp_path / "org.json")[0] == 0
    runner = CliRunner()
    for target in ("gcp", "aws"):
        plan, stack = tmp_path / f"{target}-plan.json", tmp_path / f"{target}-stack"
        for arguments in (["plan", str(tmp_path / "org.json"), "--target", target, "--out", str(plan)],
                          ["generate", str(plan), "--out", str(stack)], ["preview", str(stack)],
                          ["estimate", str(plan), "--format", "json"]):
            result = runner.invoke(app, arguments)
            assert result.exit_code == 0, (arguments, result.output)
        document = json.loads(plan.read_text())
        vms = [item for item in document["items"] if item["kind"] == "compute.vm"]
        assert len(vms) == 3 and len({item["target"]["name"] for item in vms}) == 3  # one name per account's web
        assert {item["source"]["account_id"] for item in vms} == set(document["inventory"]["accounts"])
        labels = [item["target"].get("labels") or item["target"].get("tags") or {} for item in vms]
        assert {label.get("source-account") for label in labels} == set(document["inventory"]["accounts"])
    summary = runner.invoke(app, ["estimate", str(tmp_path / "gcp-plan.json"), "--format", "markdown"]).output
    assert "organization of" in summary and "3 accounts" in summary


@pytest.mark.parametrize(("arguments", "message"), [
    (["--accounts", "111122223333"], "go with --organization"),
    (["--organization", "--from-terraform", "{state}"], "not with --from-cloudformation/--from-terraform"),
    (["--organization", "--accounts", "12345"], "not an AWS account id"),
])
def test_organization_options_misused(arguments: list[str], message: str, tmp_path: Path) -> None:
    state = tmp_path / "state.json"
    state.write_text(json.dumps({"version": 4, "resources": []}))
    resolved = [argument.format(state=state) for argument in arguments]
    result = CliRunner().invoke(app, ["inventory", *resolved, "--out", str(tmp_path / "inv.json")])
    assert result.exit_code == 2, result.output
    assert message in result.output
