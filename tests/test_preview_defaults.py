"""Resources in the source's default VPC, and a manual VM behind load balancers, planned and previewed for both targets.

GCP rebuilds the used default VPC, its subnets and the default security group (a
network, subnetworks, firewall rules on a network tag); AWS places them in the new
account's default VPC and subnets, looked up by the stack, and adopts its default
group with the source's rules. A VM the plan leaves manual is left out of the load
balancers that served it, and the stack's `manual_items` says so.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pulumi
import pytest
from click.testing import CliRunner

from planner.cli import app
from planner.core.model.inventory import Inventory
from planner.core.model.plan import Plan
from planner.planning.defaults import skipped_defaults
from planner.pulumi_mocks import MockRun, run_under_mocks
from stacks.program import build_outputs

ACCOUNT = "123456789012"
REGION = "us-east-1"
ALB = f"arn:aws:elasticloadbalancing:{REGION}:{ACCOUNT}:loadbalancer/app/shop/1"
TARGET_GROUP = f"arn:aws:elasticloadbalancing:{REGION}:{ACCOUNT}:targetgroup/shop/1"
CLASSIC = f"arn:aws:elasticloadbalancing:{REGION}:{ACCOUNT}:loadbalancer/old-shop"
SSH_FROM_OFFICE = {"protocol": "tcp", "from_port": 22, "to_port": 22, "cidrs": ["203.0.113.0/24"], "ipv6_cidrs": [], "source_group_ids": []}
ALL_FROM_GROUP = {"protocol": "-1", "from_port": None, "to_port": None, "cidrs": [], "ipv6_cidrs": [], "source_group_ids": ["sg-0dflt"]}
ALL_OUT = {"protocol": "-1", "from_port": None, "to_port": None, "cidrs": ["0.0.0.0/0"], "ipv6_cidrs": [], "source_group_ids": []}
MANUAL_VM = "compute-vm-odd-box"  # its instance type has no known shape: manual on GCP
MOCK_CONFIG = {"gcp:project": "demo-project", "gcp:region": "us-east4", "aws:region": REGION}


def _resource(key: str, rid: str, name: str, props: dict[str, Any], refs: list[str] | None = None,
              region: str = REGION) -> dict[str, Any]:
    return {"key": key, "id": rid, "region": region, "name": name, "tags": {}, "props": props, "refs": refs or []}


def _instance(rid: str, name: str, instance_type: str, zone: str, subnet: str, shape: dict[str, Any]) -> dict[str, Any]:
    props = {"instance_type": instance_type, "state": "running", "architecture": "x86_64", "image_id": "ami-0shop",
             "platform": "linux", "availability_zone": zone, "private_ip": "172.31.0.20", "public_ip": None, **shape}
    return _resource("aws.ec2.instance", rid, name, props, [subnet, "sg-0dflt"])


def _default_network(region: str = REGION, suffix: str = "") -> list[dict[str, Any]]:
    vpc = f"vpc-0dflt{suffix}"
    return [
        _resource("aws.ec2.vpc", vpc, vpc, {"cidr_block": "172.31.0.0/16", "is_default": True,
                                            "cidr_blocks": ["172.31.0.0/16"]}, region=region),
        *(_resource("aws.ec2.subnet", f"subnet-0dflt{zone}{suffix}", f"subnet-0dflt{zone}{suffix}",
                    {"cidr_block": cidr, "availability_zone": f"{region}{zone}", "map_public_ip_on_launch": True,
                     "default_for_az": True}, [vpc], region=region)
          for zone, cidr in (("a", "172.31.0.0/20"), ("b", "172.31.16.0/20"))),
        _resource("aws.ec2.security_group", f"sg-0dflt{suffix}", "default",
                  {"group_name": "default", "description": "default VPC security group", "vpc_id": vpc,
                   "ingress": [SSH_FROM_OFFICE, ALL_FROM_GROUP], "egress": [ALL_OUT], "is_default": True}, [vpc],
                  region=region),
    ]


def default_vpc_inventory() -> dict[str, Any]:
    """Two instances with the default group in default subnets, an ALB, a Classic ELB and RDS there, a manual VM."""
    small = {"vcpu": 2, "memory_mib": 4096, "burstable": True}
    resources = [
        *_default_network(),
        _instance("i-0shop1", "shop-1", "t3.medium", "us-east-1a", "subnet-0dflta", small),
        _instance("i-0shop2", "shop-2", "t3.medium", "us-east-1b", "subnet-0dfltb", small),
        _instance("i-0odd", "odd-box", "zz9.mystery", "us-east-1a", "subnet-0dflta", {}),
        _resource("aws.elbv2.load_balancer", ALB, "shop", {"type": "application", "scheme": "internet-facing",
                  "dns_name": "shop-1.elb.amazonaws.com", "availability_zones": ["us-east-1a", "us-east-1b"]},
                  ["subnet-0dflta", "subnet-0dfltb", "sg-0dflt", "vpc-0dflt"]),
        _resource("aws.elbv2.listener", f"{ALB}/listener/80", "shop:80", {"protocol": "HTTP", "port": 80,
                  "certificate_arns": [], "default_action_type": "forward"}, [ALB, TARGET_GROUP]),
        _resource("aws.elbv2.target_group", TARGET_GROUP, "shop", {"protocol": "HTTP", "port": 80, "target_type": "instance",
                  "health_check_path": "/", "health_check_port": "traffic-port",
                  "target_ids": ["i-0shop1", "i-0shop2", "i-0odd"]},
                  [ALB, "vpc-0dflt", "i-0shop1", "i-0shop2", "i-0odd"]),
        _resource("aws.elb.load_balancer", CLASSIC, "old-shop", {"scheme": "internet-facing", "dns_name": "old.elb.amazonaws.com",
                  "listeners": [{"protocol": "HTTP", "port": 80, "instance_port": 8080}], "instance_ids": ["i-0odd", "i-0shop1"]},
                  ["i-0odd", "i-0shop1", "subnet-0dflta", "subnet-0dfltb", "sg-0dflt"]),
        _resource("aws.rds.instance", f"arn:aws:rds:{REGION}:{ACCOUNT}:db:shopdb", "shopdb", {
            "engine": "postgres", "engine_version": "15.4", "instance_class": "db.t3.medium", "allocated_storage_gib": 50,
            "storage_type": "gp3", "iops": 3000, "multi_az": False, "read_replica_source": None, "read_replica_ids": [],
            "cluster_id": None, "endpoint_address": "shopdb.rds.amazonaws.com", "port": 5432, "backup_retention_days": 7},
            ["subnet-0dflta", "subnet-0dfltb", "sg-0dflt"]),
    ]
    return {
        "schema": "planner.inventory/1", "generated_at": "2026-11-21T10:00:00Z",
        "tool": {"name": "planner", "version": "0.1.0"},
        "source": {"provider": "aws", "account_id": ACCOUNT, "regions": [REGION], "partition": "aws", "endpoint_url": None},
        "resources": sorted(resources, key=lambda r: (r["key"], r["id"])), "errors": [],
        "stats": {"duration_seconds": 0.0, "api_requests": 0},
    }


@pytest.fixture(scope="module")
def plans(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("default-vpc")
    inventory = folder / "inventory.json"
    inventory.write_text(json.dumps(default_vpc_inventory()))
    planned = {}
    for target in ("gcp", "aws"):
        planned[target] = folder / f"plan-{target}.json"
        result = CliRunner().invoke(app, ["plan", str(inventory), "--target", target, "--out", str(planned[target])])
        assert result.exit_code == 0, result.output
    return planned


def _run(plan: Plan) -> MockRun:
    return run_under_mocks(lambda: [pulumi.export(name, value) for name, value in build_outputs(plan).items()],
                           config=MOCK_CONFIG)


def _item_id(plan: Plan, source_id: str) -> str:
    return next(item.id for item in plan.items if item.source.id == source_id)


def _named(run: MockRun, name: str) -> dict[str, Any]:
    return next(found.inputs for found in run.resources if found.name == name)


@pytest.mark.parametrize("target", ["gcp", "aws"])
def test_default_vpc_plan_generates_and_previews(plans: dict[str, Path], tmp_path: Path, target: str) -> None:
    runner = CliRunner()
    assert runner.invoke(app, ["generate", str(plans[target]), "--out", str(tmp_path / "stack")]).exit_code == 0
    result = runner.invoke(app, ["preview", str(tmp_path / "stack"), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["resource_count"] > 10


def test_gcp_rebuilds_the_used_default_vpc_with_the_default_groups_rules(plans: dict[str, Path]) -> None:
    plan = Plan.load(plans["gcp"])
    run = _run(plan)
    network, subnet_a, group = (_item_id(plan, source) for source in ("vpc-0dflt", "subnet-0dflta", "sg-0dflt"))
    assert {plan.by_id()[item_id].status for item_id in (network, subnet_a, group)} <= {"mapped", "partial"}
    assert _named(run, subnet_a)["ipCidrRange"] == "172.31.0.0/20"
    shop = _named(run, _item_id(plan, "i-0shop1"))
    assert shop["networkInterfaces"][0]["subnetwork"].endswith(f"/{subnet_a}")
    tag = plan.by_id()[group].target["target_tag"]  # type: ignore[index]
    assert tag in shop["tags"]
    rules = [found.inputs for found in run.of_type("gcp:compute/firewall:Firewall")]
    ssh = next(rule for rule in rules if rule.get("sourceRanges") == ["203.0.113.0/24"])
    assert ssh["allows"] == [{"protocol": "tcp", "ports": ["22"]}] and ssh["targetTags"] == [tag]
    assert any(rule.get("sourceTags") == [tag] for rule in rules)  # the group's rule naming itself


def test_gcp_leaves_the_manual_vm_out_of_its_load_balancers_and_says_so(plans: dict[str, Path]) -> None:
    plan = Plan.load(plans["gcp"])
    assert plan.by_id()[MANUAL_VM].status == "manual"
    run = _run(plan)
    members = [link for group in run.of_type("gcp:compute/instanceGroup:InstanceGroup") for link in group.inputs["instances"]]
    assert members and not any(MANUAL_VM in link for link in members)
    left_out = {entry["id"] for entry in run.outputs["manual_items"] if MANUAL_VM in entry["reason"]}
    assert left_out == {_item_id(plan, TARGET_GROUP), _item_id(plan, CLASSIC)}


def test_aws_places_default_vpc_resources_in_the_looked_up_defaults(plans: dict[str, Path]) -> None:
    plan = Plan.load(plans["aws"])
    run = _run(plan)
    subnets = ["subnet-mock-default-us-east-1a", "subnet-mock-default-us-east-1b"]  # planner.pulumi_mocks.CALL_PLACEHOLDERS
    assert _named(run, _item_id(plan, ALB))["subnets"] == subnets
    assert _named(run, _item_id(plan, TARGET_GROUP))["vpcId"] == "vpc-mock-default"
    shop = _named(run, _item_id(plan, "i-0shop1"))
    assert shop["subnetId"] == subnets[0] and "privateIp" not in shop  # the source address fits no looked-up subnet
    group = _item_id(plan, "sg-0dflt")
    assert _named(run, group)["vpcId"] == "vpc-mock-default" and shop["vpcSecurityGroupIds"] == [f"{group}-id"]
    ingress = [found.inputs for found in run.of_type("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")]
    assert {"cidrIpv4": "203.0.113.0/24", "fromPort": 22, "toPort": 22} in [
        {key: rule.get(key) for key in ("cidrIpv4", "fromPort", "toPort")} for rule in ingress]
    assert [found.inputs["subnetIds"] for found in run.of_type("aws:rds/subnetGroup:SubnetGroup")] == [subnets]
    looked_up = run.outputs["provider_defaults"]
    assert set(looked_up) == {_item_id(plan, source) for source in ("vpc-0dflt", "subnet-0dflta", "subnet-0dfltb")}
    assert "create-default-vpc" in looked_up[_item_id(plan, "vpc-0dflt")]["if_missing"]


def test_aws_leaves_a_manual_instance_out_of_attachments_and_says_so(plans: dict[str, Path]) -> None:
    document = json.loads(plans["aws"].read_text())
    for item in document["items"]:
        if item["id"] == MANUAL_VM:
            item.update(status="manual", target=None, manual={"reason": "test: rebuilt by hand", "work": "by hand"})
    plan = Plan.model_validate(document)
    run = _run(plan)
    attached = [found.name for found in run.of_type("aws:lb/targetGroupAttachment:TargetGroupAttachment")]
    attached += [found.name for found in run.of_type("aws:elb/attachment:Attachment")]
    assert attached and not any(MANUAL_VM in name for name in attached)
    left_out = {entry["id"] for entry in run.outputs["manual_items"] if MANUAL_VM in entry["reason"]}
    assert left_out == {_item_id(plan, TARGET_GROUP), _item_id(plan, CLASSIC)}


@pytest.mark.parametrize("target", ["gcp", "aws"])
def test_unused_defaults_stay_skipped_and_used_ones_say_what_serves_them(target: str) -> None:
    document = default_vpc_inventory()
    document["resources"] += _default_network("eu-west-1", suffix="eu")  # nothing runs in this one
    reasons = skipped_defaults(Inventory.model_validate(document), target)
    assert {"vpc-0dflteu", "subnet-0dfltaeu", "sg-0dflteu"} <= set(reasons)
    assert "sg-0dflt" not in reasons  # its rules are recreated where used, on both targets
    if target == "gcp":
        assert not {"vpc-0dflt", "subnet-0dflta"} & set(reasons)
    else:
        assert "looks it up" in reasons["vpc-0dflt"] and "looks it up" in reasons["subnet-0dflta"]
