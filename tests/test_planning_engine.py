"""The planning core on the synthetic inventory: one item per resource, ids, regions, costs, statuses."""

from __future__ import annotations

import copy
import json
import re
from typing import Any

import pytest
from fixtures.synthetic_inventory import JSON_PATH, synthetic_inventory

from planner import registry
from planner.core.contract import MappedTarget, MappingContext, TargetMapper
from planner.core.errors import UsageError
from planner.core.fileio import dump_json
from planner.core.kinds import source_types
from planner.core.model.inventory import Inventory, Resource
from planner.core.model.plan import Plan, PlanItem
from planner.planning.engine import build_plan, plan_summary
from providers.gcp import catalog as gcp_catalog


def _inventory(document: dict[str, Any] | None = None) -> Inventory:
    return Inventory.model_validate(document or synthetic_inventory())


def _echo_mapper(status: str = "mapped", **overrides: Any) -> TargetMapper:
    """A small mapper for the core's own paths: it records what the context hands it."""

    def map_any(resource: Resource, ctx: MappingContext) -> MappedTarget:
        region = ctx.target_region(resource.region)
        return MappedTarget(
            status=status,  # type: ignore[arg-type]
            target={
                "name": ctx.target_name(resource),
                "region": region,
                "zone": ctx.target_zone(region, resource.id) if region != "global" else None,
                "labels": ctx.labels(resource),
                "refs": sorted(filter(None, (ctx.item_id(ref) for ref in resource.refs))),
            },
            notes=[f"{status} by the test mapper"],
            target_monthly_usd=1.0,
        )

    kinds = {t.kind for t in source_types().values()}
    return TargetMapper(provider="gcp", functions={kind: map_any for kind in kinds}, **overrides)


@pytest.fixture(scope="module")
def plan() -> Plan:
    return build_plan(_inventory(), "gcp", mapper=_echo_mapper())


def _by_source(plan: Plan) -> dict[str, PlanItem]:
    return {item.source.id: item for item in plan.items}


def test_fixture_file_matches_its_generator() -> None:
    assert json.loads(JSON_PATH.read_text()) == synthetic_inventory()


def test_fixture_covers_every_supported_source_type() -> None:
    assert set(source_types()) <= {r["key"] for r in synthetic_inventory()["resources"]}


def test_every_resource_yields_exactly_one_item(plan: Plan) -> None:
    inventory = _inventory()
    assert sorted(item.source.id for item in plan.items) == sorted(r.id for r in inventory.resources)


def test_item_ids_are_valid_unique_and_depend_only_on_items(plan: Plan) -> None:
    ids = [item.id for item in plan.items]
    assert len(set(ids)) == len(ids) and ids == sorted(ids)
    assert all(re.fullmatch(r"[a-z][a-z0-9-]*", item_id) for item_id in ids)
    for item in plan.items:
        assert set(item.depends_on) <= set(ids) and item.id not in item.depends_on
    web = _by_source(plan)["i-0web1"]
    assert web.id == "compute-vm-web-1"
    assert {"network-subnet-app-a", "network-firewall-web", "storage-block-web-1-root"} <= set(web.depends_on)


def test_kind_group_stateful_from_the_kinds_table(plan: Plan) -> None:
    items = _by_source(plan)
    bucket = items["arn:aws:s3:::assets-bucket"]
    assert (bucket.kind, bucket.group, bucket.stateful) == ("storage.object", "storage", True)
    assert items["i-0web1"].kind == "compute.vm" and not items["i-0web1"].stateful


def test_provider_defaults_are_skipped_with_reasons(plan: Plan) -> None:
    items = _by_source(plan)
    for source_id in ["rtb-0main", "i-0gone",
                      "arn:aws:kms:us-east-1:123456789012:key/aws-ebs", "Z0EXAMPLE/example.com./NS",
                      "arn:aws:iam::123456789012:role/aws-service-role/elasticloadbalancing.amazonaws.com/AWSServiceRoleForElasticLoadBalancing"]:
        item = items[source_id]
        assert item.status == "skipped", source_id
        assert item.target is None and item.notes[0].startswith("skipped: ")
        assert item.cost.target_monthly_usd == 0.0
    assert items["vpc-0main"].status == "mapped"
    # On GCP the default VPC, subnet and group that instance i-0default uses are rebuilt (planning/defaults.py).
    assert {items[source_id].status for source_id in ["vpc-0default", "subnet-0default1", "sg-0default"]} == {"mapped"}


def test_data_bytes_facts_and_units(plan: Plan) -> None:
    items = _by_source(plan)
    gib = 1024**3
    assert items["arn:aws:s3:::assets-bucket"].data_bytes == 750 * gib
    assert items["vol-0gpu"].data_bytes == 500 * gib
    assert items["arn:aws:rds:us-east-1:123456789012:db:orders"].data_bytes == 200 * gib
    assert items["arn:aws:rds:us-east-1:123456789012:db:orders-replica"].data_bytes == 0
    assert items["arn:aws:dynamodb:us-east-1:123456789012:table/feed"].data_bytes == 12_000_000_000
    assert items["fs-0shared"].data_bytes == 80 * gib
    assert items["arn:aws:ecr:us-east-1:123456789012:repository/api"].data_bytes == 6 * gib
    assert items["i-0web1"].data_bytes == 0
    assert items["i-0web1"].unit_key == items["i-0web2"].unit_key == "asg:web-asg"
    assert items["i-0gpu"].unit_key == "image:ami-0a1b2c3d:g4dn.xlarge"
    assert items["i-0gpu"].facts["gpu_model"] == "NVIDIA T4" and items["i-0gpu"].facts["memory_gib"] == 16
    assert items["Z0EXAMPLE/api.example.com./CNAME"].facts["ttl"] == 300
    assert items["arn:aws:rds:us-east-1:123456789012:db:orders"].facts["multi_az"] is True
    assert items["arn:aws:ecs:us-east-1:123456789012:service/apps/api"].facts["replicas"] == 3


def test_source_costs_from_aws_list_prices(plan: Plan) -> None:
    items = _by_source(plan)
    assert items["i-0web1"].cost.source_monthly_usd == round(0.192 * 730, 2)
    assert items["vol-0web1"].cost.source_monthly_usd == 4.0  # 50 GB gp3 x $0.08
    assert items["i-0stopped"].cost.source_monthly_usd == 0.0
    assert items["i-0gone"].cost.source_monthly_usd == 0.0
    assert items["nat-0main"].cost.source_monthly_usd == 32.85
    bucket = items["arn:aws:s3:::assets-bucket"].cost
    assert bucket.source_monthly_usd is not None and any("S3 STANDARD_IA" in line for line in bucket.basis)
    eu = items["i-0eu"]  # m5.large: eu-west-1's own row, confidence high (aws_ec2_ondemand_by_region.csv)
    assert eu.cost.source_monthly_usd == round(0.107 * 730, 2)
    assert not any("proxy for eu-west-1" in note for note in eu.notes)
    orders = items["arn:aws:rds:us-east-1:123456789012:db:orders"]
    # db.m5.large PostgreSQL Multi-AZ ($0.356/h) + 200 GB gp3 Multi-AZ ($0.23/GB-month)
    assert orders.cost.source_monthly_usd == round(0.356 * 730 + 200 * 0.23, 2)
    assert orders.cost.source_complete is True  # type: ignore[attr-defined]
    dynamo = items["arn:aws:dynamodb:us-east-1:123456789012:table/feed"]
    # on-demand: 12 GB of storage at the us-east-2 row (0.25 USD/GB-month, a stated proxy); its index is not priced
    assert dynamo.cost.source_monthly_usd == round(12_000_000_000 / 1024**3 * 0.25, 2)
    assert dynamo.cost.source_complete is False  # type: ignore[attr-defined]
    assert any("global secondary indexes" in note for note in dynamo.notes)


def test_nearest_regions_that_offer_the_machines(plan: Plan) -> None:
    # eu-west-1 stays in the EU: the nearest EU region (europe-west2, London, is nearer but outside the EU)
    assert plan.target.region_map == {"eu-west-1": "europe-west1", "global": "us-east4", "us-east-1": "us-east4"}
    assert "nearest" in plan.target.region_basis["us-east-1"]  # type: ignore[attr-defined]
    for vm in ("i-0web1", "i-0gpu", "i-0arm", "i-0burst"):
        resource = _inventory().by_id()[vm]
        facts = {"vcpu": resource.props["vcpu"], "memory_gib": resource.props["memory_mib"] / 1024,
                 "gpu_count": resource.props["gpu_count"], "gpu_model": resource.props["gpu_model"],
                 "arch": resource.props["architecture"], "burstable": resource.props["burstable"]}
        assert gcp_catalog.can_host("us-east4", facts)


def test_arm_vm_narrows_the_region_choice() -> None:
    document = synthetic_inventory()
    document["resources"] = [r for r in document["resources"] if r["key"] != "aws.ec2.instance" or r["id"] == "i-0arm"]
    for resource in document["resources"]:
        if resource["id"] == "i-0arm":
            resource["props"].update(vcpu=48, memory_mib=192 * 1024)  # only t2a/c4a/n4a 48-vCPU Arm types fit
    plan = build_plan(_inventory(document), "gcp", mapper=_echo_mapper())
    chosen = plan.target.region_map["us-east-1"]
    assert gcp_catalog.cheapest_machine_type(chosen, 48, 192, arch="arm64").found


def test_region_map_overrides_and_is_validated() -> None:
    plan = build_plan(_inventory(), "gcp", {"us-east-1": "europe-west1", "global": "us-central1"}, mapper=_echo_mapper())
    assert plan.target.region_map["us-east-1"] == "europe-west1"
    assert plan.target.region_map["global"] == "us-central1"
    assert _by_source(plan)["i-0web1"].target["region"] == "europe-west1"  # type: ignore[index]
    with pytest.raises(UsageError, match="not a gcp region"):
        build_plan(_inventory(), "gcp", {"us-east-1": "us-east-1"}, mapper=_echo_mapper())


def test_zones_are_deterministic_and_belong_to_the_region(plan: Plan) -> None:
    zones, _ = gcp_catalog.zones("us-east4")
    web = _by_source(plan)["i-0web1"].target
    assert web is not None and web["zone"] in zones
    again = build_plan(_inventory(), "gcp", mapper=_echo_mapper())
    assert _by_source(again)["i-0web1"].target["zone"] == web["zone"]  # type: ignore[index]


def test_names_and_labels_follow_target_rules(plan: Plan) -> None:
    items = _by_source(plan)
    bucket = items["arn:aws:s3:::Legacy_Logs.2019"].target
    assert bucket is not None and bucket["name"] == "legacy-logs-2019"
    assets = items["arn:aws:s3:::assets-bucket"]
    assert assets.target is not None and assets.target["labels"] == {"cost_center": "r_d", "name": "assets"}
    assert any("aws:cloudformation:stack-name" in note for note in assets.notes)
    assert items["vpc-0main"].target["name"] == "main-vpc"  # type: ignore[index]


def test_same_inventory_gives_a_byte_identical_plan() -> None:
    first = dump_json(build_plan(_inventory(), "gcp", mapper=_echo_mapper()).model_dump(mode="json", by_alias=True))
    second = dump_json(build_plan(_inventory(), "gcp", mapper=_echo_mapper()).model_dump(mode="json", by_alias=True))
    assert first == second
    shuffled = synthetic_inventory()
    shuffled["resources"].reverse()
    third = build_plan(_inventory(shuffled), "gcp", mapper=_echo_mapper())
    assert [i.model_dump() for i in third.items] == [i.model_dump() for i in build_plan(_inventory(), "gcp", mapper=_echo_mapper()).items]


def test_partial_status_path() -> None:
    plan = build_plan(_inventory(), "gcp", mapper=_echo_mapper("partial"))
    item = _by_source(plan)["i-0web1"]
    assert item.status == "partial" and item.target is not None and "partial by the test mapper" in item.notes


def test_kind_without_mapping_is_manual_with_the_reason() -> None:
    mapper = TargetMapper(provider="gcp", functions={})
    plan = build_plan(_inventory(), "gcp", mapper=mapper)
    item = _by_source(plan)["i-0web1"]
    assert item.status == "manual" and item.target is None and item.manual is not None
    assert item.manual.reason.startswith("no gcp mapping for kind compute.vm yet: ")
    assert {i.status for i in plan.items} == {"manual", "skipped"}
    assert len(plan.items) == len(_inventory().resources)


def test_a_target_the_registry_does_not_list_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="unknown target 'azure'"):
        registry.target_mapper("azure")


def test_a_failing_mapping_becomes_manual_not_lost() -> None:
    def broken(resource: Resource, ctx: MappingContext) -> MappedTarget:
        raise KeyError("boom")

    mapper = TargetMapper(provider="gcp", functions={"compute.vm": broken})
    item = _by_source(build_plan(_inventory(), "gcp", mapper=mapper))["i-0web1"]
    assert item.status == "manual" and "failed on this resource (KeyError" in item.manual.reason  # type: ignore[union-attr]


def test_mapped_without_target_and_manual_without_work_are_repaired() -> None:
    def no_target(resource: Resource, ctx: MappingContext) -> MappedTarget:
        return MappedTarget(status="mapped")

    def bare_manual(resource: Resource, ctx: MappingContext) -> MappedTarget:
        return MappedTarget(status="manual", notes=["no equivalent on the target"])

    mapper = TargetMapper(provider="gcp", functions={"compute.vm": no_target, "queue": bare_manual})
    items = _by_source(build_plan(_inventory(), "gcp", mapper=mapper))
    assert items["i-0web1"].status == "manual" and "without a target spec" in items["i-0web1"].manual.reason  # type: ignore[union-attr]
    queue = items["arn:aws:sqs:us-east-1:123456789012:jobs"]
    assert queue.manual is not None and queue.manual.reason == "no equivalent on the target"


def test_unknown_source_type_and_dangling_ref_are_kept() -> None:
    document = synthetic_inventory()
    extra = copy.deepcopy(document["resources"][0])
    extra.update(key="aws.glue.job", id="glue-job-1", name="etl", refs=["i-0web1", "i-does-not-exist"], props={})
    document["resources"].append(extra)
    item = _by_source(build_plan(_inventory(document), "gcp", mapper=_echo_mapper()))["glue-job-1"]
    assert item.status == "manual" and item.kind == "unknown" and "not in the kinds table" in item.manual.reason  # type: ignore[union-attr]
    assert item.depends_on == ["compute-vm-web-1"]
    assert any("i-does-not-exist ignored" in note for note in item.notes)


def test_summary_and_catalogs(plan: Plan) -> None:
    summary = plan_summary(plan)
    assert sum(summary["by_status"].values()) == len(plan.items)
    assert summary["source_monthly_usd"] > 0
    names = {ref.name for ref in plan.target.catalogs}
    assert any(name.startswith("gcp_compute_machine_types") for name in names)
    assert any(name.startswith("aws_ec2_instance_types") for name in names)
    assert all(ref.price_date for ref in plan.target.catalogs)


@pytest.mark.parametrize("target", ["gcp", "aws"])
def test_real_target_mappers_keep_every_item(target: str) -> None:
    plan = build_plan(_inventory(), target)
    assert len(plan.items) == len(_inventory().resources)
    Plan.model_validate(plan.model_dump(mode="json", by_alias=True))


def test_unknown_target_is_a_usage_error() -> None:
    with pytest.raises(UsageError):
        build_plan(_inventory(), "azure")
