"""The installed `planner` command through the whole pipeline, as separate processes, on moto's server."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import boto3
import yaml

REGIONS = ("us-east-1", "eu-west-1")


def _planner_executable() -> str:
    beside_python = Path(sys.executable).parent / "planner"
    found = str(beside_python) if beside_python.is_file() else shutil.which("planner")
    assert found, "the `planner` console script is not installed (pip install -e .)"
    return found


def _planner(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "COLUMNS": "160"}
    return subprocess.run([_planner_executable(), *args], capture_output=True, text=True, cwd=cwd, timeout=300,
                          env=environment)


def _seed(endpoint_url: str) -> dict[str, str]:
    """A small footprint in two regions: network, a VM, a bucket, a queue, a table. Returns names to look for."""
    ec2 = boto3.client("ec2", region_name="us-east-1", endpoint_url=endpoint_url)
    vpc_id = ec2.create_vpc(CidrBlock="10.40.0.0/16")["Vpc"]["VpcId"]
    ec2.create_tags(Resources=[vpc_id], Tags=[{"Key": "Name", "Value": "smoke-vpc"}])
    subnet_id = ec2.create_subnet(VpcId=vpc_id, CidrBlock="10.40.1.0/24", AvailabilityZone="us-east-1a")["Subnet"]["SubnetId"]
    group_id = ec2.create_security_group(GroupName="smoke-web", Description="web", VpcId=vpc_id)["GroupId"]
    ec2.authorize_security_group_ingress(GroupId=group_id, IpPermissions=[
        {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}])
    image_id = ec2.describe_images(Owners=["amazon"])["Images"][0]["ImageId"]
    ec2.run_instances(ImageId=image_id, InstanceType="m5.large", MinCount=1, MaxCount=1, SubnetId=subnet_id,
                      SecurityGroupIds=[group_id],
                      TagSpecifications=[{"ResourceType": "instance", "Tags": [{"Key": "Name", "Value": "smoke-web-1"}]}])
    boto3.client("s3", region_name="us-east-1", endpoint_url=endpoint_url).create_bucket(Bucket="smoke-media")
    boto3.client("sqs", region_name="eu-west-1", endpoint_url=endpoint_url).create_queue(QueueName="smoke-jobs")
    boto3.client("dynamodb", region_name="eu-west-1", endpoint_url=endpoint_url).create_table(
        TableName="smoke-sessions", BillingMode="PAY_PER_REQUEST",
        AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
        KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}])
    return {"aws.ec2.instance": "smoke-web-1", "aws.s3.bucket": "smoke-media", "aws.sqs.queue": "smoke-jobs",
            "aws.dynamodb.table": "smoke-sessions", "aws.ec2.vpc": "smoke-vpc"}


def test_installed_planner_runs_the_whole_pipeline(moto_server: str, tmp_path: Path) -> None:
    seeded = _seed(moto_server)

    inventory = _planner("inventory", "--endpoint-url", moto_server, "--regions", ",".join(REGIONS),
                         "--out", "inventory.json", cwd=tmp_path)
    assert inventory.returncode == 0, inventory.stderr
    document = json.loads((tmp_path / "inventory.json").read_text())
    assert document["schema"] == "planner.inventory/1" and document["errors"] == []
    assert sorted(document["source"]["regions"]) == sorted(REGIONS)
    found = {(resource["key"], resource["name"]) for resource in document["resources"]}
    assert set(seeded.items()) <= found, sorted(found)
    assert "wrote inventory.json" in inventory.stdout

    plan = _planner("plan", "inventory.json", "--target", "gcp", "--out", "plan.json", cwd=tmp_path)
    assert plan.returncode == 0, plan.stderr
    plan_document = json.loads((tmp_path / "plan.json").read_text())
    assert plan_document["schema"] == "planner.plan/1" and plan_document["target"]["provider"] == "gcp"
    assert len(plan_document["items"]) == len(document["resources"])  # one item per resource, none dropped
    assert {item["status"] for item in plan_document["items"]} <= {"mapped", "partial", "manual", "skipped"}

    generate = _planner("generate", "plan.json", "--out", "stack", cwd=tmp_path)
    assert generate.returncode == 0, generate.stderr
    assert "warning" not in generate.stderr
    stack_config = yaml.safe_load((tmp_path / "stack" / "Pulumi.dev.yaml").read_text())
    assert "planner:plan" not in stack_config["config"]  # the code is the infrastructure, not a plan reader
    assert {"__main__.py", "network.py", "compute.py"} <= {path.name for path in (tmp_path / "stack").glob("*.py")}

    preview = _planner("preview", "stack", "--json", cwd=tmp_path)
    assert preview.returncode == 0, preview.stderr
    summary = json.loads(preview.stdout)
    assert summary["resource_count"] > 0
    assert summary["counts"].get("gcp:compute/instance:Instance", 0) + summary["counts"].get(
        "gcp:compute/instanceTemplate:InstanceTemplate", 0) >= 1
    assert "gcp:storage/bucket:Bucket" in summary["counts"]

    estimate = _planner("estimate", "plan.json", "--format", "json", "--deadline", "30h", cwd=tmp_path)
    assert estimate.returncode == 0, estimate.stderr
    figures = json.loads(estimate.stdout)
    for field in ("p50", "p90"):
        assert figures["effort_hours"][field] > 0
    assert figures["effort_hours"]["p90"] >= figures["effort_hours"]["p50"]
    for field in ("source_monthly_usd", "target_monthly_usd", "egress_one_time_usd"):
        assert isinstance(figures["cost"][field], int | float) and figures["cost"][field] >= 0
    assert isinstance(figures["downtime_hours"], int | float) and isinstance(figures["data_bytes"], int)


def test_installed_planner_fails_cleanly_between_steps(moto_server: str, tmp_path: Path) -> None:
    """Each step rejects the wrong file with exit 3 and one line, and leaves what it would have written alone."""
    inventory = _planner("inventory", "--endpoint-url", moto_server, "--regions", "us-east-1",
                         "--services", "ec2", "--out", "inventory.json", cwd=tmp_path)
    assert inventory.returncode == 0, inventory.stderr
    (tmp_path / "estimate.json").write_text("earlier")
    wrong = _planner("estimate", "inventory.json", "--format", "json", "--out", "estimate.json", cwd=tmp_path)
    assert wrong.returncode == 3
    assert wrong.stderr.strip().splitlines() == [
        "Error: inventory.json: expected a 'planner.plan/1' file, found schema 'planner.inventory/1'"]
    assert (tmp_path / "estimate.json").read_text() == "earlier"


def test_installed_planner_usage_error_exit_code(tmp_path: Path) -> None:
    completed = _planner("plan", "--no-such-flag", cwd=tmp_path)
    assert completed.returncode == 2 and "No such option" in completed.stderr and "Traceback" not in completed.stderr
