"""Small inventories for the GCP serving tests: a resource builder and a plan/stack runner."""

from __future__ import annotations

from typing import Any

import pulumi

from planner.core.model.inventory import Inventory
from planner.core.model.plan import Plan, PlanItem
from planner.planning.engine import build_plan
from planner.pulumi_mocks import MockedResource, MockRun, run_under_mocks
from stacks.gcp import build

ACCOUNT = "123456789012"


def res(key: str, rid: str, props: dict[str, Any], refs: list[str] | None = None, *, region: str = "us-east-1",
        name: str | None = None) -> dict[str, Any]:
    return {"key": key, "id": rid, "region": region, "name": name or rid, "tags": {}, "props": props,
            "refs": refs or []}


def vpc(rid: str, cidr: str, region: str = "us-east-1") -> dict[str, Any]:
    return res("aws.ec2.vpc", rid, {"cidr_block": cidr, "cidr_blocks": [cidr], "is_default": False}, region=region)


def subnet(rid: str, vpc_id: str, cidr: str, region: str = "us-east-1") -> dict[str, Any]:
    return res("aws.ec2.subnet", rid, {"cidr_block": cidr, "vpc_id": vpc_id, "availability_zone": f"{region}a",
                                       "map_public_ip_on_launch": False}, [vpc_id], region=region)


def instance(rid: str, subnet_id: str, vpc_id: str, *, groups: tuple[str, ...] = (), region: str = "us-east-1",
             instance_type: str = "m5.large", public_ip: str | None = None) -> dict[str, Any]:
    return res("aws.ec2.instance", rid, {"instance_type": instance_type, "state": "running", "public_ip": public_ip,
                                         "vpc_id": vpc_id, "security_group_ids": list(groups)},
               [subnet_id, vpc_id, *groups], region=region)


def group(rid: str, vpc_id: str, ingress: list[dict[str, Any]], region: str = "us-east-1") -> dict[str, Any]:
    refs = [vpc_id, *(g for rule in ingress for g in rule.get("source_group_ids") or [])]
    return res("aws.ec2.security_group", rid, {"group_name": rid, "vpc_id": vpc_id, "is_default": False,
                                               "ingress": ingress, "egress": []}, refs, region=region)


def rule(port: int, *, cidrs: list[str] | None = None, groups: list[str] | None = None) -> dict[str, Any]:
    return {"protocol": "tcp", "from_port": port, "to_port": port, "cidrs": cidrs or [], "ipv6_cidrs": [],
            "source_group_ids": groups or []}


def inventory(resources: list[dict[str, Any]], regions: tuple[str, ...] = ("us-east-1",)) -> Inventory:
    return Inventory.model_validate({
        "schema": "planner.inventory/1", "generated_at": "2026-11-21T10:00:00Z", "errors": [],
        "source": {"account_id": ACCOUNT, "partition": "aws", "provider": "aws", "regions": list(regions)},
        "tool": {"name": "planner", "version": "0.1.0"}, "resources": resources})


def plan_of(resources: list[dict[str, Any]], region_map: dict[str, str] | None = None, target: str = "gcp") -> Plan:
    regions = tuple(sorted({r["region"] for r in resources if r["region"] != "global"}))
    return build_plan(inventory(resources, regions), target, region_map)


def item(plan: Plan, source_id: str) -> PlanItem:
    return next(i for i in plan.items if i.source.id == source_id)


def run_stack(plan: Plan) -> MockRun:
    def program() -> None:
        for name, value in build(plan).items():
            pulumi.export(name, value)

    return run_under_mocks(program, config={"gcp:project": "demo"})


def named(run: MockRun, type_token: str, name: str) -> MockedResource:
    return next(r for r in run.of_type(type_token) if r.name == name)


ALB = f"arn:aws:elasticloadbalancing:us-east-1:{ACCOUNT}:loadbalancer/app/web/1"
TG = f"arn:aws:elasticloadbalancing:us-east-1:{ACCOUNT}:targetgroup/web/1"
CERT = f"arn:aws:acm:us-east-1:{ACCOUNT}:certificate/1"
DB = f"arn:aws:rds:us-east-1:{ACCOUNT}:db:main"
TOPIC = f"arn:aws:sns:us-east-1:{ACCOUNT}:posts"
QUEUE_FEED, QUEUE_MAIL, QUEUE_DLQ = (f"arn:aws:sqs:us-east-1:{ACCOUNT}:{n}" for n in ("feed", "mail", "feed-dlq"))
BUCKET = "arn:aws:s3:::media"
ECS_CLUSTER = f"arn:aws:ecs:us-east-1:{ACCOUNT}:cluster/jobs"
LAUNCH_TEMPLATE = "lt-0api"


def _record(name: str, record_type: str, values: list[str]) -> dict[str, Any]:
    return res("aws.route53.record_set", f"Z1/{name}/{record_type}",
               {"record_name": name, "record_type": record_type, "ttl": 300, "values": values, "alias_target": None,
                "zone_id": "Z1"}, ["Z1"])


def serving_resources() -> list[dict[str, Any]]:
    """One small account: two VPCs (two regions), an ALB over a web VM, a database, NAT, DNS, CDN, messaging."""
    return [
        vpc("vpc-0east", "10.0.0.0/16"), subnet("subnet-0east", "vpc-0east", "10.0.1.0/24"),
        vpc("vpc-0west", "10.1.0.0/16", "us-west-2"), subnet("subnet-0west", "vpc-0west", "10.1.1.0/24", "us-west-2"),
        group("sg-0alb", "vpc-0east", [rule(443, cidrs=["0.0.0.0/0"])]),
        group("sg-0web", "vpc-0east", [rule(8080, groups=["sg-0alb"])]),
        group("sg-0db", "vpc-0east", [rule(5432, groups=["sg-0web"])]),
        instance("i-0web", "subnet-0east", "vpc-0east", groups=("sg-0web",)),
        instance("i-0standby", "subnet-0west", "vpc-0west", region="us-west-2"),
        res("aws.ec2.volume", "vol-0api", {"size_gib": 100, "volume_type": "gp3", "availability_zone": "us-east-1a",
                                           "attached_instance_ids": ["i-0api"]}, ["i-0api"]),
        {**instance("i-0api", "subnet-0east", "vpc-0east", instance_type="c5.2xlarge"), "refs":
         ["subnet-0east", "vpc-0east", "vol-0api"]},
        res("aws.elbv2.load_balancer", ALB, {"type": "application", "scheme": "internet-facing",
                                             "dns_name": "web-1.us-east-1.elb.amazonaws.com",
                                             "security_group_ids": ["sg-0alb"], "vpc_id": "vpc-0east"},
            ["subnet-0east", "sg-0alb", "vpc-0east"]),
        res("aws.elbv2.target_group", TG, {"protocol": "HTTP", "port": 8080, "target_type": "instance",
                                           "health_check_path": "/healthz", "health_check_port": "traffic-port",
                                           "target_ids": ["i-0web"]}, [ALB, "vpc-0east", "i-0web"]),
        res("aws.elbv2.listener", f"{ALB}/listener/443", {"protocol": "HTTPS", "port": 443,
                                                           "default_action_type": "forward", "certificate_arns": [CERT]},
            [ALB, TG, CERT]),
        res("aws.acm.certificate", CERT, {"domain_name": "example.com", "subject_alternative_names":
                                          ["example.com", "*.example.com"], "status": "ISSUED", "type": "AMAZON_ISSUED"}),
        res("aws.rds.instance", DB, {"engine": "postgres", "engine_version": "15.4", "instance_class": "db.m5.large",
                                     "allocated_storage_gib": 100, "multi_az": False, "vpc_id": "vpc-0east"},
            ["subnet-0east", "sg-0db"]),
        res("aws.ec2.elastic_ip", "eipalloc-0nat", {"public_ip": "198.51.100.7", "instance_id": ""}),
        res("aws.ec2.nat_gateway", "nat-0east", {"allocation_ids": ["eipalloc-0nat"], "state": "available",
                                                 "subnet_id": "subnet-0east", "vpc_id": "vpc-0east"},
            ["subnet-0east", "vpc-0east", "eipalloc-0nat"]),
        res("aws.route53.zone", "Z1", {"zone_name": "example.com.", "private_zone": False, "vpc_ids": []},
            region="global"),
        *({**r, "region": "global"} for r in (
            _record("www.example.com.", "CNAME", ["app.example.net"]),
            _record("example.com.", "MX", ["10 mx1.example.net", "20 mx2.example.net."]),
            _record("_sip._tcp.example.com.", "SRV", ["10 5 5060 sip.example.net"]))),
        res("aws.s3.bucket", BUCKET, {"size_bytes": 1000, "storage_class_bytes": {"STANDARD": 1000}}),
        res("aws.cloudfront.distribution", "E1", {"aliases": ["cdn.example.com"], "certificate_arn": CERT,
                                                  "domain_name": "d1.cloudfront.net", "dns_name": "d1.cloudfront.net",
                                                  "origins": [{"id": "s3", "domain_name": "media.s3.amazonaws.com"}],
                                                  "price_class": "PriceClass_All", "enabled": True},
            [BUCKET, CERT], region="global"),
        res("aws.lambda.function", f"arn:aws:lambda:us-east-1:{ACCOUNT}:function:thumbs",
            {"runtime": "python3.12", "handler": "app.handler", "memory_mb": 256, "timeout_s": 10,
             "package_type": "Zip"}),
        res("aws.lambda.function", f"arn:aws:lambda:us-east-1:{ACCOUNT}:function:pay",
            {"runtime": "java17", "handler": "com.example.Pay::handleRequest", "memory_mb": 512, "timeout_s": 10,
             "package_type": "Zip"}),
        res("aws.sns.topic", TOPIC, {"subscriptions": [{"protocol": "sqs", "endpoint": QUEUE_FEED},
                                                       {"protocol": "sqs", "endpoint": QUEUE_MAIL}]},
            [QUEUE_FEED, QUEUE_MAIL]),
        res("aws.sqs.queue", QUEUE_FEED, {"visibility_timeout_s": 60, "retention_s": 345600, "dlq_arn": QUEUE_DLQ},
            [QUEUE_DLQ]),
        res("aws.sqs.queue", QUEUE_MAIL, {"visibility_timeout_s": 30, "retention_s": 345600}),
        res("aws.sqs.queue", QUEUE_DLQ, {"visibility_timeout_s": 30, "retention_s": 1209600}),
        res("aws.efs.file_system", "fs-0share", {"size_bytes": 0, "performance_mode": "generalPurpose",
                                                 "throughput_mode": "elastic"}, ["subnet-0east"]),
        res("aws.ecs.cluster", ECS_CLUSTER, {"status": "ACTIVE"}),
        res("aws.ecs.service", f"{ECS_CLUSTER}/svc", {"cluster_arn": ECS_CLUSTER, "subnet_ids": ["subnet-0east"],
                                                      "launch_type": "FARGATE", "desired_count": 1},
            [ECS_CLUSTER, "subnet-0east"]),
        res("aws.ec2.launch_template", LAUNCH_TEMPLATE, {"instance_type": "c5.2xlarge", "security_group_ids": []}),
        res("aws.autoscaling.group", "asg-api", {"launch_template_id": LAUNCH_TEMPLATE, "desired_capacity": 2,
                                                 "min_size": 2, "max_size": 4, "subnet_ids": ["subnet-0east"]},
            [LAUNCH_TEMPLATE, "subnet-0east"], name="api"),
    ]
