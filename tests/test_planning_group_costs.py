"""Auto Scaling groups: the members' source cost sits on the group's item, next to the target cost."""

from __future__ import annotations

from typing import Any

import pytest

from planner.core.fileio import dump_json
from planner.core.members import launched_by
from planner.core.model.inventory import Inventory, Resource
from planner.core.model.plan import Plan, PlanItem
from planner.planning.engine import build_plan, plan_summary
from providers.aws import catalog
from providers.aws.source_cost import source_cost

GROUP_ID = "arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:uuid:autoScalingGroupName/web"
MEMBERS = ("i-member1", "i-member2")
MEMBER_VOLUMES = ("vol-member1", "vol-member2")


def _instance(instance_id: str, **props: Any) -> dict[str, Any]:
    return {
        "key": "aws.ec2.instance", "id": instance_id, "name": instance_id,
        "refs": ["subnet-1"],
        "props": {
            "instance_type": "m5.large", "state": "running", "vcpu": 2, "memory_mib": 8192, "gpu_count": 0,
            "architecture": "x86_64", "burstable": False, "image_id": "ami-0source", "platform": "linux",
            "availability_zone": "us-east-1b", "subnet_id": "subnet-1", **props,
        },
    }


def _volume(volume_id: str, instance_id: str, size_gib: int = 8, volume_type: str = "gp2") -> dict[str, Any]:
    return {
        "key": "aws.ec2.volume", "id": volume_id, "name": volume_id,
        "props": {"size_gib": size_gib, "volume_type": volume_type, "availability_zone": "us-east-1b",
                  "attached_instance_ids": [instance_id], "state": "in-use"},
    }


def _resources(member_type: str = "m5.large") -> list[dict[str, Any]]:
    return [
        {"key": "aws.ec2.vpc", "id": "vpc-1", "name": "main", "props": {"cidr_block": "10.0.0.0/16", "is_default": False}},
        {"key": "aws.ec2.subnet", "id": "subnet-1", "name": "app-a", "refs": ["vpc-1"],
         "props": {"cidr_block": "10.0.1.0/24", "availability_zone": "us-east-1b", "vpc_id": "vpc-1"}},
        {"key": "aws.ec2.launch_template", "id": "lt-1", "name": "web",
         "props": {"instance_type": "m5.large", "image_id": "ami-0source"}},
        {"key": "aws.autoscaling.group", "id": GROUP_ID, "name": "web", "refs": ["lt-1", "subnet-1", *MEMBERS],
         "props": {"min_size": 2, "max_size": 4, "desired_capacity": 2, "launch_template_id": "lt-1",
                   "instance_type": "m5.large", "subnet_ids": ["subnet-1"], "instance_ids": list(MEMBERS)}},
        *(_instance(i, instance_type=member_type, autoscaling_group="web", launch_template_id="lt-1",
                    volume_ids=[v]) for i, v in zip(MEMBERS, MEMBER_VOLUMES, strict=True)),
        *(_volume(v, i) for i, v in zip(MEMBERS, MEMBER_VOLUMES, strict=True)),
        _instance("i-alone", volume_ids=["vol-alone"]),
        _volume("vol-alone", "i-alone", size_gib=100, volume_type="gp3"),
    ]


def _inventory(resources: list[dict[str, Any]]) -> Inventory:
    return Inventory.model_validate({
        "schema": "planner.inventory/1", "generated_at": "2026-11-21T10:00:00Z", "tool": {"version": "test"},
        "source": {"account_id": "123456789012", "regions": ["us-east-1"]},
        "resources": [{"region": "us-east-1", "tags": {}, "refs": [], **resource} for resource in resources],
    })


def _item(plan: Plan, source_id: str) -> PlanItem:
    return next(item for item in plan.items if item.source.id == source_id)


def _raw_source_usd(resource_id: str, inventory: Inventory) -> float:
    return source_cost(inventory.by_id()[resource_id]).monthly_usd or 0.0


@pytest.mark.parametrize("target", ["gcp", "aws"])
def test_members_source_cost_moves_onto_the_group_item(target: str) -> None:
    inventory = _inventory(_resources())
    plan = build_plan(inventory, target)
    group = _item(plan, GROUP_ID)
    member_ids = (*MEMBERS, *MEMBER_VOLUMES)
    expected = round(sum(_raw_source_usd(member, inventory) for member in member_ids), 2)
    assert expected > 0
    assert group.cost.source_monthly_usd == pytest.approx(expected)
    counted_line = next(line for line in group.cost.basis if "member(s) of this group counted here" in line)
    for member in member_ids:
        item = _item(plan, member)
        assert item.status == "skipped", (member, item.notes)
        assert item.cost.source_monthly_usd == 0.0 and item.cost.target_monthly_usd == 0.0
        assert any(f"counted in {group.id}" in note for note in item.notes), item.notes
        assert item.id in counted_line
    assert ("source EC2 m5.large: $0.096/hour x 730 h (Linux on-demand, us-east-1 list, "
            "aws/karpenter-provider-aws@6fc13b5236fd zz_generated.pricing_aws.go, 2026-07-20)") in group.cost.basis


@pytest.mark.parametrize("target", ["gcp", "aws"])
def test_moving_member_costs_keeps_the_plan_totals(target: str) -> None:
    inventory = _inventory(_resources())
    plan = build_plan(inventory, target)
    every_source = round(sum(_raw_source_usd(resource.id, inventory) for resource in inventory.resources), 2)
    assert plan_summary(plan)["source_monthly_usd"] == pytest.approx(every_source)
    # The standalone instance and its volume keep their own cost.
    assert _item(plan, "i-alone").cost.source_monthly_usd == pytest.approx(_raw_source_usd("i-alone", inventory))
    assert _item(plan, "vol-alone").cost.source_monthly_usd == pytest.approx(_raw_source_usd("vol-alone", inventory))
    assert _item(plan, "vol-alone").status == "mapped"


def test_aws_target_prices_the_member_volumes_on_the_group() -> None:
    plan = build_plan(_inventory(_resources()), "aws")
    group = _item(plan, GROUP_ID)
    instance_price, _ = catalog.instance_price("m5.large", "us-east-1")
    gp2, _ = catalog.ebs_rate("gp2", "us-east-1")
    assert instance_price is not None and gp2 is not None
    assert group.cost.target_monthly_usd == pytest.approx(round(instance_price * 730 * 2 + gp2.unit_price_usd * 16, 2))
    assert any(line.startswith("member volumes 2 x 8 GiB EBS gp2: 16 GB-month") for line in group.cost.basis)
    volume = _item(plan, "vol-member1")
    assert volume.target is None and f"the rebuilt group item {group.id}" in volume.notes[0]
    # Before -> after on the group item compares the same things: instances and their volumes.
    assert group.cost.source_monthly_usd == group.cost.target_monthly_usd


def test_a_member_with_no_source_price_leaves_the_group_incomplete() -> None:
    resources = _resources()
    unknown = _instance("i-odd", instance_type="zz9.huge", autoscaling_group="web", launch_template_id="lt-1")
    plan = build_plan(_inventory([*resources, unknown]), "gcp")
    group = _item(plan, GROUP_ID)
    odd = _item(plan, "i-odd")
    assert odd.cost.source_monthly_usd == 0.0 and any("counted in" in note for note in odd.notes)
    assert group.cost.source_complete is False  # type: ignore[attr-defined]
    assert any(f"member(s) {odd.id} not priced" in note for note in group.notes)


def test_a_volume_shared_with_an_instance_outside_the_group_keeps_its_cost_and_is_rebuilt() -> None:
    resources = _resources()
    shared = _volume("vol-shared", "i-member1", size_gib=50, volume_type="io2")
    shared["props"]["attached_instance_ids"] = ["i-member1", "i-alone"]
    inventory = _inventory([*resources, shared])
    plan = build_plan(inventory, "aws")
    item = _item(plan, "vol-shared")
    assert item.status == "mapped"
    assert item.cost.source_monthly_usd == pytest.approx(_raw_source_usd("vol-shared", inventory))


def test_a_terminated_member_is_not_counted_on_the_group() -> None:
    gone = _instance("i-gone", autoscaling_group="web", state="terminated")
    plan = build_plan(_inventory([*_resources(), gone]), "gcp")
    item = _item(plan, "i-gone")
    assert item.status == "skipped" and not any("counted in" in note for note in item.notes)
    assert item.id not in " ".join(_item(plan, GROUP_ID).cost.basis)


@pytest.mark.parametrize("target", ["gcp", "aws"])
def test_group_costs_are_deterministic(target: str) -> None:
    resources = _resources()
    first = build_plan(_inventory(resources), target)
    second = build_plan(_inventory(list(reversed(resources))), target)
    assert dump_json(first.model_dump(mode="json")) == dump_json(build_plan(_inventory(resources), target).model_dump(mode="json"))
    assert _item(first, GROUP_ID).cost == _item(second, GROUP_ID).cost


def test_member_lookup_matches_group_by_name_or_id_in_its_own_region() -> None:
    group = Resource.model_validate({**_resources()[3], "region": "us-east-1", "tags": {}})
    by_name = Resource.model_validate({**_instance("i-a", autoscaling_group="web"), "region": "us-east-1", "tags": {}})
    by_id = Resource.model_validate({**_instance("i-b", autoscaling_group=GROUP_ID), "region": "us-east-1", "tags": {}})
    elsewhere = Resource.model_validate({**_instance("i-c", autoscaling_group="web"), "region": "eu-west-1", "tags": {}})
    assert launched_by(by_name, group) and launched_by(by_id, group)
    assert not launched_by(elsewhere, group)
