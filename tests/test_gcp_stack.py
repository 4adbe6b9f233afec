"""The GCP stack under Pulumi mocks with the real pulumi-gcp classes."""

from __future__ import annotations

import json

import pulumi
import pytest
from pulumi.runtime import rpc

from planner.core.model.plan import Plan
from planner.pulumi_mocks import MockRun, run_under_mocks
from providers.gcp.spec import SPEC_TYPES
from stacks.common.errors import StackProgramError
from stacks.gcp import COMPONENTS, build
from tests.gcp_fixtures import extended_inventory, gcp_plan


def _run(plan: Plan) -> MockRun:
    def program() -> None:
        for name, value in build(plan).items():
            pulumi.export(name, value)

    return run_under_mocks(program, config={"gcp:project": "demo"})


@pytest.fixture(scope="module")
def plan() -> Plan:
    return gcp_plan(extended_inventory())


@pytest.fixture(scope="module")
def run(plan: Plan) -> MockRun:
    return _run(plan)


def _by_name(run: MockRun, type_token: str, name: str):  # noqa: ANN202 - MockedResource
    return next(r for r in run.of_type(type_token) if r.name == name)


def _item_id(plan: Plan, suffix: str) -> str:
    return next(item.id for item in plan.items if item.source.id.endswith(suffix))


def test_every_spec_type_has_a_builder() -> None:
    builders = {spec_type for component in COMPONENTS.values() for spec_type in component.spec_builders}
    assert builders == set(SPEC_TYPES)


def test_every_buildable_item_creates_resources(plan: Plan, run: MockRun) -> None:
    names = {resource.name for resource in run.resources}
    for item in plan.items:
        empty_firewall = item.target and item.target["type"] == "gcp.compute.firewall" and not item.target["rules"]
        # A listener rule lives inside its listener's URL map (stacks/gcp/lb_rule.py): no resource of its own.
        built_elsewhere = item.target and item.target["type"] in ("gcp.compute.os_login", "gcp.compute.url_map_rule")
        # A GKE workload is a Kubernetes manifest the stack exports (pulumi-gcp creates no Kubernetes objects).
        manifest_only = item.target and item.target["type"] == "gcp.container.workload"
        if manifest_only:
            manifest = json.loads(run.outputs["items"][item.id]["kubernetes_manifest"])
            assert manifest["kind"] in ("Deployment", "DaemonSet") and manifest["spec"]["template"]["spec"]["containers"]
        elif item.status in ("mapped", "partial") and not built_elsewhere and not empty_firewall:
            assert any(name == item.id or name.startswith(f"{item.id}-") for name in names), item.id
    counts = run.counts_by_type()
    assert counts["gcp:compute/instance:Instance"] == sum(1 for i in plan.items if i.kind == "compute.vm" and i.target)
    assert counts["gcp:sql/databaseInstance:DatabaseInstance"] == 5
    assert counts["gcp:compute/regionInstanceGroupManager:RegionInstanceGroupManager"] == 2  # web-asg and the legacy batch-asg (launch configuration)
    assert counts["gcp:compute/forwardingRule:ForwardingRule"] == 1  # the public NLB
    assert counts["gcp:compute/route:Route"] == 1
    assert counts["gcp:cloudrunv2/service:Service"] == 2  # the ECS service and the custom-runtime function
    assert counts["gcp:cloudrunv2/job:Job"] == 1  # the reports task no service runs


def test_components_group_their_children(run: MockRun) -> None:
    assert {r.type for r in run.resources if not r.custom} == {f"planner:gcp:{g.capitalize()}" for g in COMPONENTS}
    instance = run.of_type("gcp:compute/instance:Instance")[0]
    assert "planner:gcp:Compute" in instance.parent_urn


def test_properties_flow_through(plan: Plan, run: MockRun) -> None:
    vm_item = plan.by_id()[_item_id(plan, "i-0eu")]
    vm = _by_name(run, "gcp:compute/instance:Instance", vm_item.id)
    assert vm.inputs["machineType"] == vm_item.target["machine_type"]
    assert vm.inputs["zone"] == vm_item.target["zone"]
    assert vm.inputs["labels"] == {"name": "eu-api", "env": "prod"}
    disk = _by_name(run, "gcp:compute/disk:Disk", _item_id(plan, "vol-0cold"))
    assert disk.inputs["size"] == 2000 and disk.inputs["type"] == "pd-standard"
    sql = _by_name(run, "gcp:sql/databaseInstance:DatabaseInstance", _item_id(plan, ":db:orders"))
    assert sql.inputs["settings"]["tier"] == "db-custom-2-8192"
    assert sql.inputs["settings"]["availabilityType"] == "REGIONAL"
    gpu = _by_name(run, "gcp:compute/instance:Instance", _item_id(plan, "i-0gpu"))
    assert gpu.inputs["guestAccelerators"] == [{"type": "nvidia-tesla-t4", "count": 1}]


def test_references_are_outputs_of_built_resources(plan: Plan, run: MockRun) -> None:
    network_id = _item_id(plan, "vpc-0default")  # the first VPC in plan order builds the network vpc-0main joins
    subnet = _by_name(run, "gcp:compute/subnetwork:Subnetwork", _item_id(plan, "subnet-0app1"))
    assert subnet.inputs["network"] == f"{network_id}-id"  # the mock id of the network resource
    gpu = _by_name(run, "gcp:compute/instance:Instance", _item_id(plan, "i-0gpu"))
    assert gpu.inputs["attachedDisks"] == [{"source": f"https://mock.invalid/disk/{_item_id(plan, 'vol-0gpu')}"}]
    replica = _by_name(run, "gcp:sql/databaseInstance:DatabaseInstance", _item_id(plan, ":db:orders-replica"))
    assert replica.inputs["masterInstanceName"] == "orders"


def _is_secret(value: object) -> bool:
    return isinstance(value, dict) and value.get(rpc._special_sig_key) == rpc._special_secret_sig  # noqa: SLF001

def test_database_passwords_are_generated_secret_and_never_exported(run: MockRun) -> None:
    assert run.of_type("random:index/randomPassword:RandomPassword")
    users = run.of_type("gcp:sql/user:User")
    assert users and all(_is_secret(user.inputs["password"]) for user in users)
    versions = run.of_type("gcp:secretmanager/secretVersion:SecretVersion")
    assert len(versions) == len(users) and all(_is_secret(v.inputs["secretData"]) for v in versions)
    assert "mock-random-value" not in json.dumps(run.outputs, default=str)
    assert run.outputs["sql_connection_names"]


def test_manual_items_create_nothing_and_are_listed(plan: Plan, run: MockRun) -> None:
    manual = {item.id for item in plan.items if item.status == "manual"}
    assert manual
    assert {entry["id"] for entry in run.outputs["manual_items"]} == manual
    assert all(entry["reason"] and entry["work"] for entry in run.outputs["manual_items"])
    assert not [r.name for r in run.resources if r.name in manual or any(r.name.startswith(f"{m}-") for m in manual)]


def test_dns_alias_record_uses_the_load_balancer_address(plan: Plan, run: MockRun) -> None:
    record_item = next(i for i in plan.items if i.kind == "dns.record" and i.target and i.target["address_from"])
    record = _by_name(run, "gcp:dns/recordSet:RecordSet", record_item.id)
    assert record.inputs["rrdatas"] == ["192.0.2.10"] and record.inputs["type"] == "A"
    assert run.outputs["addresses"][record_item.target["address_from"]] == "192.0.2.10"


def test_a_broken_reference_fails_naming_the_item(plan: Plan) -> None:
    broken = plan.model_copy(deep=True)
    subnet = next(item for item in broken.items if item.kind == "network.subnet" and item.target)
    subnet.target["network"] = "no-such-item"
    with pytest.raises(StackProgramError, match=subnet.id):
        _run(broken)


def test_refuses_a_plan_for_another_target(plan: Plan) -> None:
    other = plan.model_copy(deep=True)
    other.target.provider = "aws"
    with pytest.raises(StackProgramError, match="target 'gcp'"):
        build(other)
