"""Inventories for the GCP mapping and stack tests: the synthetic inventory plus the cases it lacks."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from planner.core.model.inventory import Inventory
from planner.core.model.plan import Plan
from planner.planning.engine import build_plan

SYNTHETIC = Path(__file__).parent / "fixtures" / "synthetic_inventory.json"
ACCOUNT = "123456789012"
NLB = f"arn:aws:elasticloadbalancing:us-east-1:{ACCOUNT}:loadbalancer/net/public-tcp/9"
NLB_TG = f"arn:aws:elasticloadbalancing:us-east-1:{ACCOUNT}:targetgroup/tcp-targets/9"


def _resource(key: str, rid: str, name: str, props: dict[str, Any], refs: list[str] | None = None,
              tags: dict[str, str] | None = None) -> dict[str, Any]:
    return {"key": key, "id": rid, "region": "us-east-1", "name": name, "tags": tags or {}, "props": props,
            "refs": refs or []}


EXTRA_RESOURCES: list[dict[str, Any]] = [
    _resource("aws.lambda.function", f"arn:aws:lambda:us-east-1:{ACCOUNT}:function:rust-api", "rust-api",
              {"runtime": "provided.al2023", "memory_mb": 256, "timeout_s": 10, "handler": "bootstrap",
               "package_type": "Zip", "architectures": ["x86_64"], "env_var_names": [], "vpc_subnet_ids": []}),
    _resource("aws.ec2.route_table", "rtb-0appliance", "appliance-routes",
              {"is_main": False, "subnet_ids": [],
               "routes": [{"destination": "10.0.0.0/16", "target": "local"},
                          {"destination": "192.168.0.0/16", "target": "i-0burst"},
                          {"destination": "172.16.0.0/12", "target": "pcx-0peer"}]},
              ["vpc-0main", "i-0burst"]),
    _resource("aws.elbv2.load_balancer", NLB, "public-tcp",
              {"type": "network", "scheme": "internet-facing", "dns_name": "public-tcp.elb.amazonaws.com",
               "availability_zones": ["us-east-1a"]}, ["subnet-0pub1", "vpc-0main"]),
    _resource("aws.elbv2.target_group", NLB_TG, "tcp-targets",
              {"protocol": "TCP", "port": 6000, "target_type": "instance", "health_check_path": None,
               "health_check_port": "traffic-port", "target_ids": ["i-0burst"]}, [NLB, "vpc-0main", "i-0burst"]),
    _resource("aws.elbv2.listener", f"arn:aws:elasticloadbalancing:us-east-1:{ACCOUNT}:listener/net/public-tcp/9/1",
              "public-tcp:6000", {"protocol": "TCP", "port": 6000, "certificate_arns": [],
                                  "default_action_type": "forward"}, [NLB, NLB_TG]),
    _resource("aws.ec2.volume", "vol-0fast", "fast-db-disk",
              {"size_gib": 500, "volume_type": "io2", "iops": 100000, "throughput_mibps": None, "encrypted": True,
               "availability_zone": "us-east-1a", "attached_instance_ids": [], "snapshot_id": None}),
    _resource("aws.rds.instance", f"arn:aws:rds:us-east-1:{ACCOUNT}:db:erp", "erp",
              {"engine": "oracle-ee", "engine_version": "19.0", "instance_class": "db.m5.large",
               "allocated_storage_gib": 100, "multi_az": False}),
    _resource("aws.rds.instance", f"arn:aws:rds:us-east-1:{ACCOUNT}:db:old-pg", "old-pg",
              {"engine": "postgres", "engine_version": "9.5.25", "instance_class": "db.t3.large",
               "allocated_storage_gib": 20, "storage_type": "gp2", "multi_az": False, "backup_retention_days": 3}),
    _resource("aws.ec2.security_group", "sg-0locked", "locked",
              {"group_name": "locked", "description": "restricted egress", "vpc_id": "vpc-0main", "is_default": False,
               "ingress": [{"protocol": "udp", "from_port": 53, "to_port": 53, "cidrs": ["10.0.0.0/8"],
                            "ipv6_cidrs": ["fd00::/8"], "source_group_ids": []}],
               "egress": [{"protocol": "tcp", "from_port": 443, "to_port": 443, "cidrs": ["10.1.0.0/16"],
                           "ipv6_cidrs": [], "source_group_ids": []}]}, ["vpc-0main"]),
]


def synthetic_inventory() -> Inventory:
    return Inventory.load(SYNTHETIC)


def extended_inventory() -> Inventory:
    document = json.loads(SYNTHETIC.read_text(encoding="utf-8"))
    document["resources"].extend(EXTRA_RESOURCES)
    return Inventory.model_validate(document)


def gcp_plan(inventory: Inventory) -> Plan:
    return build_plan(inventory, "gcp")
