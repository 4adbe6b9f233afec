"""A hand-made GCP target (real pulumi-gcp / pulumi-random classes) and the shared stack helpers.

The real `stacks.gcp` / `stacks.aws` are written elsewhere; these tests give
`planner preview` and `stacks.common` a small target of their own, installed
as `stacks.gcp` only for the test that asks for it (fixture `handmade_gcp_target`).
"""

from __future__ import annotations

import copy
import sys
import types
from typing import Any

import pulumi
import pulumi_gcp as gcp
import pulumi_random as random
import pytest

from planner.core.model.plan import Plan, PlanItem
from planner.pulumi_mocks import run_under_mocks
from stacks.common import (
    PlanGroup,
    PlanReferenceError,
    StackBuild,
    build_groups,
    check_references,
    derived,
    field,
    group_order,
    logical_name,
    manual_items,
    topological_order,
)
from stacks.common.derive import derive

SOURCE_IDS: tuple[str, ...] = (
    "vpc-0123456789abcdef0",
    "subnet-0123456789abcdef0",
    "i-0123456789abcdef0",
    "sg-0123456789abcdef0",
    "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
    "arn:aws:rds:us-east-1:123456789012:db:app",
)


def small_plan_document() -> dict[str, Any]:
    """A GCP plan: network, subnet, VM, database, one manual item; source ids everywhere descriptive."""

    def item(item_id: str, source_key: str, source_id: str, kind: str, group: str, **rest: Any) -> dict[str, Any]:
        return {
            "id": item_id,
            "source": {"key": source_key, "id": source_id, "region": "us-east-1", "name": item_id},
            "kind": kind,
            "group": group,
            "status": rest.pop("status", "mapped"),
            **rest,
        }

    return {
        "schema": "planner.plan/1",
        "tool": {"name": "planner", "version": "0.1.0"},
        "inventory": {
            "account_id": "123456789012",
            "regions": ["us-east-1"],
            "resource_count": 5,
            "generated_at": "2026-11-21T00:00:00Z",
            "sha256": "0" * 64,
        },
        "target": {"provider": "gcp", "region_map": {"us-east-1": "us-east4"}},
        "items": [
            item("net-main", "aws.ec2.vpc", SOURCE_IDS[0], "network.vpc", "network",
                 target={"type": "gcp.compute.network", "name": "main", "source_cidrs": ["10.0.0.0/16"]},
                 notes=[f"from {SOURCE_IDS[0]}"]),
            item("subnet-web", "aws.ec2.subnet", SOURCE_IDS[1], "network.subnet", "network",
                 target={"type": "gcp.compute.subnetwork", "name": "web", "region": "us-east4",
                         "network": "net-main", "ip_cidr_range": "10.0.1.0/24"},
                 depends_on=["net-main"]),
            item("vm-web-1", "aws.ec2.instance", SOURCE_IDS[2], "compute.vm", "compute", status="partial",
                 target={"type": "gcp.compute.instance", "name": "web-1", "region": "us-east4", "zone": "us-east4-a",
                         "machine_type": "e2-small", "subnetwork": "subnet-web", "boot_image": "debian-cloud/debian-12",
                         "boot_disk_gb": 20, "labels": {"app": "web"}, "source_security_groups": [SOURCE_IDS[3]]},
                 notes=[f"instance {SOURCE_IDS[2]} had security group {SOURCE_IDS[3]}"],
                 depends_on=["subnet-web"]),
            item("db-app", "aws.rds.instance", SOURCE_IDS[5], "db.sql", "data",
                 target={"type": "gcp.sql.database_instance", "name": "app", "region": "us-east4",
                         "database_version": "POSTGRES_16", "tier": "db-custom-2-7680"},
                 facts={"source_arn": SOURCE_IDS[5]}),
            item("kms-main", "aws.kms.key", SOURCE_IDS[4], "kms.key", "security", status="manual",
                 manual={"reason": "KMS keys cannot leave AWS", "work": f"re-encrypt data under {SOURCE_IDS[4]}"}),
        ],
    }


# ---- the hand-made target: stacks.common conventions, real provider classes ----


def _network(component: PlanGroup, item: PlanItem) -> pulumi.Resource:
    return gcp.compute.Network(
        logical_name(item), name=field(item, "name"), auto_create_subnetworks=False, opts=component.child_opts()
    )


def _subnetwork(component: PlanGroup, item: PlanItem) -> pulumi.Resource:
    return gcp.compute.Subnetwork(
        logical_name(item),
        name=field(item, "name"),
        region=field(item, "region"),
        ip_cidr_range=field(item, "ip_cidr_range"),
        network=component.registry.output(field(item, "network"), "id", wanted_by=item.id),
        opts=component.child_opts(),
    )


def _instance(component: PlanGroup, item: PlanItem) -> pulumi.Resource:
    boot: dict[str, Any] = {}
    if field(item, "boot_image", None):
        params = gcp.compute.InstanceBootDiskInitializeParamsArgs(
            image=field(item, "boot_image"), size=field(item, "boot_disk_gb")
        )
        boot["boot_disk"] = gcp.compute.InstanceBootDiskArgs(initialize_params=params)
    instance = gcp.compute.Instance(
        logical_name(item),
        name=field(item, "name"),
        machine_type=field(item, "machine_type"),
        zone=field(item, "zone"),
        labels=field(item, "labels", {}),
        network_interfaces=[
            gcp.compute.InstanceNetworkInterfaceArgs(
                subnetwork=component.registry.output(field(item, "subnetwork"), "self_link", wanted_by=item.id)
            )
        ],
        opts=component.child_opts(),
        **boot,
    )
    component.export(item, "internal_ip", derive(derived.first_network_ip, instance.network_interfaces))
    return instance


def _database(component: PlanGroup, item: PlanItem) -> pulumi.Resource:
    database = gcp.sql.DatabaseInstance(
        logical_name(item),
        name=field(item, "name"),
        region=field(item, "region"),
        database_version=field(item, "database_version"),
        settings=gcp.sql.DatabaseInstanceSettingsArgs(tier=field(item, "tier")),
        deletion_protection=True,
        opts=component.child_opts(),
    )
    password = random.RandomPassword(logical_name(item, "password"), length=24, special=False, opts=component.child_opts())
    gcp.sql.User(
        logical_name(item, "user"), instance=database.name, name="app", password=password.result, opts=component.child_opts()
    )
    component.registry.register(item.id, password, role="password")
    component.export(item, "connection_name", database.connection_name)
    return database


class _Network(PlanGroup):
    provider = "gcp"
    group = "network"
    builders = {"network.vpc": _network, "network.subnet": _subnetwork}


class _Compute(PlanGroup):
    provider = "gcp"
    group = "compute"
    builders = {"compute.vm": _instance}


class _Data(PlanGroup):
    provider = "gcp"
    group = "data"
    builders = {"db.sql": _database}


def handmade_build(plan: Plan) -> dict[str, pulumi.Input[Any]]:
    build = build_groups(plan, {"network": _Network, "compute": _Compute, "data": _Data})
    registry = build.registry
    return {
        "items": build.item_outputs(),
        "db_app_password": pulumi.Output.secret(registry.output("db-app", "result", wanted_by="db-app", role="password")),
        "manual_items": manual_items(plan),
    }


@pytest.fixture
def handmade_gcp_target(monkeypatch: pytest.MonkeyPatch) -> types.ModuleType:
    """Install the hand-made target as `stacks.gcp` for one test."""
    module = types.ModuleType("stacks.gcp")
    module.build = handmade_build  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "stacks.gcp", module)
    return module


# ---- stacks.common ----


def _plan(document: dict[str, Any] | None = None) -> Plan:
    return Plan.model_validate(document or small_plan_document())


def test_build_groups_makes_one_component_per_group_with_children() -> None:
    run = run_under_mocks(lambda: [pulumi.export(k, v) for k, v in handmade_build(_plan()).items()])
    counts = run.counts_by_type()
    assert counts["planner:gcp:Network"] == counts["planner:gcp:Compute"] == counts["planner:gcp:Data"] == 1
    assert counts["gcp:compute/instance:Instance"] == 1 and counts["random:index/randomPassword:RandomPassword"] == 1
    assert "planner:gcp:Security" not in counts  # manual items make no component and no resource
    instance = run.of_type("gcp:compute/instance:Instance")[0]
    assert "planner:gcp:Compute::compute" in instance.parent_urn
    assert instance.inputs["machineType"] == "e2-small" and instance.inputs["labels"] == {"app": "web"}
    subnet = run.of_type("gcp:compute/subnetwork:Subnetwork")[0]
    assert instance.inputs["networkInterfaces"][0]["subnetwork"] == "https://mock.invalid/subnetwork/subnet-web"
    assert subnet.inputs["network"] == "net-main-id"
    assert [entry["id"] for entry in run.outputs["manual_items"]] == ["kms-main"]


def test_topological_order_puts_dependencies_first_and_keeps_plan_order_otherwise() -> None:
    document = small_plan_document()
    document["items"].reverse()
    ordered = [item.id for item in topological_order(_plan(document).items)]
    assert ordered.index("net-main") < ordered.index("subnet-web") < ordered.index("vm-web-1")
    assert ordered.index("kms-main") < ordered.index("db-app")  # no dependency between them: plan order


def test_cycle_is_reported_with_the_items_where_order_matters() -> None:
    document = small_plan_document()
    document["items"][0]["depends_on"] = ["vm-web-1"]
    check_references(_plan(document))  # both-way references are common in AWS; not an error by themselves
    with pytest.raises(PlanReferenceError, match=r"dependency cycle through 'net-main', 'subnet-web', 'vm-web-1'"):
        topological_order(_plan(document).items)


def test_dangling_dependency_names_both_items() -> None:
    document = small_plan_document()
    document["items"][2]["depends_on"] = ["subnet-gone"]
    with pytest.raises(PlanReferenceError, match=r"plan item 'vm-web-1': depends_on 'subnet-gone', which is not an item"):
        check_references(_plan(document))


def test_group_order_follows_references_between_groups() -> None:
    assert group_order(_plan()) == ["network", "security", "data", "compute"]


def test_item_needing_a_manual_item_is_listed_as_manual_not_built() -> None:
    document = copy.deepcopy(small_plan_document())
    document["items"][2]["target"]["subnetwork"] = "kms-main"
    builds: list[StackBuild] = []
    run = run_under_mocks(lambda: builds.append(
        build_groups(_plan(document), {"network": _Network, "compute": _Compute, "data": _Data})))
    assert "gcp:compute/instance:Instance" not in run.counts_by_type()
    [entry] = [entry for entry in builds[0].runtime_manual if entry["id"] == "vm-web-1"]
    assert "refers to 'kms-main', which is manual and creates no resource" in entry["reason"]
    assert not builds[0].registry.creates_resource("vm-web-1")


def test_a_run_does_not_see_the_previous_runs_outputs() -> None:
    run_under_mocks(lambda: pulumi.export("first", 1))
    assert run_under_mocks(lambda: pulumi.export("second", 2)).outputs == {"second": 2}
