"""Synthetic inventories of any size with a realistic mix of types, for the planning benchmark.

The mix is one table (resources per 1,000); each type's props and refs follow
docs/inventory-props.md, so planning reads them as it reads a real scan.
Deterministic for a given size and seed. Written as plain JSON (not through
the pydantic model) so that making 100k resources stays quick; a test checks
a small one against the model.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REGIONS: tuple[str, ...] = ("us-east-1", "us-west-2", "eu-west-1")
ACCOUNT_ID = "123456789012"
GLOBAL = "global"

# Resources per 1,000, in dependency order (refs point to types above).
MIX_PER_1000: dict[str, int] = {
    "aws.kms.key": 8,
    "aws.iam.role": 30,
    "aws.ec2.vpc": 6,
    "aws.ec2.subnet": 30,
    "aws.ec2.security_group": 50,
    "aws.ec2.internet_gateway": 3,
    "aws.ec2.nat_gateway": 3,
    "aws.ec2.route_table": 10,
    "aws.ec2.key_pair": 6,
    "aws.ec2.launch_template": 10,
    "aws.ec2.volume": 195,
    "aws.ec2.instance": 150,
    "aws.ec2.elastic_ip": 12,
    "aws.autoscaling.group": 10,
    "aws.elbv2.load_balancer": 6,
    "aws.elbv2.target_group": 10,
    "aws.acm.certificate": 5,
    "aws.elbv2.listener": 10,
    "aws.elb.load_balancer": 2,
    "aws.rds.cluster": 2,
    "aws.rds.instance": 10,
    "aws.elasticache.replication_group": 4,
    "aws.dynamodb.table": 30,
    "aws.s3.bucket": 40,
    "aws.efs.file_system": 3,
    "aws.lambda.function": 40,
    "aws.sqs.queue": 40,
    "aws.sns.topic": 25,
    "aws.route53.zone": 4,
    "aws.route53.record_set": 235,
    "aws.cloudfront.distribution": 3,
    "aws.ecs.cluster": 2,
    "aws.ecs.task_definition": 12,
    "aws.ecs.service": 10,
    "aws.eks.cluster": 1,
    "aws.ecr.repository": 10,
    "aws.secretsmanager.secret": 15,
}
GLOBAL_TYPES = frozenset({"aws.iam.role", "aws.route53.zone", "aws.route53.record_set", "aws.cloudfront.distribution"})

# (instance type, vCPU, memory MiB, GPUs, GPU model, GPU memory MiB, architecture, burstable): AWS's published shapes.
INSTANCE_SHAPES: tuple[tuple[str, int, int, int, str | None, int, str, bool], ...] = (
    ("m5.large", 2, 8192, 0, None, 0, "x86_64", False),
    ("m5.xlarge", 4, 16384, 0, None, 0, "x86_64", False),
    ("c5.2xlarge", 8, 16384, 0, None, 0, "x86_64", False),
    ("r5.large", 2, 16384, 0, None, 0, "x86_64", False),
    ("t3.medium", 2, 4096, 0, None, 0, "x86_64", True),
    ("m6g.large", 2, 8192, 0, None, 0, "arm64", False),
    ("g4dn.xlarge", 4, 16384, 1, "NVIDIA T4", 16384, "x86_64", False),  # gpu_model as the collector writes it: Manufacturer + Name
)
VOLUME_TYPES = ("gp3", "gp3", "gp2", "io1", "st1")
DB_CLASSES = ("db.m5.large", "db.r5.xlarge", "db.t3.medium")
CACHE_NODES = (("cache.r6g.large", 13070), ("cache.m5.large", 6380))
RUNTIMES = ("python3.12", "nodejs20.x", "java21")


def scaled_counts(size: int) -> dict[str, int]:
    """How many of each type an inventory of about `size` resources holds (at least one each)."""
    total = sum(MIX_PER_1000.values())
    return {key: max(1, round(per * size / total)) for key, per in MIX_PER_1000.items()}


@dataclass
class _Builder:
    rng: random.Random
    resources: list[dict[str, Any]] = field(default_factory=list)
    ids: dict[tuple[str, str], list[str]] = field(default_factory=dict)  # (type, region) -> ids
    serial: int = 0
    provider_defaults: bool = True  # a default VPC, security group and main route table per region
    zone_names: dict[str, str] = field(default_factory=dict)
    balancer_of_group: dict[str, str] = field(default_factory=dict)  # target group -> the load balancer using it
    zone_count: int = 1  # public zones the inventory will hold (certificates are issued for names in them)

    def pick(self, key: str, region: str, count: int = 1) -> list[str]:
        pool = self.ids.get((key, region)) or self.ids.get((key, GLOBAL)) or []
        if not pool:
            return []
        return self.rng.sample(pool, min(count, len(pool)))

    def short_id(self, prefix: str) -> str:
        self.serial += 1
        return f"{prefix}-{self.serial:017x}"

    def add(self, key: str, resource_id: str, region: str, name: str, props: dict[str, Any], refs: list[str]) -> None:
        self.resources.append(
            {"key": key, "id": resource_id, "region": region, "name": name, "tags": {"Name": name, "team": f"team-{self.serial % 7}"}, "props": props, "refs": refs}
        )
        self.ids.setdefault((key, region), []).append(resource_id)


def generate_inventory(size: int, seed: int = 7, provider_defaults: bool = True) -> dict[str, Any]:
    """An inventory document (planner.inventory/1) of about `size` resources.

    With `provider_defaults`, the first VPC, security group and route table of
    each region are the account's defaults (which planning skips), and other
    resources may use them, as in most real accounts.
    """
    builder = _Builder(random.Random(seed), provider_defaults=provider_defaults,
                       zone_count=scaled_counts(size)["aws.route53.zone"])
    for key, count in scaled_counts(size).items():
        make = BUILDERS[key]
        regions = (GLOBAL,) if key in GLOBAL_TYPES else REGIONS
        for index in range(count):
            make(builder, regions[index % len(regions)], index)
    return {
        "schema": "planner.inventory/1",
        "generated_at": "2026-01-01T00:00:00+00:00",
        "tool": {"name": "planner", "version": "bench"},
        "source": {"provider": "aws", "account_id": ACCOUNT_ID, "regions": list(REGIONS), "partition": "aws"},
        "resources": builder.resources,
        "errors": [],
        "stats": {"duration_seconds": 0.0, "api_requests": 0},
    }


def write_inventory(path: Path, size: int, seed: int = 7, provider_defaults: bool = True) -> int:
    """Write a synthetic inventory; returns its resource count."""
    document = generate_inventory(size, seed, provider_defaults)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document), encoding="utf-8")
    return len(document["resources"])


def _arn(service: str, region: str, resource: str) -> str:
    return f"arn:aws:{service}:{region if region != GLOBAL else ''}:{ACCOUNT_ID}:{resource}"


def _kms_key(b: _Builder, region: str, index: int) -> None:
    key_id = f"{b.serial:08x}-0000-4000-8000-{index:012x}"
    b.serial += 1
    b.add("aws.kms.key", _arn("kms", region, f"key/{key_id}"), region, f"key-{index}", {"key_manager": "CUSTOMER", "key_spec": "SYMMETRIC_DEFAULT", "key_usage": "ENCRYPT_DECRYPT", "key_state": "Enabled", "aliases": [f"alias/app-{index}"]}, [])


def _iam_role(b: _Builder, region: str, index: int) -> None:
    name = f"app-role-{index}"
    b.add("aws.iam.role", _arn("iam", GLOBAL, f"role/{name}"), GLOBAL, name, {"role_name": name, "path": "/", "attached_policy_names": ["AmazonS3ReadOnlyAccess"], "inline_policy_names": [], "trusted_services": ["ec2.amazonaws.com"]}, [])


def _vpc(b: _Builder, region: str, index: int) -> None:
    b.add("aws.ec2.vpc", b.short_id("vpc"), region, f"vpc-{region}-{index}", {"cidr_block": f"10.{index % 250}.0.0/16", "cidr_blocks": [f"10.{index % 250}.0.0/16"], "is_default": b.provider_defaults and index < len(REGIONS)}, [])


def _subnet(b: _Builder, region: str, index: int) -> None:
    vpc = b.pick("aws.ec2.vpc", region)
    b.add("aws.ec2.subnet", b.short_id("subnet"), region, f"subnet-{index}", {"cidr_block": f"10.{index % 250}.{index % 200}.0/24", "availability_zone": f"{region}{'abc'[index % 3]}", "map_public_ip_on_launch": index % 4 == 0, "default_for_az": False}, vpc)


def _security_group(b: _Builder, region: str, index: int) -> None:
    vpc = b.pick("aws.ec2.vpc", region)
    source = b.pick("aws.ec2.security_group", region)
    rule = {"protocol": "tcp", "from_port": 443, "to_port": 443, "cidrs": ["0.0.0.0/0"], "ipv6_cidrs": [], "source_group_ids": []}
    internal = {"protocol": "tcp", "from_port": 5432, "to_port": 5432, "cidrs": [], "ipv6_cidrs": [], "source_group_ids": source}
    egress = {"protocol": "-1", "from_port": None, "to_port": None, "cidrs": ["0.0.0.0/0"], "ipv6_cidrs": [], "source_group_ids": []}
    name = "default" if b.provider_defaults and index < len(REGIONS) else f"sg-{index}"
    b.add("aws.ec2.security_group", b.short_id("sg"), region, name, {"group_name": name, "description": "synthetic", "vpc_id": vpc[0] if vpc else None, "ingress": [rule, internal] if source else [rule], "egress": [egress], "is_default": name == "default"}, vpc + source)


def _internet_gateway(b: _Builder, region: str, index: int) -> None:
    vpc = b.pick("aws.ec2.vpc", region)
    b.add("aws.ec2.internet_gateway", b.short_id("igw"), region, f"igw-{index}", {"attached_vpc_ids": vpc}, vpc)


def _nat_gateway(b: _Builder, region: str, index: int) -> None:
    subnet, vpc = b.pick("aws.ec2.subnet", region), b.pick("aws.ec2.vpc", region)
    b.add("aws.ec2.nat_gateway", b.short_id("nat"), region, f"nat-{index}", {"connectivity_type": "public", "state": "available", "public_ip": f"203.0.113.{index % 250 + 1}"}, subnet + vpc)


def _route_table(b: _Builder, region: str, index: int) -> None:
    vpc, subnets, gateway = b.pick("aws.ec2.vpc", region), b.pick("aws.ec2.subnet", region, 2), b.pick("aws.ec2.internet_gateway", region)
    routes = [{"destination": "0.0.0.0/0", "target": gateway[0]}] if gateway else []
    b.add("aws.ec2.route_table", b.short_id("rtb"), region, f"rtb-{index}", {"is_main": b.provider_defaults and index < len(REGIONS), "routes": routes, "subnet_ids": subnets}, vpc + subnets + gateway)


def _key_pair(b: _Builder, region: str, index: int) -> None:
    b.add("aws.ec2.key_pair", b.short_id("key"), region, f"deploy-{index}", {"key_type": "ed25519", "fingerprint": f"SHA256:{index:043d}"}, [])


def _launch_template(b: _Builder, region: str, index: int) -> None:
    groups = b.pick("aws.ec2.security_group", region)
    shape = INSTANCE_SHAPES[index % len(INSTANCE_SHAPES)]
    b.add("aws.ec2.launch_template", b.short_id("lt"), region, f"lt-{index}", {"latest_version": 3, "instance_type": shape[0], "image_id": f"ami-{index:08x}", "security_group_ids": groups}, groups)


def _volume(b: _Builder, region: str, index: int) -> None:
    volume_type = VOLUME_TYPES[index % len(VOLUME_TYPES)]
    size = (20, 100, 500, 2000)[index % 4]
    b.add("aws.ec2.volume", b.short_id("vol"), region, f"vol-{index}", {"size_gib": size, "volume_type": volume_type, "iops": 3000 if volume_type in {"gp3", "io1"} else None, "throughput_mibps": 125 if volume_type == "gp3" else None, "encrypted": True, "availability_zone": f"{region}a", "attached_instance_ids": [], "snapshot_id": None}, [])


def _instance(b: _Builder, region: str, index: int) -> None:
    shape = INSTANCE_SHAPES[index % len(INSTANCE_SHAPES)]
    instance_type, vcpu, memory, gpus, gpu_model, gpu_memory, architecture, burstable = shape
    subnet, groups = b.pick("aws.ec2.subnet", region), b.pick("aws.ec2.security_group", region, 2)
    volumes = _take_volumes(b, region, 2 if index % 3 == 0 else 1)
    template, key = b.pick("aws.ec2.launch_template", region), b.pick("aws.ec2.key_pair", region)
    props = {
        "instance_type": instance_type, "state": "running", "vcpu": vcpu, "memory_mib": memory, "gpu_count": gpus, "gpu_model": gpu_model,
        "gpu_memory_mib": gpu_memory, "architecture": architecture, "burstable": burstable, "image_id": f"ami-{index % 20:08x}",
        "platform": "linux", "launch_template_id": template[0] if template and index % 2 else None, "autoscaling_group": None,
        "availability_zone": f"{region}a", "private_ip": f"10.0.{index // 250 % 250}.{index % 250 + 1}", "public_ip": None,
        "ebs_optimized": True, "root_device_type": "ebs",
    }
    refs = subnet + groups + volumes + (template if props["launch_template_id"] else []) + key
    b.add("aws.ec2.instance", b.short_id("i"), region, f"{('web', 'api', 'worker', 'media')[index % 4]}-{index}", props, refs)


def _take_volumes(b: _Builder, region: str, count: int) -> list[str]:
    """Volumes attach to one instance each: hand out unattached ones in order."""
    pool = b.ids.get(("aws.ec2.volume", region), [])
    cursor_key = ("cursor", region)
    cursor = b.ids.setdefault(cursor_key, [0])
    taken = pool[cursor[0] : cursor[0] + count]
    cursor[0] += len(taken)
    return taken


def _elastic_ip(b: _Builder, region: str, index: int) -> None:
    instance = b.pick("aws.ec2.instance", region)
    b.add("aws.ec2.elastic_ip", b.short_id("eipalloc"), region, f"eip-{index}", {"public_ip": f"198.51.100.{index % 250 + 1}", "domain": "vpc", "instance_id": instance[0] if instance else None, "network_interface_id": None}, instance)


def _autoscaling_group(b: _Builder, region: str, index: int) -> None:
    template, subnets, instances = b.pick("aws.ec2.launch_template", region), b.pick("aws.ec2.subnet", region, 2), b.pick("aws.ec2.instance", region, 3)
    name = f"asg-{index}"
    b.add("aws.autoscaling.group", _arn("autoscaling", region, f"autoScalingGroup:{index:08x}:autoScalingGroupName/{name}"), region, name, {"min_size": 2, "max_size": 6, "desired_capacity": 3, "launch_template_id": template[0] if template else None, "instance_type": "m5.large", "instance_ids": instances, "target_group_arns": []}, template + subnets + instances)


def _load_balancer(b: _Builder, region: str, index: int) -> None:
    subnets, groups, vpc = b.pick("aws.ec2.subnet", region, 2), b.pick("aws.ec2.security_group", region), b.pick("aws.ec2.vpc", region)
    name = f"alb-{index}"
    b.add("aws.elbv2.load_balancer", _arn("elasticloadbalancing", region, f"loadbalancer/app/{name}/{index:016x}"), region, name, {"type": "application", "scheme": "internet-facing", "dns_name": f"{name}.{region}.elb.amazonaws.com", "availability_zones": [f"{region}a", f"{region}b"]}, subnets + groups + vpc)


def _target_group(b: _Builder, region: str, index: int) -> None:
    vpc, instances, balancer = b.pick("aws.ec2.vpc", region), b.pick("aws.ec2.instance", region, 3), b.pick("aws.elbv2.load_balancer", region)
    name = f"tg-{index}"
    group_id = _arn("elasticloadbalancing", region, f"targetgroup/{name}/{index:016x}")
    if balancer:
        b.balancer_of_group[group_id] = balancer[0]
    b.add("aws.elbv2.target_group", group_id, region, name, {"protocol": "HTTP", "port": 80, "target_type": "instance", "health_check_path": "/health", "health_check_port": "traffic-port", "target_ids": instances}, balancer + vpc + instances)


def _certificate(b: _Builder, region: str, index: int) -> None:
    domain = f"app{index}.zone{index % b.zone_count}.example.com"  # DNS-validated in one of the account's zones
    b.add("aws.acm.certificate", _arn("acm", region, f"certificate/{index:08x}-0000-4000-8000-000000000000"), region, domain, {"domain_name": domain, "subject_alternative_names": [domain], "status": "ISSUED", "type": "AMAZON_ISSUED", "in_use_by": []}, [])


def _listener(b: _Builder, region: str, index: int) -> None:
    group, cert = b.pick("aws.elbv2.target_group", region), b.pick("aws.acm.certificate", region)
    balancer = [b.balancer_of_group[group[0]]] if group and group[0] in b.balancer_of_group else b.pick("aws.elbv2.load_balancer", region)
    https = index % 2 == 0 and bool(cert)
    b.add("aws.elbv2.listener", _arn("elasticloadbalancing", region, f"listener/app/alb/{index:016x}"), region, f"listener-{index}", {"protocol": "HTTPS" if https else "HTTP", "port": 443 if https else 80, "certificate_arns": cert if https else [], "default_action_type": "forward"}, balancer + group + (cert if https else []))


def _classic_lb(b: _Builder, region: str, index: int) -> None:
    instances, subnets, groups = b.pick("aws.ec2.instance", region, 2), b.pick("aws.ec2.subnet", region), b.pick("aws.ec2.security_group", region)
    name = f"legacy-{index}"
    b.add("aws.elb.load_balancer", _arn("elasticloadbalancing", region, f"loadbalancer/{name}"), region, name, {"scheme": "internet-facing", "dns_name": f"{name}.{region}.elb.amazonaws.com", "listeners": [{"protocol": "HTTP", "port": 80, "instance_port": 8080}], "instance_ids": instances}, instances + subnets + groups)


def _rds_cluster(b: _Builder, region: str, index: int) -> None:
    groups = b.pick("aws.ec2.security_group", region)
    name = f"aurora-{index}"
    b.add("aws.rds.cluster", _arn("rds", region, f"cluster:{name}"), region, name, {"engine": "aurora-postgresql", "engine_version": "15.4", "engine_mode": "provisioned", "member_ids": [], "multi_az": True, "allocated_storage_gib": None, "endpoint": f"{name}.cluster.{region}.rds.amazonaws.com", "reader_endpoint": f"{name}.cluster-ro.{region}.rds.amazonaws.com", "port": 5432}, groups)


def _rds_instance(b: _Builder, region: str, index: int) -> None:
    subnets, groups = b.pick("aws.ec2.subnet", region, 2), b.pick("aws.ec2.security_group", region)
    sources = b.ids.get(("aws.rds.instance", region), [])
    replica_of = sources[-1] if index % 3 == 2 and sources else None
    name = f"db-{index}"
    props = {
        "engine": "postgres", "engine_version": "15.4", "instance_class": DB_CLASSES[index % len(DB_CLASSES)], "allocated_storage_gib": (100, 500, 2000)[index % 3],
        "storage_type": "gp3", "iops": 3000, "multi_az": index % 2 == 0, "read_replica_source": replica_of, "read_replica_ids": [], "cluster_id": None,
        "endpoint_address": f"{name}.{region}.rds.amazonaws.com", "port": 5432, "backup_retention_days": 7,
    }
    b.add("aws.rds.instance", _arn("rds", region, f"db:{name}"), region, name, props, subnets + groups + ([replica_of] if replica_of else []))


def _cache(b: _Builder, region: str, index: int) -> None:
    groups, subnets = b.pick("aws.ec2.security_group", region), b.pick("aws.ec2.subnet", region, 2)
    node_type, memory = CACHE_NODES[index % len(CACHE_NODES)]
    name = f"cache-{index}"
    b.add("aws.elasticache.replication_group", _arn("elasticache", region, f"replicationgroup:{name}"), region, name, {"engine": "redis", "engine_version": "7.1", "node_type": node_type, "num_nodes": 2, "cluster_mode": False, "multi_az": True, "memory_mib": memory}, groups + subnets)


def _table(b: _Builder, region: str, index: int) -> None:
    name = f"table-{index}"
    on_demand = index % 2 == 0
    b.add("aws.dynamodb.table", _arn("dynamodb", region, f"table/{name}"), region, name, {"billing_mode": "PAY_PER_REQUEST" if on_demand else "PROVISIONED", "size_bytes": (index + 1) * 50 * 1024**2, "item_count": (index + 1) * 10000, "read_capacity": None if on_demand else 100, "write_capacity": None if on_demand else 50, "key_schema": [{"attribute_name": "pk", "key_type": "HASH"}], "gsi_count": index % 3, "stream_enabled": index % 4 == 0, "global_table": False}, [])


def _bucket(b: _Builder, region: str, index: int) -> None:
    name = f"synthetic-{region}-{index}"
    size = (index + 1) * 37 * 1024**3
    b.add("aws.s3.bucket", f"arn:aws:s3:::{name}", region, name, {"size_bytes": size, "object_count": (index + 1) * 120000, "size_source": "cloudwatch", "versioning": "Enabled" if index % 3 == 0 else "Disabled", "website": index % 10 == 0, "storage_class_bytes": {"STANDARD": size}}, [])


def _file_system(b: _Builder, region: str, index: int) -> None:
    subnets = b.pick("aws.ec2.subnet", region, 2)
    b.add("aws.efs.file_system", b.short_id("fs"), region, f"shared-{index}", {"size_bytes": (index + 1) * 200 * 1024**3, "performance_mode": "generalPurpose", "throughput_mode": "bursting", "encrypted": True, "mount_target_subnet_ids": subnets}, subnets)


def _function(b: _Builder, region: str, index: int) -> None:
    role = b.pick("aws.iam.role", GLOBAL)
    name = f"fn-{index}"
    b.add("aws.lambda.function", _arn("lambda", region, f"function:{name}"), region, name, {"runtime": RUNTIMES[index % len(RUNTIMES)], "memory_mb": (128, 512, 1024)[index % 3], "timeout_s": 30, "code_size_bytes": 5 * 1024**2, "handler": "app.handler", "architectures": ["x86_64"], "package_type": "Zip", "env_var_names": ["STAGE"], "vpc_subnet_ids": []}, role)


def _queue(b: _Builder, region: str, index: int) -> None:
    dead_letters = b.ids.get(("aws.sqs.queue", region), [])
    dlq = dead_letters[0] if index % 5 == 4 and dead_letters else None
    name = f"queue-{index}"
    b.add("aws.sqs.queue", _arn("sqs", region, name), region, name, {"fifo": False, "visibility_timeout_s": 30, "retention_s": 345600, "approx_messages": index * 10, "dlq_arn": dlq}, [dlq] if dlq else [])


def _topic(b: _Builder, region: str, index: int) -> None:
    queue = b.pick("aws.sqs.queue", region)
    name = f"topic-{index}"
    b.add("aws.sns.topic", _arn("sns", region, name), region, name, {"fifo": False, "subscription_count": len(queue), "subscriptions": [{"protocol": "sqs", "endpoint": q} for q in queue]}, queue)


def _zone(b: _Builder, region: str, index: int) -> None:
    zone_id = f"Z{b.serial:012X}{index:02d}"
    b.serial += 1
    zone_name = f"zone{index}.example.com."
    b.zone_names[zone_id] = zone_name
    b.add("aws.route53.zone", zone_id, GLOBAL, zone_name, {"zone_name": zone_name, "private_zone": False, "record_count": 0, "vpc_ids": []}, [])


def _record(b: _Builder, region: str, index: int) -> None:
    zone = b.pick("aws.route53.zone", GLOBAL)[0]
    record_name = f"host{index}.{b.zone_names[zone]}"
    b.add("aws.route53.record_set", f"{zone}/{record_name}/A", GLOBAL, record_name, {"zone_id": zone, "record_name": record_name, "record_type": "A", "ttl": (60, 300, 3600)[index % 3], "values": [f"192.0.2.{index % 250 + 1}"], "alias_target": None}, [zone])


def _distribution(b: _Builder, region: str, index: int) -> None:
    bucket = b.pick("aws.s3.bucket", REGIONS[0])
    distribution_id = f"E{b.serial:013X}"
    b.serial += 1
    b.add("aws.cloudfront.distribution", distribution_id, GLOBAL, f"cdn-{index}", {"domain_name": f"d{index}.cloudfront.net", "aliases": [f"cdn{index}.example.com"], "origins": [{"id": "media", "domain_name": "media.s3.amazonaws.com"}], "price_class": "PriceClass_100", "enabled": True, "certificate_arn": None}, bucket)


def _ecs_cluster(b: _Builder, region: str, index: int) -> None:
    name = f"ecs-{index}"
    b.add("aws.ecs.cluster", _arn("ecs", region, f"cluster/{name}"), region, name, {"status": "ACTIVE", "running_tasks_count": 6, "active_services_count": 3}, [])


def _task_definition(b: _Builder, region: str, index: int) -> None:
    role = b.pick("aws.iam.role", GLOBAL)
    family = f"task-{index}"
    container = {"name": "app", "image": f"{ACCOUNT_ID}.dkr.ecr.{region}.amazonaws.com/app:{index}", "cpu": 512, "memory": 1024, "port_mappings": [{"container_port": 8080, "protocol": "tcp"}]}
    b.add("aws.ecs.task_definition", _arn("ecs", region, f"task-definition/{family}:1"), region, family, {"family": family, "revision": 1, "cpu": "512", "memory": "1024", "network_mode": "awsvpc", "containers": [container]}, role)


def _ecs_service(b: _Builder, region: str, index: int) -> None:
    cluster, task, group = b.pick("aws.ecs.cluster", region), b.pick("aws.ecs.task_definition", region), b.pick("aws.elbv2.target_group", region)
    subnets, groups = b.pick("aws.ec2.subnet", region, 2), b.pick("aws.ec2.security_group", region)  # Fargate runs awsvpc: subnets required
    name = f"svc-{index}"
    b.add("aws.ecs.service", _arn("ecs", region, f"service/ecs/{name}"), region, name, {"launch_type": "FARGATE", "desired_count": 2, "running_count": 2, "task_definition_arn": task[0] if task else None, "load_balancer_target_groups": group, "cluster_arn": cluster[0] if cluster else None, "subnet_ids": subnets, "security_group_ids": groups}, cluster + task + group + subnets + groups)


def _eks_cluster(b: _Builder, region: str, index: int) -> None:
    subnets, groups, role = b.pick("aws.ec2.subnet", region, 2), b.pick("aws.ec2.security_group", region), b.pick("aws.iam.role", GLOBAL)
    name = f"eks-{index}"
    b.add("aws.eks.cluster", _arn("eks", region, f"cluster/{name}"), region, name, {"version": "1.30", "endpoint": f"https://{name}.eks.amazonaws.com", "node_groups": [{"name": "default", "instance_types": ["m5.large"], "desired_size": 3}]}, subnets + groups + role)


def _repository(b: _Builder, region: str, index: int) -> None:
    name = f"repo-{index}"
    b.add("aws.ecr.repository", _arn("ecr", region, f"repository/{name}"), region, name, {"repository_uri": f"{ACCOUNT_ID}.dkr.ecr.{region}.amazonaws.com/{name}", "image_count": 40, "size_bytes": 40 * 300 * 1024**2}, [])


def _secret(b: _Builder, region: str, index: int) -> None:
    key = b.pick("aws.kms.key", region)
    name = f"app/secret-{index}"
    b.add("aws.secretsmanager.secret", _arn("secretsmanager", region, f"secret:{name}-AbCdEf"), region, name, {"kms_key_id": key[0] if key else None, "rotation_enabled": index % 2 == 0, "last_changed_date": "2025-12-01T00:00:00+00:00"}, key)


BUILDERS: dict[str, Callable[[_Builder, str, int], None]] = {
    "aws.kms.key": _kms_key,
    "aws.iam.role": _iam_role,
    "aws.ec2.vpc": _vpc,
    "aws.ec2.subnet": _subnet,
    "aws.ec2.security_group": _security_group,
    "aws.ec2.internet_gateway": _internet_gateway,
    "aws.ec2.nat_gateway": _nat_gateway,
    "aws.ec2.route_table": _route_table,
    "aws.ec2.key_pair": _key_pair,
    "aws.ec2.launch_template": _launch_template,
    "aws.ec2.volume": _volume,
    "aws.ec2.instance": _instance,
    "aws.ec2.elastic_ip": _elastic_ip,
    "aws.autoscaling.group": _autoscaling_group,
    "aws.elbv2.target_group": _target_group,
    "aws.elbv2.load_balancer": _load_balancer,
    "aws.acm.certificate": _certificate,
    "aws.elbv2.listener": _listener,
    "aws.elb.load_balancer": _classic_lb,
    "aws.rds.cluster": _rds_cluster,
    "aws.rds.instance": _rds_instance,
    "aws.elasticache.replication_group": _cache,
    "aws.dynamodb.table": _table,
    "aws.s3.bucket": _bucket,
    "aws.efs.file_system": _file_system,
    "aws.lambda.function": _function,
    "aws.sqs.queue": _queue,
    "aws.sns.topic": _topic,
    "aws.route53.zone": _zone,
    "aws.route53.record_set": _record,
    "aws.cloudfront.distribution": _distribution,
    "aws.ecs.cluster": _ecs_cluster,
    "aws.ecs.task_definition": _task_definition,
    "aws.ecs.service": _ecs_service,
    "aws.eks.cluster": _eks_cluster,
    "aws.ecr.repository": _repository,
    "aws.secretsmanager.secret": _secret,
}
