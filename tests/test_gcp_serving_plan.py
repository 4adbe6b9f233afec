"""What the GCP plan must hold for `pulumi up` on a fresh project to serve (issue 10), on small inventories."""

from __future__ import annotations

import pytest

from planner.core.model.plan import Plan
from providers.gcp.kinds._machine import hyperdisk_only
from providers.gcp.kinds.dns import fully_qualified
from providers.gcp.kinds.file_share import FILESTORE_CAPACITY_GIB, capacity_for
from providers.gcp.kinds.function import FUNCTION_RUNTIMES
from stacks.gcp._function_source import PLACEHOLDER_FILES, runtime_family
from tests.test_gcp_serving_support import (
    BUCKET,
    CERT,
    DB,
    ECS_CLUSTER,
    QUEUE_DLQ,
    QUEUE_FEED,
    QUEUE_MAIL,
    TOPIC,
    group,
    instance,
    item,
    plan_of,
    res,
    rule,
    serving_resources,
    subnet,
    vpc,
)


@pytest.fixture(scope="module")
def plan() -> Plan:
    return plan_of(serving_resources())


# 13. Region jurisdiction -----------------------------------------------------------------------------------------

def _eu_resources() -> list[dict]:
    return [vpc("vpc-0eu", "10.5.0.0/16", "eu-west-1"), subnet("subnet-0eu", "vpc-0eu", "10.5.1.0/24", "eu-west-1"),
            instance("i-0eu", "subnet-0eu", "vpc-0eu", region="eu-west-1")]


def test_an_eu_source_region_maps_to_an_eu_region_and_says_it_changes_country() -> None:
    plan = plan_of(_eu_resources())
    assert plan.target.region_map["eu-west-1"] in {"europe-west1", "europe-west4", "europe-west9", "europe-west3"}
    assert any("within the EU" in note for note in plan.target.region_notes)
    assert all(any("data residency" in n for n in i.notes) for i in plan.items if i.status != "skipped")


def test_a_region_map_out_of_the_eu_is_a_region_note_and_a_note_on_every_item_it_moves() -> None:
    plan = plan_of(_eu_resources(), {"eu-west-1": "europe-west2"})
    assert plan.target.region_map["eu-west-1"] == "europe-west2"
    assert any("out of the EU into GB" in note for note in plan.target.region_notes)
    moved = [i for i in plan.items if i.status != "skipped"]
    assert moved and all(any("out of the EU into GB" in n for n in i.notes) for i in moved)


def test_the_aws_target_keeps_the_region_and_adds_no_residency_note() -> None:
    plan = plan_of(_eu_resources(), target="aws")
    assert plan.target.region_map["eu-west-1"] == "eu-west-1" and not plan.target.region_notes


# 12. VPC networks are global ---------------------------------------------------------------------------------------

def test_non_overlapping_vpcs_share_one_network(plan: Plan) -> None:
    east, west = item(plan, "vpc-0east"), item(plan, "vpc-0west")
    assert east.status == "mapped" and west.status == "skipped"
    assert any(f"merged into network {east.id}" in n for n in west.notes)
    assert item(plan, "subnet-0west").target["network"] == east.id
    assert item(plan, "i-0standby").target["network"] == east.id
    assert set(east.target["source_cidrs"]) == {"10.0.0.0/16", "10.1.0.0/16"}


def test_overlapping_vpcs_stay_separate_networks_with_a_note() -> None:
    plan = plan_of([vpc("vpc-0a", "10.0.0.0/16"), vpc("vpc-0b", "10.0.128.0/17", "us-west-2")])
    first, second = item(plan, "vpc-0a"), item(plan, "vpc-0b")
    assert first.status == second.status == "mapped"
    assert any("overlap" in n and first.id in n for n in second.notes)


def test_a_cluster_without_subnets_takes_its_services_network(plan: Plan) -> None:
    cluster = item(plan, ECS_CLUSTER).target
    assert cluster["network"] == item(plan, "vpc-0east").id and cluster["subnetwork"] == item(plan, "subnet-0east").id


# 3. Firewalls ----------------------------------------------------------------------------------------------------

def test_a_rule_from_a_load_balancer_group_admits_the_proxy_and_health_check_ranges(plan: Plan) -> None:
    rules = item(plan, "sg-0web").target["rules"]
    assert [r["ranges"] for r in rules] == [["35.191.0.0/16", "130.211.0.0/22"]]
    assert not any(r["source_tags"] for r in rules)


@pytest.mark.parametrize(("group", "says"), [("sg-0db", "private IP"), ("sg-0alb", "Cloud Armor")])
def test_groups_of_no_vm_build_no_rules(plan: Plan, group: str, says: str) -> None:
    firewall = item(plan, group)
    assert firewall.status == "skipped" and firewall.target is None
    assert any(says in note for note in firewall.notes)


# 4. DNS names in rdata -----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("record_type", "value", "expected"), [
    ("CNAME", "app.example.net", "app.example.net."), ("MX", "10 mx.example.net", "10 mx.example.net."),
    ("SRV", "10 5 5060 sip.example.net", "10 5 5060 sip.example.net."), ("NS", "ns1.example.net.", "ns1.example.net."),
    ("PTR", "host.example.net", "host.example.net."), ("TXT", "v=spf1 -all", "v=spf1 -all"),
])
def test_domain_names_in_rdata_are_fully_qualified(record_type: str, value: str, expected: str) -> None:
    assert fully_qualified(record_type, value) == expected


def test_record_items_carry_fully_qualified_values(plan: Plan) -> None:
    assert item(plan, "Z1/www.example.com./CNAME").target["rrdatas"] == ["app.example.net."]
    assert item(plan, "Z1/example.com./MX").target["rrdatas"] == ["10 mx1.example.net.", "20 mx2.example.net."]
    assert item(plan, "Z1/_sip._tcp.example.com./SRV").target["rrdatas"] == ["10 5 5060 sip.example.net."]


# 2. Certificate DNS authorizations -------------------------------------------------------------------------------

def test_certificate_authorizations_go_into_the_plans_zone(plan: Plan) -> None:
    spec = item(plan, CERT).target
    assert spec["authorizations"] == [{"domain": "example.com", "managed_zone": item(plan, "Z1").id}]


def test_without_the_zone_the_authorization_is_an_operator_step() -> None:
    plan = plan_of([res("aws.acm.certificate", CERT, {"domain_name": "other.org", "status": "ISSUED"})])
    cert = item(plan, CERT)
    assert cert.target["authorizations"] == [{"domain": "other.org", "managed_zone": None}]
    assert any("_acme-challenge.other.org" in n and "stays PROVISIONING" in n for n in cert.notes)


# 7. Disk types by machine series -----------------------------------------------------------------------------------

def test_hyperdisk_only_machines_get_hyperdisk_boot_and_data_disks(plan: Plan) -> None:
    vm = item(plan, "i-0api").target
    assert vm["machine_type"].startswith("n4d-") and hyperdisk_only(vm["machine_type"])
    assert vm["boot_disk_type"] == "hyperdisk-balanced"
    assert item(plan, "vol-0api").target["disk_type"] == "hyperdisk-balanced"
    template = next(i for i in plan.items if i.kind == "compute.template").target
    assert hyperdisk_only(template["machine_type"]) and template["boot_disk_type"] == "hyperdisk-balanced"
    assert any("no hyperdisk-balanced GB-month rate" in n for n in item(plan, "vol-0api").notes)


def test_persistent_disk_machines_keep_pd_balanced(plan: Plan) -> None:
    vm = item(plan, "i-0web").target
    assert not hyperdisk_only(vm["machine_type"]) and vm["boot_disk_type"] == "pd-balanced"


# 9. Filestore capacity -------------------------------------------------------------------------------------------

def test_filestore_regional_gets_its_real_minimum(plan: Plan) -> None:
    assert item(plan, "fs-0share").target["capacity_gb"] == 1024


@pytest.mark.parametrize(("used", "expected"), [(0, 1024), (5000, 5000), (10_240, 10_240), (10_241, 12_800)])
def test_filestore_capacity_steps(used: int, expected: int) -> None:
    assert capacity_for("REGIONAL", used) == expected
    assert all(capacity_for(tier, 0) == bands[0][0] for tier, bands in FILESTORE_CAPACITY_GIB.items())


# 10. A way out for private fleets ------------------------------------------------------------------------------

def test_every_region_with_private_vms_gets_cloud_nat_and_the_nat_uses_its_elastic_ip(plan: Plan) -> None:
    network = item(plan, "vpc-0east")
    assert network.target["nat_regions"] == ["us-west1"]  # us-east4 has the NAT gateway item
    nat = item(plan, "nat-0east").target
    assert nat["addresses"] == [item(plan, "eipalloc-0nat").id]
    assert any("in use" in line for line in item(plan, "eipalloc-0nat").cost.basis)


# 11. SNS fan-out ------------------------------------------------------------------------------------------------

def test_queues_subscribed_to_a_topic_become_its_subscriptions(plan: Plan) -> None:
    topic = item(plan, TOPIC).id
    feed, mail, dlq = (item(plan, q).target for q in (QUEUE_FEED, QUEUE_MAIL, QUEUE_DLQ))
    assert feed["subscribe_to"] == mail["subscribe_to"] == [topic]
    assert not feed["own_topic"] and not mail["own_topic"]
    assert dlq["own_topic"] and dlq["subscribe_to"] == []


# 8. CDN buckets -------------------------------------------------------------------------------------------------

def test_a_bucket_a_cdn_serves_to_anyone_is_publicly_readable(plan: Plan) -> None:
    assert item(plan, BUCKET).target["public_read"] is True
    assert item(plan, "E1").target["bucket_access"] == "public"


def test_a_signed_url_distribution_keeps_its_bucket_private() -> None:
    resources = [r for r in serving_resources() if r["id"] in (BUCKET, "E1")]
    resources[1]["props"]["trusted_key_groups"] = ["kg-1"]
    plan = plan_of(resources)
    assert item(plan, BUCKET).target["public_read"] is False
    assert item(plan, "E1").target["bucket_access"] == "cdn_fill"


# 6. Function sources ----------------------------------------------------------------------------------------------

def test_every_function_runtime_has_a_placeholder_source() -> None:
    assert {runtime_family(r) for r in FUNCTION_RUNTIMES.values()} <= set(PLACEHOLDER_FILES)


def test_java_entry_points_are_the_handler_class(plan: Plan) -> None:
    java = next(i.target for i in plan.items if i.kind == "function" and i.target["runtime"] == "java17")
    assert java["entry_point"] == "com.example.Pay"


def test_database_item_is_still_built_on_the_shared_network(plan: Plan) -> None:
    assert item(plan, DB).target["network"] == item(plan, "vpc-0east").id


def test_a_source_group_of_vms_and_a_load_balancer_gives_tags_and_ranges() -> None:
    resources = [r for r in serving_resources() if r["id"] in ("vpc-0east", "subnet-0east", "sg-0web", "sg-0alb",
                                                               "i-0web")]
    resources.append(instance("i-0edge", "subnet-0east", "vpc-0east", groups=("sg-0alb",)))
    resources.append(next(r for r in serving_resources() if r["key"] == "aws.elbv2.load_balancer"))
    plan = plan_of(resources)
    rules = item(plan, "sg-0web").target["rules"]
    assert [(r["source_tags"], r["ranges"]) for r in rules] == [([item(plan, "sg-0alb").target["name"]], []),
                                                               ([], ["35.191.0.0/16", "130.211.0.0/22"])]


def test_restricted_egress_of_a_vm_group_is_translated() -> None:
    egress = [{"protocol": "tcp", "from_port": 443, "to_port": 443, "cidrs": ["10.1.0.0/16"], "ipv6_cidrs": [],
               "source_group_ids": []}]
    locked = {**group("sg-0lock", "vpc-0east", [{**rule(53, cidrs=["10.0.0.0/8"]), "protocol": "udp",
                                                 "ipv6_cidrs": ["fd00::/8"]}]), }
    locked["props"]["egress"] = egress
    resources = [vpc("vpc-0east", "10.0.0.0/16"), subnet("subnet-0east", "vpc-0east", "10.0.1.0/24"), locked,
                 instance("i-0lock", "subnet-0east", "vpc-0east", groups=("sg-0lock",))]
    rules = item(plan_of(resources), "sg-0lock").target["rules"]
    assert {(r["direction"], tuple(r["ranges"])) for r in rules} >= {
        ("INGRESS", ("10.0.0.0/8",)), ("INGRESS", ("fd00::/8",)), ("EGRESS", ("10.1.0.0/16",))}
    assert any(r["deny"] and r["priority"] == 65000 for r in rules)
