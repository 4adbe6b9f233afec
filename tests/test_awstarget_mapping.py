"""The fresh-AWS target mapping: kinds -> AWS specs, through the real planning core."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from planner.core.kinds import source_types
from planner.core.model.inventory import Inventory
from planner.core.model.plan import Plan, PlanItem
from planner.planning.engine import build_plan
from providers.aws import catalog
from providers.aws.mapping import MAPPER
from providers.aws.spec import SPEC_TYPES, parse_spec

SYNTHETIC = Path(__file__).parent / "fixtures" / "synthetic_inventory.json"
ACCOUNT = "123456789012"
# Source AWS ids must never be references inside a target spec (ImageChoice keeps the AMI for the operator).
AWS_ID = re.compile(r"^(i|vol|sg|subnet|vpc|eipalloc|lt|key|rtb|igw|nat|fs)-[0-9a-z]+$|^arn:aws:")


@cache
def synthetic_plan() -> Plan:
    return build_plan(Inventory.model_validate(json.loads(SYNTHETIC.read_text())), "aws")


def plan_of(resources: list[dict[str, Any]], region_map: dict[str, str] | None = None) -> Plan:
    inventory = Inventory.model_validate(
        {
            "schema": "planner.inventory/1",
            "generated_at": "2026-11-21T10:00:00Z",
            "tool": {"version": "test"},
            "source": {"account_id": ACCOUNT, "regions": sorted({r.get("region", "us-east-1") for r in resources})},
            "resources": [{"region": "us-east-1", "tags": {}, "refs": [], **resource} for resource in resources],
        }
    )
    return build_plan(inventory, "aws", region_map)


def item_for(plan: Plan, source_id: str) -> PlanItem:
    return next(item for item in plan.items if item.source.id == source_id)


VPC = {"key": "aws.ec2.vpc", "id": "vpc-1", "name": "main", "props": {"cidr_block": "10.0.0.0/16", "is_default": False}}
SUBNET = {
    "key": "aws.ec2.subnet", "id": "subnet-1", "name": "app-a", "refs": ["vpc-1"],
    "props": {"cidr_block": "10.0.1.0/24", "availability_zone": "us-east-1b", "vpc_id": "vpc-1"},
}


def vm(instance_type: str = "m5.xlarge", **props: Any) -> dict[str, Any]:
    base = {
        "instance_type": instance_type, "state": "running", "vcpu": 4, "memory_mib": 16384, "gpu_count": 0,
        "architecture": "x86_64", "burstable": False, "image_id": "ami-0source", "platform": "linux",
        "availability_zone": "us-east-1b", "subnet_id": "subnet-1", "private_ip": "10.0.1.5",
    }
    return {"key": "aws.ec2.instance", "id": "i-1", "name": "web", "refs": ["subnet-1"], "tags": {"team": "web"}, "props": {**base, **props}}


# --- the table -------------------------------------------------------------------------------


def test_every_kind_has_a_mapping_function() -> None:
    kinds = {source_type.kind for source_type in source_types().values()}
    assert kinds <= set(MAPPER.functions)
    assert MAPPER.provider == "aws" and MAPPER.catalogs == catalog.CATALOGS
    assert "us-east-1" in MAPPER.regions and "eu-west-1" in MAPPER.regions


def test_synthetic_inventory_maps_every_resource_with_valid_specs() -> None:
    plan = synthetic_plan()
    assert len(plan.items) == len(json.loads(SYNTHETIC.read_text())["resources"])
    manual = [item.id for item in plan.items if item.status == "manual"]
    # The imported certificate, and the snapshots, AMI and registered domain (shared/transferred by hand).
    assert manual == ["cert-legacy-example-org", "compute-image-web-golden", "db-snapshot-orders-before-upgrade",
                      "dns-domain-domain-global", "storage-snapshot-models-nightly", "storage-snapshot-snapshot-us-east-1"]
    ids = {item.id for item in plan.items}
    for item in plan.items:
        if item.status in ("mapped", "partial"):
            spec = parse_spec(item.target or {})
            assert spec.type in SPEC_TYPES
            assert set(spec.item_refs()) <= ids, item.id


def test_references_in_specs_are_item_ids_never_aws_ids() -> None:
    for item in synthetic_plan().items:
        if item.target is None:
            continue
        spec = parse_spec(item.target)
        for ref in spec.item_refs():
            assert not AWS_ID.match(ref), (item.id, ref)


def test_every_target_cost_is_priced_or_says_why() -> None:
    for item in synthetic_plan().items:
        if item.status not in ("mapped", "partial"):
            continue
        if item.cost.target_monthly_usd is None:
            assert any("not priced" in note for note in item.notes), item.id
        else:
            assert item.cost.basis, item.id


# --- compute -----------------------------------------------------------------------------------


def test_vm_keeps_its_type_zone_and_subnet_and_is_priced_from_the_catalog() -> None:
    plan = plan_of([VPC, SUBNET, vm()])
    item = item_for(plan, "i-1")
    spec = parse_spec(item.target or {})
    price, _ = catalog.instance_price("m5.xlarge", "us-east-1")
    assert item.status == "partial"  # the image cannot move
    assert spec.instance_type == "m5.xlarge" and spec.availability_zone == "us-east-1b"
    assert spec.subnet_item == item_for(plan, "subnet-1").id
    assert spec.tags == {"team": "web"}
    assert item.cost.target_monthly_usd == pytest.approx(round(price * 730, 2))
    assert any("karpenter" in basis and "2026-07-20" in basis for basis in item.cost.basis)


def test_vm_image_is_an_ssm_parameter_with_a_note_for_the_operator() -> None:
    item = item_for(plan_of([VPC, SUBNET, vm(architecture="arm64", instance_type="m6g.xlarge")]), "i-1")
    image = (item.target or {})["image"]
    assert image["ssm_parameter"].endswith("al2023-ami-kernel-default-arm64")
    assert image["ami"] is None and image["source_image_id"] == "ami-0source"
    assert any("ami-0source" in note and f"planner:ami-{item.id}" in note for note in item.notes)


def test_vm_type_not_offered_in_the_target_region_gets_the_cheapest_equivalent() -> None:
    region, instance_type = next(
        (region, it.name)
        for it in catalog.instance_types().values()
        if it.price_usd_per_hour_us_east_1 and not it.gpu_count and not it.burstable and not it.bare_metal
        and "us-east-1" in catalog.regions_offering(it.name)
        for region in sorted(catalog.offering_regions())
        if region not in catalog.regions_offering(it.name) and region != "us-east-1"
    )
    spec_type = catalog.instance_types()[instance_type]
    resource = vm(instance_type, vcpu=spec_type.vcpu, memory_mib=int(spec_type.memory_gib * 1024), architecture=spec_type.arch)
    item = item_for(plan_of([VPC, SUBNET, resource], {"us-east-1": region}), "i-1")
    spec = (item.target or {})
    chosen = catalog.instance_types()[spec["instance_type"]]
    assert spec["region"] == region and spec["instance_type"] != instance_type
    assert region in catalog.regions_offering(chosen.name)
    assert chosen.vcpu >= spec_type.vcpu and chosen.memory_gib >= spec_type.memory_gib
    assert any(f"{instance_type} is not offered in {region}" in note for note in item.notes)
    quote = catalog.instance_quote(chosen.name, region)  # the region's own row, else the us-east-1 proxy (noted)
    assert quote.price is not None and (not quote.note or quote.note in item.notes)


def test_instances_of_an_autoscaling_group_are_skipped_and_the_group_is_priced() -> None:
    template = {"key": "aws.ec2.launch_template", "id": "lt-1", "name": "web-lt", "props": {"instance_type": "m5.large", "image_id": "ami-0lt"}}
    group = {
        "key": "aws.autoscaling.group", "id": "arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:web", "name": "web-asg",
        "refs": ["lt-1", "subnet-1"],
        "props": {"min_size": 2, "max_size": 4, "desired_capacity": 3, "launch_template_id": "lt-1", "instance_type": "m5.large", "subnet_ids": ["subnet-1"]},
    }
    plan = plan_of([VPC, SUBNET, template, group, vm("m5.large", autoscaling_group="web-asg")])
    asg = item_for(plan, group["id"])
    price, _ = catalog.instance_price("m5.large", "us-east-1")
    assert item_for(plan, "i-1").status == "skipped"
    assert asg.status == "mapped"
    assert (asg.target or {})["launch_template_item"] == item_for(plan, "lt-1").id
    assert asg.cost.target_monthly_usd == pytest.approx(round(price * 730 * 3, 2))


def test_function_is_partial_and_keeps_runtime_memory_and_timeout() -> None:
    function = {
        "key": "aws.lambda.function", "id": "arn:aws:lambda:us-east-1:123456789012:function:thumb", "name": "thumb",
        "props": {"runtime": "python3.12", "memory_mb": 512, "timeout_s": 30, "handler": "app.handler", "env_var_names": ["BUCKET"]},
    }
    item = item_for(plan_of([function]), function["id"])
    target = item.target or {}
    assert item.status == "partial"
    assert (target["runtime"], target["memory_mb"], target["timeout_s"]) == ("python3.12", 512, 30)
    assert any("re-upload" in note for note in item.notes) and any("BUCKET" in note for note in item.notes)
    assert item.cost.target_monthly_usd is None and any("Lambda" in note and "not priced" in note for note in item.notes)


def test_task_images_from_ecr_point_at_the_new_repository_item() -> None:
    plan = synthetic_plan()
    task = next(item for item in plan.items if item.kind == "container.task")
    repository = next(item for item in plan.items if item.kind == "container.registry")
    container = (task.target or {})["containers"][0]
    assert container["repository_item"] == repository.id and container["image_tag"] == "1.4"
    assert container["port_mappings"][0]["container_port"] == 8080


# --- network -----------------------------------------------------------------------------------


def test_security_group_rules_refer_to_groups_by_item_id() -> None:
    web = {
        "key": "aws.ec2.security_group", "id": "sg-web", "name": "web", "refs": ["vpc-1"],
        "props": {"group_name": "web", "description": "web", "vpc_id": "vpc-1", "ingress": [
            {"protocol": "tcp", "from_port": 443, "to_port": 443, "cidrs": ["0.0.0.0/0"], "ipv6_cidrs": [], "source_group_ids": []}
        ], "egress": []},
    }
    db = {
        "key": "aws.ec2.security_group", "id": "sg-db", "name": "db", "refs": ["vpc-1", "sg-web"],
        "props": {"group_name": "db", "description": "db", "vpc_id": "vpc-1", "egress": [], "ingress": [
            {"protocol": "tcp", "from_port": 5432, "to_port": 5432, "cidrs": [], "ipv6_cidrs": [], "source_group_ids": ["sg-web", "sg-db"]}
        ]},
    }
    plan = plan_of([VPC, web, db])
    rule = (item_for(plan, "sg-db").target or {})["ingress"][0]
    assert rule["source_group_items"] == [item_for(plan, "sg-web").id]
    assert rule["self_reference"] is True
    assert (rule["from_port"], rule["to_port"], rule["protocol"]) == (5432, 5432, "tcp")
    assert (item_for(plan, "sg-db").target or {})["vpc_item"] == item_for(plan, "vpc-1").id


def test_nat_gateway_and_elastic_ip_are_priced_and_say_the_address_changes() -> None:
    plan = synthetic_plan()
    nat = next(item for item in plan.items if item.kind == "network.nat")
    address = next(item for item in plan.items if item.kind == "network.ip")
    nat_rate = catalog.rate("VPC", "NAT Gateway hourly", "us-east-1")
    assert nat_rate is not None and nat.cost.target_monthly_usd == pytest.approx(round(nat_rate.unit_price_usd * 730, 2))
    assert address.status == "partial" and any("cannot move" in note for note in address.notes)


def test_route_table_routes_point_at_gateway_items() -> None:
    plan = synthetic_plan()
    tables = [item for item in plan.items if item.kind == "network.route_table" and item.target]
    targets = {route.get("gateway_item") or route.get("nat_gateway_item") for item in tables for route in (item.target or {})["routes"]}
    kinds = {item.kind for item in plan.items if item.id in targets}
    assert kinds == {"network.gateway", "network.nat"}


# --- data and storage ---------------------------------------------------------------------------


def test_rds_keeps_engine_class_and_multi_az_and_replicas_refer_to_the_primary() -> None:
    plan = synthetic_plan()
    primary = next(item for item in plan.items if item.source.name == "orders")
    replica = next(item for item in plan.items if item.source.name == "orders-replica")
    assert (primary.target or {})["instance_class"] == "db.m5.large" and (primary.target or {})["multi_az"] is True
    assert (replica.target or {})["replica_source_item"] == primary.id
    # The same class, engine and deployment on both sides: the same list price (per-region RDS table, 2024-08).
    assert primary.cost.target_monthly_usd == primary.cost.source_monthly_usd == round(0.356 * 730 + 200 * 0.23, 2)


def test_rds_db_t3_large_is_priced_with_its_storage() -> None:
    billing = next(item for item in synthetic_plan().items if item.source.name == "billing")
    assert billing.cost.target_monthly_usd is not None and billing.cost.target_monthly_usd > 0
    assert any("db.t3.large" in basis for basis in billing.cost.basis)


def test_aurora_members_become_cluster_instances_of_the_cluster_item() -> None:
    plan = synthetic_plan()
    cluster = next(item for item in plan.items if item.kind == "db.sql.cluster")
    member = next(item for item in plan.items if item.source.name == "analytics-1")
    assert (member.target or {})["type"] == "aws.rds.cluster_instance"
    assert (member.target or {})["cluster_item"] == cluster.id


def test_volume_keeps_type_size_and_iops_and_prices_iops_above_the_gp3_baseline() -> None:
    volume = {
        "key": "aws.ec2.volume", "id": "vol-1", "name": "data",
        "props": {"size_gib": 100, "volume_type": "gp3", "iops": 4000, "throughput_mibps": 125, "availability_zone": "us-east-1b"},
    }
    item = item_for(plan_of([volume]), "vol-1")
    target = item.target or {}
    storage = catalog.rate("EBS", "EBS gp3 storage", "us-east-1")
    iops = catalog.rate("EBS", "EBS gp3 provisioned IOPS (above free baseline)", "us-east-1")
    assert storage is not None and iops is not None
    assert (target["size_gib"], target["volume_type"], target["iops"], target["availability_zone"]) == (100, "gp3", 4000, "us-east-1b")
    assert item.cost.target_monthly_usd == pytest.approx(round(100 * storage.unit_price_usd + 1000 * iops.unit_price_usd, 2))


def test_bucket_keeps_versioning_and_website_is_partial() -> None:
    bucket = {
        "key": "aws.s3.bucket", "id": "arn:aws:s3:::site", "name": "site",
        "props": {"size_bytes": 0, "versioning": "Enabled", "website": True},
    }
    item = item_for(plan_of([bucket]), bucket["id"])
    assert item.status == "partial"
    assert (item.target or {})["versioning"] == "Enabled" and (item.target or {})["website"] is True


def test_dynamodb_keeps_keys_and_billing_and_says_what_it_assumed() -> None:
    table = next(item for item in synthetic_plan().items if item.kind == "db.kv")
    target = table.target or {}
    assert [(key["name"], key["key_type"]) for key in target["keys"]] == [("pk", "HASH"), ("sk", "RANGE")]
    assert target["billing_mode"] in ("PAY_PER_REQUEST", "PROVISIONED")
    assert any("assumed string (S)" in note for note in table.notes)


# --- edge, messaging, security --------------------------------------------------------------------


def test_alias_record_points_at_the_new_load_balancer_item() -> None:
    plan = synthetic_plan()
    record = next(item for item in plan.items if item.source.name.startswith("www.example.com"))
    balancer = next(item for item in plan.items if item.source.name == "web" and item.kind == "lb")
    assert (record.target or {})["alias"] == {"target_item": balancer.id, "target_type": "lb", "evaluate_target_health": False}


def test_imported_certificate_is_manual_and_cloudfront_certificate_is_in_us_east_1() -> None:
    plan = synthetic_plan()
    imported = next(item for item in plan.items if item.id == "cert-legacy-example-org")
    distribution = next(item for item in plan.items if item.kind == "cdn")
    assert imported.status == "manual" and imported.manual is not None and imported.target is None
    assert (distribution.target or {})["region"] == "us-east-1"
    assert (distribution.target or {})["origins"][0]["bucket_item"] == "storage-object-assets-bucket"


def test_topic_subscriptions_refer_to_queue_and_function_items() -> None:
    plan = synthetic_plan()
    topic = next(item for item in plan.items if item.kind == "topic")
    endpoints = {sub["endpoint_item"]: sub["protocol"] for sub in (topic.target or {})["subscriptions"]}
    kinds = {item.kind: endpoints[item.id] for item in plan.items if item.id in endpoints}
    assert kinds == {"queue": "sqs", "function": "lambda"}


def test_role_secret_and_key_pair_are_partial_with_the_work_named() -> None:
    plan = synthetic_plan()
    role = next(item for item in plan.items if item.source.name == "thumbnailer-role")
    secret = next(item for item in plan.items if item.kind == "secret")
    key_pair = next(item for item in plan.items if item.kind == "compute.keypair")
    assert role.status == "partial" and any("inline policies" in note for note in role.notes)
    assert (role.target or {})["trusted_services"] == ["lambda.amazonaws.com"]
    assert secret.status == "partial" and any("value is never inventoried" in note for note in secret.notes)
    assert key_pair.status == "partial" and any(f"planner:publicKey-{key_pair.id}" in note for note in key_pair.notes)


def test_customer_kms_key_is_new_and_aws_managed_key_is_skipped() -> None:
    keys = {
        "CUSTOMER": {"key": "aws.kms.key", "id": "arn:aws:kms:us-east-1:123456789012:key/c", "name": "app",
                     "props": {"key_manager": "CUSTOMER", "key_spec": "SYMMETRIC_DEFAULT", "key_usage": "ENCRYPT_DECRYPT", "aliases": ["alias/app"]}},
        "AWS": {"key": "aws.kms.key", "id": "arn:aws:kms:us-east-1:123456789012:key/a", "name": "aws/ebs",
                "props": {"key_manager": "AWS", "aliases": ["alias/aws/ebs"]}},
    }
    plan = plan_of(list(keys.values()))
    assert item_for(plan, keys["CUSTOMER"]["id"]).status == "mapped"
    assert (item_for(plan, keys["CUSTOMER"]["id"]).target or {})["aliases"] == ["alias/app"]
    assert item_for(plan, keys["AWS"]["id"]).status == "skipped"
