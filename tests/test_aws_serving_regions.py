"""References AWS can follow: a regional resource uses resources of its own region, placed in one VPC."""

from __future__ import annotations

from typing import Any

from aws_serving_fixtures import ACCOUNT, built, item_of, plan_of, resource, run

EAST_DB = f"arn:aws:rds:us-east-1:{ACCOUNT}:db:orders"
WEST_DB = f"arn:aws:rds:us-west-2:{ACCOUNT}:db:orders-standby"
WEST_CACHE = f"arn:aws:elasticache:us-west-2:{ACCOUNT}:cluster:west-cache"
ALB = f"arn:aws:elasticloadbalancing:us-east-1:{ACCOUNT}:loadbalancer/app/web/1"
NLB = f"arn:aws:elasticloadbalancing:us-east-1:{ACCOUNT}:loadbalancer/net/tcp/2"
HTTP_TG = f"arn:aws:elasticloadbalancing:us-east-1:{ACCOUNT}:targetgroup/web/1"
TCP_TG = f"arn:aws:elasticloadbalancing:us-east-1:{ACCOUNT}:targetgroup/tcp/2"
WEST_CERT = f"arn:aws:acm:us-west-2:{ACCOUNT}:certificate/west"


def network(region: str, suffix: str, default: bool = False) -> list[dict[str, Any]]:
    """A VPC, two subnets and a security group of `region` (ids end in `suffix`)."""
    vpc = f"vpc-{suffix}"
    return [
        resource("aws.ec2.vpc", vpc, f"net-{suffix}", {"cidr_block": "10.0.0.0/16", "is_default": default}, region=region),
        *[resource("aws.ec2.subnet", f"subnet-{suffix}{zone}", f"net-{suffix}-{zone}",
                   {"vpc_id": vpc, "cidr_block": f"10.0.{index}.0/24", "availability_zone": f"{region}{zone}"}, region=region,
                   refs=[vpc]) for index, zone in enumerate("ab")],
        resource("aws.ec2.security_group", f"sg-{suffix}", f"sg-{suffix}", {"vpc_id": vpc, "group_name": f"sg-{suffix}"},
                 region=region, refs=[vpc]),
    ]


def database(rid: str, subnets: list[str], groups: list[str], **props: Any) -> dict[str, Any]:
    base = {"engine": "postgres", "engine_version": "15.4", "instance_class": "db.m5.large", "subnet_ids": subnets,
            "security_group_ids": groups}
    return resource("aws.rds.instance", rid, rid.rsplit(":", 1)[-1], {**base, **props}, region=rid.split(":")[3],
                    refs=[*subnets, *groups])


def test_a_subnet_group_of_another_regions_subnets_is_dropped_with_a_note() -> None:
    # moto answers a cross-region replica with its source region's subnet group: the demo's standby had it.
    standby = database(WEST_DB, ["subnet-ea", "subnet-eb"], ["sg-w"], read_replica_source=EAST_DB)
    plan = plan_of([*network("us-east-1", "e"), *network("us-west-2", "w"), database(EAST_DB, ["subnet-ea"], ["sg-e"]), standby])
    item = item_of(plan, WEST_DB)
    target = item.target or {}
    assert target["subnet_items"] == []
    assert target["security_group_items"] == []  # with no subnet it lands in the default VPC, not sg-w's
    assert target["replica_source_item"] == item_of(plan, EAST_DB).id  # a cross-region replica is the one allowed link
    assert item.status == "partial"
    assert sum("another region" in note for note in item.notes) == 2
    result = run(plan)
    assert f"{item.id}-subnets" not in {group.name for group in result.of_type("aws:rds/subnetGroup:SubnetGroup")}
    assert "dbSubnetGroupName" not in built(result, item.id).inputs


def test_security_groups_of_another_vpc_are_dropped() -> None:
    plan = plan_of([*network("us-east-1", "e"), *network("us-east-1", "f"),
                    database(EAST_DB, ["subnet-ea", "subnet-eb"], ["sg-e", "sg-f"])])
    item = item_of(plan, EAST_DB)
    assert (item.target or {})["security_group_items"] == [item_of(plan, "sg-e").id]
    assert any("another VPC" in note for note in item.notes)
    assert built(run(plan), item.id).inputs["vpcSecurityGroupIds"] == [f"{item_of(plan, 'sg-e').id}-id"]


def test_caches_balancers_instances_and_functions_are_checked_too() -> None:
    cache = resource("aws.elasticache.cluster", WEST_CACHE, "west-cache", {
        "engine": "redis", "engine_version": "7.1.0", "node_type": "cache.t3.small", "num_nodes": 1,
        "subnet_ids": ["subnet-ea", "subnet-wa"], "security_group_ids": ["sg-w"]}, region="us-west-2")
    balancer = resource("aws.elbv2.load_balancer", ALB, "web", {
        "type": "application", "subnet_ids": ["subnet-ea", "subnet-eb"], "security_group_ids": ["sg-e", "sg-w"]})
    instance = resource("aws.ec2.instance", "i-1", "web", {
        "instance_type": "m5.large", "vcpu": 2, "memory_mib": 8192, "state": "running", "architecture": "x86_64",
        "subnet_id": "subnet-wa", "security_group_ids": ["sg-e"], "availability_zone": "us-east-1a"})
    plan = plan_of([*network("us-east-1", "e"), *network("us-west-2", "w"), cache, balancer, instance])
    assert (item_of(plan, WEST_CACHE).target or {})["subnet_items"] == [item_of(plan, "subnet-wa").id]
    assert (item_of(plan, ALB).target or {})["security_group_items"] == [item_of(plan, "sg-e").id]
    vm = item_of(plan, "i-1").target or {}
    assert vm["subnet_item"] is None and vm["security_group_items"] == []
    for source_id in (WEST_CACHE, ALB, "i-1"):
        assert any("dropped" in note for note in item_of(plan, source_id).notes), source_id


def test_a_dead_letter_queue_of_another_region_is_not_wired() -> None:
    east = f"arn:aws:sqs:us-east-1:{ACCOUNT}:jobs"
    west_dlq = f"arn:aws:sqs:us-west-2:{ACCOUNT}:jobs-dlq"
    plan = plan_of([resource("aws.sqs.queue", east, "jobs", {"dlq_arn": west_dlq}, refs=[west_dlq]),
                    resource("aws.sqs.queue", west_dlq, "jobs-dlq", {}, region="us-west-2")])
    assert (item_of(plan, east).target or {})["dead_letter_queue_item"] is None
    assert "redrivePolicy" not in built(run(plan), item_of(plan, east).id).inputs


def listener(balancer: str, target_group: str, **props: Any) -> dict[str, Any]:
    base = {"load_balancer_arn": balancer, "port": 443, "protocol": "HTTPS", "default_action_type": "forward",
            "target_group_arns": [target_group]}
    return resource("aws.elbv2.listener", f"{balancer}/listener", "listener", {**base, **props}, refs=[balancer, target_group])


def balancers() -> list[dict[str, Any]]:
    return [
        resource("aws.elbv2.load_balancer", ALB, "web", {"type": "application"}),
        resource("aws.elbv2.load_balancer", NLB, "tcp", {"type": "network"}),
        resource("aws.elbv2.target_group", HTTP_TG, "web", {"protocol": "HTTP", "port": 80, "target_type": "instance"}),
        resource("aws.elbv2.target_group", TCP_TG, "tcp", {"protocol": "TCP", "port": 5432, "target_type": "instance"}),
    ]


def test_a_listener_never_forwards_to_a_target_group_its_balancer_cannot_serve() -> None:
    plan = plan_of([*balancers(), listener(ALB, TCP_TG, protocol="HTTP", port=80)])
    item = item_of(plan, f"{ALB}/listener")
    assert ((item.target or {})["default_action"], (item.target or {})["target_group_item"]) == ("fixed-response", None)
    assert any("cannot forward" in note for note in item.notes)


def test_a_network_balancer_listener_without_a_fitting_target_group_is_manual() -> None:
    item = item_of(plan_of([*balancers(), listener(NLB, HTTP_TG, protocol="TCP", port=5432)]), f"{NLB}/listener")
    assert item.status == "manual"  # an NLB has no fixed-response action to stand in


def test_a_listener_certificate_of_another_region_is_dropped() -> None:
    cert = resource("aws.acm.certificate", WEST_CERT, "example.com", {"domain_name": "example.com", "type": "AMAZON_ISSUED"},
                    region="us-west-2")
    plan = plan_of([*balancers(), cert, listener(ALB, HTTP_TG, certificate_arns=[WEST_CERT])])
    item = item_of(plan, f"{ALB}/listener")
    assert (item.target or {})["certificate_item"] is None
    assert item.status == "partial"
    assert any(entry["id"] == item.id for entry in run(plan).outputs["manual_items"])  # HTTPS without a certificate: not sent


def test_security_group_rules_naming_another_regions_group_are_dropped() -> None:
    east = network("us-east-1", "e")
    rule = {"protocol": "tcp", "from_port": 443, "to_port": 443, "source_group_ids": ["sg-w"]}
    east[-1]["props"]["ingress"] = [rule]
    plan = plan_of([*east, *network("us-west-2", "w")])
    item = item_of(plan, "sg-e")
    assert (item.target or {})["ingress"][0]["source_group_items"] == []
    assert item.status == "partial"
