"""Shapes the 2,000-resource synthetic account found (tests/test_serving_at_scale.py), on small inventories:
each would leave a reserved address unused or a GKE cluster off the stack's networks."""

from __future__ import annotations

from tests.test_gcp_serving_support import ACCOUNT, instance, item, plan_of, res, run_stack, subnet, vpc

ALB = f"arn:aws:elasticloadbalancing:us-east-1:{ACCOUNT}:loadbalancer/app/idle/1"
ECS = f"arn:aws:ecs:us-east-1:{ACCOUNT}:cluster/batch"
ADDRESS = "gcp:compute/address:Address"
GLOBAL_ADDRESS = "gcp:compute/globalAddress:GlobalAddress"


def _network() -> list[dict]:
    return [vpc("vpc-0a", "10.0.0.0/16"), subnet("subnet-0a", "vpc-0a", "10.0.1.0/24"),
            instance("i-0web", "subnet-0a", "vpc-0a")]


def _eip(rid: str, ip: str) -> dict:
    return res("aws.ec2.elastic_ip", rid, {"public_ip": ip, "domain": "vpc", "instance_id": "i-0web",
                                           "network_interface_id": None}, ["i-0web"])


def test_a_load_balancer_without_listeners_builds_no_address() -> None:
    idle = res("aws.elbv2.load_balancer", ALB, {"type": "application", "scheme": "internet-facing",
                                                "dns_name": "idle-1.us-east-1.elb.amazonaws.com"}, ["subnet-0a"])
    plan = plan_of([*_network(), idle])
    assert item(plan, ALB).status == "skipped" and "no listener" in item(plan, ALB).notes[0]
    assert not run_stack(plan).of_type(GLOBAL_ADDRESS)


def test_the_second_elastic_ip_of_an_instance_is_manual_and_the_first_is_its_address() -> None:
    plan = plan_of([*_network(), _eip("eipalloc-0a", "203.0.113.1"), _eip("eipalloc-0b", "203.0.113.2")])
    first, second = item(plan, "eipalloc-0a"), item(plan, "eipalloc-0b")
    assert item(plan, "i-0web").target["external_address"] == first.id
    assert second.status == "manual" and "one external address" in second.manual.reason
    assert [address.name for address in run_stack(plan).of_type(ADDRESS)] == [first.id]


def test_an_unassociated_elastic_ip_reserves_nothing() -> None:
    spare = res("aws.ec2.elastic_ip", "eipalloc-0s", {"public_ip": "203.0.113.9", "domain": "vpc", "instance_id": None,
                                                      "network_interface_id": None})
    plan = plan_of([*_network(), spare])
    assert item(plan, "eipalloc-0s").status == "skipped" and not run_stack(plan).of_type(ADDRESS)


def test_an_ecs_cluster_whose_services_name_no_vpc_goes_on_its_regions_network() -> None:
    cluster = res("aws.ecs.cluster", ECS, {"status": "ACTIVE", "running_tasks_count": 2, "active_services_count": 0})
    plan = plan_of([*_network(), cluster])
    network = item(plan, "vpc-0a").id
    assert item(plan, ECS).target["network"] == network
    assert any(f"placed on {network}" in note for note in item(plan, ECS).notes)
    two_networks = plan_of([*_network(), vpc("vpc-0b", "10.0.0.0/20"), cluster])  # overlapping: two networks
    assert item(two_networks, ECS).target["network"] is None
    assert any("'default' network" in note for note in item(two_networks, ECS).notes)
