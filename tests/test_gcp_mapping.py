"""Mapping neutral kinds to Google Cloud specs: statuses, sizes, references, prices and their basis."""

from __future__ import annotations

import pytest

from planner.core.model.plan import Plan, PlanItem
from providers.gcp.mapping import FUNCTIONS, MAPPER, kinds_without_mapping
from providers.gcp.spec import SPEC_TYPES, parse_spec
from tests.gcp_fixtures import extended_inventory, gcp_plan


@pytest.fixture(scope="module")
def plan() -> Plan:
    return gcp_plan(extended_inventory())


def _item(plan: Plan, source_id_suffix: str) -> PlanItem:
    return next(item for item in plan.items if item.source.id.endswith(source_id_suffix))


def test_every_kind_has_a_mapping_function() -> None:
    assert kinds_without_mapping() == []
    assert MAPPER.provider == "gcp" and set(MAPPER.functions) == set(FUNCTIONS)


def test_no_mapping_fails_and_every_target_is_a_valid_spec(plan: Plan) -> None:
    assert not [item.id for item in plan.items if any("mapping of" in note and "failed" in note for note in item.notes)]
    for item in plan.items:
        if item.target is not None:
            assert parse_spec(item.target).type in SPEC_TYPES


def test_every_spec_type_is_produced(plan: Plan) -> None:
    assert {item.target["type"] for item in plan.items if item.target} == set(SPEC_TYPES)


def test_references_are_plan_item_ids_never_aws_ids(plan: Plan) -> None:
    ids = {item.id for item in plan.items}
    for item in plan.items:
        if item.target:
            referenced = parse_spec(item.target).referenced_ids()
            assert set(referenced) <= ids, item.id


def test_vm_right_sized_placed_and_priced(plan: Plan) -> None:
    item = _item(plan, "i-0eu")  # m5.large, 2 vCPU / 8 GiB, eu-west-1
    spec = item.target
    assert spec["vcpu"] >= 2 and spec["memory_gb"] >= 8
    assert spec["zone"].startswith(spec["region"]) and spec["region"].startswith("europe-")
    assert spec["labels"] == {"name": "eu-api", "env": "prod"}
    assert spec["network"] and spec["subnetwork"]
    assert item.status == "mapped" and item.cost.target_monthly_usd > 0
    assert any(spec["machine_type"] in line and "2026-07-30" in line for line in item.cost.basis)


def test_gpu_instance_gets_an_attached_t4(plan: Plan) -> None:
    spec = _item(plan, "i-0gpu").target
    assert spec["accelerator"] == {"type": "nvidia-tesla-t4", "count": 1}
    assert spec["machine_type"].startswith("n1-")
    assert spec["disks"] == [_item(plan, "vol-0gpu").id]


def test_instances_of_an_auto_scaling_group_become_the_group(plan: Plan) -> None:
    assert _item(plan, "i-0web1").status == "skipped"
    group = _item(plan, "autoScalingGroupName/web-asg")
    spec = group.target
    assert spec["instance_template"] == _item(plan, "lt-0web").id
    assert spec["min_replicas"] <= spec["target_size"] <= spec["max_replicas"]
    assert group.cost.target_monthly_usd and any("x" in line for line in group.cost.basis)


@pytest.mark.parametrize(("volume", "disk_type"), [("vol-0cold", "pd-standard"), ("vol-0gpu", "pd-ssd"),
                                                   ("vol-0fast", "hyperdisk-extreme")])
def test_disk_type_by_performance_class(plan: Plan, volume: str, disk_type: str) -> None:
    item = _item(plan, volume)
    assert item.target["disk_type"] == disk_type
    assert item.target["size_gb"] == {"vol-0cold": 2000, "vol-0gpu": 500, "vol-0fast": 500}[volume]
    assert item.cost.target_monthly_usd and item.cost.basis


def test_cloud_sql_tier_version_and_ha(plan: Plan) -> None:
    orders = _item(plan, ":db:orders")
    assert orders.target["tier"] == "db-custom-2-8192"
    assert orders.target["database_version"] == "POSTGRES_15"
    assert orders.target["availability_type"] == "REGIONAL"
    replica = _item(plan, ":db:orders-replica")
    assert replica.target["master"] == orders.id and replica.status == "partial"
    assert orders.cost.target_monthly_usd and any("Cloud SQL" in line for line in orders.cost.basis)


def test_unsupported_sql_version_is_upgraded_and_oracle_is_manual(plan: Plan) -> None:
    old = _item(plan, ":db:old-pg")
    assert old.target["database_version"] == "POSTGRES_9_6" and old.status == "partial"
    assert any("major-version upgrade" in note for note in old.notes)
    erp = _item(plan, ":db:erp")
    assert erp.status == "manual" and erp.manual and erp.target is None


def test_aurora_cluster_is_a_primary_and_its_first_member_folds_in(plan: Plan) -> None:
    cluster = next(i for i in plan.items if i.kind == "db.sql.cluster")
    assert cluster.status == "partial" and cluster.target["tier"].startswith("db-custom-")
    assert _item(plan, ":db:analytics-1").status == "skipped"


def test_caches_sized_from_node_memory_and_left_unpriced(plan: Plan) -> None:
    redis = _item(plan, "replicationgroup:sessions")
    assert redis.target["tier"] == "STANDARD_HA" and redis.target["memory_size_gb"] == 13
    assert redis.cost.target_monthly_usd is None
    assert any("Memorystore" in note and "not priced" in note for note in redis.notes)
    memcached = _item(plan, "cluster:fragments")
    assert memcached.target["type"] == "gcp.memcache.instance" and memcached.status == "partial"


def test_firewall_rules_from_security_groups(plan: Plan) -> None:
    app = _item(plan, "sg-0app")
    assert app.status == "partial"
    assert app.target["rules"][0]["source_tags"] == ["web"]
    # attached to no VM: its rules would apply to nothing on GCP (rule translation: tests/test_gcp_serving_plan.py)
    assert _item(plan, "sg-0locked").status == "skipped"


def test_routes_and_gateways(plan: Plan) -> None:
    routes = _item(plan, "rtb-0appliance")
    assert routes.status == "partial"
    assert routes.target["routes"][0]["next_hop_instance"] == _item(plan, "i-0burst").id
    assert any("pcx-0peer" in note for note in routes.notes)
    assert _item(plan, "rtb-0public").status == "skipped"
    assert _item(plan, "igw-0main").status == "skipped"


def test_dns_alias_points_at_the_new_load_balancer(plan: Plan) -> None:
    record = next(i for i in plan.items if i.kind == "dns.record" and i.target and i.target["address_from"])
    assert record.status == "partial" and record.target["record_type"] == "A"
    assert plan.by_id()[record.target["address_from"]].kind in ("lb", "network.ip", "cdn")


def test_statuses_of_kinds_with_no_full_equivalent(plan: Plan) -> None:
    by_kind = {item.kind: item for item in plan.items}
    assert by_kind["queue"].status == "partial" and by_kind["topic"].target["type"] == "gcp.pubsub.topic"
    assert by_kind["secret"].status == "partial" and any("copies the value" in n for n in by_kind["secret"].notes)
    run_by_service, job = _item(plan, "task-definition/api:7"), _item(plan, "task-definition/reports:3")
    assert run_by_service.status == "skipped" and any("Cloud Run service of api" in note for note in run_by_service.notes)
    assert job.target["type"] == "gcp.cloudrunv2.job" and job.status == "partial"
    daemon = _item(plan, "service/apps/log-agent")
    assert daemon.target["type"] == "gcp.container.workload" and daemon.target["workload_kind"] == "DaemonSet"
    roles = [i for i in plan.items if i.kind == "identity.role" and i.status != "skipped"]
    assert roles and all(role.target["type"] == "gcp.serviceaccount.account" for role in roles)
    inline = _item(plan, "role/thumbnailer-role")  # an inline policy the inventory cannot read: partial
    assert inline.status == "partial" and any("inline policies s3-read" in note for note in inline.notes)
    assert _item(plan, "role/ecs-task").target["project_roles"] == ["roles/logging.logWriter"]
    assert by_kind["compute.keypair"].status == "partial"
    imported = next(i for i in plan.items if i.kind == "cert" and i.status == "manual")
    assert "reissue" in imported.manual.work


def test_queue_limits_follow_pubsub(plan: Plan) -> None:
    queue = next(i for i in plan.items if i.kind == "queue" and i.target["dead_letter_queue"])
    assert 10 <= queue.target["ack_deadline_seconds"] <= 600
    assert plan.by_id()[queue.target["dead_letter_queue"]].kind == "queue"


def test_functions_by_runtime(plan: Plan) -> None:
    python = _item(plan, "function:thumbnailer").target
    assert python["type"] == "gcp.cloudfunctions2.function" and python["runtime"] == "python312"
    custom = _item(plan, "function:rust-api")
    assert custom.target["type"] == "gcp.cloudrun.service" and custom.status == "partial"


def test_priced_items_have_a_dated_basis_and_unpriced_ones_say_why(plan: Plan) -> None:
    for item in plan.items:
        if item.status not in ("mapped", "partial"):
            continue
        gcp_basis = [line for line in item.cost.basis if line.startswith("gcp ") or ": " in line and "gcp" in line]
        if item.cost.target_monthly_usd:
            assert any("20" in line for line in gcp_basis), item.id
        elif item.cost.target_monthly_usd is None:
            assert any("not priced" in note or "no " in note for note in item.notes), item.id
